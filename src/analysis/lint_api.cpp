// The public lint entry points (include/clearance/lint.hpp): compile the
// policy's decision graph and run the analysis; turn load failures into
// diagnostics.
#include <algorithm>

#include "analysis/lint.hpp"
#include "api/policy_access.hpp"
#include "clearance/lint.hpp"

namespace clearance {
namespace {

// A load that failed before any file was read has no diagnostic placed in
// a file: the root could not be located or read, which is the caller's
// problem (exit 2), not a finding about the policy.
Result<std::vector<Diagnostic>> LintLoaded(const Result<Policy>& loaded, const LintOptions& options) {
  if (loaded) return Lint(*loaded, options);
  const std::vector<Diagnostic>& diagnostics = loaded.error().diagnostics();
  const bool in_a_file = std::any_of(diagnostics.begin(), diagnostics.end(),
                                     [](const Diagnostic& d) { return !d.where.file.empty(); });
  if (!in_a_file) return loaded.error();
  return diagnostics;
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
