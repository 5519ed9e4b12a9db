#include "report/batch_line.hpp"

#include <algorithm>

#include "report/decision_json.hpp"
#include "report/json_text.hpp"

namespace clearance::report {
namespace {

std::string Dump(const OrderedJson& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AdjustTrace(const Policy& policy, const LineOptions& options, OrderedJson& trace) {
  for (OrderedJson& entry : trace) {
    if (!options.sources.empty()) {
      const auto r = policy.FindRule(entry["rule"].get_ref<const std::string&>());
      if (r) entry["source"] = options.sources[*r];
    }
    if (options.rule_texts_in_header) {
      entry.erase("because");
      entry.erase("cite");
    }
  }
}

OrderedJson KeptColumns(const LineOptions& options, const BatchRecord& record) {
  OrderedJson kept = OrderedJson::object();
  for (const std::string& name : options.keep) {
    const auto it = record.kept.is_object() ? record.kept.find(name) : record.kept.end();
    kept[name] = it == record.kept.end() ? OrderedJson() : *it;
  }
  return kept;
}

}  // namespace

Result<Query> RecordQuery(const Policy& policy, const BatchRecord& record, Date as_of) {
  Result<Query> query = policy.MakeQuery(record.assignments, as_of);
  if (!query || record.date.empty()) return query;
  Result<Date> date = ParseQueryDate(record.date);
  if (!date) return date.error();
  query->date = *date;
  return query;
}

OrderedJson ReferenceDecisionJson(const Policy& policy, const LineOptions& options, const Query& query,
                                  const Decision& decision, const BatchRecord& record) {
  OrderedJson json = DecisionJson(policy, query, decision);
  if (options.trace) {
    AdjustTrace(policy, options, json["trace"]);
  } else {
    json.erase("trace");
  }
  if (record.id.is_null() && options.keep.empty()) return json;
  OrderedJson out = OrderedJson::object();
  if (!record.id.is_null()) out["id"] = record.id;
  if (!options.keep.empty()) out["columns"] = KeptColumns(options, record);
  for (auto& [key, value] : json.items()) out[key] = std::move(value);
  return out;
}

clearance::BatchRecord ReferenceJsonlLine(const Policy& policy, const LineOptions& options, std::size_t number,
                               std::string_view line) {
  const BatchRecord record = ParseJsonLine(line, options.keep);
  auto failure = [&](const std::string& message, bool malformed) {
    clearance::BatchRecord failed{.failed = true, .malformed = malformed, .error = message};
    failed.output = Dump(OrderedJson{{"line", number}, {"id", record.id}, {"error", message}});
    return failed;
  };
  if (!record.error.empty()) return failure(record.error, record.malformed);
  Result<Query> query = RecordQuery(policy, record, options.as_of);
  if (!query) return failure(query.error().diagnostics().front().message, false);
  const Decision d = policy.Explain(*query, options.detail);
  return {.output = Dump(ReferenceDecisionJson(policy, options, *query, d, record)), .effect = d.effect};
}

FastJsonl::FastJsonl(const Policy& policy, const LineOptions& options) : policy_(policy), options_(options) {
  for (const DimensionInfo& d : policy.dimensions()) {
    dimension_keys_.push_back(JsonString(d.name) + ':');
    std::vector<std::string>& values = values_.emplace_back();
    for (const std::string& v : d.values) values.push_back(JsonString(v));
  }
  const auto& rules = policy.rules();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const RuleInfo& info = rules[r];
    RuleText& text = rules_.emplace_back();
    text.id = JsonString(info.id);
    text.head = "{\"rule\":" + text.id + ",\"effect\":\"" + std::string(ToString(info.effect)) + "\",\"status\":\"";
    text.tail = ",\"source\":" + JsonString(options.sources[r]);
    if (!options.rule_texts_in_header && !info.because.empty()) text.tail += ",\"because\":" + JsonString(info.because);
    if (!options.rule_texts_in_header && !info.cite.empty()) text.tail += ",\"cite\":" + JsonString(info.cite);
    text.tail += '}';
    if (!info.outcome.empty()) text.outcome = JsonString(info.outcome);
    for (const std::string& o : info.obligations) text.obligations.push_back(JsonString(o));
  }
  policy_tail_ = "\"policy\":" + Dump(PolicyRefJson(policy)) + '}';
}

namespace {

void AppendOnce(std::vector<std::string_view>& list, std::string_view item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

void AppendList(std::string& out, const std::vector<std::string_view>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += items[i];
  }
  out += ']';
}

}  // namespace

void FastJsonl::WriteDecisive(const Verdict& verdict, std::string& out) const {
  thread_local std::vector<std::string_view> outcomes, obligations;
  outcomes.clear();
  obligations.clear();
  out += "\"decisive\":[";
  for (std::size_t i = 0; i < verdict.decisive.size(); ++i) {
    const RuleText& rule = rules_[verdict.decisive[i]];
    if (i > 0) out += ',';
    out += rule.id;
    AppendOnce(outcomes, rule.outcome);
    for (const std::string& o : rule.obligations) AppendOnce(obligations, o);
  }
  out += "],\"outcomes\":";
  AppendList(out, outcomes);
  out += ",\"obligations\":";
  AppendList(out, obligations);
  out += ',';
}

void FastJsonl::WriteTrace(const Decision& d, std::string& out) const {
  out += "\"decisive\":";
  AppendJsonStrings(out, d.decisive);
  out += ",\"outcomes\":";
  AppendJsonStrings(out, d.outcomes);
  out += ",\"obligations\":";
  AppendJsonStrings(out, d.obligations);
  out += ",\"trace\":[";
  for (std::size_t i = 0; i < d.trace.size(); ++i) {
    const TraceEntry& e = d.trace[i];
    const auto r = policy_.FindRule(e.rule);
    const RuleText& rule = rules_[*r];
    if (i > 0) out += ',';
    out += rule.head;
    out += ToString(e.status);
    out += '"';
    if (e.status == RuleStatus::kOverridden) {
      out += ",\"overridden_by\":";
      AppendJsonStrings(out, e.overridden_by);
    }
    if (e.status == RuleStatus::kDecisive || e.status == RuleStatus::kOverridden ||
        e.status == RuleStatus::kOutvoted) {
      out += ",\"why\":[";
      for (std::size_t k = 0; k < e.why.size(); ++k) {
        if (k > 0) out += ',';
        AppendJsonString(out, e.why[k].test);
      }
      out += ']';
    }
    if (!e.detail.empty()) {
      out += ",\"detail\":";
      AppendJsonString(out, e.detail);
    }
    out += rule.tail;
  }
  out += "],";
}

bool FastJsonl::TryDecide(std::string_view line, std::string& out, Effect& effect) const {
  if (!options_.keep.empty()) return false;
  thread_local std::vector<FlatField> fields;
  thread_local std::vector<NameValue> names;
  thread_local Query query;
  if (!ScanFlatObject(line, fields)) return false;
  names.clear();
  std::string_view id, date;
  bool id_is_string = false, has_id = false, has_date = false;
  for (const FlatField& f : fields) {
    if (f.key == "id") {
      if (has_id) return false;
      has_id = true;
      id = f.raw;
      id_is_string = f.is_string;
    } else if (!f.is_string) {
      return false;
    } else if (f.key == "date") {
      if (has_date) return false;
      has_date = true;
      date = f.raw;
    } else {
      names.emplace_back(f.key, f.raw);
    }
  }
  Date on = options_.as_of;
  if (has_date) {
    Result<Date> parsed = ParseQueryDate(date);
    if (!parsed) return false;
    on = *parsed;
  }
  if (!policy_.ResolveQuery(names, on, query)) return false;
  out.clear();
  out += '{';
  if (has_id) {
    out += "\"id\":";
    if (id_is_string) out += '"';
    out += id;
    if (id_is_string) out += '"';
    out += ',';
  }
  out += "\"query\":{";
  for (std::size_t d = 0; d < dimension_keys_.size(); ++d) {
    out += dimension_keys_[d];
    out += values_[d][query.values[d]];
    out += ',';
  }
  out += "\"date\":\"" + query.date.ToString() + "\"},";
  auto effect_and_basis = [&](Effect e, Basis basis) {
    effect = e;
    out += "\"effect\":\"";
    out += ToString(e);
    out += "\",\"basis\":\"";
    out += ToString(basis);
    out += "\",";
  };
  if (options_.trace) {
    const Decision d = policy_.Explain(query, options_.detail);
    effect_and_basis(d.effect, d.basis);
    WriteTrace(d, out);
  } else {
    const Verdict v = policy_.Decide(query);
    effect_and_basis(v.effect, v.basis);
    WriteDecisive(v, out);
  }
  out += policy_tail_;
  return true;
}

}  // namespace clearance::report
