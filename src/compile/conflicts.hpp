// Strict policies (docs/language.md §11): a query on some date where the effective
// rules disagree makes the policy invalid.
#pragma once

#include <optional>

#include "resolve/resolved_policy.hpp"

namespace clearance::compile {

struct Conflict {
  std::uint32_t first = 0;   // two disagreeing effective rules, policy order
  std::uint32_t second = 0;
  Query query;
  bool any_date = false;     // the policy has no date bounds
};

// The diagnostic message for a conflict.
std::string DescribeConflict(const resolve::ResolvedPolicy& policy, const Conflict& conflict);

}  // namespace clearance::compile
