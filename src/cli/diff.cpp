// clearance diff OLD NEW [--date D] [--to-date D2] [--by effect|decisive] [--format ...]
#include "clearance/diff.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "report/diff_render.hpp"

namespace clearance::cli {
namespace {

struct DiffFlags {
  std::string old_path, new_path;
  std::string date, to_date;
  std::string by = "effect";
  std::string format = "text";
  LoadFlags load;
};

int RunDiff(const DiffFlags& f) {
  DiffOptions options;
  options.date = AsOfDate(f.date);
  if (!f.to_date.empty()) options.to_date = AsOfDate(f.to_date, "--to-date");
  options.by = f.by == "decisive" ? DiffBy::kDecisive : DiffBy::kEffect;
  const Policy old_policy = LoadOrFail(f.old_path, f.load);
  const Policy new_policy = LoadOrFail(f.new_path, f.load);
  const Result<DiffReport> report = Diff(old_policy, new_policy, options);
  if (!report) {
    std::string text = report.error().ToString();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    throw UsageError{text};
  }
  if (f.format == "json") {
    std::cout << report::DiffJson(*report).dump(2) << '\n';
  } else if (f.format == "csv") {
    report::WriteDiffCsv(*report, std::cout);
  } else if (f.format == "markdown") {
    std::cout << report::DiffMarkdown(*report, old_policy, new_policy);
  } else if (f.format == "html") {
    std::cout << report::DiffHtml(*report, old_policy, new_policy);
  } else {
    std::cout << report::DiffText(*report, old_policy, new_policy);
  }
  return report->regions.empty() ? kPositive : kNegative;
}

}  // namespace

VerbRunner AddDiff(CLI::App& app) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* sub = app.add_subcommand(
      "diff",
      "Every query whose decision differs between two policies, as regions (exit 0 no change, 1 changes)");
  sub->add_option("old", flags->old_path, "The old policy's root file")->required();
  sub->add_option("new", flags->new_path, "The new policy's root file")->required();
  sub->add_option("--date", flags->date,
                  "Evaluate both policies on this date YYYY-MM-DD (default: today, UTC)");
  sub->add_option("--to-date", flags->to_date,
                  "Evaluate the new policy on this date instead (the old one stays on --date): "
                  "`diff P P --date D1 --to-date D2` shows what changes between two days");
  sub->add_option("--by", flags->by,
                  "effect (default): a query changes when its effect does; decisive: also when "
                  "its decisive rules do")
      ->check(CLI::IsMember({"effect", "decisive"}));
  sub->add_option("--format", flags->format, "text (default), markdown, json, csv or html")
      ->check(CLI::IsMember({"text", "markdown", "json", "csv", "html"}));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunDiff(*flags); };
}

}  // namespace clearance::cli
