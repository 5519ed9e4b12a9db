// Strict conflicts (docs/language.md §11) found on the decision graph: a terminal is
// a set of rules that match together for some query on some date, so the
// policy has a conflict exactly when some terminal's outcome has one. The
// work is proportional to the number of terminals, never to the queries.
// FindConflictByEnumeration (tests/compile/conflicts_by_enumeration.hpp) stays
// the brute-force reference.
#pragma once

#include <optional>

#include "compile/conflicts.hpp"
#include "compile/decision_graph.hpp"

namespace clearance::compile {

// The first conflicting terminal (by index): its first decisive and first
// outvoted rule, and a query reaching it.
std::optional<Conflict> FindConflictOnGraph(const compile::DecisionGraph& graph);

// A query reaching terminal t, dated like eval::DateIntervals' representative
// of its interval (the interval's first day, or the day before the first
// date bound), so that graph and enumeration report the same dates.
Query WitnessQuery(const compile::DecisionGraph& graph, std::uint32_t terminal);

// "model=fable-5, country=DE, use=research, date=2026-06-01", without the
// date when the policy has no date bounds (every date gives the same answer).
std::string DescribeWitness(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph,
                            const Query& query);

}  // namespace clearance::compile
