#include "analysis/effect_count.hpp"

#include <unordered_map>

namespace clearance::analysis {

std::uint64_t SaturatingAdd(std::uint64_t a, std::uint64_t b) {
  return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

std::uint64_t SaturatingMul(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}

namespace {

using compile::DecisionGraph;

class Counter {
 public:
  Counter(const DecisionGraph& graph, const std::vector<std::vector<bool>>& included) : graph_(graph) {
    const std::size_t levels = graph.level_count();
    weight_.resize(levels);
    total_.assign(levels, 1);
    for (std::uint32_t level = 1; level < levels; ++level) {
      const std::uint32_t dim = graph.level_dim(level);
      const auto& class_of = graph.partition().dims[dim].class_of;
      weight_[level].assign(graph.level_size(level), 0);
      for (std::size_t v = 0; v < class_of.size(); ++v) {
        if (included[dim][v]) ++weight_[level][class_of[v]];
      }
    }
    for (std::size_t level = 1; level < levels; ++level) {
      total_[level] = 0;
      for (std::uint64_t w : weight_[level]) total_[level] += w;
    }
  }

  // Counts below `ref` over levels `from`..end.
  EffectCounts Count(std::uint32_t ref, std::uint32_t from) {
    const std::uint32_t level = Level(ref);
    const std::uint64_t factor = Product(from, level);
    const EffectCounts below = Below(ref);
    return {SaturatingMul(factor, below.allow), SaturatingMul(factor, below.deny)};
  }

  std::uint32_t Level(std::uint32_t ref) const {
    return DecisionGraph::IsTerminal(ref) ? static_cast<std::uint32_t>(graph_.level_count())
                                          : graph_.level_of(ref);
  }

 private:
  // Product of the totals of levels [from, to).
  std::uint64_t Product(std::uint32_t from, std::uint32_t to) const {
    std::uint64_t p = 1;
    for (std::uint32_t l = from; l < to; ++l) p = SaturatingMul(p, total_[l]);
    return p;
  }

  EffectCounts Below(std::uint32_t ref) {
    if (DecisionGraph::IsTerminal(ref)) {
      const bool allow = graph_.terminal(DecisionGraph::TerminalIndex(ref)).outcome.effect == Effect::kAllow;
      return {allow ? 1u : 0u, allow ? 0u : 1u};
    }
    if (const auto it = memo_.find(ref); it != memo_.end()) return it->second;
    const std::uint32_t level = graph_.level_of(ref);
    const auto children = graph_.children(ref);
    EffectCounts sum;
    for (std::uint32_t c = 0; c < children.size(); ++c) {
      const std::uint64_t w = weight_[level][c];
      if (w == 0) continue;
      const EffectCounts child = Count(children[c], level + 1);
      sum.allow = SaturatingAdd(sum.allow, SaturatingMul(w, child.allow));
      sum.deny = SaturatingAdd(sum.deny, SaturatingMul(w, child.deny));
    }
    memo_.emplace(ref, sum);
    return sum;
  }

  const DecisionGraph& graph_;
  std::vector<std::vector<std::uint64_t>> weight_;  // per level, per class
  std::vector<std::uint64_t> total_;                // per level: values in the subspace
  std::unordered_map<std::uint32_t, EffectCounts> memo_;
};

}  // namespace

EffectCounts CountEffects(const DecisionGraph& graph, const std::vector<std::vector<bool>>& included,
                          std::uint32_t interval) {
  Counter counter(graph, included);
  std::uint32_t ref = graph.root();
  if (!DecisionGraph::IsTerminal(ref) && graph.level_of(ref) == 0) ref = graph.children(ref)[interval];
  return counter.Count(ref, 1);
}

}  // namespace clearance::analysis
