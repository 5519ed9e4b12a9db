// The public renderers (clearance/report.hpp, json.hpp, graph.hpp): thin
// wrappers that keep nlohmann and the compiled graph out of public headers.
#include <sstream>

#include "analysis/alternatives.hpp"
#include "api/policy_access.hpp"
#include "clearance/report.hpp"
#include "report/alternatives_render.hpp"
#include "report/decision_json.hpp"
#include "report/decision_text.hpp"
#include "report/diff_render.hpp"
#include "report/matrix_render.hpp"

namespace clearance {

std::string DecisionToJson(const Policy& policy, const Query& query, const Decision& decision, int indent) {
  return report::DecisionJson(policy, query, decision)
      .dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DecisionToText(const Policy& policy, const Query& query, const Decision& decision) {
  return report::DecisionText(policy, query, decision);
}

std::string AlternativesToText(const Policy& policy, const Query& query) {
  return report::AlternativesText(policy, analysis::FindAlternatives(policy, query));
}

std::string DecisionWithAlternativesToJson(const Policy& policy, const Query& query, const Decision& decision,
                                           int indent) {
  report::OrderedJson json = report::DecisionJson(policy, query, decision);
  report::AddAlternatives(json, policy, analysis::FindAlternatives(policy, query));
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DiffToText(const DiffReport& report, const Policy& old_policy, const Policy& new_policy) {
  return report::DiffText(report, old_policy, new_policy);
}

std::string DiffToMarkdown(const DiffReport& report, const Policy& old_policy, const Policy& new_policy) {
  return report::DiffMarkdown(report, old_policy, new_policy);
}

std::string DiffToHtml(const DiffReport& report, const Policy& old_policy, const Policy& new_policy) {
  return report::DiffHtml(report, old_policy, new_policy);
}

std::string DiffToJson(const DiffReport& report, int indent) {
  return report::DiffJson(report).dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DiffToCsv(const DiffReport& report) {
  std::ostringstream out;
  report::WriteDiffCsv(report, out);
  return std::move(out).str();
}

std::string MatrixToText(const Matrix& matrix) { return report::MatrixText(matrix); }
std::string MatrixToMarkdown(const Matrix& matrix) { return report::MatrixMarkdown(matrix); }
std::string MatrixToCsv(const Matrix& matrix) { return report::MatrixCsv(matrix); }
std::string MatrixToHtml(const Matrix& matrix) { return report::MatrixHtml(matrix); }
std::string MatrixToSvg(const Matrix& matrix) { return report::MatrixSvg(matrix); }

}  // namespace clearance
