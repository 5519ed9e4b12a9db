// Diff: match the two policies' dimensions and values, bring both graphs to
// one order of the shared dimensions, walk them together inside the touched
// set, then turn the diff diagram into merged, sorted regions of names.
#include "analysis/diff.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "analysis/diff_change.hpp"
#include "analysis/diff_one_sided.hpp"
#include "analysis/diff_regions.hpp"
#include "analysis/diff_space.hpp"
#include "analysis/diff_touched.hpp"
#include "analysis/diff_walk.hpp"
#include "analysis/effect_count.hpp"
#include "api/policy_access.hpp"

namespace clearance::analysis {

namespace {

std::vector<std::string> Names(const resolve::Dimension& dim, const std::vector<std::uint32_t>& values) {
  std::vector<std::string> out;
  out.reserve(values.size());
  for (std::uint32_t v : values) out.push_back(dim.info.values[v]);
  return out;
}

// Values of `dim` that `compared_of` leaves out (all of them for a
// one-sided dimension, whose compared_of is empty).
std::vector<std::string> OneSided(const resolve::Dimension& dim,
                                  const std::vector<std::uint32_t>* compared_of) {
  std::vector<std::string> out;
  for (std::uint32_t v = 0; v < dim.size(); ++v) {
    if (!compared_of || (*compared_of)[v] == kNone) out.push_back(dim.info.values[v]);
  }
  return out;
}

// Everything but the regions: names, the compared space, one-sided values.
DiffReport Skeleton(const resolve::ResolvedPolicy& o, const resolve::ResolvedPolicy& n,
                    const DiffSpace& space, const DiffOptions& options) {
  DiffReport r;
  r.old_policy = {o.name, o.digest};
  r.new_policy = {n.name, n.digest};
  r.date = options.date;
  r.to_date = options.all_dates ? std::nullopt : options.to_date;
  r.all_dates = options.all_dates;
  r.by = options.by;
  r.queries = 1;
  for (const SharedDim& dim : space.shared) {
    r.dimensions.push_back(o.dims[dim.old_dim].info.name);
    r.compared_values.push_back(Names(o.dims[dim.old_dim], dim.old_value));
    auto& names = r.compared_names.emplace_back();
    names.reserve(dim.old_value.size());
    for (std::uint32_t v : dim.old_value) names.push_back(o.dims[dim.old_dim].info.value_names[v]);
    r.queries = SaturatingMul(r.queries, dim.size());
  }
  for (std::uint32_t d = 0; d < o.dims.size(); ++d) {
    const std::uint32_t s = space.shared_of_old[d];
    r.only_old.emplace_back(o.dims[d].info.name,
                            OneSided(o.dims[d], s == kNone ? nullptr : &space.shared[s].compared_of_old));
    std::vector<std::string> theirs;
    if (s != kNone) theirs = OneSided(n.dims[space.shared[s].new_dim], &space.shared[s].compared_of_new);
    r.only_new.emplace_back(o.dims[d].info.name, std::move(theirs));
    if (s == kNone) r.fixed_old.emplace_back(o.dims[d].info.name, o.dims[d].info.values[space.fixed_old[d]]);
  }
  for (std::uint32_t d = 0; d < n.dims.size(); ++d) {
    if (space.shared_of_new[d] != kNone) continue;
    r.only_old.emplace_back(n.dims[d].info.name, std::vector<std::string>{});
    r.only_new.emplace_back(n.dims[d].info.name, OneSided(n.dims[d], nullptr));
    r.fixed_new.emplace_back(n.dims[d].info.name, n.dims[d].info.values[space.fixed_new[d]]);
  }
  return r;
}

std::vector<std::string> RuleIds(const resolve::ResolvedPolicy& policy,
                                 const std::vector<std::uint32_t>& rules) {
  std::vector<std::string> out;
  out.reserve(rules.size());
  for (std::uint32_t r : rules) out.push_back(policy.rules[r].info.id);
  return out;
}

// A region with its sets per shared dimension as compared-value indices,
// which is what it is sorted by.
struct Sortable {
  DiffRegion region;
  ValueLists indices;
};

Sortable Convert(RawRegion& raw, const DiffDiagram& diagram, const std::vector<JointLevel>& levels,
                 const compile::DecisionGraph& old_graph, const compile::DecisionGraph& new_graph,
                 const resolve::ResolvedPolicy& o, const resolve::ResolvedPolicy& n, const DiffSpace& space) {
  Sortable s;
  const DiffDiagram::Transition t = diagram.transitions()[raw.transition];
  const eval::Outcome& before = old_graph.terminal(t.old_terminal).outcome;
  const eval::Outcome& after = new_graph.terminal(t.new_terminal).outcome;
  s.region.from = before.effect;
  s.region.to = after.effect;
  s.region.old_decisive = RuleIds(o, before.decisive);
  s.region.new_decisive = RuleIds(n, after.decisive);
  Returned old_returned = ReturnedBy(o, before.decisive);
  Returned new_returned = ReturnedBy(n, after.decisive);
  s.region.old_outcomes = std::move(old_returned.outcomes);
  s.region.old_obligations = std::move(old_returned.obligations);
  s.region.new_outcomes = std::move(new_returned.outcomes);
  s.region.new_obligations = std::move(new_returned.obligations);
  s.region.count = 1;
  s.indices = std::move(raw.values);
  for (const JointLevel& level : levels) {
    s.region.count = SaturatingMul(s.region.count, s.indices[level.shared].size());
  }
  s.region.values.reserve(space.shared.size());
  for (std::size_t d = 0; d < space.shared.size(); ++d) {
    const SharedDim& dim = space.shared[d];
    std::vector<std::string>& names = s.region.values.emplace_back();
    names.reserve(s.indices[d].size());
    for (std::uint32_t c : s.indices[d]) names.push_back(o.dims[dim.old_dim].info.values[dim.old_value[c]]);
  }
  return s;
}

bool Before(const Sortable& a, const Sortable& b) {
  const DiffRegion& x = a.region;
  const DiffRegion& y = b.region;
  // nullopt (unbounded) sorts first, as the earliest start.
  return std::tie(x.from, x.to, x.old_decisive, x.new_decisive, a.indices, x.dates_from) <
         std::tie(y.from, y.to, y.old_decisive, y.new_decisive, b.indices, y.dates_from);
}

}  // namespace

namespace {

Result<compile::DecisionGraph> CompileIn(const DiffSpace& space, const compile::DecisionGraph& old_graph,
                                         const resolve::ResolvedPolicy& n) {
  compile::CompileOptions options;
  options.dim_order = MatchingOrder(space, old_graph.dim_order(), n.dims.size());
  return compile::Compile(n, options);
}

bool AgreeIn(const DiffSpace& space, const compile::DecisionGraph& old_graph,
             const compile::DecisionGraph& new_graph, std::size_t new_dim_count) {
  std::vector<std::uint32_t> wanted = MatchingOrder(space, old_graph.dim_order(), new_dim_count);
  wanted.resize(space.shared.size());  // the shared dimensions come first
  std::vector<std::uint32_t> actual;
  for (std::uint32_t d : new_graph.dim_order()) {
    if (space.shared_of_new[d] != kNone) actual.push_back(d);
  }
  return wanted == actual;
}

Result<DiffSpace> SpaceOf(const Policy& old_policy, const Policy& new_policy) {
  const auto& o = internal::DataOf(old_policy);
  const auto& n = internal::DataOf(new_policy);
  return MatchDimensions(o.resolved, o.sources, n.resolved, n.sources);
}

}  // namespace

Result<compile::DecisionGraph> CompileForDiff(const Policy& old_policy,
                                              const compile::DecisionGraph& old_graph,
                                              const Policy& new_policy) {
  auto space = SpaceOf(old_policy, new_policy);
  if (!space) return space.error();
  return CompileIn(*space, old_graph, internal::DataOf(new_policy).resolved);
}

Result<bool> OrdersAgree(const Policy& old_policy, const compile::DecisionGraph& old_graph,
                         const Policy& new_policy, const compile::DecisionGraph& new_graph) {
  auto space = SpaceOf(old_policy, new_policy);
  if (!space) return space.error();
  return AgreeIn(*space, old_graph, new_graph, internal::DataOf(new_policy).resolved.dims.size());
}

namespace {

// What every date's walk shares.
struct Walks {
  const resolve::ResolvedPolicy& o;
  const resolve::ResolvedPolicy& n;
  const DiffSpace& space;
  const std::vector<JointLevel>& levels;
  const RuleMatch& rules;
  const compile::DecisionGraph& old_graph;
  const compile::DecisionGraph& new_graph;
  const DiffOptions& options;

