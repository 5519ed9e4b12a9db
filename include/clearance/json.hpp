// The JSON of CLI.md for decisions, as text.
#pragma once

#include <string>

#include "clearance/policy.hpp"

namespace clearance {

// One decision record: {"id"?, "query", "effect", "basis", "decisive",
// "outcomes", "obligations", "trace", "policy"}; one line, no newline.
std::string DecisionToJson(const Policy& policy, const Query& query, const Decision& decision);

}  // namespace clearance
