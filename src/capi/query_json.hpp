// Deciding a query given as a batch-format JSON object (CLI.md), shared by
// the C API and the Python module so that both answer exactly as `batch`.
#pragma once

#include <string_view>

#include "clearance/policy.hpp"
#include "io/decision_json.hpp"

namespace clearance::capi {

// Parses `query_json` (dimension -> value, optional "date" and "id"), decides
// it on `as_of` unless it names its own date, and returns the decision JSON
// with the trace of matching rules and the "id" first when one was given.
// Malformed JSON and bad queries are an Error with code "query" whose
// diagnostic message says what is wrong.
// With `alternatives`, the decision JSON also carries "alternatives" (as
// `check --alternatives --format json`).
Result<io::OrderedJson> DecideQueryJson(const Policy& policy, std::string_view query_json, Date as_of,
                                        bool alternatives = false);

}  // namespace clearance::capi
