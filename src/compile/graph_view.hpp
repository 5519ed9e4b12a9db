// A Boost.Graph view of a decision graph, built on demand for export and
// for analyses that want BGL algorithms. Parallel edges are merged: one edge
// per (node, child) carrying every class that leads there.
//
// Kept out of decision_graph.hpp so that evaluation code does not include
// Boost.Graph.
#pragma once

#include <boost/dynamic_bitset.hpp>
#include <boost/graph/adjacency_list.hpp>
#include <cstdint>

#include "compile/decision_graph.hpp"

namespace clearance::compile {

struct DiagramVertex {
  std::uint32_t ref = 0;  // a node, or a terminal (DecisionGraph::kTerminalBit)
};

struct DiagramEdge {
  boost::dynamic_bitset<> classes;  // of the source node's level (intervals at level 0)
};

using DiagramView =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, DiagramVertex, DiagramEdge>;

// Vertices in breadth-first order from the root; each vertex's edges in the
// order of their first class. The same graph always gives the same view.
DiagramView MakeDiagramView(const DecisionGraph& graph);

}  // namespace clearance::compile
