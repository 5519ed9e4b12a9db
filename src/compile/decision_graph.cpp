#include "compile/decision_graph.hpp"

#include <algorithm>

namespace clearance::compile {

std::uint32_t DecisionGraph::Find(std::span<const std::uint32_t> values, Date date) const noexcept {
  std::uint32_t ref = root_;
  if (IsTerminal(ref)) return TerminalIndex(ref);
  const std::uint32_t interval = partition_.IntervalOf(date);
  std::uint32_t level = 0;
  do {
    while (ref >= levels_[level].end) ++level;  // levels only grow along a path
    const Level& info = levels_[level];
    const std::uint32_t cls = level == 0 ? interval : class_of_[info.base + values[info.dim]];
    ref = pool_[ref + cls];
  } while (!IsTerminal(ref));
  return TerminalIndex(ref);
}

void DecisionGraph::MakeLevels() {
  levels_.clear();
  class_of_.clear();
  levels_.push_back({kTimeDim, static_cast<std::uint32_t>(partition_.interval_count()), 0, 0});
  for (std::uint32_t d : dim_order_) {
    const DimPartition& dim = partition_.dims[d];
    levels_.push_back({d, static_cast<std::uint32_t>(dim.class_count()), static_cast<std::uint32_t>(class_of_.size()), 0});
    class_of_.insert(class_of_.end(), dim.class_of.begin(), dim.class_of.end());
  }
}

void DecisionGraph::MakeVerdicts() {
  verdicts_.clear();
  decisive_pool_.clear();
  for (const Terminal& t : terminals_) {
    const auto& decisive = t.outcome.decisive;
    verdicts_.push_back({static_cast<std::uint32_t>(decisive_pool_.size()),
                         static_cast<std::uint32_t>(decisive.size()), t.outcome.effect, t.outcome.basis});
    decisive_pool_.insert(decisive_pool_.end(), decisive.begin(), decisive.end());
  }
}

std::uint32_t DecisionGraph::level_of(std::uint32_t node) const {
  const auto it = std::upper_bound(levels_.begin(), levels_.end(), node,
                                   [](std::uint32_t n, const Level& level) { return n < level.end; });
  return static_cast<std::uint32_t>(it - levels_.begin());
}

std::size_t DecisionGraph::memory_bytes() const {
  std::size_t bytes = sizeof(*this);
  bytes += pool_.capacity() * sizeof(std::uint32_t) + nodes_.capacity() * sizeof(std::uint32_t);
  bytes += levels_.capacity() * sizeof(Level) + class_of_.capacity() * sizeof(std::uint32_t);
  bytes += (node_parent_.capacity() + terminal_parent_.capacity()) * sizeof(Parent);
  bytes += verdicts_.capacity() * sizeof(CompactVerdict) + decisive_pool_.capacity() * sizeof(std::uint32_t);
  bytes += partition_.cuts.capacity() * sizeof(Date);
  for (const DimPartition& d : partition_.dims) {
    bytes += (d.class_of.capacity() + d.representative.capacity()) * sizeof(std::uint32_t);
  }
  for (const Terminal& t : terminals_) {
    const eval::Outcome& o = t.outcome;
    const std::size_t words =
        t.matching.capacity() + o.decisive.capacity() + o.overridden.capacity() + o.outvoted.capacity();
    bytes += sizeof(Terminal) + words * sizeof(std::uint32_t);
  }
  return bytes;
}

Witness DecisionGraph::WitnessFor(std::uint32_t t) const {
  // Walk the first-reach parents up to the root; levels off that path do not
  // matter for this terminal, so they keep class 0.
  std::vector<std::uint32_t> cls(levels_.size(), 0);
  for (Parent p = terminal_parent_[t]; p.node != UINT32_MAX;) {
    cls[level_of(p.node)] = p.cls;
    const auto index = std::lower_bound(nodes_.begin(), nodes_.end(), p.node) - nodes_.begin();
    p = node_parent_[index];
  }
  Witness out;
  out.values.resize(partition_.dims.size());
  for (std::uint32_t level = 1; level < levels_.size(); ++level) {
    const std::uint32_t dim = levels_[level].dim;
    out.values[dim] = partition_.dims[dim].representative[cls[level]];
  }
  out.date = partition_.IntervalStart(cls[0]);
  return out;
}

std::vector<std::uint32_t> DefaultDimOrder(const Partition& partition) {
  std::vector<std::uint32_t> order(partition.dims.size());
  for (std::uint32_t d = 0; d < order.size(); ++d) order[d] = d;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return partition.dims[a].class_count() > partition.dims[b].class_count();
  });
  return order;
}

}  // namespace clearance::compile
