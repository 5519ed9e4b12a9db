// clearance lint POLICY [--date D] [--format text|json|sarif] [--ignore CODE,...]
// [--severity error|warning]: the lint diagnostics on stdout, load errors
// included, and a summary line on stderr. Exit 0 no errors (warnings alone),
// 1 errors found (a policy that does not load), 2 usage errors and a root
// file that cannot be read.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "clearance/lint.hpp"

namespace clearance::cli {
namespace {

struct LintFlags {
  std::string policy;
  std::string date;
  std::string format = "text";
  std::vector<std::string> ignore;
  std::string severity = "warning";
  LoadFlags load;
};

void CheckCodes(const std::vector<std::string>& codes) {
  const std::vector<std::string> known = LintWarningCodes();
  for (const std::string& code : codes) {
    if (std::find(known.begin(), known.end(), code) == known.end()) {
      throw UsageError{"error: --ignore: '" + code + "' is not a lint warning code" + DidYouMean(code, known)};
    }
  }
}

int RunLint(const LintFlags& f) {
  LintOptions options;
  options.as_of = AsOfDate(f.date);
  CheckCodes(f.ignore);
  options.ignore = f.ignore;
  options.errors_only = f.severity == "error";
  const std::string path = PolicyPath(f.policy, f.load.compiled);
  Result<std::vector<Diagnostic>> found = LintPolicyFile(path, options, MakeLoadOptions(f.load));
  if (!found) {
    std::string text = found.error().ToString();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    throw UsageError{text};
  }
  if (f.format == "json") {
    std::cout << LintToJson(*found, 2) << '\n';
  } else if (f.format == "sarif") {
    std::cout << LintToSarif(*found) << '\n';
  } else {
    std::cout << LintToText(*found);
  }
  std::cout << std::flush;
  std::cerr << LintSummary(*found) << '\n';
  return HasErrors(*found) ? kNegative : kPositive;
}

}  // namespace

VerbRunner AddLint(CLI::App& app) {
  auto flags = std::make_shared<LintFlags>();
  CLI::App* sub = app.add_subcommand("lint", "Report policy mistakes and dead rules (exit 0 no errors, 1 errors)");
  sub->add_option("policy", flags->policy, "The policy's root file (or --compiled FILE)");
  sub->add_option("--date", flags->date, "As-of date YYYY-MM-DD for `expired` (default: today, UTC)");
  sub->add_option("--format", flags->format, "text, json or sarif (SARIF 2.1.0 for code-review tools)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  sub->add_option("--ignore", flags->ignore, "Warning codes not to report, e.g. --ignore unused,redundant")
      ->delimiter(',');
  sub->add_option("--severity", flags->severity, "The least severe finding to report: warning (all) or error")
      ->check(CLI::IsMember({"error", "warning"}));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunLint(*flags); };
}

}  // namespace clearance::cli
