#include "report/lint_json.hpp"

#include "clearance/lint.hpp"

namespace clearance::report {

nlohmann::ordered_json LintJson(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json item = {{"file", d.where.file},
                                   {"line", d.where.line},
                                   {"col", d.where.col},
                                   {"severity", d.severity == Severity::kError ? "error" : "warning"},
                                   {"code", d.code},
                                   {"message", d.message}};
    if (!d.rule.empty()) item["rule"] = d.rule;
    if (!d.group.empty()) item["group"] = d.group;
    if (!d.dimension.empty()) item["dimension"] = d.dimension;
    list.push_back(std::move(item));
  }
  return {{"diagnostics", std::move(list)}};
}

}  // namespace clearance::report

namespace clearance {

std::string LintToJson(const std::vector<Diagnostic>& diagnostics, int indent) {
  // Replace, not throw, on bytes that are not UTF-8: messages quote policy
  // text, which the loader has checked, but a caller may pass anything.
  return report::LintJson(diagnostics).dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace clearance
