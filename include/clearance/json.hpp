// The decision JSON (`clearance check --format json`; docs/language.md
// section 11 says what a decision carries), as text.
#pragma once

#include <string>
#include <string_view>

#include "clearance/policy.hpp"

namespace clearance {

// One decision record: {"query", "effect", "basis", "decisive", "outcomes",
// "obligations", "trace", "policy"}; indent < 0: one line, no newline.
std::string DecisionToJson(const Policy& policy, const Query& query, const Decision& decision, int indent = -1);

// The same record as a `clearance batch` JSONL line: with `id_json` (the JSON
// text of the input line's id; empty or invalid: none) first, and without
// "trace" when !trace (`--trace none`); with `alternatives`, also with the
// "alternatives" of `check --alternatives --format json`.
std::string DecisionToBatchLine(const Policy& policy, const Query& query, const Decision& decision, bool trace,
                                std::string_view id_json, bool alternatives = false);

// Decides a query given as a batch-format JSON object (docs/cli.md: dimension ->
// value, optional "date" and "id"), on `as_of` unless it names its own date,
// exactly as `clearance batch` does; returns the decision record (trace of
// matching rules, "id" first when given) on one line. Malformed JSON and bad
// queries are an Error with code "query" whose message says what is wrong.
// With `alternatives`, the record also carries "alternatives" (as `check
// --alternatives --format json`).
Result<std::string> DecideQueryJson(const Policy& policy, std::string_view query_json, Date as_of,
                                    bool alternatives = false);

}  // namespace clearance
