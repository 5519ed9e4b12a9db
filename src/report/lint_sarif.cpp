// Lint diagnostics as SARIF 2.1.0, the format code-review tools (GitHub code
// scanning, VS Code's SARIF viewer, ...) read to show findings inline.
#include <nlohmann/json.hpp>

#include <map>

#include "clearance/lint.hpp"
#include "clearance/version.hpp"

namespace clearance {
namespace {

using nlohmann::ordered_json;

const char* Level(Severity severity) { return severity == Severity::kError ? "error" : "warning"; }

ordered_json SarifResult(const Diagnostic& d, std::size_t rule_index) {
  ordered_json region = {{"startLine", std::max(d.where.line, 1)}, {"startColumn", std::max(d.where.col, 1)}};
  ordered_json location = {
      {"physicalLocation", {{"artifactLocation", {{"uri", d.where.file}}}, {"region", std::move(region)}}}};
  ordered_json result = {{"ruleId", d.code},
                         {"ruleIndex", rule_index},
                         {"level", Level(d.severity)},
                         {"message", {{"text", d.message}}},
                         {"locations", ordered_json::array({std::move(location)})}};
  ordered_json subjects = ordered_json::object();
  if (!d.rule.empty()) subjects["rule"] = d.rule;
  if (!d.group.empty()) subjects["group"] = d.group;
  if (!d.dimension.empty()) subjects["dimension"] = d.dimension;
  if (!subjects.empty()) result["properties"] = std::move(subjects);
  return result;
}

}  // namespace

std::string LintToSarif(const std::vector<Diagnostic>& diagnostics, int indent) {
  std::map<std::string, std::size_t> rule_index;  // code -> index in `rules`, first seen first
  ordered_json rules = ordered_json::array();
  ordered_json results = ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    auto [it, fresh] = rule_index.try_emplace(d.code, rules.size());
    if (fresh) {
      rules.push_back({{"id", d.code},
                       {"defaultConfiguration", {{"level", Level(d.severity)}}},
                       {"helpUri", "docs/cli.md#lint"}});
    }
    results.push_back(SarifResult(d, it->second));
  }
  ordered_json driver = {{"name", "clearance"},
                         {"version", std::string(LibraryVersion())},
                         {"informationUri", "docs/cli.md#lint"},
                         {"rules", std::move(rules)}};
  ordered_json run = {{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}};
  const ordered_json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                              {"version", "2.1.0"},
                              {"runs", ordered_json::array({std::move(run)})}};
  return sarif.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace clearance
