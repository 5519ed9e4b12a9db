// What a Policy handle shares: the resolved policy, its sources (for
// traces), and the compiled decision graph. Immutable once built.
#pragma once

#include <memory>

#include "base/flat_names.hpp"
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
  // Names to indices for resolving query strings (ResolveQuery, FindValue).
  std::vector<std::string> dimension_names;
  FlatNames dimension_index;
  std::vector<FlatNames> value_index;  // per dimension, over dimensions[d].values

  // Everything after `graph` from `resolved`.
  void MakeIndexes();
};

}  // namespace clearance::internal
