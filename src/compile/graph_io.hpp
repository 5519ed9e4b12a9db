// The decision graph in a compiled snapshot. Only what compiling produced is
// stored (partition, order, the node pool, terminals, first-reach parents);
// the lookup tables Decide reads (levels, classes per value, compact
// verdicts) are rebuilt from it. Reading checks every reference: a child
// is a terminal that exists or a node on a deeper level, so every walk ends;
// a parent really has its child at the recorded class; every rule index is a
// rule of `policy`.
#pragma once

#include <optional>

#include "base/byte_io.hpp"
#include "compile/decision_graph.hpp"

namespace clearance::compile {

void WriteGraph(const DecisionGraph& graph, ByteWriter& out);
// Nullopt with in.error() set when the bytes are not a graph over `policy`.
std::optional<DecisionGraph> ReadGraph(ByteReader& in, const resolve::ResolvedPolicy& policy);

}  // namespace clearance::compile