  // The changed queries of the old policy on old_date against the new one
  // on new_date, as merged regions (unsorted).
  Result<std::vector<Sortable>> On(Date old_date, Date new_date) const {
    const DiffInputs in{&o, &n, &space, &levels, old_date, new_date, options.by};
    compile::BoolMdd touched(JointLevelSizes(levels));
    const std::uint32_t touched_root = TouchedQueries(in, rules, touched);
    auto diagram = WalkGraphs(
        {&in, &rules, &old_graph, &new_graph, &touched, touched_root, options.by, options.max_steps});
    if (!diagram) return diagram.error();
    auto raw = BuildRegions(*diagram, space, levels, options.max_regions);
    if (!raw) return raw.error();
    std::vector<Sortable> out;
    out.reserve(raw->size());
    for (RawRegion& r : *raw) out.push_back(Convert(r, *diagram, levels, old_graph, new_graph, o, n, space));
    return out;
  }
};

// The order of regions without their dates: a region of one interval is the
// same region in the next when neither is before the other.
bool KeyBefore(const Sortable& a, const Sortable& b) {
  const DiffRegion& x = a.region;
  const DiffRegion& y = b.region;
  return std::tie(x.from, x.to, x.old_decisive, x.new_decisive, a.indices) <
         std::tie(y.from, y.to, y.old_decisive, y.new_decisive, b.indices);
}

// Every bound of either graph's partition, sorted, distinct.
std::vector<Date> AllCuts(const compile::DecisionGraph& a, const compile::DecisionGraph& b) {
  std::vector<Date> cuts = a.partition().cuts;
  cuts.insert(cuts.end(), b.partition().cuts.begin(), b.partition().cuts.end());
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

// Per interval of `graph`: how many of `cuts`' intervals fall in it.
std::vector<std::pair<std::uint32_t, std::uint64_t>> IntervalWeights(const compile::DecisionGraph& graph,
                                                                     const compile::Partition& joint) {
  std::map<std::uint32_t, std::uint64_t> weights;
  for (std::uint32_t i = 0; i < joint.interval_count(); ++i) {
    ++weights[graph.partition().IntervalOf(joint.IntervalStart(i))];
  }
  return {weights.begin(), weights.end()};
}

// The regions of every interval of `joint`, a region continued into the next
// interval when that interval has the same one.
Result<std::vector<Sortable>> AllDates(const Walks& walks, const compile::Partition& joint) {
  std::vector<Sortable> done;
  std::vector<Sortable> open;  // regions reaching the current interval
  for (std::uint32_t i = 0; i < joint.interval_count(); ++i) {
    const Date day = joint.IntervalStart(i);
    auto here = walks.On(day, day);
    if (!here) return here.error();
    // Both lists sorted by key (a key is unique within an interval): one
    // merge pass continues, opens and closes regions.
    std::sort(here->begin(), here->end(), KeyBefore);
    std::vector<Sortable> next;
    std::size_t k = 0;
    for (Sortable& s : *here) {
      while (k < open.size() && KeyBefore(open[k], s)) {
        open[k].region.dates_to = joint.cuts[i - 1];
        done.push_back(std::move(open[k++]));
      }
      if (k < open.size() && !KeyBefore(s, open[k])) {  // the same region goes on
        open[k].region.count = SaturatingAdd(open[k].region.count, s.region.count);
        next.push_back(std::move(open[k++]));
        continue;
      }
      if (i > 0) s.region.dates_from = joint.cuts[i - 1];
      next.push_back(std::move(s));
    }
    for (; k < open.size(); ++k) {
      open[k].region.dates_to = joint.cuts[i - 1];
      done.push_back(std::move(open[k]));
    }
    open = std::move(next);
  }
  for (Sortable& s : open) done.push_back(std::move(s));
  return done;
}

// DiffGraphs in a space already matched.
Result<DiffReport> DiffIn(const DiffSpace& space, const resolve::ResolvedPolicy& o,
                          const compile::DecisionGraph& old_graph, const resolve::ResolvedPolicy& n,
                          const compile::DecisionGraph& new_graph, const DiffOptions& options) {
  DiffReport report = Skeleton(o, n, space, options);
  compile::Partition joint;
  const Date new_date = options.to_date.value_or(options.date);
  if (options.all_dates) {
    joint.cuts = AllCuts(old_graph, new_graph);
    report.intervals = joint.interval_count();
    report.queries = SaturatingMul(report.queries, report.intervals);
    report.old_only_queries = CountOneSided(o, old_graph, space, true, IntervalWeights(old_graph, joint));
    report.new_only_queries = CountOneSided(n, new_graph, space, false, IntervalWeights(new_graph, joint));
  } else {
    report.old_only_queries =
        CountOneSided(o, old_graph, space, true, {{old_graph.partition().IntervalOf(options.date), 1}});
    report.new_only_queries =
        CountOneSided(n, new_graph, space, false, {{new_graph.partition().IntervalOf(new_date), 1}});
  }
  if (report.queries == 0) return report;

  const std::vector<JointLevel> levels = JointLevels(space, old_graph, new_graph);
  const RuleMatch rules = MatchRules(o, n);
  const Walks walks{o, n, space, levels, rules, old_graph, new_graph, options};
  auto sorted = options.all_dates ? AllDates(walks, joint) : walks.On(options.date, new_date);
  if (!sorted) return sorted.error();
  // Sorted by index: a region is large to move, and no two compare equal.
  std::vector<std::uint32_t> order(sorted->size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return Before((*sorted)[a], (*sorted)[b]); });
  report.regions.reserve(order.size());
  for (std::uint32_t i : order) {
    Sortable& s = (*sorted)[i];
    report.changed = SaturatingAdd(report.changed, s.region.count);
    report.regions.push_back(std::move(s.region));
  }
  return report;
}

}  // namespace

Result<DiffReport> DiffGraphs(const Policy& old_policy, const compile::DecisionGraph& old_graph,
                              const Policy& new_policy, const compile::DecisionGraph& new_graph,
                              const DiffOptions& options) {
  auto space = SpaceOf(old_policy, new_policy);
  if (!space) return space.error();
  return DiffIn(*space, internal::DataOf(old_policy).resolved, old_graph, internal::DataOf(new_policy).resolved,
                new_graph, options);
}

Result<DiffReport> DiffPolicies(const Policy& old_policy, const Policy& new_policy, const DiffOptions& options) {
  const resolve::ResolvedPolicy& o = internal::DataOf(old_policy).resolved;
  const resolve::ResolvedPolicy& n = internal::DataOf(new_policy).resolved;
  const compile::DecisionGraph& old_graph = internal::DataOf(old_policy).graph;
  const compile::DecisionGraph& new_graph = internal::DataOf(new_policy).graph;
  auto space = SpaceOf(old_policy, new_policy);
  if (!space) return space.error();
  if (AgreeIn(*space, old_graph, new_graph, n.dims.size())) return DiffIn(*space, o, old_graph, n, new_graph, options);
  // The policies' own graphs test the shared dimensions in different
  // orders: the new policy is compiled again in the old one's.
  auto recompiled = CompileIn(*space, old_graph, n);
  if (!recompiled) return recompiled.error();
  return DiffIn(*space, o, old_graph, n, *recompiled, options);
}

}  // namespace clearance::analysis

namespace clearance {

bool DiffReport::HasOneSidedValues() const {
  for (const auto* lists : {&only_old, &only_new}) {
    for (const auto& entry : *lists) {
      if (!entry.second.empty()) return true;
    }
  }
  return false;
}

Result<DiffReport> Diff(const Policy& old_policy, const Policy& new_policy, const DiffOptions& options) {
  return analysis::DiffPolicies(old_policy, new_policy, options);
}

}  // namespace clearance
