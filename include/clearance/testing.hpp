// Rule sets tested like code: the test files of docs/language.md (section
// 14, "Test files"), run
// against their policies, with per-case results and rule coverage.
//
//   clearance::TestOptions options;
//   options.as_of = clearance::Date::Parse("2027-01-01");   // for cases with no date
//   auto report = clearance::RunTestFiles({"rules/"}, options);
//   if (!report) { std::cerr << report.error().ToString(); return 2; }
//   for (const auto& file : report->files)
//     for (const auto& c : file.cases)
//       for (const auto& f : c.failures) std::cout << f.ToString() << '\n';
//   std::cout << clearance::CoverageLine(*report) << '\n' << clearance::SummaryLine(*report) << '\n';
//
// A test file:
//
//   policy: ../rules/us.yaml           # relative to the test file
//   date: 2027-01-01                   # optional: the cases' date
//   cases:
//     - name: allies may use fable-5 for defence
//       query: { model: fable-5, country: DE, use: defensive-cyber }
//       expect: allow
//       decisive: [allied-defensive-carve-out]   # optional: the exact set; [] = the default decided
//     - name: no frontier model for offence abroad
//       each: { model: frontier, country: non-us, use: offensive-cyber }   # names or groups
//       expect: deny
//       date: 2026-01-01                # optional, per case
//
// `each` expands to the Cartesian product of the named values (a group, or
// `any`, stands for its values; a value named twice counts once); dimensions
// a case leaves out take their default. A case's date is its own `date`, else
// its file's, else TestOptions::as_of, else today (UTC).
//
// Everything here is plain data; RunTestFiles keeps no state between calls
// and may be called from several threads at once (each with its own
// resolver, since a SourceResolver serves one thread at a time).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "clearance/date.hpp"
#include "clearance/decision.hpp"
#include "clearance/diagnostic.hpp"
#include "clearance/policy.hpp"

namespace clearance {

struct TestOptions {
  // How test files and their policies are read: the resolver (null: files on
  // disk) reads both, and the limits bound both (a test file is held to
  // max_file_bytes, max_depth and max_nodes; one case may expand to at most
  // max_domain queries).
  LoadOptions load;
  // The date of a case when neither it nor its file sets one; null: today (UTC).
  std::optional<Date> as_of;
};

// One expanded query that did not meet its case's expectation.
struct TestFailure {
  SourceLocation where;  // the case
  std::string case_name;
  Assignments query;     // every dimension, policy order
  Date date;
  Effect expected = Effect::kDeny;
  // The case's `decisive`, in policy order, when it has one ([] = the default decided).
  std::optional<std::vector<std::string>> expected_decisive;
  Effect actual = Effect::kDeny;
  std::vector<std::string> actual_decisive;  // policy order; empty: the default decided
  std::vector<std::string> actual_sources;   // "FILE:LINE" of each actual decisive rule

  // One line: FILE:LINE: FAIL "NAME": DIM=VALUE, ..., date=D: expected E [by ...], got E by R (FILE:LINE), ...
  std::string ToString() const;
};

struct TestCaseResult {
  std::string name;
  SourceLocation where;  // the case's first key
  std::size_t passed = 0;  // expanded queries
  std::size_t failed = 0;
  std::vector<TestFailure> failures;  // expansion order: dimensions in policy order, values in declaration order
  double seconds = 0;
};

struct TestFileResult {
  std::string file;    // the test file, as located
  std::string policy;  // its policy's root file, as located
  std::vector<TestCaseResult> cases;  // file order
  std::size_t passed = 0;
  std::size_t failed = 0;
};

// The rules of one policy that no query of any test file made decisive.
struct PolicyCoverage {
  std::string policy;  // root file, as located
  std::string name;    // the policy's `policy` name
  std::size_t rules = 0;
  std::vector<std::string> uncovered;  // rule ids, policy order
};

struct TestReport {
  std::vector<TestFileResult> files;     // in the order run
  std::vector<PolicyCoverage> coverage;  // one per policy, in order of first use
  std::size_t passed = 0;  // expanded queries, every file
  std::size_t failed = 0;

  bool all_passed() const { return failed == 0; }
};

// Runs test files; a directory stands for every `*.test.yaml` file beneath
// it (on disk, sorted by path). A file named twice runs once; a policy named
// by several test files is loaded once. Fails, with every diagnostic (each
// at FILE:LINE:COL), when a path cannot be read, a test file is malformed or
// names an unknown dimension, value, group or rule, or a policy fails to load.
Result<TestReport> RunTestFiles(const std::vector<std::string>& paths, const TestOptions& options = {});

// "coverage: 30 of 31 rules decisive in some case; never decisive: rules/a.yaml: r1"
// (or "coverage: 31 of 31 rules decisive in some case").
std::string CoverageLine(const TestReport& report);
// Exactly "N passed, N failed".
std::string SummaryLine(const TestReport& report);
// JUnit XML: one <testsuite> per test file, one <testcase> per case (its
// `assertions` the expanded queries), a <failure> listing its failing queries.
std::string ToJUnitXml(const TestReport& report);

}  // namespace clearance
