// Lint diagnostics as text: exactly one "FILE:LINE:COL: SEVERITY: MESSAGE
// [code]" line each, with no caret lines, so that the output can be read by
// tools that expect that format (editors, CI annotations).
#include "clearance/lint.hpp"

namespace clearance {

std::string LintToText(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += d.ToString();
    out += '\n';
  }
  return out;
}

std::string LintSummary(const std::vector<Diagnostic>& diagnostics) {
  std::size_t errors = 0;
  for (const Diagnostic& d : diagnostics) errors += d.severity == Severity::kError;
  const std::size_t warnings = diagnostics.size() - errors;
  if (diagnostics.empty()) return "lint: no problems";
  const auto count = [](std::size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  return "lint: " + count(errors, "error") + ", " + count(warnings, "warning");
}

}  // namespace clearance
