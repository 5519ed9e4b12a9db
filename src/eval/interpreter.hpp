// The direct interpreter of docs/language.md §11: evaluates every rule's condition on
// one query. It is the reference the compiled graph is tested against, and
// it names the failing test of a rule that does not match.
#pragma once

#include <string>
#include <vector>

#include "eval/combine.hpp"

namespace clearance::eval {

bool Holds(const resolve::Cond& cond, const Query& query);

// The first test (in evaluation order) that makes `cond` false, as written;
// empty when cond holds.
std::string FailingTest(const resolve::Cond& cond, const Query& query);

// Active rules whose condition holds, in policy order.
std::vector<std::uint32_t> MatchingRules(const resolve::ResolvedPolicy& policy, const Query& query);

// The full decision for `query` given its matching rules and their outcome.
Decision BuildDecision(const resolve::ResolvedPolicy& policy, const Query& query,
                       std::span<const std::uint32_t> matching, const Outcome& outcome, TraceDetail detail);

Decision Interpret(const resolve::ResolvedPolicy& policy, const Query& query, TraceDetail detail);

}  // namespace clearance::eval
