// Lint diagnostics as the JSON of docs/language.md, as an nlohmann value for
// callers that embed it (the CLI, the C API).
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "clearance/diagnostic.hpp"

namespace clearance::report {

// {"diagnostics": [{"file", "line", "col", "severity", "code", "message",
// "rule"?, "group"?, "dimension"?}]}; a diagnostic placed in no file has
// "file": "" and line and col 0.
nlohmann::ordered_json LintJson(const std::vector<Diagnostic>& diagnostics);

}  // namespace clearance::report
