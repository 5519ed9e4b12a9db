// Why a matching rule's condition holds for a query (docs/cli.md "Decision JSON",
// `why`): the tests that hold, each as written.
//
// Read recursively on the resolved condition, which keeps the expression's
// shape and each node's text:
// - a test that holds is itself;
// - `and`: the reasons of every operand, in order;
// - `or`: the reasons of its first operand that holds;
// - `not X` (X does not hold): the one reason `not (X)`, X as written, with
//   any parentheses around X dropped;
// - a part that tests no dimension (`true`, `not false`) gives no reason.
// So `a and (b or c)` with b false and c true gives [a, c], and
// `not (a and b)` gives [not (a and b)].
#pragma once

#include <vector>

#include "clearance/decision.hpp"
#include "resolve/resolved_policy.hpp"

namespace clearance::eval {

// Requires `cond` to hold for `query`.
std::vector<Reason> WhyHolds(const resolve::ResolvedPolicy& policy, const resolve::Cond& cond,
                             const Query& query);

}  // namespace clearance::eval
