// A decision as text for a person: the effect first, then the decisive
// rules with their reasons, then the rules that lost.
#pragma once

#include <string>

#include "clearance/policy.hpp"

namespace clearance::report {

std::string DecisionText(const Policy& policy, const Query& query, const Decision& decision);

}  // namespace clearance::report
