// The public lint entry points (include/clearance/lint.hpp): compile the
// policy's decision graph and run the analysis; turn load failures into
// diagnostics.
#include <algorithm>

#include "analysis/lint.hpp"
#include "api/policy_access.hpp"
#include "clearance/lint.hpp"

namespace clearance {
namespace {

// A policy that is wrong is a finding (its diagnostics); a root that cannot
// be located or read, a limit or a bug is the caller's problem (exit 2).
Result<std::vector<Diagnostic>> LintLoaded(const Result<Policy>& loaded, const LintOptions& options) {
  if (loaded) return Lint(*loaded, options);
  if (loaded.error().kind() != ErrorKind::kBadInput) return loaded.error();
  return loaded.error().diagnostics();
}

}  // namespace

std::vector<Diagnostic> Lint(const Policy& policy, const LintOptions& options) {
  const internal::PolicyData& data = internal::DataOf(policy);
  return analysis::LintResolved(data.resolved, data.graph, data.sources, options.as_of);
}

Result<std::vector<Diagnostic>> LintPolicyFile(std::string_view path, const LintOptions& options,
                                               const LoadOptions& load) {
  return LintLoaded(LoadPolicy(path, load), options);
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
