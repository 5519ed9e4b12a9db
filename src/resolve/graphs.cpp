#include "resolve/graphs.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <iterator>

namespace clearance::resolve {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

Graph Build(std::uint32_t vertices, const Edges& edges) {
  Graph g(vertices);
  for (auto [u, v] : edges) boost::add_edge(u, v, g);
  return g;
}

// A path from start back to start inside one component (breadth-first, so
// the cycle reported is a shortest one).
std::vector<std::uint32_t> CycleThrough(const Graph& g, std::uint32_t start, const std::vector<int>& comp) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::int64_t> parent(n, -1);
  std::vector<std::uint32_t> queue = {start};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t u = queue[head];
    for (auto [e, end] = boost::out_edges(u, g); e != end; ++e) {
      const auto v = static_cast<std::uint32_t>(boost::target(*e, g));
      if (comp[v] != comp[start]) continue;
      if (v == start) {
        if (u == start) return {start, start};
        std::vector<std::uint32_t> path = {start};
        for (std::int64_t w = u; w != -1 && static_cast<std::uint32_t>(w) != start; w = parent[w]) {
          path.push_back(static_cast<std::uint32_t>(w));
        }
        path.push_back(start);
        std::reverse(path.begin(), path.end());
        return path;  // start ... u start, reversed into start -> ... -> start
      }
      if (parent[v] == -1 && v != start) {
        parent[v] = u;
        queue.push_back(v);
      }
    }
  }
  return {};
}

}  // namespace

std::vector<std::vector<std::uint32_t>> FindCycles(std::uint32_t vertices, const Edges& edges) {
  const Graph g = Build(vertices, edges);
  std::vector<int> comp(vertices);
  const int count = vertices == 0 ? 0 : boost::strong_components(g, comp.data());
  std::vector<int> size(static_cast<std::size_t>(count), 0);
  for (int c : comp) ++size[static_cast<std::size_t>(c)];
  std::vector<bool> reported(static_cast<std::size_t>(count), false);
  std::vector<std::vector<std::uint32_t>> cycles;
  for (std::uint32_t v = 0; v < vertices; ++v) {
    const auto c = static_cast<std::size_t>(comp[v]);
    if (reported[c]) continue;
    const bool self_loop = std::any_of(edges.begin(), edges.end(),
                                       [&](auto e) { return e.first == v && e.second == v; });
    if (size[c] < 2 && !self_loop) continue;
    reported[c] = true;
    cycles.push_back(CycleThrough(g, v, comp));
  }
  return cycles;
}

std::vector<std::uint32_t> DependenciesFirst(std::uint32_t vertices, const Edges& edges) {
  const Graph g = Build(vertices, edges);
  std::vector<Graph::vertex_descriptor> order;
  boost::topological_sort(g, std::back_inserter(order));
  return {order.begin(), order.end()};
}

}  // namespace clearance::resolve
