// Graphviz DOT for `clearance graph`: the decision diagram, the group
// hierarchy and the override relation. Output is deterministic: the same
// policy gives the same text byte for byte.
#pragma once

#include <string>

#include "compile/decision_graph.hpp"

namespace clearance::report {

// Inner nodes are labelled with their dimension (or "date"), edges with the
// values taking them (a whole group by its name), terminals with the effect
// and the decisive rule ids (and the rules they override or outvote).
std::string DecisionsToDot(const compile::DecisionGraph& graph, const resolve::ResolvedPolicy& policy);

// Per dimension, its groups ordered by inclusion (an edge from each group to
// its largest proper subgroups) and each group's members not in a subgroup.
std::string GroupsToDot(const resolve::ResolvedPolicy& policy);

// An edge from each rule to every rule it overrides.
std::string OverridesToDot(const resolve::ResolvedPolicy& policy);

// A value set as people write it: "any", a group name, "any except US", or a list
// of groups and values ("allies, CN"); at most `max_names` names, then
// "+N more".
std::string DescribeValueSet(const resolve::Dimension& dim, const resolve::ValueSet& set,
                             std::size_t max_names = 8);

}  // namespace clearance::report
