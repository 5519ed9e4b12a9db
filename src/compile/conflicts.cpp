#include "compile/conflicts.hpp"

#include "eval/domain.hpp"
#include "eval/interpreter.hpp"

namespace clearance::compile {

std::optional<Conflict> FindConflictByEnumeration(const resolve::ResolvedPolicy& policy) {
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

std::string DescribeConflict(const resolve::ResolvedPolicy& policy, const Conflict& c) {
  const auto& a = policy.rules[c.first].info;
  const auto& b = policy.rules[c.second].info;
  return "strict policy: rules '" + a.id + "' (" + std::string(ToString(a.effect)) + ") and '" + b.id + "' (" +
         std::string(ToString(b.effect)) + ") disagree on the query " + eval::DescribeValues(policy, c.query) +
         (c.any_date ? " (on any date)" : ", date=" + c.query.date.ToString());
}

}  // namespace clearance::compile
