// clearance matrix POLICY --rows DIM --cols DIM [--where DIM=VALUE]... [--date D]
//   [--fold-rows GROUP...] [--fold-cols GROUP...] [--fold] [--cell effect|outcome|rule] [--format ...]
#include "clearance/matrix.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "clearance/report.hpp"
#include "cli/common.hpp"
#include "cli/verbs.hpp"

namespace clearance::cli {
namespace {

struct MatrixFlags {
  std::string policy;
  std::string rows, cols;
  std::vector<std::string> where;
  std::string date;
  std::vector<std::string> fold_rows, fold_cols;
  bool fold = false;
  std::string cell = "effect";
  std::string format = "text";
  LoadFlags load;
};

Assignments ParseWhere(const std::vector<std::string>& where) {
  Assignments out;
  for (const std::string& w : where) {
    const auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{"error: --where: '" + w + "' is not DIM=VALUE"};
    out.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  return out;
}

FoldMode Mode(const std::vector<std::string>& groups, bool fold) {
  if (!groups.empty()) return FoldMode::kGroups;
  return fold ? FoldMode::kLossless : FoldMode::kNone;
}

int RunMatrix(const MatrixFlags& f) {
  MatrixOptions options;
  options.date = AsOfDate(f.date);
  options.rows = f.rows;
  options.cols = f.cols;
  options.where = ParseWhere(f.where);
  options.fold_rows = Mode(f.fold_rows, f.fold);
  options.fold_cols = Mode(f.fold_cols, f.fold);
  options.row_groups = f.fold_rows;
  options.col_groups = f.fold_cols;
  options.show = f.cell == "outcome" ? MatrixShow::kOutcome
                 : f.cell == "rule"  ? MatrixShow::kRule
                                     : MatrixShow::kEffect;
  const Policy policy = LoadOrFail(f.policy, f.load);
  const Result<Matrix> m = BuildMatrix(policy, options);
  if (!m) throw UsageError{"error: " + m.error().diagnostics().front().message};
  if (f.format == "markdown") {
    std::cout << MatrixToMarkdown(*m);
  } else if (f.format == "csv") {
    std::cout << MatrixToCsv(*m);
  } else if (f.format == "html") {
    std::cout << MatrixToHtml(*m);
  } else if (f.format == "svg") {
    std::cout << MatrixToSvg(*m);
  } else {
    std::cout << MatrixToText(*m);
  }
  return kPositive;
}

}  // namespace

VerbRunner AddMatrix(CLI::App& app) {
  auto flags = std::make_shared<MatrixFlags>();
  CLI::App* sub =
      app.add_subcommand("matrix", "A table of decisions: one dimension down, one across (exit 0)");
  sub->add_option("policy", flags->policy, "The policy's root file (or --compiled FILE)");
  sub->add_option("--rows", flags->rows, "The dimension down the table")->required();
  sub->add_option("--cols", flags->cols, "The dimension across the table")->required();
  sub->add_option(
      "--where", flags->where,
      "DIM=VALUE fixing another dimension (repeatable); others take their default. VALUE may be a "
      "group (or any): a cell then covers every member and shows what they share, or mixed");
  sub->add_option("--date", flags->date, "Decide as of this date YYYY-MM-DD (default: today, UTC)");
  sub->add_option(
      "--fold-rows", flags->fold_rows,
      "Fold these groups of the rows dimension into one row each (then the values in none of them); "
      "a folded cell shows the common effect, or mixed");
  sub->add_option("--fold-cols", flags->fold_cols, "The same for the columns");
  sub->add_flag(
      "--fold", flags->fold,
      "Fold rows and columns not folded by --fold-rows/--fold-cols into the largest groups whose values "
      "decide alike, so that no cell is mixed");
  sub->add_option(
         "--cell", flags->cell,
         "What a cell shows: effect (default), outcome (the decisive rules' outcomes, none without one) "
         "or rule (the decisive rule ids, default when no rule matched)")
      ->check(CLI::IsMember({"effect", "outcome", "rule"}));
  sub->add_option("--format", flags->format, "text (default), markdown, csv, html or svg")
      ->check(CLI::IsMember({"text", "markdown", "csv", "html", "svg"}));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunMatrix(*flags); };
}

}  // namespace clearance::cli
