#include "compile/graph_view.hpp"

#include <deque>
#include <unordered_map>

namespace clearance::compile {

DiagramView MakeDiagramView(const DecisionGraph& graph) {
  DiagramView view;
  std::unordered_map<std::uint32_t, DiagramView::vertex_descriptor> vertex_of;
  std::deque<std::uint32_t> queue;
  const auto vertex = [&](std::uint32_t ref) {
    const auto [it, inserted] = vertex_of.try_emplace(ref, 0);
    if (inserted) {
      it->second = boost::add_vertex(DiagramVertex{ref}, view);
      if (!DecisionGraph::IsTerminal(ref)) queue.push_back(ref);
    }
    return it->second;
  };
  vertex(graph.root());
  while (!queue.empty()) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    const auto source = vertex_of.at(node);
    const auto kids = graph.children(node);
    // One edge per distinct child, created when its first class is seen.
    std::unordered_map<std::uint32_t, DiagramView::edge_descriptor> edge_to;
    for (std::uint32_t c = 0; c < kids.size(); ++c) {
      auto it = edge_to.find(kids[c]);
      if (it == edge_to.end()) {
        const auto target = vertex(kids[c]);
        const auto edge =
            boost::add_edge(source, target, DiagramEdge{boost::dynamic_bitset<>(kids.size())}, view);
        it = edge_to.emplace(kids[c], edge.first).first;
      }
      view[it->second].classes.set(c);
    }
  }
  return view;
}

}  // namespace clearance::compile
