// A test case resolved against its policy: the value sets whose Cartesian
// product it runs, its expected decisive rules and its date. Every unknown
// name is reported at the test file's line and column, with suggestions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "clearance/testing.hpp"
#include "suite/file.hpp"

namespace clearance::analysis {

struct TestPlan {
  const TestCaseDoc* doc = nullptr;
  // Per dimension (policy order): value indices, ascending, none twice.
  std::vector<std::vector<std::uint32_t>> values;
  std::optional<std::vector<std::uint32_t>> decisive;  // rule indices, ascending
  Date date;
  std::size_t queries = 0;  // the product's size
};

// `date` is the case's date when it sets none. A case expanding to more
// than limits.max_domain queries is an error.
std::optional<TestPlan> PlanCase(const Policy& policy, const TestCaseDoc& doc, Date date,
                                 const Limits& limits, Diagnostics& diagnostics);

// How often one rule was decisive, summed over the cases run.
struct RuleTally {
  std::size_t queries = 0;
  std::size_t cases = 0;
};

// Runs every query of the plan, groups its failures into regions and adds
// to `tallies` (one per rule) the queries and the case each rule decided.
TestCaseResult RunCase(const Policy& policy, const TestPlan& plan, const SourceTable& sources,
                       std::vector<RuleTally>& tallies);

}  // namespace clearance::analysis
