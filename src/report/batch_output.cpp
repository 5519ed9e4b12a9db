#include "report/batch_output.hpp"

#include "report/decision_json.hpp"

namespace clearance::report {

std::string BatchDecisionLine(const Policy& policy, const Query& query, const nlohmann::ordered_json& id,
                              const Decision& decision, bool with_trace) {
  OrderedJson json = DecisionJson(policy, query, decision);
  if (!with_trace) json.erase("trace");
  if (!id.is_null()) {
    OrderedJson with_id = {{"id", id}};
    for (auto& [key, value] : json.items()) with_id[key] = std::move(value);  // json is replaced next
    json = std::move(with_id);
  }
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string BatchErrorLine(std::size_t line, const nlohmann::ordered_json& id, std::string_view message) {
  const OrderedJson json = {{"line", line}, {"id", id}, {"error", message}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace clearance::report
