// clearance batch POLICY [--input FILE] [--format jsonl|csv] [--trace [all]]
//                        [--date D] [--threads N]
// One output record per input line, in input order. Input is read in chunks
// that are decided in parallel and written before the next is read, so
// memory stays flat however long the input.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <thread>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "report/batch_input.hpp"
#include "report/batch_output.hpp"

namespace clearance::cli {
namespace {

constexpr std::size_t kChunkLines = 4096;

struct BatchFlags {
  std::string policy;
  std::string input;
  std::string format = "jsonl";
  std::string trace;  // "", "matching" or "all"
  std::string date;
  unsigned threads = 1;
  LoadFlags load;
};

struct Line {
  std::size_t number = 0;
  std::string text;
  std::string output;
  bool failed = false;
};

class BatchRun {
 public:
  BatchRun(const BatchFlags& flags, const Policy& policy, Date as_of)
      : flags_(flags), policy_(policy), as_of_(as_of),
        detail_(flags.trace == "all" ? TraceDetail::kAll : TraceDetail::kMatching) {}

  bool ReadHeader(std::istream& in, std::size_t& line_number);
  void Decide(Line& line) const;
  void WriteCsvHeader(std::ostream& out) const;

 private:
  report::BatchRecord Parse(const Line& line) const {
    return flags_.format == "csv" ? report::ParseCsvRow(header_, line.text) : report::ParseJsonLine(line.text);
  }
  std::string Error(const Line& line, const report::BatchRecord& record, const std::string& message) const;
  std::string Record(const Query& query, const report::BatchRecord& record, const Decision& d) const;

  const BatchFlags& flags_;
  const Policy& policy_;
  Date as_of_;
  TraceDetail detail_;
  std::vector<std::string> header_;
};

bool BatchRun::ReadHeader(std::istream& in, std::size_t& line_number) {
  std::string text;
  if (!std::getline(in, text)) return false;
  ++line_number;
  auto fields = report::SplitCsvLine(text);
  if (!fields) throw UsageError{"error: line 1: malformed CSV header"};
  header_ = *fields;
  return true;
}

void BatchRun::WriteCsvHeader(std::ostream& out) const {
  out << "line,id";
  for (const DimensionInfo& d : policy_.dimensions()) out << ',' << report::CsvField(d.name);
  out << ",date,effect,basis,decisive,outcomes,obligations,error\n";
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ";") + s;
  return report::CsvField(out);
}

std::string IdText(const nlohmann::ordered_json& id) {
  return id.is_null() ? "" : id.is_string() ? id.get<std::string>() : id.dump();
}

std::string BatchRun::Error(const Line& line, const report::BatchRecord& record, const std::string& message) const {
  if (flags_.format == "csv") {
    std::string out = std::to_string(line.number) + ',' + report::CsvField(IdText(record.id));
    for (std::size_t d = 0; d < policy_.dimensions().size(); ++d) out += ',';
    return out + ",,,,,," + report::CsvField(message);
  }
  return report::BatchErrorLine(line.number, record.id, message);
}

std::string BatchRun::Record(const Query& query, const report::BatchRecord& record, const Decision& d) const {
  if (flags_.format == "csv") {
    std::string out = report::CsvField(IdText(record.id));
    const auto& dims = policy_.dimensions();
    for (std::size_t i = 0; i < dims.size(); ++i) out += ',' + report::CsvField(dims[i].values[query.values[i]]);
    out += ',' + query.date.ToString() + ',' + std::string(ToString(d.effect)) + ',' +
           std::string(ToString(d.basis)) + ',' + Joined(d.decisive) + ',' + Joined(d.outcomes) + ',' +
           Joined(d.obligations) + ',';
    return out;
  }
  return report::BatchDecisionLine(policy_, query, record.id, d);
}

void BatchRun::Decide(Line& line) const {
  const report::BatchRecord record = Parse(line);
  if (!record.error.empty()) {
    line.output = Error(line, record, record.error);
    line.failed = true;
    return;
  }
  Result<Query> query = policy_.MakeQuery(record.assignments, as_of_, record.date);
  if (!query) {
    line.output = Error(line, record, query.error().diagnostics().front().message);
    line.failed = true;
    return;
  }
  line.output = Record(*query, record, policy_.Explain(*query, detail_));
  if (flags_.format == "csv") line.output = std::to_string(line.number) + ',' + line.output;
}

void DecideChunk(const BatchRun& run, std::vector<Line>& chunk, unsigned threads) {
  if (threads <= 1 || chunk.size() < 64) {
    for (Line& line : chunk) run.Decide(line);
    return;
  }
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t; i < chunk.size(); i += threads) run.Decide(chunk[i]);
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
  BatchRun run(f, policy, as_of);
  std::size_t line_number = 0;
  if (f.format == "csv") {
    if (!run.ReadHeader(in, line_number)) return kPositive;
    run.WriteCsvHeader(std::cout);
  }
  bool any_failed = false;
  std::vector<Line> chunk;
  for (bool more = true; more;) {
    chunk.clear();
    std::string text;
    while (chunk.size() < kChunkLines && (more = static_cast<bool>(std::getline(in, text)))) {
      chunk.push_back({++line_number, std::move(text), {}, false});
    }
    DecideChunk(run, chunk, f.threads);
    for (const Line& line : chunk) {
      std::cout << line.output << '\n';
      any_failed |= line.failed;
    }
  }
  std::cout.flush();
  return any_failed ? kNegative : kPositive;
}

}  // namespace

VerbRunner AddBatch(CLI::App& app) {
  auto flags = std::make_shared<BatchFlags>();
  CLI::App* sub = app.add_subcommand("batch", "Decide one query per input line, in order (exit 1 if a line failed)");
  sub->add_option("policy", flags->policy, "The policy's root file")->required();
  sub->add_option("--input", flags->input, "Input file (default: standard input)");
  sub->add_option("--format", flags->format, "jsonl or csv, for input and output")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  sub->add_option("--trace", flags->trace, "Trace detail: matching (the default) or all")
      ->expected(0, 1)
      ->default_str("matching")
      ->check(CLI::IsMember({"matching", "all", ""}));
  sub->add_option("--date", flags->date, "As-of date for lines without a date (default: today, UTC)");
  sub->add_option("--threads", flags->threads, "Worker threads")->check(CLI::Range(1u, 256u));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunBatch(*flags); };
}

}  // namespace clearance::cli
