// One rule-set test file (docs/cli.md "Test files"): bytes -> yaml-cpp ->
// TestFileDoc, every shape and type error at its file:line:col. Names are
// not resolved here (that needs the policy: see test_plan.hpp); no YAML node
// outlives reading.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source.hpp"
#include "clearance/date.hpp"
#include "clearance/decision.hpp"
#include "clearance/policy.hpp"
#include "load/document.hpp"

namespace clearance::analysis {

using TestName = load::Text;

// One key of a case's `query` (one name) or `each` (one or more names).
struct TestAxis {
  TestName dimension;
  std::vector<TestName> names;
  Mark mark;  // the value (name or list)
};

struct TestCaseDoc {
  Mark mark;  // the case's map
  TestName name;
  bool each = false;  // `each` rather than `query`
  std::vector<TestAxis> axes;  // as written
  Mark axes_mark;
  Effect expect = Effect::kDeny;
  std::optional<std::vector<TestName>> decisive;
  Mark decisive_mark;
  std::optional<Date> date;
};

struct TestFileDoc {
  std::uint32_t file = 0;  // in the SourceTable
  TestName policy;
  std::optional<Date> date;
  std::vector<TestCaseDoc> cases;
};

// Reads sources.file(file). Returns nothing when the file is not a test file
// at all; a bad case is reported and left out, and the rest is still read.
std::optional<TestFileDoc> ReadTestFile(const SourceTable& sources, std::uint32_t file, const Limits& limits,
                                        Diagnostics& diagnostics);

}  // namespace clearance::analysis
