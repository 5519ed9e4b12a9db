// clearance diff OLD NEW [--date D [--to-date D2] | --all-dates] [--by effect|outcome|decisive] [--format ...]
#include "clearance/diff.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "clearance/report.hpp"

namespace clearance::cli {
namespace {

struct DiffFlags {
  std::string old_path, new_path;
  std::string old_compiled, new_compiled;  // snapshots in their place
  std::string date, to_date;
  std::string by = "outcome";
  std::string format = "text";
  bool all_dates = false;
  LoadFlags load;
};

int RunDiff(const DiffFlags& f) {
  if (f.all_dates && !f.date.empty()) throw UsageError{"error: --all-dates and --date cannot be used together"};
  if (f.all_dates && !f.to_date.empty()) throw UsageError{"error: --all-dates and --to-date cannot be used together"};
  if (!f.to_date.empty() && f.date.empty()) throw UsageError{"error: --to-date needs --date (the old policy's date)"};
  DiffOptions options;
  options.all_dates = f.all_dates;
  options.date = AsOfDate(f.date);
  if (!f.to_date.empty()) options.to_date = AsOfDate(f.to_date, "--to-date");
  options.by = f.by == "decisive" ? DiffBy::kDecisive : f.by == "effect" ? DiffBy::kEffect : DiffBy::kOutcome;
  // With one snapshot flag, the one policy argument is the other side.
  std::string old_path = f.old_path, new_path = f.new_path;
  if (!f.old_compiled.empty() && f.new_compiled.empty() && new_path.empty()) std::swap(old_path, new_path);
  const Policy old_policy = LoadPathOrFail(PolicyPath(old_path, f.old_compiled, "old"), f.load);
  const Policy new_policy = LoadPathOrFail(PolicyPath(new_path, f.new_compiled, "new"), f.load);
  const Result<DiffReport> report = Diff(old_policy, new_policy, options);
  if (!report) {
    std::string text = report.error().ToString();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    throw UsageError{text};
  }
  if (f.format == "json") {
    std::cout << DiffToJson(*report, 2) << '\n';
  } else if (f.format == "csv") {
    std::cout << DiffToCsv(*report);
  } else if (f.format == "markdown") {
    std::cout << DiffToMarkdown(*report, old_policy, new_policy);
  } else if (f.format == "html") {
    std::cout << DiffToHtml(*report, old_policy, new_policy);
  } else {
    std::cout << DiffToText(*report, old_policy, new_policy);
  }
  return report->Differs() ? kNegative : kPositive;
}

}  // namespace

VerbRunner AddDiff(CLI::App& app) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* sub = app.add_subcommand(
      "diff",
      "Every query whose decision differs between two policies, as regions (exit 0 no change, 1 changes)");
  sub->add_option("old", flags->old_path, "The old policy's root file (or --old-compiled FILE)");
  sub->add_option("new", flags->new_path, "The new policy's root file (or --new-compiled FILE)");
  sub->add_option("--old-compiled", flags->old_compiled,
                  "Read the old policy from this compiled snapshot (`clearance compile`)");
  sub->add_option("--new-compiled", flags->new_compiled,
                  "Read the new policy from this compiled snapshot (`clearance compile`)");
  sub->add_option("--date", flags->date,
                  "Evaluate both policies on this date YYYY-MM-DD (default: today, UTC)");
  sub->add_option("--to-date", flags->to_date,
                  "Evaluate the new policy on this date instead (the old one stays on --date): "
                  "`diff P P --date D1 --to-date D2` shows what changes between two days");
  sub->add_flag("--all-dates", flags->all_dates,
               "Compare on every date: on each interval between the policies' effective/expires bounds "
               "(regions then carry a date range)");
  sub->add_option("--by", flags->by,
                  "outcome (default): a query changes when its effect, outcomes or obligations do; "
                  "effect: only its effect; decisive: also its decisive rules or their because, cite, "
                  "outcome, obligations or tags")
      ->check(CLI::IsMember({"effect", "outcome", "decisive"}));
  sub->add_option("--format", flags->format, "text (default), markdown, json, csv or html")
      ->check(CLI::IsMember({"text", "markdown", "json", "csv", "html"}));
  AddLoadFlags(*sub, flags->load, false);
  return [flags] { return RunDiff(*flags); };
}

}  // namespace clearance::cli
