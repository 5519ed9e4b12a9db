// The brute-force reference for strict conflicts: every date interval and
// every combination of values, in order; the first conflict found. Only the
// tests use it (FindConflictOnGraph is what loading runs).
#pragma once

#include <algorithm>
#include <optional>

#include "compile/conflicts.hpp"
#include "eval/domain.hpp"
#include "eval/interpreter.hpp"

namespace clearance::compile {

inline std::optional<Conflict> FindConflictByEnumeration(const resolve::ResolvedPolicy& policy) {
  const auto intervals = eval::DateIntervals(policy, Date::TodayUtc());
  std::optional<Conflict> found;
  eval::ForEachQuery(policy, intervals, [&](const Query& q) {
    const std::vector<std::uint32_t> matching = eval::MatchingRules(policy, q);
    const eval::Outcome outcome = eval::CombineMatches(policy, matching);
    if (!outcome.conflict) return true;
    const std::uint32_t a = outcome.decisive.front();
    const std::uint32_t b = outcome.outvoted.front();
    found = Conflict{std::min(a, b), std::max(a, b), q, intervals.size() == 1};
    return false;
  });
  return found;
}

}  // namespace clearance::compile
