// From the diff diagram to few, readable regions: each path to a changed
// leaf is a Cartesian product (the classes taken at each level, every value
// at the levels skipped); products that differ in one level only and share
// a transition are merged until no more can be.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/diff_walk.hpp"

namespace clearance::analysis {

struct RawRegion {
  std::uint32_t transition = 0;  // index into DiffDiagram::transitions()
  // Per shared dimension: its compared values in the region, ascending.
  std::vector<std::vector<std::uint32_t>> values;
};

// Disjoint regions whose union is the diagram's changed queries, merged:
// to a fixpoint, any two regions with the same transition whose sets differ
// at one position only become one. Deterministic: the first of two merged
// regions takes the union and keeps its place. Fails when more than
// max_regions would be produced before merging.
Result<std::vector<RawRegion>> BuildRegions(const DiffDiagram& diagram, const DiffSpace& space,
                                            const std::vector<JointLevel>& levels, std::size_t max_regions);

}  // namespace clearance::analysis
