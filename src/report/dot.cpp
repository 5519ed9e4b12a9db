#include "report/dot.hpp"

#include <algorithm>
#include <span>
#include <sstream>

#include "base/strings.hpp"
#include "compile/graph_view.hpp"
#include "report/dot_writer.hpp"

namespace clearance::report {

namespace {

std::string JoinNames(const std::vector<std::string>& names, std::size_t max_names) {
  std::string out = Join(std::span(names).first(std::min(names.size(), max_names)), ", ");
  if (names.size() > max_names) out += ", +" + std::to_string(names.size() - max_names) + " more";
  return out;
}

// Groups wholly inside `set`, largest first, each adding values not yet
// covered; then the values left over. Names come out in declaration order.
std::vector<std::string> CoverNames(const resolve::Dimension& dim, const resolve::ValueSet& set) {
  std::vector<std::uint32_t> groups;
  for (std::uint32_t g = 0; g < dim.group_sets.size(); ++g) {
    if (!dim.group_sets[g].constant()) continue;  // a dated group names no one set
    const resolve::ValueSet& members = dim.group_sets[g].pieces().front();
    if (members.any() && members.is_subset_of(set)) groups.push_back(g);
  }
  std::stable_sort(groups.begin(), groups.end(), [&](std::uint32_t a, std::uint32_t b) {
    return dim.group_sets[a].pieces().front().count() > dim.group_sets[b].pieces().front().count();
  });
  resolve::ValueSet covered(set.size());
  std::vector<bool> chosen(dim.group_sets.size(), false);
  for (std::uint32_t g : groups) {
    if (dim.group_sets[g].pieces().front().is_subset_of(covered)) continue;
    chosen[g] = true;
    covered |= dim.group_sets[g].pieces().front();
  }
  std::vector<std::string> names;
  for (std::uint32_t g = 0; g < chosen.size(); ++g) {
    if (chosen[g]) names.push_back(dim.info.groups[g].name);
  }
  const resolve::ValueSet rest = set - covered;
  for (auto v = rest.find_first(); v != resolve::ValueSet::npos; v = rest.find_next(v)) {
    names.push_back(dim.info.values[v]);
  }
  return names;
}

}  // namespace

std::string DescribeValueSet(const resolve::Dimension& dim, const resolve::ValueSet& set,
                             std::size_t max_names) {
  if (set.all()) return "any";
  if (set.none()) return "none";
  const std::vector<std::string> in = CoverNames(dim, set);
  const std::vector<std::string> out = CoverNames(dim, ~set);
  if (out.size() < in.size()) return "any except " + JoinNames(out, max_names);
  return JoinNames(in, max_names);
}

namespace {

std::string DescribeIntervals(const compile::Partition& partition, const boost::dynamic_bitset<>& intervals) {
  std::vector<std::string> ranges;
  const std::size_t n = intervals.size();
  for (std::size_t i = intervals.find_first(); i != boost::dynamic_bitset<>::npos;) {
    std::size_t j = i;
    while (j + 1 < n && intervals.test(j + 1)) ++j;
    const bool open_start = i == 0;
    const bool open_end = j + 1 == n;
    const std::string from = open_start ? "" : partition.cuts[i - 1].ToString();
    const std::string to = open_end ? "" : partition.cuts[j].ToString();
    if (open_start)
      ranges.push_back("before " + to);
    else if (open_end)
      ranges.push_back("from " + from);
    else
      ranges.push_back(from + " to " + to);
    i = intervals.find_next(j);
  }
  return JoinNames(ranges, ranges.size());
}

std::string TerminalLabel(const compile::Terminal& terminal, const resolve::ResolvedPolicy& policy) {
  const eval::Outcome& o = terminal.outcome;
  std::string label(ToString(o.effect));
  if (o.basis == Basis::kDefault) return label + " (default)";
  if (o.conflict) label += " (conflict)";
  const auto ids = [&](const std::vector<std::uint32_t>& rules) {
    std::vector<std::string> names;
    for (std::uint32_t r : rules) names.push_back(policy.rules[r].info.id);
    return JoinNames(names, 6);
  };
  label += "\n" + ids(o.decisive);
  std::vector<std::string> outcomes;
  for (std::uint32_t r : o.decisive) {
    const std::string& outcome = policy.rules[r].info.outcome;
    if (!outcome.empty() && std::find(outcomes.begin(), outcomes.end(), outcome) == outcomes.end()) {
      outcomes.push_back(outcome);
    }
  }
  if (!outcomes.empty()) label += "\noutcome: " + JoinNames(outcomes, 4);
  if (!o.overridden.empty()) label += "\noverrides " + ids(o.overridden);
  if (!o.outvoted.empty()) label += "\noutvotes " + ids(o.outvoted);
  return label;
}

// Okabe–Ito blue and orange, light; the label's first word says the same.
std::string FillFor(Effect effect) { return effect == Effect::kAllow ? "\"#cfe6f5\"" : "\"#fbe3b3\""; }

// Whether a query focused as `view` says can take this edge.
bool KeepEdge(const compile::DecisionGraph& graph, const compile::DiagramView& dv, const DotView& view,
              compile::DiagramView::edge_descriptor e) {
  const std::uint32_t level = graph.level_of(dv[boost::source(e, dv)].ref);
  const boost::dynamic_bitset<>& classes = dv[e].classes;
  if (level == 0) {
    if (!view.date) return true;
    const auto& cuts = graph.partition().cuts;
    const auto interval =
        static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), *view.date) - cuts.begin());
    return classes.test(interval);
  }
  const std::uint32_t dim = graph.level_dim(level);
  if (dim >= view.focus.size() || !view.focus[dim]) return true;
  const compile::DimPartition& part = graph.partition().dims[dim];
  const resolve::ValueSet& wanted = *view.focus[dim];
  for (auto v = wanted.find_first(); v != resolve::ValueSet::npos; v = wanted.find_next(v)) {
    if (classes.test(part.class_of[v])) return true;
  }
  return false;
}

}  // namespace

