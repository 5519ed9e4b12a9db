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
#include <utility>
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
  // Runs only the cases whose name this ECMAScript regular expression
  // matches somewhere (std::regex_search, as `go test -run`: "allies" is a
  // substring match, "^allies" anchors); empty: every case. Every case is
  // still read and checked. A bad expression, or one that selects no case,
  // is an error.
  std::string run;
};

// One expanded query that did not meet its case's expectation.
struct TestFailure {
  SourceLocation where;  // the case
  std::string case_name;
  Assignments query;  // every dimension, policy order
  Date date;
  Effect expected = Effect::kDeny;
  // The case's `decisive`, in policy order, when it has one ([] = the default decided).
  std::optional<std::vector<std::string>> expected_decisive;
  Effect actual = Effect::kDeny;
  std::vector<std::string> actual_decisive;  // policy order; empty: the default decided
  std::vector<std::string> actual_sources;   // "FILE:LINE" of each actual decisive rule

  // One line: FILE:LINE: FAIL "NAME": DIM=VALUE, ..., date=D: expected E [by ...], got E by R (FILE:LINE),
  // ...
  std::string ToString() const;
};

// The failing queries of one case that failed the same way (same actual
// effect and decisive rules), as diff regions group changed queries: one
// line instead of thousands when a whole `each` fails for one reason.
struct TestFailureRegion {
  std::size_t count = 0;
  TestFailure example;  // the first of them, in expansion order
  // The dimensions whose value varies inside the region, each with its
  // number of distinct values (policy order); the others are as in `example`.
  std::vector<std::pair<std::string, std::size_t>> varying;

  // count == 1: example.ToString(). Else one line:
  // FILE:LINE: FAIL "NAME": N queries (DIM: K values, ...), e.g. DIM=VALUE, ..., date=D: expected E, got E by
  // R (FILE:LINE)
  std::string ToString() const;
};

struct TestCaseResult {
  std::string name;
  SourceLocation where;    // the case's first key
  std::size_t passed = 0;  // expanded queries
  std::size_t failed = 0;
  std::vector<TestFailure>
      failures;  // expansion order: dimensions in policy order, values in declaration order
  std::vector<TestFailureRegion> regions;  // the failures grouped, in order of each region's first failure
  double seconds = 0;
};

struct TestFileResult {
  std::string file;                   // the test file, as located
  std::string policy;                 // its policy's root file, as located
  std::vector<TestCaseResult> cases;  // file order
  std::size_t passed = 0;
  std::size_t failed = 0;
};

// How often one rule was decisive in the queries run.
struct RuleCoverage {
  std::string id;
  std::string source;       // "FILE:LINE" of the rule
  std::size_t queries = 0;  // expanded queries it was decisive in
  std::size_t cases = 0;    // cases with at least one such query
};

// The rules of one policy that no query of any test file made decisive.
struct PolicyCoverage {
  std::string policy;  // root file, as located
  std::string name;    // the policy's `policy` name
  std::size_t rules = 0;
  std::vector<std::string> uncovered;  // rule ids, policy order
  std::vector<RuleCoverage> per_rule;  // every rule, policy order
};

// Two things are counted, and every format reports both under these names:
// cases (entries of `cases:`; a case passes when all its queries pass) and
// expanded queries (a `query` case is one, an `each` case its product).
struct TestReport {
  std::vector<TestFileResult> files;  // in the order run (a file with no case selected by `run` is left out)
  std::vector<PolicyCoverage> coverage;  // one per policy run, in order of first use
  std::size_t passed = 0;                // expanded queries, every file
  std::size_t failed = 0;

  bool all_passed() const { return failed == 0; }
  std::size_t cases() const;
  std::size_t failed_cases() const;
  // Rules decisive in some case over all rules of the policies run (1 when there are none).
  double coverage_fraction() const;
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
// "cases: 11 passed, 1 failed; queries: 28336 passed, 2178 failed".
std::string CountsLine(const TestReport& report);
// Exactly "N passed, N failed", N counting expanded queries.
std::string SummaryLine(const TestReport& report);
// JUnit XML: one <testsuite> per test file, one <testcase> per case (its
// `assertions` the expanded queries), a <failure> listing its failing
// queries. `tests` and `failures` count cases, `assertions` queries.
std::string ToJUnitXml(const TestReport& report);
// The report as one JSON object: "summary" ({"cases": {"total", "passed",
// "failed"}, "queries": {...}, "coverage": fraction}), "files" (each with
// its own "summary" and its "cases", each case with its "queries" counts and
// failure "regions"; with every_failure also each failing query under
// "failures") and "coverage" (per policy, per rule).
// Indented by two spaces, ending in a newline.
std::string ToJson(const TestReport& report, bool every_failure = false);

}  // namespace clearance
