// The public Policy facade: runs the pipeline (load -> resolve -> compile ->
// checks) and answers queries.
#include <algorithm>
#include <array>
#include <cassert>

#include "compile/conflicts_graph.hpp"
#include "api/policy_access.hpp"
#include "eval/interpreter.hpp"
#include "load/loader.hpp"
#include "resolve/resolve.hpp"

namespace clearance {
namespace {

using internal::PolicyData;

// Compiles the resolved policy; under `strict`, a conflict on any query
// (found on the graph's terminals) makes it invalid (docs/language.md §11).
std::optional<compile::DecisionGraph> CompileChecked(const resolve::ResolvedPolicy& policy, const Limits& limits,
                                                     Diagnostics& diags) {
  compile::CompileOptions options;
  options.max_bytes = limits.max_graph_bytes;
  Result<compile::DecisionGraph> graph = compile::Compile(policy, options);
  if (!graph) {
    diags.SetKind(graph.error().kind());
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

// The base of `extends` must be a valid policy on its own (docs/language.md).
bool ValidateBases(const load::PolicyDoc& layer, const Limits& limits, Diagnostics& diags) {
  if (!layer.base) return true;
  if (!ValidateBases(*layer.base, limits, diags)) return false;
  auto base = resolve::Resolve(*layer.base, limits, diags);
  return base && CompileChecked(*base, limits, diags);
}

Result<Policy> Build(std::string_view root, std::optional<std::string_view> text, const LoadOptions& options) {
  auto data = std::make_shared<PolicyData>();
  Diagnostics diags(data->sources);
  std::shared_ptr<SourceResolver> resolver = options.resolver;
  if (!resolver) resolver = MakeFileResolver();
  auto doc = load::LoadDocument(root, text, *resolver, options.limits, data->sources, diags);
  auto failed = [&]() -> Result<Policy> {
    if (diags.has_errors()) return diags.ToError();
    return Error::Message("cannot load '" + std::string(root) + "'", "error", ErrorKind::kNotFound);
  };
  if (!doc || diags.has_errors()) return failed();
  if (!ValidateBases(*doc, options.limits, diags)) return failed();
  auto resolved = resolve::Resolve(*doc, options.limits, diags);
  if (!resolved) return failed();
  auto graph = CompileChecked(*resolved, options.limits, diags);
  if (!graph) return failed();
  data->graph = std::move(*graph);
  data->resolved = std::move(*resolved);
  data->MakeIndexes();
  return internal::PolicyAccess::Make(std::move(data));
}

Error QueryError(std::string message, std::string dimension = {}) {
  Error error = Error::Message(std::move(message), "query");
  if (dimension.empty()) return error;
  std::vector<Diagnostic> diags = error.diagnostics();
  diags.front().dimension = std::move(dimension);  // lets a front end name its own flag
  return Error(std::move(diags), error.kind());
}

// A misspelt value suggests values (" (did you mean 'DE'?)"); failing that,
// a value whose display name is close, since people type the name they know
// ("Germany" gets "; did you mean 'DE' (Germany)?").
std::string SuggestValue(const DimensionInfo& dim, std::string_view value) {
  std::string by_code = DidYouMean(value, dim.values);
  if (!by_code.empty()) return by_code;
  const std::vector<std::string> close = ClosestNames(value, dim.value_names);
  const auto starts = [&](const std::string& name) {  // "Korea" for "Korea, Republic of"
    return value.size() >= 3 && name.size() > value.size() &&
           std::equal(value.begin(), value.end(), name.begin(),
                      [](char a, char b) { return std::tolower(a & 0xff) == std::tolower(b & 0xff); });
  };
  std::vector<std::string> labels;
  for (std::uint32_t v = 0; v < dim.values.size() && labels.size() < 3; ++v) {
    const std::string& name = dim.value_names[v];
    if (name.empty()) continue;
    if (close.empty() ? !starts(name) : std::find(close.begin(), close.end(), name) == close.end()) continue;
    labels.push_back("'" + dim.values[v] + "' (" + name + ")");
  }
  if (labels.empty()) return {};
  std::string out = "; did you mean ";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == labels.size() ? " or " : ", ") + labels[i];
  }
  return out + "?";
}

constexpr std::uint32_t kUnset = UINT32_MAX;

// The one resolution of names to value indices, for MakeQuery (with `why`,
// which receives the message of the first problem) and ResolveQuery
// (without; no allocation then).
template <class Names>
bool ResolveNames(const resolve::ResolvedPolicy& p, const Names& assignments, Query& q, std::string* why,
                  std::string* bad_dim = nullptr) {
  q.values.assign(p.dims.size(), kUnset);
  for (const auto& [dim_text, value_text] : assignments) {
    const std::string_view dim_name = dim_text, value = value_text;
    auto d = p.dim_index.find(dim_name);
    if (d == p.dim_index.end()) {
      if (!why) return false;
      std::vector<std::string> known;
      for (const auto& dim : p.dims) known.push_back(dim.info.name);
      *why = "unknown dimension '" + std::string(dim_name) + "'" + DidYouMean(dim_name, known);
      return false;
    }
    const resolve::Dimension& dim = p.dims[d->second];
    if (q.values[d->second] != kUnset) {
      if (why) *why = "dimension '" + std::string(dim_name) + "' is given twice";
      return false;
    }
    auto v = dim.value_index.find(value);
    if (v == dim.value_index.end()) {
      if (!why) return false;
      if (dim.group_index.contains(value) || value == "any") {
        *why = "'" + std::string(value) + "' is a group of dimension '" + std::string(dim_name) +
               "'; a query names a value";
      } else {
        *why = "unknown value '" + std::string(value) + "' of dimension '" + std::string(dim_name) + "'" +
               SuggestValue(dim.info, value);
      }
      if (bad_dim) *bad_dim = dim.info.name;
      return false;
    }
    q.values[d->second] = v->second;
  }
  for (std::size_t d = 0; d < p.dims.size(); ++d) {
    if (q.values[d] != kUnset) continue;
    if (!p.dims[d].info.default_value) {
      if (why) *why = "missing a value for dimension '" + p.dims[d].info.name + "'";
      return false;
    }
    q.values[d] = *p.dims[d].info.default_value;
  }
  return true;
}

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

std::string DimensionInfo::Labelled(std::uint32_t value) const {
  if (value >= value_names.size() || value_names[value].empty()) return values.at(value);
  return values[value] + " (" + value_names[value] + ")";
}

namespace internal {

void PolicyData::MakeIndexes() {
  for (const resolve::Dimension& d : resolved.dims) dimensions.push_back(d.info);
  for (const resolve::Rule& r : resolved.rules) rules.push_back(r.info);
  for (const DimensionInfo& d : dimensions) {
    dimension_names.push_back(d.name);
    value_index.emplace_back(d.values);
  }
  dimension_index = FlatNames(dimension_names);
}

}  // namespace internal

const std::vector<std::uint32_t>& GroupInfo::MembersOn(Date date) const {
  if (cuts.empty()) return members;
  const auto i = std::upper_bound(cuts.begin(), cuts.end(), date) - cuts.begin();
  return members_between[static_cast<std::size_t>(i)];
}

Result<Date> ParseQueryDate(std::string_view text) {
  if (auto date = Date::Parse(text)) return *date;
  return QueryError("bad date '" + std::string(text) + "' (expected a calendar date YYYY-MM-DD)");
}

std::optional<std::size_t> Policy::FindDimension(std::string_view name) const {
  return data_->dimension_index.Find(data_->dimension_names, name);
}

std::optional<std::uint32_t> Policy::FindValue(std::size_t dimension, std::string_view value) const {
  if (dimension >= data_->dimensions.size()) return std::nullopt;
  return data_->value_index[dimension].Find(data_->dimensions[dimension].values, value);
}

std::optional<std::uint32_t> Policy::FindRule(std::string_view id) const {
  auto it = data_->resolved.rule_index.find(id);
  if (it == data_->resolved.rule_index.end()) return std::nullopt;
  return it->second;
}

Result<Query> Policy::MakeQuery(const Assignments& assignments, Date date) const {
  Query q;
  std::string why, dimension;
  if (!ResolveNames(data_->resolved, assignments, q, &why, &dimension)) {
    return QueryError(std::move(why), std::move(dimension));
  }
  q.date = date;
  return q;
}

bool Policy::ResolveQuery(std::span<const NameValue> assignments, Date date, Query& query) const {
  // The flat indexes; MakeQuery's ResolveNames says what is wrong when this fails.
  const PolicyData& p = *data_;
  query.date = date;
  query.values.assign(p.dimensions.size(), kUnset);
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    const auto& [dim_name, value] = assignments[i];
    // Callers usually name the dimensions in the policy's order: try that first.
    const auto d = i < p.dimension_names.size() && p.dimension_names[i] == dim_name
                       ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(i))
                       : p.dimension_index.Find(p.dimension_names, dim_name);
    if (!d || query.values[*d] != kUnset) return false;
    const auto v = p.value_index[*d].Find(p.dimensions[*d].values, value);
    if (!v) return false;
    query.values[*d] = *v;
  }
  for (std::size_t d = 0; d < p.dimensions.size(); ++d) {
    if (query.values[d] != kUnset) continue;
    if (!p.dimensions[d].default_value) return false;
    query.values[d] = *p.dimensions[d].default_value;
  }
  return true;
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

std::optional<Verdict> Policy::Decide(std::span<const std::string_view> values, Date date) const noexcept {
  const PolicyData& p = *data_;
  const std::size_t n = p.dimensions.size();
  if (values.size() != n) return std::nullopt;
  constexpr std::size_t kOnStack = 16;
  std::array<std::uint32_t, kOnStack> small;
  thread_local std::vector<std::uint32_t> large;
  if (n > kOnStack && large.size() < n) large.resize(n);  // grows once per thread
  std::uint32_t* codes = n > kOnStack ? large.data() : small.data();
  for (std::size_t d = 0; d < n; ++d) {
    if (values[d].empty()) {
      if (!p.dimensions[d].default_value) return std::nullopt;
      codes[d] = *p.dimensions[d].default_value;
      continue;
    }
    const auto v = p.value_index[d].Find(p.dimensions[d].values, values[d]);
    if (!v) return std::nullopt;
    codes[d] = *v;
  }
  return p.graph.Decide(std::span<const std::uint32_t>(codes, n), date);
}

void Policy::DecideBatch(std::span<const Query> queries, std::span<Verdict> out) const noexcept {
  assert(queries.size() == out.size());
  for (std::size_t i = 0; i < queries.size(); ++i) out[i] = Decide(queries[i]);
}

}  // namespace clearance
