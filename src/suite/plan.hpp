// A test case resolved against its policy: the value sets whose Cartesian
// product it runs, its expected decisive rules and its date. Every unknown
// name is reported at the test file's line and column, with suggestions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "suite/file.hpp"
#include "clearance/testing.hpp"

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
std::optional<TestPlan> PlanCase(const Policy& policy, const TestCaseDoc& doc, Date date, const Limits& limits,
                                 Diagnostics& diagnostics);

// Runs every query of the plan. Marks in `decisive_seen` (one flag per rule)
// each rule that was decisive for some query.
TestCaseResult RunCase(const Policy& policy, const TestPlan& plan, const SourceTable& sources,
                       std::vector<bool>& decisive_seen);

}  // namespace clearance::analysis
