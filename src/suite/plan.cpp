#include "suite/plan.hpp"

#include <algorithm>
#include <chrono>

#include "suite/regions.hpp"

namespace clearance::analysis {
namespace {

std::vector<std::string> Names(const DimensionInfo& dim, bool with_groups) {
  std::vector<std::string> out = dim.values;
  if (with_groups) {
    for (const GroupInfo& g : dim.groups) out.push_back(g.name);
    out.push_back("any");
  }
  return out;
}

const GroupInfo* FindGroup(const DimensionInfo& dim, std::string_view name) {
  for (const GroupInfo& g : dim.groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

class Planner {
 public:
  Planner(const Policy& policy, const TestCaseDoc& doc, Diagnostics& diags)
      : policy_(policy), doc_(doc), diags_(diags) {}

  bool ResolveAxes(TestPlan& plan);
  bool ResolveDecisive(TestPlan& plan);

 private:
  // Adds the values `name` stands for to `chosen`; false when unknown.
  bool AddName(const DimensionInfo& dim, const TestName& name, Date date, std::vector<bool>& chosen);
  void UnknownDimension(const TestName& name);

  const Policy& policy_;
  const TestCaseDoc& doc_;
  Diagnostics& diags_;
};

bool Planner::AddName(const DimensionInfo& dim, const TestName& name, Date date, std::vector<bool>& chosen) {
  const std::size_t d = *policy_.FindDimension(dim.name);
  if (auto v = policy_.FindValue(d, name.text)) {
    chosen[*v] = true;
    return true;
  }
  const GroupInfo* group = FindGroup(dim, name.text);
  if ((group || name.text == "any") && !doc_.each) {
    diags_.Error(name.mark, "unknown-name",
                 "'" + name.text + "' is a group of dimension '" + dim.name +
                     "'; a query names one value (use 'each' to run every value of a group)");
    return false;
  }
  if (name.text == "any") {
    std::fill(chosen.begin(), chosen.end(), true);
  } else if (group) {
    for (std::uint32_t v : group->MembersOn(date)) chosen[v] = true;  // on the case's date (docs/language.md §7)
  } else {
    diags_.Error(name.mark, "unknown-name",
                 "unknown " + std::string(doc_.each ? "value or group '" : "value '") + name.text +
                     "' of dimension '" + dim.name + "'" + DidYouMean(name.text, Names(dim, doc_.each)));
    return false;
  }
  return true;
}

void Planner::UnknownDimension(const TestName& name) {
  std::vector<std::string> known;
  for (const DimensionInfo& dim : policy_.dimensions()) known.push_back(dim.name);
  const std::string hint = name.text == "date" ? " (a case's date is its own key 'date', beside '" +
                                                     std::string(doc_.each ? "each" : "query") + "')"
                                               : DidYouMean(name.text, known);
  diags_.Error(name.mark, "unknown-name", "unknown dimension '" + name.text + "'" + hint);
}

// Fills plan.values: the named values of each dimension the case names, the
// default of each other one.
bool Planner::ResolveAxes(TestPlan& plan) {
  const std::vector<DimensionInfo>& dims = policy_.dimensions();
  std::vector<std::vector<bool>> chosen(dims.size());  // empty: not named
  bool ok = true;
  bool unknown_dimension = false;
  for (const TestAxis& axis : doc_.axes) {
    auto d = policy_.FindDimension(axis.dimension.text);
    if (!d) {
      UnknownDimension(axis.dimension);
      ok = false;
      unknown_dimension = true;
      continue;
    }
    chosen[*d].assign(dims[*d].values.size(), false);
    for (const TestName& name : axis.names) ok &= AddName(dims[*d], name, plan.date, chosen[*d]);
  }
  plan.values.resize(dims.size());
  for (std::size_t d = 0; d < dims.size(); ++d) {
    for (std::uint32_t v = 0; v < chosen[d].size(); ++v) {
      if (chosen[d][v]) plan.values[d].push_back(v);
    }
    if (!chosen[d].empty()) continue;
    if (dims[d].default_value) {
      plan.values[d].push_back(*dims[d].default_value);
    } else if (!unknown_dimension) {  // else the misspelt dimension is likely this one: said once
      diags_.Error(doc_.axes_mark, "missing",
                   "the case gives no value for dimension '" + dims[d].name + "', which has no default");
      ok = false;
    }
  }
  return ok;
}

bool Planner::ResolveDecisive(TestPlan& plan) {
  if (!doc_.decisive) return true;
  std::vector<std::string> ids;
  for (const RuleInfo& r : policy_.rules()) ids.push_back(r.id);
  std::vector<std::uint32_t> rules;
  bool ok = true;
  for (const TestName& id : *doc_.decisive) {
    auto r = policy_.FindRule(id.text);
    if (!r) {
      diags_.Error(id.mark, "unknown-name", "unknown rule id '" + id.text + "'" + DidYouMean(id.text, ids));
      ok = false;
    } else if (std::find(rules.begin(), rules.end(), *r) != rules.end()) {
      diags_.Error(id.mark, "duplicate", "rule '" + id.text + "' is listed twice in 'decisive'");
      ok = false;
    } else {
      rules.push_back(*r);
    }
  }
  std::sort(rules.begin(), rules.end());
  plan.decisive = std::move(rules);
  return ok;
}

std::size_t ProductSize(const TestPlan& plan, std::size_t cap) {
  std::size_t n = 1;
  for (const auto& values : plan.values) {
    if (values.empty()) return 0;
    if (n > cap / values.size()) return cap + 1;
    n *= values.size();
  }
  return n;
}

TestFailure MakeFailure(const Policy& policy, const TestPlan& plan, const SourceTable& sources,
                        const Query& query, const Verdict& verdict) {
  const std::vector<DimensionInfo>& dims = policy.dimensions();
  const std::vector<RuleInfo>& rules = policy.rules();
  TestFailure f;
  f.where = sources.Locate(plan.doc->mark);
  f.case_name = plan.doc->name.text;
  for (std::size_t d = 0; d < dims.size(); ++d)
    f.query.emplace_back(dims[d].name, dims[d].values[query.values[d]]);
  f.date = query.date;
  f.expected = plan.doc->expect;
  if (plan.decisive) {
    f.expected_decisive.emplace();
    for (std::uint32_t r : *plan.decisive) f.expected_decisive->push_back(rules[r].id);
  }
  f.actual = verdict.effect;
  for (std::uint32_t r : verdict.decisive) {
    f.actual_decisive.push_back(rules[r].id);
    f.actual_sources.push_back(rules[r].where.file + ':' + std::to_string(rules[r].where.line));
  }
  return f;
}

}  // namespace

std::optional<TestPlan> PlanCase(const Policy& policy, const TestCaseDoc& doc, Date date,
                                 const Limits& limits, Diagnostics& diagnostics) {
  TestPlan plan;
  plan.doc = &doc;
  plan.date = doc.date.value_or(date);
  Planner planner(policy, doc, diagnostics);
  const bool axes_ok = planner.ResolveAxes(plan);
  if (!planner.ResolveDecisive(plan) || !axes_ok) return std::nullopt;
  plan.queries = ProductSize(plan, limits.max_domain);
  if (plan.queries > limits.max_domain) {
    diagnostics.Error(doc.axes_mark, "limit",
                      "the case expands to more than " + std::to_string(limits.max_domain) + " queries");
    return std::nullopt;
  }
  return plan;
}

TestCaseResult RunCase(const Policy& policy, const TestPlan& plan, const SourceTable& sources,
                       std::vector<RuleTally>& tallies) {
  const auto start = std::chrono::steady_clock::now();
  TestCaseResult result;
  result.name = plan.doc->name.text;
  result.where = sources.Locate(plan.doc->mark);
  const std::size_t dims = plan.values.size();
  Query query;
  query.values.resize(dims);
  query.date = plan.date;
  std::vector<std::size_t> at(dims, 0);                 // odometer; the last dimension turns fastest
  std::vector<std::size_t> decided(tallies.size(), 0);  // per rule, in this case
  for (bool more = plan.queries > 0; more;) {
    for (std::size_t d = 0; d < dims; ++d) query.values[d] = plan.values[d][at[d]];
    const Verdict verdict = policy.Decide(query);
    for (std::uint32_t r : verdict.decisive) ++decided[r];
    const bool ok = verdict.effect == plan.doc->expect &&
                    (!plan.decisive || std::equal(verdict.decisive.begin(), verdict.decisive.end(),
                                                  plan.decisive->begin(), plan.decisive->end()));
    if (ok) {
      ++result.passed;
    } else {
      ++result.failed;
      result.failures.push_back(MakeFailure(policy, plan, sources, query, verdict));
    }
    std::size_t d = dims;
    while (d > 0 && ++at[d - 1] == plan.values[d - 1].size()) at[--d] = 0;
    more = d > 0;
  }
  for (std::size_t r = 0; r < tallies.size(); ++r) {
    tallies[r].queries += decided[r];
    tallies[r].cases += decided[r] > 0;
  }
  result.regions = GroupFailures(result.failures);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace clearance::analysis
