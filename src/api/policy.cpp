// The public Policy facade: runs the pipeline (load -> resolve -> compile ->
// checks) and answers queries.
#include <algorithm>

#include "compile/conflicts_graph.hpp"
#include "api/policy_data.hpp"
#include "eval/interpreter.hpp"
#include "load/loader.hpp"
#include "resolve/resolve.hpp"

namespace clearance {
namespace {

using internal::PolicyData;

// Compiles the resolved policy; under `strict`, a conflict on any query
// (found on the graph's terminals) makes it invalid (DSL.md §6.6).
std::optional<compile::DecisionGraph> CompileChecked(const resolve::ResolvedPolicy& policy, Diagnostics& diags) {
  Result<compile::DecisionGraph> graph = compile::Compile(policy);
  if (!graph) {
    for (const Diagnostic& d : graph.error().diagnostics()) diags.Add(d);
    return std::nullopt;
  }
  if (policy.combine == Combine::kStrict) {
    if (auto conflict = compile::FindConflictOnGraph(*graph)) {
      diags.Error(policy.rules[conflict->first].mark, "conflict", compile::DescribeConflict(policy, *conflict));
      return std::nullopt;
    }
  }
  return std::move(*graph);
}

// The base of `extends` must be a valid policy on its own (DSL.md §9).
bool ValidateBases(const load::PolicyDoc& layer, const Limits& limits, Diagnostics& diags) {
  if (!layer.base) return true;
  if (!ValidateBases(*layer.base, limits, diags)) return false;
  auto base = resolve::Resolve(*layer.base, limits, diags);
  return base && CompileChecked(*base, diags);
}

Result<Policy> Build(std::string_view root, std::optional<std::string_view> text, const LoadOptions& options) {
  auto data = std::make_shared<PolicyData>();
  Diagnostics diags(data->sources);
  std::shared_ptr<SourceResolver> resolver = options.resolver;
  if (!resolver) resolver = MakeFileResolver();
  auto doc = load::LoadDocument(root, text, *resolver, options.limits, data->sources, diags);
  auto failed = [&]() -> Result<Policy> {
    if (diags.has_errors()) return diags.ToError();
    return Error::Message("cannot load '" + std::string(root) + "'");
  };
  if (!doc || diags.has_errors()) return failed();
  if (!ValidateBases(*doc, options.limits, diags)) return failed();
  auto resolved = resolve::Resolve(*doc, options.limits, diags);
  if (!resolved) return failed();
  auto graph = CompileChecked(*resolved, diags);
  if (!graph) return failed();
  data->graph = std::move(*graph);
  data->resolved = std::move(*resolved);
  for (const resolve::Dimension& d : data->resolved.dims) data->dimensions.push_back(d.info);
  for (const resolve::Rule& r : data->resolved.rules) data->rules.push_back(r.info);
  return Policy(std::move(data));
}

Error QueryError(std::string message) { return Error::Message(std::move(message), "query"); }

}  // namespace

Result<Policy> LoadPolicy(std::string_view path, const LoadOptions& options) {
  return Build(path, std::nullopt, options);
}

Result<Policy> LoadPolicyFromString(std::string_view name, std::string_view yaml, const LoadOptions& options) {
  return Build(name, yaml, options);
}

const std::string& Policy::name() const { return data_->resolved.name; }
const std::string& Policy::description() const { return data_->resolved.description; }
const std::string& Policy::digest() const { return data_->resolved.digest; }
Effect Policy::default_effect() const { return data_->resolved.default_effect; }
Combine Policy::combine() const { return data_->resolved.combine; }
const std::vector<DimensionInfo>& Policy::dimensions() const { return data_->dimensions; }
const std::vector<RuleInfo>& Policy::rules() const { return data_->rules; }

const std::vector<std::uint32_t>& GroupInfo::MembersOn(Date date) const {
  if (cuts.empty()) return members;
  const auto i = std::upper_bound(cuts.begin(), cuts.end(), date) - cuts.begin();
  return members_between[static_cast<std::size_t>(i)];
}

std::optional<std::size_t> Policy::FindDimension(std::string_view name) const {
  auto it = data_->resolved.dim_index.find(std::string(name));
  if (it == data_->resolved.dim_index.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> Policy::FindValue(std::size_t dimension, std::string_view value) const {
  const auto& index = data_->resolved.dims.at(dimension).value_index;
  auto it = index.find(std::string(value));
  if (it == index.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> Policy::FindRule(std::string_view id) const {
  auto it = data_->resolved.rule_index.find(std::string(id));
  if (it == data_->resolved.rule_index.end()) return std::nullopt;
  return it->second;
}

Result<Query> Policy::MakeQuery(const Assignments& assignments, Date as_of, std::string_view date) const {
  const resolve::ResolvedPolicy& p = data_->resolved;
  Query q;
  q.values.assign(p.dims.size(), UINT32_MAX);
  for (const auto& [dim_name, value] : assignments) {
    auto d = FindDimension(dim_name);
    if (!d) {
      std::vector<std::string> known;
      for (const auto& dim : p.dims) known.push_back(dim.info.name);
      return QueryError("unknown dimension '" + dim_name + "'" + DidYouMean(dim_name, known));
    }
    const resolve::Dimension& dim = p.dims[*d];
    if (q.values[*d] != UINT32_MAX) return QueryError("dimension '" + dim_name + "' is given twice");
    auto v = FindValue(*d, value);
    if (!v) {
      if (dim.group_index.count(value) || value == "any") {
        return QueryError("'" + value + "' is a group of dimension '" + dim_name + "'; a query names a value");
      }
      return QueryError("unknown value '" + value + "' of dimension '" + dim_name + "'" +
                        DidYouMean(value, dim.info.values));
    }
    q.values[*d] = *v;
  }
  for (std::size_t d = 0; d < p.dims.size(); ++d) {
    if (q.values[d] != UINT32_MAX) continue;
    if (!p.dims[d].info.default_value) {
      return QueryError("missing a value for dimension '" + p.dims[d].info.name + "'");
    }
    q.values[d] = *p.dims[d].info.default_value;
  }
  q.date = as_of;
  if (!date.empty()) {
    auto parsed = Date::Parse(date);
    if (!parsed) return QueryError("bad date '" + std::string(date) + "' (expected a calendar date YYYY-MM-DD)");
    q.date = *parsed;
  }
  return q;
}

Decision Policy::Interpret(const Query& query, TraceDetail detail) const {
  return eval::Interpret(data_->resolved, query, detail);
}

Decision Policy::Explain(const Query& query, TraceDetail detail) const {
  const compile::Terminal& t = data_->graph.terminal(data_->graph.Find(query.values, query.date));
  return eval::BuildDecision(data_->resolved, query, t.matching, t.outcome, detail);
}

Verdict Policy::Decide(const Query& query) const noexcept {
  return data_->graph.Decide(query.values, query.date);
}

void Policy::DecideBatch(std::span<const Query> queries, std::span<Verdict> out) const noexcept {
  for (std::size_t i = 0; i < queries.size() && i < out.size(); ++i) out[i] = Decide(queries[i]);
}

}  // namespace clearance
