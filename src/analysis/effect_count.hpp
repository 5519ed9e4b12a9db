// How many queries of a subspace a decision graph allows and denies on one
// date interval, counted on the graph (one pass over its nodes, never over
// the queries): a subspace is a set of values per dimension.
#pragma once

#include <cstdint>
#include <vector>

#include "compile/decision_graph.hpp"

namespace clearance::analysis {

struct EffectCounts {
  std::uint64_t allow = 0;  // saturating at UINT64_MAX
  std::uint64_t deny = 0;
};

// `included[d][v]`: whether value v of dimension d (declaration order) is in
// the subspace.
EffectCounts CountEffects(const compile::DecisionGraph& graph, const std::vector<std::vector<bool>>& included,
                          std::uint32_t interval);

std::uint64_t SaturatingAdd(std::uint64_t a, std::uint64_t b);
std::uint64_t SaturatingMul(std::uint64_t a, std::uint64_t b);

}  // namespace clearance::analysis
