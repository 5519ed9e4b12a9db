// The library's way past Policy's public face: stages after compile (diff,
// lint, DOT) and the project's own tests and benchmarks read the compiled
// data through it. Front ends (CLI, C API, Python) never include it.
#pragma once

#include <memory>
#include <utility>

#include "api/policy_data.hpp"
#include "clearance/policy.hpp"

namespace clearance::internal {

struct PolicyAccess {
  static const PolicyData& Data(const Policy& policy) { return *policy.data_; }
  static Policy Make(std::shared_ptr<const PolicyData> data) { return Policy(std::move(data)); }
};

// Short for PolicyAccess::Data.
inline const PolicyData& DataOf(const Policy& policy) { return PolicyAccess::Data(policy); }

}  // namespace clearance::internal
