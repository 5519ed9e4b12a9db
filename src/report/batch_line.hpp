// One JSONL batch line, two ways that must agree byte for byte: the
// reference (parse into nlohmann's DOM, decide, print the DOM) and the fast
// path (scan the flat object, resolve names without allocating, write
// pre-escaped fragments made once per policy). The fast path declines any
// line it does not fully understand (escapes, nested ids, errors, kept
// columns), and the reference then answers it; tests compare the two on
// random policies and queries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clearance/batch.hpp"
#include "report/batch_input.hpp"
#include "report/decision_json.hpp"

namespace clearance::report {

// What both paths write, fixed for a run.
struct LineOptions {
  TraceDetail detail = TraceDetail::kMatching;
  bool trace = true;                  // false: no "trace" member
  bool rule_texts_in_header = false;  // trace entries without "because"/"cite"
  std::vector<std::string> sources;   // per rule, policy order: the trace's "source"
  std::vector<std::string> keep;      // kept input columns, written under "columns"
  Date as_of;
};

// A parsed line's query: its names on its own date, or on `as_of`.
Result<Query> RecordQuery(const Policy& policy, const BatchRecord& record, Date as_of);

// The record (or error record) of line `number`, through the DOM.
clearance::BatchRecord ReferenceJsonlLine(const Policy& policy, const LineOptions& options, std::size_t number,
                               std::string_view line);

// The decision record of a parsed line, as a DOM.
OrderedJson ReferenceDecisionJson(const Policy& policy, const LineOptions& options, const Query& query,
                                  const Decision& decision, const BatchRecord& record);

class FastJsonl {
 public:
  FastJsonl(const Policy& policy, const LineOptions& options);

  // Writes the decision record of `line` into `out` (replacing it) and sets
  // `effect`; false, with `out` unspecified, when the line needs the
  // reference path. Safe from any number of threads at once.
  bool TryDecide(std::string_view line, std::string& out, Effect& effect) const;

 private:
  struct RuleText {
    std::string id;      // escaped
    std::string head;    // {"rule":ID,"effect":"E","status":"
    std::string tail;    // ,"source":S[,"because":B][,"cite":C]}
    std::string outcome; // escaped, empty when none
    std::vector<std::string> obligations;  // escaped
  };
  void WriteDecisive(const Verdict& verdict, std::string& out) const;
  void WriteTrace(const Decision& decision, std::string& out) const;

  Policy policy_;
  LineOptions options_;
  std::vector<std::string> dimension_keys_;         // "name":
  std::vector<std::vector<std::string>> values_;    // escaped, per dimension
  std::vector<RuleText> rules_;
  std::string policy_tail_;                         // "policy":{...}}
};

}  // namespace clearance::report
