#include "capi/query_json.hpp"

#include "report/batch_input.hpp"

namespace clearance::capi {

Result<report::OrderedJson> DecideQueryJson(const Policy& policy, std::string_view query_json, Date as_of) {
  const report::BatchRecord record = report::ParseJsonLine(query_json);
  if (!record.error.empty()) return Error::Message(record.error, "query");
  Result<Query> query = policy.MakeQuery(record.assignments, as_of, record.date);
  if (!query) return query.error();
  report::OrderedJson decision = report::DecisionJson(policy, *query, policy.Explain(*query, TraceDetail::kMatching));
  if (record.id.is_null()) return decision;
  // The id leads, as in a batch output line.
  report::OrderedJson with_id = {{"id", record.id}};
  for (auto& [key, value] : decision.items()) with_id[key] = std::move(value);
  return with_id;
}

}  // namespace clearance::capi
