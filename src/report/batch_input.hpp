// Batch input records (docs/cli.md): a JSON object per line, or CSV rows under a
// header naming the dimensions. Parsing never throws; a bad line becomes an
// error that names what is wrong.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "clearance/policy.hpp"

namespace clearance::report {

struct BatchRecord {
  Assignments assignments;
  std::string date;                 // empty: the as-of date
  nlohmann::ordered_json id;        // null when absent
  std::string error;                // non-empty: the line is bad
  bool malformed = false;           // bad as text: empty, not JSON, broken CSV quoting
  nlohmann::ordered_json kept;      // the kept columns (`--keep-columns`): name -> value, in input order
};

// One JSONL line: {"dim": "value", ..., "date"?: "YYYY-MM-DD", "id"?: any};
// the keys in `keep` are passed through (any JSON value) instead.
BatchRecord ParseJsonLine(std::string_view line, const std::vector<std::string>& keep = {});

// RFC 4180 fields of one CSV line (no embedded newlines); nullopt when the
// quoting is malformed.
std::optional<std::vector<std::string>> SplitCsvLine(std::string_view line);

// A CSV data row under `header` (dimension names, optionally date and id);
// the columns in `keep` are passed through. A row with the wrong number of
// fields is an error that still carries its id.
BatchRecord ParseCsvRow(const std::vector<std::string>& header, std::string_view line,
                        const std::vector<std::string>& keep = {});

// Quotes a CSV field when needed.
std::string CsvField(std::string_view text);

}  // namespace clearance::report
