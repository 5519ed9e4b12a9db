// Graphviz DOT for `clearance graph`. Output is deterministic: the same
// policy gives the same text byte for byte.
//
//   std::cout << clearance::PolicyToDot(*policy, clearance::GraphKind::kGroups);
#pragma once

#include <string>

#include "clearance/policy.hpp"

namespace clearance {

enum class GraphKind {
  // The compiled decision diagram: inner nodes labelled with their dimension
  // (or "date"), edges with the values taking them, terminals with the
  // effect and the decisive rules.
  kDecisions,
  // Per dimension, its groups ordered by inclusion and each group's members
  // not in a subgroup.
  kGroups,
  // An edge from each rule to every rule it overrides.
  kOverrides,
};

std::string PolicyToDot(const Policy& policy, GraphKind kind = GraphKind::kDecisions);

}  // namespace clearance
