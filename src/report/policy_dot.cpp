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
  std::string text;     // "label=..., shape=..."
  std::string cluster;  // vertices: the cluster drawn around them, or ""
};
using LabelledGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Attrs, Attrs>;

// Every vertex without an incoming edge is a root of the selection.
std::string Write(const LabelledGraph& g, std::string_view graph_attrs, std::size_t max_nodes) {
  std::vector<bool> has_parent(boost::num_vertices(g), false);
  for (auto [e, e_end] = boost::edges(g); e != e_end; ++e) has_parent[boost::target(*e, g)] = true;
  std::vector<std::size_t> roots;
  for (std::size_t v = 0; v < has_parent.size(); ++v) {
    if (!has_parent[v]) roots.push_back(v);
  }
  const auto keep = [](LabelledGraph::edge_descriptor) { return true; };
  std::ostringstream out;
  WriteSelectedDot(
      out, g, graph_attrs, SelectVertices(g, roots, keep, max_nodes),
      [&](LabelledGraph::vertex_descriptor v) { return g[v].text; },
      [&](LabelledGraph::edge_descriptor e) { return g[e].text; }, keep,
      [&](LabelledGraph::vertex_descriptor v) { return g[v].cluster; });
  return out.str();
}

// Past this many direct members, a group's members are one node with a count.
constexpr std::size_t kMaxMemberNodes = 6;

std::string ValueName(const resolve::Dimension& dim, std::uint32_t v) { return dim.info.Labelled(v); }

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
      for (std::uint32_t c = 0; c < n && immediate; ++c)
        immediate = !(Below(sets, a, c) && Below(sets, c, b));
      if (immediate) parents[a].push_back(b);
    }
  }
  return parents;
}

// `focus`: the values --focus names for this dimension (nullopt: all);
// only groups holding one of them are drawn, and only those values.
void AddDimension(LabelledGraph& g, const resolve::Dimension& dim,
                  const std::optional<resolve::ValueSet>& focus) {
  const std::string& cluster = dim.info.name;
  const auto root = boost::add_vertex({"shape=folder, label=" + DotQuote(dim.info.name), cluster}, g);
  // A group with dated members is drawn with every value it has on some date.
  std::vector<resolve::ValueSet> sets;
  for (const resolve::DatedSet& set : dim.group_sets) sets.push_back(set.OnSomeDate());
  const auto n = static_cast<std::uint32_t>(sets.size());
  const auto drawn = [&](std::uint32_t k) { return !focus || sets[k].intersects(*focus); };
  std::vector<LabelledGraph::vertex_descriptor> group_vertex(n);
  for (std::uint32_t k = 0; k < n; ++k) {
    if (!drawn(k)) continue;
    const std::string label = dim.info.groups[k].name + " (" + std::to_string(sets[k].count()) + ")";
    group_vertex[k] = boost::add_vertex({"shape=box, style=rounded, label=" + DotQuote(label), cluster}, g);
  }
  const auto parents = ImmediateParents(sets);
  std::vector<resolve::ValueSet> in_subgroup(n, resolve::ValueSet(dim.size()));
  for (std::uint32_t k = 0; k < n; ++k) {
    if (!drawn(k)) continue;
    if (parents[k].empty()) boost::add_edge(root, group_vertex[k], {"", ""}, g);
    for (std::uint32_t p : parents[k]) {
      boost::add_edge(group_vertex[p], group_vertex[k], {"", ""}, g);
      in_subgroup[p] |= sets[k];
    }
  }
  std::vector<std::optional<LabelledGraph::vertex_descriptor>> value_vertex(dim.size());
  for (std::uint32_t k = 0; k < n; ++k) {
    if (!drawn(k)) continue;
    resolve::ValueSet direct = sets[k] - in_subgroup[k];
    if (focus) direct &= *focus;
    if (direct.count() > kMaxMemberNodes) {  // one node: the first few, then the count
      std::string label;
      std::size_t listed = 0;
      for (auto v = direct.find_first(); v != resolve::ValueSet::npos && listed < 4;
           v = direct.find_next(v), ++listed) {
        label += ValueName(dim, static_cast<std::uint32_t>(v)) + "\n";
      }
      label += "+" + std::to_string(direct.count() - listed) + " more";
      const auto members = boost::add_vertex({"shape=note, label=" + DotQuote(label), cluster}, g);
      boost::add_edge(group_vertex[k], members, {"", ""}, g);
      continue;
    }
    for (auto v = direct.find_first(); v != resolve::ValueSet::npos; v = direct.find_next(v)) {
      if (!value_vertex[v]) {
        value_vertex[v] = boost::add_vertex(
            {"shape=plaintext, label=" + DotQuote(ValueName(dim, static_cast<std::uint32_t>(v))), cluster},
            g);
      }
      boost::add_edge(group_vertex[k], *value_vertex[v], {"", ""}, g);
    }
  }
}

}  // namespace

std::string GroupsToDot(const resolve::ResolvedPolicy& policy, const DotView& view) {
  LabelledGraph g;
  const bool focused =
      std::any_of(view.focus.begin(), view.focus.end(), [](const auto& f) { return f.has_value(); });
  for (std::size_t d = 0; d < policy.dims.size(); ++d) {
    const std::optional<resolve::ValueSet> none;
    const auto& focus = d < view.focus.size() ? view.focus[d] : none;
    if (focused && !focus) continue;  // --focus names the dimensions to draw
    AddDimension(g, policy.dims[d], focus);
  }
  return Write(g, DotGraphAttrs(view, "  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"), view.max_nodes);
}

std::string OverridesToDot(const resolve::ResolvedPolicy& policy, const DotView& view) {
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
             std::string(allow ? "\"#cfe6f5\"" : "\"#fbe3b3\"") +
             ", label=" + DotQuote(rule.info.id + " (" + std::string(ToString(rule.info.effect)) + ")"),
         ""},
        g);
  }
  for (const auto& [w, l] : edges) boost::add_edge(vertex[w], vertex[l], {"label=\"overrides\"", ""}, g);
  return Write(g,
               DotGraphAttrs(
                   view, "  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n"),
               view.max_nodes);
}

}  // namespace clearance::report