std::string DotGraphAttrs(const DotView& view, std::string_view extra) {
  std::string out;
  if (!view.title.empty()) out += "  label=" + DotQuote(view.title) + ";\n  labelloc=t;\n  fontsize=16;\n";
  return out + "  fontname=\"Helvetica\";\n" + std::string(extra);
}

std::string DecisionsToDot(const compile::DecisionGraph& graph, const resolve::ResolvedPolicy& policy,
                           const DotView& focus) {
  const compile::DiagramView view = compile::MakeDiagramView(graph);
  const auto vertex_attrs = [&](compile::DiagramView::vertex_descriptor v) -> std::string {
    const std::uint32_t ref = view[v].ref;
    if (compile::DecisionGraph::IsTerminal(ref)) {
      const compile::Terminal& t = graph.terminal(compile::DecisionGraph::TerminalIndex(ref));
      return "shape=box, style=\"rounded,filled\", fillcolor=" + FillFor(t.outcome.effect) +
             ", label=" + DotQuote(TerminalLabel(t, policy));
    }
    const std::uint32_t dim = graph.level_dim(graph.level_of(ref));
    return "label=" + DotQuote(dim == compile::DecisionGraph::kTimeDim ? "date" : policy.dims[dim].info.name);
  };
  const auto edge_attrs = [&](compile::DiagramView::edge_descriptor e) -> std::string {
    const std::uint32_t level = graph.level_of(view[boost::source(e, view)].ref);
    const boost::dynamic_bitset<>& classes = view[e].classes;
    if (level == 0) return "label=" + DotQuote(DescribeIntervals(graph.partition(), classes));
    const std::uint32_t dim = graph.level_dim(level);
    const compile::DimPartition& part = graph.partition().dims[dim];
    resolve::ValueSet values(part.class_of.size());
    for (std::size_t v = 0; v < values.size(); ++v) values[v] = classes.test(part.class_of[v]);
    return "label=" + DotQuote(DescribeValueSet(policy.dims[dim], values, 4));
  };
  const auto keep = [&](compile::DiagramView::edge_descriptor e) { return KeepEdge(graph, view, focus, e); };
  const DotSelection selection = SelectVertices(view, {0}, keep, focus.max_nodes);
  std::ostringstream out;
  WriteSelectedDot(
      out, view,
      DotGraphAttrs(focus,
                    "  node [shape=ellipse, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", "
                    "fontsize=10];\n"),
      selection, vertex_attrs, edge_attrs, keep, [](auto) { return std::string(); });
  return out.str();
}

}  // namespace clearance::report
