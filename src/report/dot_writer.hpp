// Writes any Boost.Graph vertex-list graph as DOT. Used instead of
// boost::write_graphviz, whose whole-graph edge iterator trips GCC 12's
// -Wmaybe-uninitialized (a false positive that -Werror builds would fail on);
// walking out_edges per vertex gives the same order.
#pragma once

#include <algorithm>
#include <boost/graph/graph_traits.hpp>
#include <deque>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace clearance::report {

// A DOT string literal: quotes, backslashes and newlines escaped.
inline std::string DotQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// `vertex_attrs(v)` and `edge_attrs(e)` return attribute lists such as
// "label=\"x\", shape=box" (without brackets); vertices are named n0, n1, ...
// by their index. Calls are unqualified: found by ADL at instantiation.
template <class Graph, class VertexAttrs, class EdgeAttrs>
void WriteDot(std::ostream& out, const Graph& g, std::string_view graph_attrs, VertexAttrs vertex_attrs,
              EdgeAttrs edge_attrs) {
  out << "digraph G {\n" << graph_attrs;
  for (auto [v, v_end] = vertices(g); v != v_end; ++v) {
    out << "  n" << *v << " [" << vertex_attrs(*v) << "];\n";
  }
  for (auto [v, v_end] = vertices(g); v != v_end; ++v) {
    for (auto [e, e_end] = out_edges(*v, g); e != e_end; ++e) {
      out << "  n" << *v << " -> n" << target(*e, g);
      const std::string attrs = edge_attrs(*e);
      if (!attrs.empty()) out << " [" << attrs << "]";
      out << ";\n";
    }
  }
  out << "}\n";
}

// Which vertices a drawing shows: those reachable from `roots` through the
// edges keep_edge(e) allows, the first max_nodes of them breadth first (0:
// all); `hidden` counts the reachable ones past the limit.
struct DotSelection {
  std::vector<bool> reached;
  std::vector<bool> shown;
  std::size_t hidden = 0;
};

template <class Graph, class KeepEdge>
DotSelection SelectVertices(const Graph& g, const std::vector<std::size_t>& roots, KeepEdge keep_edge,
                            std::size_t max_nodes) {
  DotSelection s;
  s.reached.assign(num_vertices(g), false);
  s.shown.assign(num_vertices(g), false);
  std::deque<std::size_t> queue;
  for (std::size_t r : roots) {
    if (!s.reached[r]) queue.push_back(r);
    s.reached[r] = true;
  }
  std::size_t shown = 0;
  while (!queue.empty()) {
    const std::size_t v = queue.front();
    queue.pop_front();
    if (max_nodes == 0 || shown < max_nodes) {
      s.shown[v] = true;
      ++shown;
    } else {
      ++s.hidden;
    }
    for (auto [e, e_end] = out_edges(v, g); e != e_end; ++e) {
      const std::size_t t = target(*e, g);
      if (!keep_edge(*e) || s.reached[t]) continue;
      s.reached[t] = true;
      queue.push_back(t);
    }
  }
  return s;
}

// Like WriteDot, for the selected vertices only: an edge to a reached but
// hidden vertex goes to one summary node instead. cluster_of(v) names the
// cluster ("" for none) a vertex is drawn in; clusters are written in the
// order they first appear.
template <class Graph, class VertexAttrs, class EdgeAttrs, class KeepEdge, class ClusterOf>
void WriteSelectedDot(std::ostream& out, const Graph& g, std::string_view graph_attrs, const DotSelection& s,
                      VertexAttrs vertex_attrs, EdgeAttrs edge_attrs, KeepEdge keep_edge,
                      ClusterOf cluster_of) {
  out << "digraph G {\n" << graph_attrs;
  std::vector<std::string> clusters;
  for (auto [v, v_end] = vertices(g); v != v_end; ++v) {
    if (!s.shown[*v]) continue;
    const std::string c = cluster_of(*v);
    if (std::find(clusters.begin(), clusters.end(), c) == clusters.end()) clusters.push_back(c);
  }
  for (std::size_t k = 0; k < clusters.size(); ++k) {
    const bool boxed = !clusters[k].empty();
    if (boxed) {
      out << "  subgraph cluster_" << k << " {\n    label=" << DotQuote(clusters[k])
          << ";\n    style=\"rounded\";\n    color=\"#9aa4b1\";\n";
    }
    for (auto [v, v_end] = vertices(g); v != v_end; ++v) {
      if (s.shown[*v] && cluster_of(*v) == clusters[k]) {
        out << (boxed ? "    n" : "  n") << *v << " [" << vertex_attrs(*v) << "];\n";
      }
    }
    if (boxed) out << "  }\n";
  }
  if (s.hidden > 0) {
    out << "  more [shape=note, style=filled, fillcolor=\"#eeeeee\", label="
        << DotQuote(std::to_string(s.hidden) + " more nodes\n(narrow with --focus or raise --max-nodes)")
        << "];\n";
  }
  for (auto [v, v_end] = vertices(g); v != v_end; ++v) {
    if (!s.shown[*v]) continue;
    bool to_more = false;
    for (auto [e, e_end] = out_edges(*v, g); e != e_end; ++e) {
      const auto t = target(*e, g);
      if (!keep_edge(*e)) continue;
      if (!s.shown[t]) {
        to_more = true;
        continue;
      }
      out << "  n" << *v << " -> n" << t;
      const std::string attrs = edge_attrs(*e);
      if (!attrs.empty()) out << " [" << attrs << "]";
      out << ";\n";
    }
    if (to_more) out << "  n" << *v << " -> more [style=dashed];\n";
  }
  out << "}\n";
}

}  // namespace clearance::report
