// clearance batch POLICY [--input FILE] [--format jsonl|csv]
//                        [--trace none|matching|all] [--date D] [--threads N]
//                        [--rule-texts inline|header] [--relative-sources]
//                        [--keep-columns COL,...]
// One output record per input line, in input order. Input is read in chunks
// that are decided in parallel and written before the next is read, so
// memory stays flat however long the input.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "clearance/batch.hpp"
#include "cli/common.hpp"
#include "cli/verbs.hpp"

namespace clearance::cli {
namespace {

constexpr std::size_t kChunkLines = 4096;

struct BatchFlags {
  std::string policy;
  std::string input;
  std::string format = "jsonl";
  std::string trace = "matching";
  std::string rule_texts = "inline";
  bool relative_sources = false;
  std::vector<std::string> keep_columns;
  std::string date;
  unsigned threads = 1;
  LoadFlags load;
};

struct Line {
  std::size_t number = 0;
  std::string text;
  BatchRecord record;
};

void DecideChunk(const BatchDecider& batch, std::vector<Line>& chunk, unsigned threads) {
  if (threads <= 1 || chunk.size() < 64) {
    for (Line& line : chunk) line.record = batch.Decide(line.number, line.text);
    return;
  }
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t; i < chunk.size(); i += threads) chunk[i].record = batch.Decide(chunk[i].number, chunk[i].text);
    });
  }
}

int RunBatch(const BatchFlags& f) {
  const Date as_of = AsOfDate(f.date);
  const Policy policy = LoadOrFail(f.policy, f.load);
  std::ifstream file;
  if (!f.input.empty() && f.input != "-") {
    file.open(f.input, std::ios::binary);
    if (!file) throw UsageError{"error: --input: cannot read '" + f.input + "'"};
  }
  std::istream& in = file.is_open() ? file : std::cin;
  BatchOptions options;
  options.format = f.format == "csv" ? BatchFormat::kCsv : BatchFormat::kJsonl;
  options.detail = f.trace == "all" ? TraceDetail::kAll : TraceDetail::kMatching;
  options.trace = f.trace != "none";
  options.as_of = as_of;
  options.rule_texts_in_header = f.rule_texts == "header";
  if (f.relative_sources) options.source_base = std::filesystem::path(f.policy).parent_path().string();
  if (options.source_base.empty() && f.relative_sources) options.source_base = ".";
  options.keep_columns = f.keep_columns;
  BatchDecider batch(policy, options);
  if (const std::string header = batch.HeaderRecord(); !header.empty()) std::cout << header << '\n';
  std::size_t line_number = 0;
  if (f.format == "csv") {
    std::string text;
    if (!std::getline(in, text)) return kPositive;
    ++line_number;
    Result<std::string> header = batch.ReadCsvHeader(text);
    if (!header) {
      const std::string input = file.is_open() ? f.input : "<stdin>";
      throw UsageError{"error: " + input + ": " + header.error().diagnostics().front().message};
    }
    std::cout << *header << '\n';
  }
  bool any_failed = false;
  std::vector<Line> chunk;
  for (bool more = true; more;) {
    chunk.clear();
    std::string text;
    while (chunk.size() < kChunkLines && (more = static_cast<bool>(std::getline(in, text)))) {
      chunk.push_back({++line_number, std::move(text), {}});
    }
    DecideChunk(batch, chunk, f.threads);
    for (const Line& line : chunk) {
      std::cout << line.record.output << '\n';
      any_failed |= line.record.failed;
    }
  }
  std::cout.flush();
  return any_failed ? kNegative : kPositive;
}

}  // namespace

VerbRunner AddBatch(CLI::App& app) {
  auto flags = std::make_shared<BatchFlags>();
  CLI::App* sub = app.add_subcommand("batch", "Decide one query per input line, in order (exit 1 if a line failed)");
  sub->add_option("policy", flags->policy, "The policy's root file (or --compiled FILE)");
  sub->add_option("--input", flags->input, "Input file (default: standard input)");
  sub->add_option("--format", flags->format, "jsonl or csv, for input and output")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  sub->add_option("--trace", flags->trace,
                  "JSONL trace: none (no \"trace\"), matching (the matching rules; the default) or all")
      ->check(CLI::IsMember({"none", "matching", "all"}));
  sub->add_option("--rule-texts", flags->rule_texts,
                  "JSONL: inline (each trace entry carries its rule's because/cite; the default) or header "
                  "(a first line {\"rules\": ...} carries them once)")
      ->check(CLI::IsMember({"inline", "header"}));
  sub->add_flag("--relative-sources", flags->relative_sources,
                "Write trace sources relative to the policy's folder");
  sub->add_option("--keep-columns", flags->keep_columns,
                  "Input columns (CSV) or keys (JSONL) to copy to the output, comma-separated")
      ->delimiter(',');
  sub->add_option("--date", flags->date, "As-of date for lines without a date (default: today, UTC)");
  sub->add_option("--threads", flags->threads, "Worker threads")->check(CLI::Range(1u, 256u));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunBatch(*flags); };
}

}  // namespace clearance::cli
