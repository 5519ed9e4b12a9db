#include "capi/query_json.hpp"

#include "analysis/alternatives.hpp"
#include "io/alternatives_render.hpp"
#include "io/batch_input.hpp"

namespace clearance::capi {

Result<io::OrderedJson> DecideQueryJson(const Policy& policy, std::string_view query_json, Date as_of,
                                        bool alternatives) {
  const io::BatchRecord record = io::ParseJsonLine(query_json);
  if (!record.error.empty()) return Error::Message(record.error, "query");
  Result<Query> query = policy.MakeQuery(record.assignments, as_of, record.date);
  if (!query) return query.error();
  io::OrderedJson decision = io::DecisionJson(policy, *query, policy.Explain(*query, TraceDetail::kMatching));
  if (alternatives) io::AddAlternatives(decision, policy, analysis::FindAlternatives(policy, *query));
  if (record.id.is_null()) return decision;
  // The id leads, as in a batch output line.
  io::OrderedJson with_id = {{"id", record.id}};
  for (auto& [key, value] : decision.items()) with_id[key] = std::move(value);
  return with_id;
}

}  // namespace clearance::capi
