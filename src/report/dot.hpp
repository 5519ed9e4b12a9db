// Graphviz DOT for `clearance graph`: the decision diagram, the group
// hierarchy and the override relation. Output is deterministic: the same
// policy gives the same text byte for byte.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compile/decision_graph.hpp"

namespace clearance::report {

// What a drawing is narrowed to (GraphOptions, resolved), and its title.
struct DotView {
  // Per dimension: the values --focus names (nullopt: not focused).
  std::vector<std::optional<resolve::ValueSet>> focus;
  std::optional<Date> date;  // decisions: only the date edges holding it
  std::size_t max_nodes = 0;
  std::string title;  // the graph's label, "" for none
};

// Inner nodes are labelled with their dimension (or "date"), edges with the
// values taking them (a whole group by its name), terminals with the effect
// and the decisive rule ids (and the rules they override or outvote).
std::string DecisionsToDot(const compile::DecisionGraph& graph, const resolve::ResolvedPolicy& policy,
                           const DotView& view = {});

// Per dimension, a cluster with its groups ordered by inclusion (an edge from
// each group to its largest proper subgroups, no transitive edges) and each
// group's members not in a subgroup (past a few, one node with a count).
std::string GroupsToDot(const resolve::ResolvedPolicy& policy, const DotView& view = {});

// An edge from each rule to every rule it overrides.
std::string OverridesToDot(const resolve::ResolvedPolicy& policy, const DotView& view = {});

// The graph attributes every drawing starts with: the title on top.
std::string DotGraphAttrs(const DotView& view, std::string_view extra);

// A value set as people write it: "any", a group name, "any except US", or a list
// of groups and values ("allies, CN"); at most `max_names` names, then
// "+N more".
std::string DescribeValueSet(const resolve::Dimension& dim, const resolve::ValueSet& set,
                             std::size_t max_names = 8);

}  // namespace clearance::report
