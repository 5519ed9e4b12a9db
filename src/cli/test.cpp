// clearance test FILE|DIR... [--junit FILE] [--date D]: runs rule-set test
// files (CLI.md "Test files"). stdout: one line per failing query, the
// coverage line, and last "N passed, N failed". Exit 0 all pass, 1 some
// fail, 2 error (bad test file or policy, unreadable path, unwritable --junit).
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "clearance/testing.hpp"

namespace clearance::cli {
namespace {

struct TestFlags {
  std::vector<std::string> paths;
  std::string junit;
  std::string date;
};

void WriteJUnit(const std::string& path, const TestReport& report) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << ToJUnitXml(report);
  out.close();
  if (!out) throw UsageError{"error: --junit: cannot write '" + path + "'"};
}

int RunTest(const TestFlags& f) {
  TestOptions options;
  if (!f.date.empty()) options.as_of = AsOfDate(f.date);
  Result<TestReport> report = RunTestFiles(f.paths, options);
  if (!report) {
    std::string text = report.error().ToString();
    if (!text.empty() && text.back() == '\n') text.pop_back();
    throw UsageError{text};
  }
  for (const TestFileResult& file : report->files) {
    for (const TestCaseResult& c : file.cases) {
      for (const TestFailure& failure : c.failures) std::cout << failure.ToString() << '\n';
    }
  }
  std::cout << CoverageLine(*report) << '\n' << SummaryLine(*report) << '\n' << std::flush;
  if (!f.junit.empty()) WriteJUnit(f.junit, *report);
  return report->all_passed() ? kPositive : kNegative;
}

}  // namespace

VerbRunner AddTest(CLI::App& app) {
  auto flags = std::make_shared<TestFlags>();
  CLI::App* sub = app.add_subcommand("test", "Run rule-set test files (exit 0 all pass, 1 some fail, 2 error)");
  sub->add_option("files", flags->paths, "Test files, or folders to search for *.test.yaml files")->required();
  sub->add_option("--junit", flags->junit, "Also write the results as JUnit XML to this file");
  sub->add_option("--date", flags->date,
                  "Date YYYY-MM-DD for cases whose test file sets none (default: today, UTC)");
  return [flags] { return RunTest(*flags); };
}

}  // namespace clearance::cli
