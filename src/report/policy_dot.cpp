// GroupsToDot and OverridesToDot: DOT for the policy's own graphs, through
// a plain labelled Boost.Graph so every export is written the same way.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <optional>
#include <sstream>

#include "report/dot.hpp"
#include "report/dot_writer.hpp"

namespace clearance::report {

namespace {

struct Attrs {
  std::string text;  // "label=..., shape=..."
};
using LabelledGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Attrs, Attrs>;

std::string Write(const LabelledGraph& g, std::string_view graph_attrs) {
  std::ostringstream out;
  WriteDot(
      out, g, graph_attrs, [&](LabelledGraph::vertex_descriptor v) { return g[v].text; },
      [&](LabelledGraph::edge_descriptor e) { return g[e].text; });
  return out.str();
}

// a lies strictly below b in the inclusion order; equal sets are ordered
// by declaration, the later one below.
bool Below(const std::vector<resolve::ValueSet>& sets, std::uint32_t a, std::uint32_t b) {
  const resolve::ValueSet& sa = sets[a];
  const resolve::ValueSet& sb = sets[b];
  if (a == b || sa.none() || !sa.is_subset_of(sb)) return false;
  return sa != sb || a > b;
}

// For each group, the groups immediately above it (none: the dimension).
std::vector<std::vector<std::uint32_t>> ImmediateParents(const std::vector<resolve::ValueSet>& sets) {
  const auto n = static_cast<std::uint32_t>(sets.size());
  std::vector<std::vector<std::uint32_t>> parents(n);
  for (std::uint32_t a = 0; a < n; ++a) {
    for (std::uint32_t b = 0; b < n; ++b) {
      if (!Below(sets, a, b)) continue;
      bool immediate = true;
      for (std::uint32_t c = 0; c < n && immediate; ++c) immediate = !(Below(sets, a, c) && Below(sets, c, b));
      if (immediate) parents[a].push_back(b);
    }
  }
  return parents;
}

void AddDimension(LabelledGraph& g, const resolve::Dimension& dim) {
  const auto root = boost::add_vertex({"shape=folder, label=" + DotQuote(dim.info.name)}, g);
  // A group with dated members is drawn with every value it has on some date.
  std::vector<resolve::ValueSet> sets;
  for (const resolve::DatedSet& set : dim.group_sets) sets.push_back(set.OnSomeDate());
  const auto n = static_cast<std::uint32_t>(sets.size());
  std::vector<LabelledGraph::vertex_descriptor> group_vertex;
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::string label =
        dim.info.groups[k].name + " (" + std::to_string(sets[k].count()) + ")";
    group_vertex.push_back(boost::add_vertex({"shape=box, label=" + DotQuote(label)}, g));
  }
  const auto parents = ImmediateParents(sets);
  std::vector<resolve::ValueSet> in_subgroup(n, resolve::ValueSet(dim.size()));
  for (std::uint32_t k = 0; k < n; ++k) {
    if (parents[k].empty()) boost::add_edge(root, group_vertex[k], {""}, g);
    for (std::uint32_t p : parents[k]) {
      boost::add_edge(group_vertex[p], group_vertex[k], {""}, g);
      in_subgroup[p] |= sets[k];
    }
  }
  std::vector<std::optional<LabelledGraph::vertex_descriptor>> value_vertex(dim.size());
  for (std::uint32_t k = 0; k < n; ++k) {
    const resolve::ValueSet direct = sets[k] - in_subgroup[k];
    for (auto v = direct.find_first(); v != resolve::ValueSet::npos; v = direct.find_next(v)) {
      if (!value_vertex[v]) {
        value_vertex[v] = boost::add_vertex({"shape=plaintext, label=" + DotQuote(dim.info.values[v])}, g);
      }
      boost::add_edge(group_vertex[k], *value_vertex[v], {""}, g);
    }
  }
}

}  // namespace

std::string GroupsToDot(const resolve::ResolvedPolicy& policy) {
  LabelledGraph g;
  for (const resolve::Dimension& dim : policy.dims) AddDimension(g, dim);
  return Write(g, "  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
}

std::string OverridesToDot(const resolve::ResolvedPolicy& policy) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // (winner, loser)
  for (std::uint32_t loser = 0; loser < policy.rules.size(); ++loser) {
    for (std::uint32_t winner : policy.rules[loser].overridden_by) edges.emplace_back(winner, loser);
  }
  std::sort(edges.begin(), edges.end());
  std::vector<bool> involved(policy.rules.size(), false);
  for (const auto& [w, l] : edges) involved[w] = involved[l] = true;
  LabelledGraph g;
  std::vector<LabelledGraph::vertex_descriptor> vertex(policy.rules.size());
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    if (!involved[r]) continue;
    const resolve::Rule& rule = policy.rules[r];
    const bool allow = rule.info.effect == Effect::kAllow;
    vertex[r] = boost::add_vertex(
        {"shape=box, style=\"rounded,filled\", fillcolor=" +
         std::string(allow ? "\"#d9f2d9\"" : "\"#f8d7da\"") +
         ", label=" + DotQuote(rule.info.id + " (" + std::string(ToString(rule.info.effect)) + ")")},
        g);
  }
  for (const auto& [w, l] : edges) boost::add_edge(vertex[w], vertex[l], {"label=\"overrides\""}, g);
  return Write(g, "  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
}

}  // namespace clearance::report
