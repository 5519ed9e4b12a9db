// The diff of include/clearance/diff.hpp in steps: Diff uses each policy's
// own decision graph, and compiles the new policy again only when the two
// graphs test the shared dimensions in different orders.
#pragma once

#include "clearance/diff.hpp"
#include "compile/decision_graph.hpp"

namespace clearance::analysis {

// The decision graph the new policy needs for a diff against a policy whose
// graph is `old_graph`: its shared dimensions in the same relative order.
Result<compile::DecisionGraph> CompileForDiff(const Policy& old_policy,
                                              const compile::DecisionGraph& old_graph,
                                              const Policy& new_policy);

// Whether two graphs test the shared dimensions in the same relative order,
// as DiffGraphs requires.
Result<bool> OrdersAgree(const Policy& old_policy, const compile::DecisionGraph& old_graph,
                         const Policy& new_policy, const compile::DecisionGraph& new_graph);

// Requires new_graph compiled by CompileForDiff against old_graph (or with
// an order that agrees with it on the shared dimensions).
Result<DiffReport> DiffGraphs(const Policy& old_policy, const compile::DecisionGraph& old_graph,
                              const Policy& new_policy, const compile::DecisionGraph& new_graph,
                              const DiffOptions& options);

// clearance::Diff: the policies' own graphs, or the new policy compiled
// again when their orders disagree; the dimensions are matched once.
Result<DiffReport> DiffPolicies(const Policy& old_policy, const Policy& new_policy, const DiffOptions& options);

}  // namespace clearance::analysis
