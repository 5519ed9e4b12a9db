// Each part is a walk of the graph: one Find per class of each dimension for
// the single-dimension alternatives, one Find per date interval for the date
// changes, and for combinations one search of the graph per set of
// dimensions (free levels branch, fixed levels follow the query), memoised by
// node, smallest sets first.
#include "api/policy_access.hpp"
#include "analysis/alternatives.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>


namespace clearance::analysis {

namespace {

using compile::DecisionGraph;

constexpr std::uint32_t kNoGroup = UINT32_MAX;

Effect Other(Effect e) { return e == Effect::kAllow ? Effect::kDeny : Effect::kAllow; }

// The class (or, at level 0, the date interval) the query takes at `level`.
std::uint32_t QueryClass(const DecisionGraph& graph, const Query& query, std::uint32_t level) {
  if (level == 0) return graph.partition().IntervalOf(query.date);
  const std::uint32_t dim = graph.level_dim(level);
  return graph.partition().dims[dim].class_of[query.values[dim]];
}

// The query's path from `ref` down to its terminal.
std::uint32_t Descend(const DecisionGraph& graph, const Query& query, std::uint32_t ref) {
  while (!DecisionGraph::IsTerminal(ref)) {
    ref = graph.children(ref)[QueryClass(graph, query, graph.level_of(ref))];
  }
  return DecisionGraph::TerminalIndex(ref);
}

// Per class of `dim`, the terminal the query reaches with that class: the
// query's path is shared down to the dimension's level, and below it only
// the levels under that dimension are walked. Empty when the path skips the level (the
// dimension does not matter for this query).
std::vector<std::uint32_t> TerminalPerClass(const DecisionGraph& graph, const Query& query,
                                            std::uint32_t dim) {
  std::uint32_t target = 0;
  while (target < graph.level_count() && (target == 0 || graph.level_dim(target) != dim)) ++target;
  std::uint32_t ref = graph.root();
  while (!DecisionGraph::IsTerminal(ref) && graph.level_of(ref) < target) {
    ref = graph.children(ref)[QueryClass(graph, query, graph.level_of(ref))];
  }
  if (DecisionGraph::IsTerminal(ref) || graph.level_of(ref) != target) return {};
  const auto children = graph.children(ref);
  std::vector<std::uint32_t> out(children.size());
  for (std::uint32_t c = 0; c < children.size(); ++c) {  // neighbours often share a child
    out[c] = c > 0 && children[c] == children[c - 1] ? out[c - 1] : Descend(graph, query, children[c]);
  }
  return out;
}

std::vector<ValueAlternative> ByValue(const DecisionGraph& graph, const Query& query, Effect effect) {
  std::vector<ValueAlternative> out;
  std::unordered_map<std::uint32_t, std::uint32_t> group_of_terminal;
  for (std::uint32_t d = 0; d < query.values.size(); ++d) {
    const compile::DimPartition& dim = graph.partition().dims[d];
    const std::vector<std::uint32_t> terminals = TerminalPerClass(graph, query, d);
    if (terminals.empty()) continue;
    // Classes that flip, by terminal reached, then terminals by decisive rules.
    std::vector<std::uint32_t> group_of_class(dim.class_count(), kNoGroup);
    group_of_terminal.clear();
    std::map<std::vector<std::uint32_t>, std::uint32_t> group_of_rules;
    const std::size_t first = out.size();
    for (std::uint32_t c = 0; c < dim.class_count(); ++c) {
      const std::uint32_t t = terminals[c];
      const eval::Outcome& outcome = graph.terminal(t).outcome;
      if (outcome.effect == effect) continue;
      auto [it, inserted] = group_of_terminal.try_emplace(t, 0);
      if (inserted) {
        const auto [g, added] =
            group_of_rules.try_emplace(outcome.decisive, static_cast<std::uint32_t>(out.size()));
        if (added) out.push_back({d, {}, Other(effect), outcome.decisive});
        it->second = g->second;
      }
      group_of_class[c] = it->second;
    }
    if (out.size() == first) continue;
    for (std::uint32_t v = 0; v < dim.class_of.size(); ++v) {
      const std::uint32_t g = group_of_class[dim.class_of[v]];
      if (g != kNoGroup) out[g].values.push_back(v);
    }
    // Within a dimension, by decisive rules (as before: the map's order).
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [](const ValueAlternative& a, const ValueAlternative& b) { return a.decisive < b.decisive; });
  }
  return out;
}

DateChange Change(const DecisionGraph& graph, const Query& query, Effect before, std::uint32_t interval) {
  const Verdict v = graph.Decide(query.values, graph.partition().IntervalStart(interval));
  return {graph.partition().cuts[interval - 1], before, v.effect, {v.decisive.begin(), v.decisive.end()}};
}

void Dates(const DecisionGraph& graph, const Query& query, Effect effect, Alternatives& out) {
  const compile::Partition& p = graph.partition();
  const std::uint32_t here = p.IntervalOf(query.date);
  const auto effect_in = [&](std::uint32_t i) {
    return graph.Decide(query.values, p.IntervalStart(i)).effect;
  };
  for (std::uint32_t i = here + 1; i < p.interval_count(); ++i) {
    if (effect_in(i) != effect) {
      out.next = Change(graph, query, effect, i);
      break;
    }
  }
  for (std::uint32_t i = here; i > 0; --i) {
    const Effect earlier = effect_in(i - 1);
    if (earlier != effect) {
      out.previous = Change(graph, query, earlier, i);
      break;
    }
  }
}

// Whether some assignment of the free levels reaches the other effect, and
// the classes taken there.
class FlipSearch {
 public:
  FlipSearch(const DecisionGraph& graph, const Query& query, Effect want, const std::vector<bool>& free_dim)
      : graph_(graph), query_(query), want_(want), free_(free_dim) {}

