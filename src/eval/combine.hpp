// docs/language.md §11 steps 3-6: from the matching rules to the effect, the decisive
// rules and the statuses of the others. Shared by the interpreter, the
// compiled graph's terminals and every analysis, so that all agree.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "resolve/resolved_policy.hpp"

namespace clearance::eval {

struct Outcome {
  Effect effect = Effect::kDeny;
  Basis basis = Basis::kDefault;
  bool conflict = false;                  // effective rules disagree (§6.6)
  std::vector<std::uint32_t> decisive;    // policy order
  std::vector<std::uint32_t> overridden;  // policy order
  std::vector<std::uint32_t> outvoted;    // policy order
};

// `matching` is sorted (policy order). Under `strict` a disagreement is
// decided as deny-overrides with `conflict` set; a loaded strict policy
// never has one.
Outcome CombineMatches(const resolve::ResolvedPolicy& policy, std::span<const std::uint32_t> matching);

// The matching rules of `matching` that override `rule` (policy order).
std::vector<std::uint32_t> OverriddenBy(const resolve::ResolvedPolicy& policy, std::uint32_t rule,
                                        std::span<const std::uint32_t> matching);

}  // namespace clearance::eval
