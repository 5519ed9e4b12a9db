// Lint: what a policy author should look at before a policy ships
// (docs/language.md section 15, "Lint").
//
//   clearance::LintOptions options;
//   options.as_of = *clearance::Date::Parse("2026-07-30");
//   auto found = clearance::LintPolicyFile("rules/frontier-2026/base.yaml", options);
//   if (!found) { std::cerr << found.error().ToString(); return 2; }  // unreadable root
//   for (const clearance::Diagnostic& d : *found) std::cout << d.ToString() << '\n';
//   return clearance::HasErrors(*found) ? 1 : 0;
//
// Rule findings (`never-matches`, `never-decisive`, `redundant`) are exact
// over every query and every date: they are read off the compiled decision
// graph, whose terminals are exactly the sets of rules that match together.
// Every function here may be called from any number of threads at once
// (LintPolicyFile/String use LoadOptions::resolver as LoadPolicy does).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clearance/date.hpp"
#include "clearance/diagnostic.hpp"
#include "clearance/policy.hpp"

namespace clearance {

struct LintOptions {
  // `expired` warns for rules whose `expires` is on or before this date.
  Date as_of = Date::TodayUtc();
  // Warning codes not to report (see LintWarningCodes()). A rule or group
  // may also silence codes for itself with `lint: {ignore: [CODE, ...]}`.
  std::vector<std::string> ignore;
  // Report errors only, no warnings.
  bool errors_only = false;
};

// The warning codes, in the order of the table in docs/cli.md:
// never-matches, never-decisive, redundant, expired, empty-group, unused.
std::vector<std::string> LintWarningCodes();

// The findings on a loaded policy, warnings only unless the policy is too
// large to compile (then that error). Each diagnostic names the rule (at its
// `id`), or the group and dimension (at the group's name); `expired` points
// at the `expires` date. Sorted by file (load order), line, column, code.
std::vector<Diagnostic> Lint(const Policy& policy, const LintOptions& options = {});

// Loads the policy (or the compiled snapshot, LoadPolicyOrCompiled) and lints it. A policy that fails to load yields its load
// diagnostics (errors: `cycle`, `unknown-name`, `duplicate`, `conflict`
// under strict, ...), as the loader reported them. The result is an Error
// only when the root file itself cannot be located or read.
Result<std::vector<Diagnostic>> LintPolicyFile(std::string_view path, const LintOptions& options = {},
                                               const LoadOptions& load = {});
// The same for a root file given as text (`name` stands for it).
Result<std::vector<Diagnostic>> LintPolicyString(std::string_view name, std::string_view yaml,
                                                 const LintOptions& options = {}, const LoadOptions& load = {});

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// "FILE:LINE:COL: error|warning: MESSAGE [code]", one line each.
std::string LintToText(const std::vector<Diagnostic>& diagnostics);
// {"diagnostics": [{"file", "line", "col", "severity", "code", "message",
// "rule"?, "group"?, "dimension"?}]}; indent < 0: one line, no newline.
std::string LintToJson(const std::vector<Diagnostic>& diagnostics, int indent = -1);
// SARIF 2.1.0 (one run of the tool "clearance", a rule per code, a result
// per diagnostic with its physical location), for code-review tools.
std::string LintToSarif(const std::vector<Diagnostic>& diagnostics, int indent = 2);
// "lint: 2 errors, 13 warnings" ("lint: no problems" when empty).
std::string LintSummary(const std::vector<Diagnostic>& diagnostics);

}  // namespace clearance
