// Writes any Boost.Graph vertex-list graph as DOT. Used instead of
// boost::write_graphviz, whose whole-graph edge iterator trips GCC 12's
// -Wmaybe-uninitialized (a false positive that -Werror builds would fail on);
// walking out_edges per vertex gives the same order.
#pragma once

#include <boost/graph/graph_traits.hpp>
#include <ostream>
#include <string>
#include <string_view>

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

}  // namespace clearance::report
