// The query space cut into the pieces that no rule can tell apart: per
// dimension, classes of values that every test of that dimension treats
// alike; in time, the intervals between consecutive date bounds of rules
// and group members. The
// decision graph branches on classes and intervals, never on raw values.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "resolve/resolved_policy.hpp"

namespace clearance::compile {

struct DimPartition {
  std::vector<std::uint32_t> class_of;        // per value: its class
  std::vector<std::uint32_t> representative;  // per class: its first value
  std::size_t class_count() const { return representative.size(); }
};

struct Partition {
  std::vector<DimPartition> dims;  // declaration order
  // Every effective/expires date of every rule and group member, sorted,
  // distinct. Interval i is
  // [cuts[i-1], cuts[i]) with unbounded ends, so there are cuts.size() + 1.
  std::vector<Date> cuts;

  std::size_t interval_count() const { return cuts.size() + 1; }
  std::uint32_t IntervalOf(Date date) const noexcept;
  // A date inside interval i (its first day; for interval 0, a day before
  // every cut).
  Date IntervalStart(std::uint32_t interval) const;
};

// Classes are numbered by their first value, so class 0 holds value 0 and the
// numbering depends only on the policy's meaning and declaration order.
Partition ComputePartition(const resolve::ResolvedPolicy& policy);

// The classes of `dim` whose values are in `set`, sorted. Every set that
// appears in a test is a union of whole classes, so only its own bits are
// visited.
std::vector<std::uint32_t> ClassesIn(const DimPartition& dim, const resolve::ValueSet& set);

}  // namespace clearance::compile
