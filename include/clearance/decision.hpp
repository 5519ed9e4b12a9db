// Queries, decisions and their justification traces: plain value types.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "clearance/date.hpp"

namespace clearance {

enum class Effect : std::uint8_t { kAllow, kDeny };
enum class Basis : std::uint8_t { kRule, kDefault };
enum class Combine : std::uint8_t { kDenyOverrides, kAllowOverrides, kStrict };

std::string_view ToString(Effect effect);   // "allow" / "deny"
std::string_view ToString(Basis basis);     // "rule" / "default"
std::string_view ToString(Combine combine); // "deny-overrides" / ...

// A query resolved against one policy: values[i] is the index of the value
// of dimension i (Policy::dimensions()[i].values). Build it with
// Policy::MakeQuery, or fill it directly when deciding millions of times.
struct Query {
  std::vector<std::uint32_t> values;
  Date date;
  std::string id;  // caller's identifier, echoed in JSON; not used to decide
};

// The fast answer: no allocation, points into the compiled policy, valid
// while the Policy it came from lives. Rule indices are in policy order.
struct Verdict {
  Effect effect = Effect::kDeny;
  Basis basis = Basis::kDefault;
  std::span<const std::uint32_t> decisive;
};

enum class RuleStatus : std::uint8_t { kDecisive, kOverridden, kOutvoted, kNotMatched, kInactive };
std::string_view ToString(RuleStatus status);  // "decisive", "not-matched", ...

// One test of a matching rule's condition that holds for the query, as
// written (docs/cli.md "Decision JSON", `why`), with the query's values of the
// dimensions it tests (for text output: "country in tier-1 (DE)").
struct Reason {
  std::string test;
  std::vector<std::string> values;
};

struct TraceEntry {
  std::string rule;
  Effect effect = Effect::kDeny;
  RuleStatus status = RuleStatus::kDecisive;
  std::vector<std::string> overridden_by;  // kOverridden: the matching rules that beat it
  std::vector<Reason> why;                 // matching rules: why the condition holds
  std::string detail;                      // kNotMatched: failing test; kInactive: the date bound
  std::string source;                      // "FILE:LINE"
  std::string because;
  std::string cite;
};

// Which rules a trace lists: the matching ones (decisive, overridden,
// outvoted), or every rule.
enum class TraceDetail : std::uint8_t { kMatching, kAll };

struct Decision {
  Effect effect = Effect::kDeny;
  Basis basis = Basis::kDefault;
  std::vector<std::string> decisive;     // rule ids, policy order
  std::vector<std::string> outcomes;     // once each, first occurrence first
  std::vector<std::string> obligations;  // once each, first occurrence first
  std::vector<TraceEntry> trace;         // policy order
};

}  // namespace clearance
