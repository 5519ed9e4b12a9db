// Batch decisions (`clearance batch`, CLI.md): one input line in, one output
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
};

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

  // CSV: takes the input's header line and returns the output's header
  // line; an Error when the header is malformed.
  Result<std::string> ReadCsvHeader(std::string_view line);

  // The output record for input line `number` (1-based) with text `line`.
  BatchRecord Decide(std::size_t number, std::string_view line) const;

 private:
  Policy policy_;
  BatchOptions options_;
  std::vector<std::string> header_;
};

}  // namespace clearance
