// What changes between two policies: every query whose decision differs,
// as a few disjoint regions (`clearance diff --format json`).
//
//   auto old_p = clearance::LoadPolicy("rules/frontier-2026/base.yaml");
//   auto new_p = clearance::LoadPolicy("rules/frontier-2026/allies-defensive.yaml");
//   clearance::DiffOptions options;
//   options.date = *clearance::Date::Parse("2027-01-01");
//   auto report = clearance::Diff(*old_p, *new_p, options);
//   for (const clearance::DiffRegion& r : report->regions) { ... r.count ... }
//
// The two policies are compared over the values both declare, dimension by
// dimension matched by name. The regions are exact: their union is the set
// of changed queries, they are pairwise disjoint, and inside one region
// every query has the same old and new effect and decisive rules. They are
// computed from the two decision graphs without enumerating queries.
//
// Diff only reads the policies; a DiffReport is a plain value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clearance/date.hpp"
#include "clearance/decision.hpp"
#include "clearance/diagnostic.hpp"
#include "clearance/policy.hpp"

namespace clearance {

// What makes a query changed (docs/cli.md "Diff regions", `--by`).
enum class DiffBy : std::uint8_t {
  kEffect,    // its effect differs
  kOutcome,   // ... or its set of outcomes, or its set of obligations
  kDecisive,  // ... or its decisive rule ids, or the justification of a rule
              // decisive on both sides (because, cite, outcome, obligations, tags)
};

struct DiffOptions {
  // Both policies are evaluated on `date`; with `to_date`, the old policy on
  // `date` and the new one on `to_date` ("what changes when rules expire").
  Date date = Date::TodayUtc();
  std::optional<Date> to_date;
  // Compare on every date instead (date and to_date are then ignored): on
  // each interval between consecutive effective/expires bounds of either
  // policy (rules, and group members where the language has dated ones).
  bool all_dates = false;
  DiffBy by = DiffBy::kOutcome;
  // Bounds on the work: node triples visited while walking the two decision
  // graphs, and regions produced (before merging). Exceeding one is an
  // error, never an exhausted machine.
  std::size_t max_steps = 50'000'000;
  std::size_t max_regions = 1'000'000;
};

// A Cartesian product of value sets, one per compared dimension, whose
// queries all go from `from` to `to` with the same decisive rules.
struct DiffRegion {
  Effect from = Effect::kDeny;
  Effect to = Effect::kDeny;
  std::uint64_t count = 0;  // product of the set sizes
  // Parallel to DiffReport::dimensions; each list in the old policy's
  // declaration order.
  std::vector<std::vector<std::string>> values;
  std::vector<std::string> old_decisive;  // old policy order
  std::vector<std::string> new_decisive;  // new policy order
  // What the decisive rules return on each side (docs/language.md "Order").
  std::vector<std::string> old_outcomes;
  std::vector<std::string> new_outcomes;
  std::vector<std::string> old_obligations;
  std::vector<std::string> new_obligations;
  // With all_dates: the dates the region covers, [from, to), whole
  // intervals; nullopt is unbounded. `count` then counts query × interval
  // pairs.
  std::optional<Date> dates_from;
  std::optional<Date> dates_to;
};

// The queries a side has beyond the compared ones (its one-sided values and
// the other values of its one-sided dimensions), and how that side decides
// them.
struct OneSidedQueries {
  std::uint64_t queries = 0;
  std::uint64_t allow = 0;
  std::uint64_t deny = 0;
};

struct DiffSide {
  std::string name;
  std::string digest;
};

using ValuesByDimension = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct DiffReport {
  DiffSide old_policy;
  DiffSide new_policy;
  Date date;  // unused with all_dates
  std::optional<Date> to_date;
  bool all_dates = false;
  std::uint64_t intervals = 1;  // date intervals compared (1 without all_dates)
  DiffBy by = DiffBy::kOutcome;
  // The dimensions both policies declare, in the old policy's order, with
  // the values both declare (old order).
  std::vector<std::string> dimensions;
  std::vector<std::vector<std::string>> compared_values;
  // Parallel to compared_values: each value's display name in the old
  // policy (DimensionInfo::value_names), "" when it has none.
  std::vector<std::vector<std::string>> compared_names;
  // Dimensions declared by one side only, fixed to that side's default.
  std::vector<std::pair<std::string, std::string>> fixed_old;
  std::vector<std::pair<std::string, std::string>> fixed_new;
  // Compared queries: product of the compared value counts (times the
  // intervals with all_dates).
  std::uint64_t queries = 0;
  std::uint64_t changed = 0;  // sum of the region counts
  // Sorted by transition (from, to, old_decisive, new_decisive), then by
  // their values in declaration order, then by date.
  std::vector<DiffRegion> regions;
  // Values declared by one side only, per dimension: every dimension of
  // either policy (old's order, then new-only ones), empty lists included.
  ValuesByDimension only_old;
  ValuesByDimension only_new;
  OneSidedQueries old_only_queries;
  OneSidedQueries new_only_queries;

  // Whether one side declares a value the other does not.
  bool HasOneSidedValues() const;
  // The exit-code question: a changed query, or a one-sided value.
  bool Differs() const { return !regions.empty() || HasOneSidedValues(); }
};

// Errors: a dimension declared by one side only without a `default` there,
// or a limit of `options` exceeded.
Result<DiffReport> Diff(const Policy& old_policy, const Policy& new_policy, const DiffOptions& options = {});

}  // namespace clearance
