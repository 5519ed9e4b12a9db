// The query space two policies share: their dimensions matched by name,
// the values both declare, and (given the two decision graphs) the joint
// classes of each shared dimension, i.e. the values that neither graph can
// tell apart. Everything the diff walk and its region builder index by.
#pragma once

#include <cstdint>
#include <vector>

#include "clearance/diagnostic.hpp"
#include "compile/decision_graph.hpp"
#include "resolve/resolved_policy.hpp"

namespace clearance::analysis {

inline constexpr std::uint32_t kNone = UINT32_MAX;

// A dimension both policies declare. "Compared values" are the values both
// declare, numbered in the old policy's declaration order.
struct SharedDim {
  std::uint32_t old_dim = 0;
  std::uint32_t new_dim = 0;
  std::vector<std::uint32_t> old_value;        // per compared value: old value index
  std::vector<std::uint32_t> new_value;        // per compared value: new value index
  std::vector<std::uint32_t> compared_of_old;  // per old value: compared index or kNone
  std::vector<std::uint32_t> compared_of_new;  // per new value: compared index or kNone
  bool identity = false;                       // same values in the same order on both sides

  std::size_t size() const { return old_value.size(); }
};

// Per side: for each dimension, kNone when it is shared, else the value it
// is fixed to (its default).
struct DiffSpace {
  std::vector<SharedDim> shared;             // old declaration order
  std::vector<std::uint32_t> shared_of_old;  // per old dimension: shared index or kNone
  std::vector<std::uint32_t> shared_of_new;
  std::vector<std::uint32_t> fixed_old;  // per old dimension: fixed value or kNone
  std::vector<std::uint32_t> fixed_new;
};

// Fails when a dimension declared by one side has no default there, with the
// dimension's declaration as location (`sources` of that side).
Result<DiffSpace> MatchDimensions(const resolve::ResolvedPolicy& old_policy, const SourceTable& old_sources,
                                  const resolve::ResolvedPolicy& new_policy, const SourceTable& new_sources);

// The order in which the new policy must be compiled so that the shared
// dimensions come in the same relative order as in `old_order`: the shared
// ones mapped by name, then the new policy's own dimensions.
std::vector<std::uint32_t> MatchingOrder(const DiffSpace& space, const std::vector<std::uint32_t>& old_order,
                                         std::size_t new_dim_count);

// One level of the walk: a shared dimension, cut into joint classes (pairs of
// old class and new class that some compared value has), numbered by first
// value.
struct JointLevel {
  std::uint32_t shared = 0;
  std::vector<std::uint32_t> old_class;  // per joint class
  std::vector<std::uint32_t> new_class;  // per joint class
  std::vector<std::uint32_t> joint_of;   // per compared value: its joint class

  std::uint32_t size() const { return static_cast<std::uint32_t>(old_class.size()); }
};

// The levels in the old graph's order; requires both graphs compiled with
// matching orders (MatchingOrder).
std::vector<JointLevel> JointLevels(const DiffSpace& space, const compile::DecisionGraph& old_graph,
                                    const compile::DecisionGraph& new_graph);

}  // namespace clearance::analysis
