// Decisions as nlohmann JSON values, for the CLI and the C API to compose.
#pragma once

#include <nlohmann/json.hpp>

#include "clearance/policy.hpp"

namespace clearance::report {

using OrderedJson = nlohmann::ordered_json;

OrderedJson QueryJson(const Policy& policy, const Query& query);
OrderedJson TraceEntryJson(const TraceEntry& entry);
OrderedJson DecisionJson(const Policy& policy, const Query& query, const Decision& decision);
OrderedJson PolicyRefJson(const Policy& policy);

}  // namespace clearance::report
