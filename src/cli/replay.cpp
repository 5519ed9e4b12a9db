// clearance replay LOG POLICY [--by effect|outcome|decisive] [--format text|json|csv|html]
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "clearance/replay.hpp"

namespace clearance::cli {
namespace {

struct ReplayFlags {
  std::string log_path, policy_path;
  std::string by = "outcome";
  std::string format = "text";
  LoadFlags load;
};

std::string ReadLog(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"error: " + path + ": cannot read the log"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw UsageError{"error: " + path + ": cannot read the log"};
  return text.str();
}

int RunReplay(const ReplayFlags& f) {
  const Policy policy = LoadOrFail(f.policy_path, f.load);
  const std::string log = f.log_path == "-" ? [] {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }()
                                            : ReadLog(f.log_path);
  ReplayOptions options;
  options.by = f.by == "decisive" ? DiffBy::kDecisive : f.by == "effect" ? DiffBy::kEffect : DiffBy::kOutcome;
  options.format = f.format == "json"   ? ReplayFormat::kJson
                   : f.format == "csv"  ? ReplayFormat::kCsv
                   : f.format == "html" ? ReplayFormat::kHtml
                                        : ReplayFormat::kText;
  options.log_name = f.log_path;
  const ReplayResult result = ReplayLog(log, policy, options);
  std::cout << result.output;
  return result.differs ? kNegative : kPositive;
}

}  // namespace

VerbRunner AddReplay(CLI::App& app) {
  auto flags = std::make_shared<ReplayFlags>();
  CLI::App* sub = app.add_subcommand(
      "replay",
      "Decide recorded decisions (batch/check JSON lines) again under POLICY, each on its recorded date, and "
      "report which would change (exit 0 none, 1 some change or undecidable record)");
  sub->add_option("log", flags->log_path, "The decision log: JSON lines as `batch` writes them ('-': stdin)")
      ->required();
  sub->add_option("policy", flags->policy_path, "The policy's root file (or --compiled FILE)");
  sub->add_option("--by", flags->by,
                  "outcome (default): a decision changes when its effect, outcomes or obligations do; "
                  "effect: only its effect; decisive: also its decisive rule ids")
      ->check(CLI::IsMember({"effect", "outcome", "decisive"}));
  sub->add_option("--format", flags->format, "text (default), json, csv or html")
      ->check(CLI::IsMember({"text", "json", "csv", "html"}));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunReplay(*flags); };
}

}  // namespace clearance::cli
