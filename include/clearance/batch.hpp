// Batch decisions (`clearance batch`, docs/cli.md): one input line in, one output
// record out. Input is a JSON object per line, or CSV rows under a header
// naming the dimensions (optionally "date" and "id"); output is the same
// format. The caller reads lines and writes records (and may spread lines
// over threads); a bad line becomes an error record, never an exception.
//
//   clearance::BatchDecider batch(*policy, {.as_of = clearance::Date::TodayUtc()});
//   for (std::size_t n = 1; std::getline(in, line); ++n) out << batch.Decide(n, line).output << '\n';
//
// A BatchDecider keeps a handle to its policy. ReadCsvHeader must be called
// (once) before deciding CSV lines; after that Decide is safe from any number
// of threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clearance/decision.hpp"
#include "clearance/policy.hpp"

namespace clearance {

enum class BatchFormat { kJsonl, kCsv };

struct BatchOptions {
  BatchFormat format = BatchFormat::kJsonl;
  TraceDetail detail = TraceDetail::kMatching;
  bool trace = true;  // false: JSONL records without "trace" (`--trace none`)
  Date as_of;         // for lines that name no date
  // JSONL: trace entries leave out "because" and "cite"; HeaderRecord()
  // carries them once per rule (`--rule-texts header`).
  bool rule_texts_in_header = false;
  // Not empty: trace sources are written relative to this folder (the
  // policy's, for `--relative-sources`) instead of as the files were named.
  std::string source_base;
  // Input columns (CSV) or keys (JSONL) copied to the output: CSV columns
  // after "id", a JSONL object "columns" after "id" (null when a line lacks
  // one). A kept name that is also a dimension, "date" or "id" still counts
  // as such.
  std::vector<std::string> keep_columns;
};

// One output record. CSV lists (decisive, outcomes, obligations) are JSON
// arrays of strings in one RFC 4180 field, so any text round-trips.
struct BatchRecord {
  std::string output;             // one line, no newline
  bool failed = false;            // an error record
  bool malformed = false;         // failed because the line is no JSON object / CSV row at all
  std::string error;              // what is wrong, when failed
  Effect effect = Effect::kDeny;  // the decision's effect, when not failed
};

class BatchDecider {
 public:
  BatchDecider(Policy policy, BatchOptions options);
  ~BatchDecider();
  BatchDecider(BatchDecider&&) noexcept;
  BatchDecider& operator=(BatchDecider&&) noexcept;

  // CSV: takes the input's header line and returns the output's header
  // line. An Error (before any output) when the header is malformed, names
  // a column that is no dimension, "date", "id" or kept column (with a
  // suggestion), names one twice, or lacks a dimension that has no default.
  Result<std::string> ReadCsvHeader(std::string_view line);

  // JSONL with rule_texts_in_header: the first output line,
  // {"rules": {ID: {"because": ..., "cite": ...}, ...}, "policy": {...}}
  // (rules without either are left out). Empty otherwise.
  std::string HeaderRecord() const;

  // The output record for input line `number` (1-based) with text `line`.
  BatchRecord Decide(std::size_t number, std::string_view line) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace clearance
