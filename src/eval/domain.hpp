// The finite query domain of a policy: every combination of values, on one
// representative date per interval between the date bounds of rules and
// group members. Brute-force
// enumeration over it is the reference for graph-based analyses.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "resolve/resolved_policy.hpp"

namespace clearance::eval {

struct DateInterval {
  std::optional<Date> begin;  // inclusive; none: unbounded
  std::optional<Date> end;    // exclusive; none: unbounded
  Date representative;
};

// The intervals between consecutive effective/expires bounds of rules and
// group members, in order.
// A policy with no bounds has one unbounded interval represented by `fallback`.
std::vector<DateInterval> DateIntervals(const resolve::ResolvedPolicy& policy, Date fallback);

// The number of queries times intervals, saturating.
std::size_t DomainSize(const resolve::ResolvedPolicy& policy, std::size_t intervals);

// Calls fn for every query of the domain (values odometer-style, dates per
// interval) until it returns false.
void ForEachQuery(const resolve::ResolvedPolicy& policy, const std::vector<DateInterval>& intervals,
                  const std::function<bool(const Query&)>& fn);

// "model=fable-5, country=DE, use=research"
std::string DescribeValues(const resolve::ResolvedPolicy& policy, const Query& query);

}  // namespace clearance::eval
