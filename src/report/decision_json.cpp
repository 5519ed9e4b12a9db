#include "report/decision_json.hpp"

#include "clearance/json.hpp"

namespace clearance::report {

OrderedJson QueryJson(const Policy& policy, const Query& query) {
  OrderedJson out = OrderedJson::object();
  const auto& dims = policy.dimensions();
  for (std::size_t d = 0; d < dims.size(); ++d) out[dims[d].name] = dims[d].values[query.values[d]];
  out["date"] = query.date.ToString();
  return out;
}

OrderedJson TraceEntryJson(const TraceEntry& e) {
  OrderedJson out = {{"rule", e.rule}, {"effect", ToString(e.effect)}, {"status", ToString(e.status)}};
  if (e.status == RuleStatus::kOverridden) out["overridden_by"] = e.overridden_by;
  if (e.status == RuleStatus::kDecisive || e.status == RuleStatus::kOverridden ||
      e.status == RuleStatus::kOutvoted) {
    OrderedJson why = OrderedJson::array();
    for (const Reason& r : e.why) why.push_back(r.test);
    out["why"] = std::move(why);
  }
  if (!e.detail.empty()) out["detail"] = e.detail;
  out["source"] = e.source;
  if (!e.because.empty()) out["because"] = e.because;
  if (!e.cite.empty()) out["cite"] = e.cite;
  return out;
}

OrderedJson PolicyRefJson(const Policy& policy) {
  return {{"name", policy.name()}, {"digest", policy.digest()}};
}

OrderedJson DecisionJson(const Policy& policy, const Query& query, const Decision& d) {
  OrderedJson out = OrderedJson::object();
  if (!query.id.empty()) out["id"] = query.id;
  out["query"] = QueryJson(policy, query);
  out["effect"] = ToString(d.effect);
  out["basis"] = ToString(d.basis);
  out["decisive"] = d.decisive;
  out["outcomes"] = d.outcomes;
  out["obligations"] = d.obligations;
  OrderedJson trace = OrderedJson::array();
  for (const TraceEntry& e : d.trace) trace.push_back(TraceEntryJson(e));
  out["trace"] = std::move(trace);
  out["policy"] = PolicyRefJson(policy);
  return out;
}

}  // namespace clearance::report
