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

}  // namespace clearance
