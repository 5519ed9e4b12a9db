// Batch output records (CLI.md): a decision line with the input's `id` first,
// or an error record in place of a bad line. Shared by `clearance batch` and
// `clearance serve` so both write the same bytes.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "clearance/policy.hpp"

namespace clearance::report {

// The decision JSON on one line, with {"id": id} first when id is not null,
// and without "trace" when !with_trace (`--trace none` of CLI.md).
std::string BatchDecisionLine(const Policy& policy, const Query& query, const nlohmann::ordered_json& id,
                              const Decision& decision, bool with_trace = true);

// {"line": N, "id": ..., "error": "..."} on one line.
std::string BatchErrorLine(std::size_t line, const nlohmann::ordered_json& id, std::string_view message);

}  // namespace clearance::report
