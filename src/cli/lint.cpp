// clearance lint POLICY [--date D] [--format text|json]: the diagnostics of
// CLI.md "Lint diagnostics" on stdout, load errors included (DSL.md §9).
// Exit 0 no errors (warnings alone), 1 errors found (a policy that does not
// load), 2 usage errors and a root file that cannot be read.
#include <CLI/CLI.hpp>

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
  LoadFlags load;
};

int RunLint(const LintFlags& f) {
  LintOptions options;
  options.as_of = AsOfDate(f.date);
  LoadOptions load;
  load.resolver = MakeFileResolver({f.load.root, f.load.allow_absolute});
  Result<std::vector<Diagnostic>> found = LintPolicyFile(f.policy, options, load);
  if (!found) {
    std::string text = found.error().ToString();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    throw UsageError{text};
  }
  if (f.format == "json") {
    std::cout << LintToJson(*found, 2) << '\n';
  } else {
    std::cout << LintToText(*found);
  }
  std::cout << std::flush;
  return HasErrors(*found) ? kNegative : kPositive;
}

}  // namespace

VerbRunner AddLint(CLI::App& app) {
  auto flags = std::make_shared<LintFlags>();
  CLI::App* sub = app.add_subcommand("lint", "Report policy mistakes and dead rules (exit 0 no errors, 1 errors)");
  sub->add_option("policy", flags->policy, "The policy's root file")->required();
  sub->add_option("--date", flags->date, "As-of date YYYY-MM-DD for `expired` (default: today, UTC)");
  sub->add_option("--format", flags->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddLoadFlags(*sub, flags->load);
  return [flags] { return RunLint(*flags); };
}

}  // namespace clearance::cli
