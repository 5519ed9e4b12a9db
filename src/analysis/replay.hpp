// Replay: recorded decisions (the JSONL of `batch` / `check --format json`)
// decided again under another policy, each on its recorded date, and the
// differences grouped like diff regions (from/to effect, old/new decisive
// rules, outcomes and obligations), with counts and example records.
//
//   auto report = analysis::Replay(log_text, policy, {});
//   report->changed, report->groups, report->undecidable, report->bad
//
// Nothing is dropped: a record whose query the policy cannot decide (an
// unknown dimension or value, a missing value without default) is listed in
// `undecidable`; a line that is not a decision record (malformed or
// truncated JSON, an error record, missing fields) in `bad`; both with their
// line numbers. Only reads the policy; the report is a plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clearance/diff.hpp"

namespace clearance::analysis {

struct ReplayOptions {
  // What counts as a changed decision, as in diff (kDecisive compares the
  // decisive rule ids; a record does not carry the rules' texts).
  DiffBy by = DiffBy::kOutcome;
  std::size_t max_examples = 3;  // example records per group
};

struct ReplayRecordRef {
  std::size_t line = 0;  // 1-based
  std::string id;        // the record's "id" as JSON text; empty when it had none
};

struct ReplayGroup {
  Effect from = Effect::kDeny;
  Effect to = Effect::kDeny;
  std::uint64_t count = 0;
  std::vector<std::string> old_decisive, new_decisive;  // recorded / new policy order
  std::vector<std::string> old_outcomes, new_outcomes;
  std::vector<std::string> old_obligations, new_obligations;
  std::vector<ReplayRecordRef> examples;  // the first max_examples, in log order
};

struct ReplayProblem {
  ReplayRecordRef record;
  std::string error;
};

struct ReplayReport {
  DiffSide policy;  // the policy replayed under
  DiffBy by = DiffBy::kOutcome;
  std::uint64_t lines = 0;          // lines read (a final empty line not counted)
  std::uint64_t records = 0;        // decision records among them
  std::uint64_t decided = 0;        // records the policy decided
  std::uint64_t changed = 0;        // ... whose decision changes
  std::vector<ReplayGroup> groups;  // by count (descending), then transition
  std::vector<ReplayProblem> undecidable;
  std::vector<ReplayProblem> bad;
  // The recorded policy digests with their record counts, most first.
  std::vector<std::pair<std::string, std::uint64_t>> recorded_policies;

  // Exit 1: a changed decision, or a record the policy cannot decide.
  bool Differs() const { return changed > 0 || !undecidable.empty(); }
};

ReplayReport Replay(std::string_view log, const Policy& policy, const ReplayOptions& options = {});

}  // namespace clearance::analysis
