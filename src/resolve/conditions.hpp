// Resolves a rule's `when` (an expression or the map form) into a Cond:
// every dimension, value, group and attribute name checked, with the
// closest known names suggested.
#pragma once

#include "load/document.hpp"
#include "resolve/resolved_policy.hpp"

namespace clearance::resolve {

struct ConditionContext {
  const std::vector<Dimension>& dims;
  const NameMap<std::uint32_t>& dim_index;
  const Limits& limits;
  Diagnostics& diagnostics;
  // When set, receives the (dimension, group) pairs the condition names.
  std::vector<std::pair<std::uint32_t, std::uint32_t>>* groups_named = nullptr;
};

// Returns a kTrue Cond for an absent `when`. On errors, they are reported
// and the returned Cond is meaningless.
Cond ResolveWhen(const load::WhenDoc& when, const ConditionContext& context);

}  // namespace clearance::resolve
