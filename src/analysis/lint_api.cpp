// The public lint entry points (include/clearance/lint.hpp): compile the
// policy's decision graph and run the analysis; turn load failures into
// diagnostics.
#include <algorithm>

#include "analysis/lint.hpp"
#include "api/policy_access.hpp"
#include "base/lint_codes.hpp"
#include "clearance/lint.hpp"
#include "clearance/snapshot.hpp"

namespace clearance {
namespace {

// The options' filters, after the in-place silencing the analysis did.
std::vector<Diagnostic> Filtered(std::vector<Diagnostic> diagnostics, const LintOptions& options) {
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    if (d.severity == Severity::kError) return false;
    return options.errors_only ||
           std::find(options.ignore.begin(), options.ignore.end(), d.code) != options.ignore.end();
  });
  return diagnostics;
}

// A policy that is wrong is a finding (its diagnostics); a root that cannot
// be located or read, a limit or a bug is the caller's problem (exit 2).
Result<std::vector<Diagnostic>> LintLoaded(const Result<Policy>& loaded, const LintOptions& options) {
  if (loaded) return Lint(*loaded, options);
  if (loaded.error().kind() != ErrorKind::kBadInput) return loaded.error();
  return Filtered(loaded.error().diagnostics(), options);
}

}  // namespace

std::vector<Diagnostic> Lint(const Policy& policy, const LintOptions& options) {
  const internal::PolicyData& data = internal::DataOf(policy);
  return Filtered(analysis::LintResolved(data.resolved, data.graph, data.sources, options.as_of), options);
}

std::vector<std::string> LintWarningCodes() { return {kLintWarningCodes.begin(), kLintWarningCodes.end()}; }

Result<std::vector<Diagnostic>> LintPolicyFile(std::string_view path, const LintOptions& options,
                                               const LoadOptions& load) {
  return LintLoaded(LoadPolicyOrCompiled(path, load), options);
}

Result<std::vector<Diagnostic>> LintPolicyString(std::string_view name, std::string_view yaml,
                                                 const LintOptions& options, const LoadOptions& load) {
  return LintLoaded(LoadPolicyFromString(name, yaml, load), options);
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace clearance
