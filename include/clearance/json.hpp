// The decision JSON (`clearance check --format json`; docs/language.md
// section 11 says what a decision carries), as text.
#pragma once

#include <string>

#include "clearance/policy.hpp"

namespace clearance {

// One decision record: {"id"?, "query", "effect", "basis", "decisive",
// "outcomes", "obligations", "trace", "policy"}; one line, no newline.
std::string DecisionToJson(const Policy& policy, const Query& query, const Decision& decision);

}  // namespace clearance