  std::optional<std::uint32_t> Terminal(std::vector<std::uint32_t>& values) {
    std::uint32_t ref = graph_.root();
    if (!DecisionGraph::IsTerminal(ref) && graph_.level_of(ref) == 0) {
      ref = graph_.children(ref)[graph_.partition().IntervalOf(query_.date)];
    }
    if (!Reaches(ref)) return std::nullopt;
    while (!DecisionGraph::IsTerminal(ref)) {  // follow a winning path
      const std::uint32_t dim = graph_.level_dim(graph_.level_of(ref));
      const auto children = graph_.children(ref);
      if (!free_[dim]) {
        ref = children[QueryClass(graph_, query_, graph_.level_of(ref))];
        continue;
      }
      for (std::uint32_t c = 0; c < children.size(); ++c) {
        if (Reaches(children[c])) {
          values[dim] = graph_.partition().dims[dim].representative[c];
          ref = children[c];
          break;
        }
      }
    }
    return DecisionGraph::TerminalIndex(ref);
  }

 private:
  bool Reaches(std::uint32_t ref) {
    if (DecisionGraph::IsTerminal(ref)) {
      return graph_.terminal(DecisionGraph::TerminalIndex(ref)).outcome.effect == want_;
    }
    if (const auto it = memo_.find(ref); it != memo_.end()) return it->second;
    const std::uint32_t dim = graph_.level_dim(graph_.level_of(ref));
    const auto children = graph_.children(ref);
    bool found = false;
    if (!free_[dim]) {
      found = Reaches(children[QueryClass(graph_, query_, graph_.level_of(ref))]);
    } else {
      for (std::uint32_t c = 0; c < children.size() && !found; ++c) found = Reaches(children[c]);
    }
    memo_.emplace(ref, found);
    return found;
  }

  const DecisionGraph& graph_;
  const Query& query_;
  Effect want_;
  const std::vector<bool>& free_;
  std::unordered_map<std::uint32_t, bool> memo_;
};

std::optional<Combination> Smallest(const DecisionGraph& graph, const Query& query, Effect effect) {
  const std::size_t n = query.values.size();
  if (n > 20) return std::nullopt;  // 2^n sets: a bound on the search
  std::vector<std::uint32_t> masks;
  for (std::uint32_t m = 1; m < (1u << n); ++m) masks.push_back(m);
  std::stable_sort(masks.begin(), masks.end(), [](std::uint32_t a, std::uint32_t b) {
    return __builtin_popcount(a) < __builtin_popcount(b);
  });
  for (std::uint32_t mask : masks) {
    if (__builtin_popcount(mask) < 2) continue;  // single dimensions are ByValue's
    std::vector<bool> free_dim(n);
    for (std::size_t d = 0; d < n; ++d) free_dim[d] = (mask >> d) & 1;
    std::vector<std::uint32_t> values = query.values;
    const auto terminal = FlipSearch(graph, query, Other(effect), free_dim).Terminal(values);
    if (!terminal) continue;
    Combination c;
    for (std::uint32_t d = 0; d < n; ++d) {
      if (free_dim[d]) c.dimensions.push_back(d);
    }
    c.example = std::move(values);
    c.decisive = graph.terminal(*terminal).outcome.decisive;
    return c;
  }
  return std::nullopt;
}

}  // namespace

Alternatives FindAlternatives(const Policy& policy, const Query& query) {
  const DecisionGraph& graph = internal::DataOf(policy).graph;
  Alternatives out;
  out.effect = graph.Decide(query.values, query.date).effect;
  out.values = ByValue(graph, query, out.effect);
  Dates(graph, query, out.effect, out);
  if (out.values.empty()) out.combination = Smallest(graph, query, out.effect);
  return out;
}

}  // namespace clearance::analysis
