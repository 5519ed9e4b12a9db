// clearance test FILE|DIR... [--run PATTERN] [-v] [--format text|json|junit]
// [--junit FILE] [--min-coverage PCT] [--date D]: runs rule-set test files
// (docs/cli.md "Test files"). Text on stdout: the failing queries (a case's
// queries that failed the same way as one line with their count and an
// example; -v: every case and every failing query), the coverage line, the
// counts of cases and queries, and last exactly "N passed, N failed" (N
// counting expanded queries). Exit 0 all pass, 1 some fail or coverage below
// --min-coverage, 2 error (bad test file or policy, unreadable path,
// unwritable --junit, a --run that selects no case).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "clearance/testing.hpp"
#include "cli/common.hpp"
#include "cli/verbs.hpp"

namespace clearance::cli {
namespace {

struct TestFlags {
  std::vector<std::string> paths;
  std::string junit;
  std::string date;
  std::string run;
  std::string format = "text";
  bool verbose = false;
  double min_coverage = 0;
};

void WriteJUnit(const std::string& path, const TestReport& report) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << ToJUnitXml(report);
  out.close();
  if (!out) throw UsageError{"error: --junit: cannot write '" + path + "'"};
}

std::string Counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

// Without -v, one line per region; with -v, a line per passing case and one
// per failing query.
void PrintCases(const TestReport& report, bool verbose) {
  for (const TestFileResult& file : report.files) {
    for (const TestCaseResult& c : file.cases) {
      if (!verbose) {
        for (const TestFailureRegion& region : c.regions) std::cout << region.ToString() << '\n';
      } else if (c.failed == 0) {
        std::cout << c.where.file << ':' << c.where.line << ": PASS \"" << c.name
                  << "\": " << Counted(c.passed, "query", "queries") << '\n';
      } else {
        for (const TestFailure& failure : c.failures) std::cout << failure.ToString() << '\n';
      }
    }
  }
}

// -v: how often each rule was decisive, per policy.
void PrintRuleCoverage(const TestReport& report) {
  for (const PolicyCoverage& policy : report.coverage) {
    std::cout << "coverage of " << policy.policy << " (" << policy.name << "), per rule:\n";
    std::vector<std::string> counts;
    std::size_t id_width = 0;
    std::size_t count_width = 0;
    for (const RuleCoverage& r : policy.per_rule) {
      counts.push_back(r.queries == 0 ? "never decisive"
                                      : "decisive in " + Counted(r.queries, "query", "queries") + " of " +
                                            Counted(r.cases, "case", "cases"));
      id_width = std::max(id_width, r.id.size());
      count_width = std::max(count_width, counts.back().size());
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const RuleCoverage& r = policy.per_rule[i];
      std::cout << "  " << r.id << std::string(id_width - r.id.size() + 2, ' ') << counts[i]
                << std::string(count_width - counts[i].size() + 2, ' ') << r.source << '\n';
    }
  }
}

bool BelowMinimum(const TestReport& report, double min_coverage) {
  return report.coverage_fraction() * 100.0 < min_coverage - 1e-9;
}

std::string Percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", fraction * 100.0);
  return buffer;
}

void PrintText(const TestReport& report, const TestFlags& f) {
  PrintCases(report, f.verbose);
  if (f.verbose) PrintRuleCoverage(report);
  std::cout << CoverageLine(report) << '\n';
  if (BelowMinimum(report, f.min_coverage)) {
    std::cout << "coverage " << Percent(report.coverage_fraction()) << " is below --min-coverage "
              << f.min_coverage << "%\n";
  }
  std::cout << CountsLine(report) << '\n' << SummaryLine(report) << '\n';
}

int RunTest(const TestFlags& f) {
  TestOptions options;
  if (!f.date.empty()) options.as_of = AsOfDate(f.date);
  options.run = f.run;
  Result<TestReport> report = RunTestFiles(f.paths, options);
  if (!report) {
    std::string text = report.error().ToString();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    throw UsageError{text};
  }
  if (f.format == "json") {
    std::cout << ToJson(*report, f.verbose);
  } else if (f.format == "junit") {
    std::cout << ToJUnitXml(*report);
  } else {
    PrintText(*report, f);
  }
  std::cout << std::flush;
  if (!f.junit.empty()) WriteJUnit(f.junit, *report);
  const bool passed = report->all_passed() && !BelowMinimum(*report, f.min_coverage);
  return passed ? kPositive : kNegative;
}

}  // namespace

VerbRunner AddTest(CLI::App& app) {
  auto flags = std::make_shared<TestFlags>();
  CLI::App* sub = app.add_subcommand(
      "test", "Run rule-set test files (exit 0 all pass, 1 some fail or coverage too low, 2 error)");
  sub->add_option("files", flags->paths, "Test files, or folders to search for *.test.yaml files")
      ->required();
  sub->add_option("--run", flags->run,
                  "Run only the cases whose name matches this regular expression (ECMAScript, unanchored: "
                  "a plain word matches as a substring)");
  sub->add_flag("-v,--verbose", flags->verbose,
                "List every case and every failing query (not one line per group), and coverage per rule");
  sub->add_option("--format", flags->format, "text (default), json or junit (JUnit XML on stdout)")
      ->check(CLI::IsMember({"text", "json", "junit"}));
  sub->add_option("--junit", flags->junit, "Also write the results as JUnit XML to this file");
  sub->add_option("--min-coverage", flags->min_coverage,
                  "Exit 1 when fewer than PCT percent of the rules are decisive in some case")
      ->check(CLI::Range(0.0, 100.0))
      ->type_name("PCT");
  sub->add_option("--date", flags->date,
                  "Date YYYY-MM-DD for cases whose test file sets none (default: today, UTC)");
  return [flags] { return RunTest(*flags); };
}

}  // namespace clearance::cli
