// What would have to be different for a query to get the other effect,
// answered on the decision graph (never by enumerating the query space):
//  - per dimension, the values that flip the effect with everything else
//    unchanged, by the rules that would then decide;
//  - the dates around the query's on which its effect changes;
//  - when no single dimension flips it, the smallest set of dimensions that
//    does, with one example.
// Only reads the policy; the result is a plain value of value and rule
// indices (Policy::dimensions(), Policy::rules()).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "clearance/policy.hpp"

namespace clearance::analysis {

struct ValueAlternative {
  std::uint32_t dimension = 0;
  std::vector<std::uint32_t> values;    // declaration order
  Effect effect = Effect::kDeny;        // the other effect
  std::vector<std::uint32_t> decisive;  // the rules that would decide (policy order)
};

struct DateChange {
  Date date;  // the first day of the new decision
  Effect before = Effect::kDeny;
  Effect after = Effect::kDeny;
  std::vector<std::uint32_t> decisive;  // deciding from `date` on
};

struct Combination {
  std::vector<std::uint32_t> dimensions;  // declaration order
  std::vector<std::uint32_t> example;     // a value per dimension (the whole query)
  std::vector<std::uint32_t> decisive;
};

struct Alternatives {
  Effect effect = Effect::kDeny;  // the query's own
  // Grouped by dimension (declaration order), then by decisive rules.
  std::vector<ValueAlternative> values;
  // The query's effect changes on `next` (the nearest date after the query's
  // on which it does) and last changed on `previous` (the start of the run
  // of dates with the query's effect); nullopt when it never does.
  std::optional<DateChange> previous;
  std::optional<DateChange> next;
  // Set only when `values` is empty and some set of dimensions flips it.
  std::optional<Combination> combination;
};

Alternatives FindAlternatives(const Policy& policy, const Query& query);

}  // namespace clearance::analysis
