// Cycle finding on small directed graphs (groups, overrides), with
// Boost.Graph: every cycle is reported with its whole path.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace clearance::resolve {

using Edges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// One cycle per strongly connected component that has one, as the vertex
// path v0 -> v1 -> ... -> v0 (the first vertex repeated at the end).
std::vector<std::vector<std::uint32_t>> FindCycles(std::uint32_t vertices, const Edges& edges);

// A topological order (every edge u -> v has v before u: dependencies
// first). Only for acyclic graphs.
std::vector<std::uint32_t> DependenciesFirst(std::uint32_t vertices, const Edges& edges);

}  // namespace clearance::resolve
