// The queries one side of a diff has beyond the compared ones, and how that
// side decides them: its whole query space less the compared space, both
// counted on its decision graph.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/diff_space.hpp"
#include "clearance/diff.hpp"

namespace clearance::analysis {

// `intervals`: the side's date intervals compared, each with how many
// compared intervals it stands for (1 for a single date).
OneSidedQueries CountOneSided(const resolve::ResolvedPolicy& side, const compile::DecisionGraph& graph,
                              const DiffSpace& space, bool old_side,
                              const std::vector<std::pair<std::uint32_t, std::uint64_t>>& intervals);

}  // namespace clearance::analysis
