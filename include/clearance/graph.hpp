// Graphviz DOT for `clearance graph`. Output is deterministic: the same
// policy and options give the same text byte for byte.
//
//   std::cout << clearance::PolicyToDot(*policy, clearance::GraphKind::kGroups);
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "clearance/policy.hpp"

namespace clearance {

enum class GraphKind {
  // The compiled decision diagram: inner nodes labelled with their dimension
  // (or "date"), edges with the values taking them, terminals with the
  // effect, the decisive rules and their outcomes.
  kDecisions,
  // Per dimension (one cluster each), its groups ordered by inclusion (only
  // direct subgroup edges) and each group's members not in a subgroup; a
  // long member list is one node with a count.
  kGroups,
  // An edge from each rule to every rule it overrides.
  kOverrides,
};

struct GraphOptions {
  GraphKind kind = GraphKind::kDecisions;
  // DIM=VALUE or DIM=GROUP, each dimension once. kDecisions: only the paths
  // a query with one of those values takes; kGroups: only those dimensions,
  // and only the groups holding the value (every group for a group).
  // kOverrides takes none.
  Assignments focus;
  // kDecisions: only the date edges holding this date. Every kind: the
  // title says "as of" it (else "every date").
  std::optional<Date> date;
  // Past this many nodes (breadth first from the top), the rest is one
  // summary node with their count; 0 means no limit.
  std::size_t max_nodes = 0;
};

// The title is the policy's name, its digest and the date.
std::string PolicyToDot(const Policy& policy, GraphKind kind = GraphKind::kDecisions);
// Errors (code "usage") name the --focus at fault: an unknown dimension,
// value or group, a dimension given twice, a focus with kOverrides.
Result<std::string> PolicyToDot(const Policy& policy, const GraphOptions& options);

}  // namespace clearance
