// What a Policy handle shares: the resolved policy, its sources (for
// traces), and the compiled decision graph. Immutable once built.
#pragma once

#include <memory>

#include "base/source.hpp"
#include "compile/decision_graph.hpp"
#include "clearance/policy.hpp"
#include "resolve/resolved_policy.hpp"

namespace clearance::internal {

struct PolicyData {
  resolve::ResolvedPolicy resolved;
  SourceTable sources;
  std::vector<DimensionInfo> dimensions;
  std::vector<RuleInfo> rules;
  compile::DecisionGraph graph;
};

}  // namespace clearance::internal
