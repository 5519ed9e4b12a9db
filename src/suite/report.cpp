// What a person or a CI server reads of a TestReport: the failure lines,
// the coverage line, the summary line and JUnit XML.
#include <cstdio>
#include <string>

#include "base/escape.hpp"
#include "base/strings.hpp"
#include "clearance/testing.hpp"

namespace clearance {
namespace {

std::string Joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
  return Join(items, separator);
}

// "deny by a, b" for an expectation, "deny by the default" when it is [].
std::string Expected(const TestFailure& f) {
  std::string out(ToString(f.expected));
  if (!f.expected_decisive) return out;
  return out + (f.expected_decisive->empty() ? " by the default" : " by " + Joined(*f.expected_decisive));
}

// "deny by a (FILE:LINE), b (FILE:LINE)", or "allow by the default (no rule matched)".
std::string Actual(const TestFailure& f) {
  std::string out(ToString(f.actual));
  if (f.actual_decisive.empty()) return out + " by the default (no rule matched)";
  for (std::size_t i = 0; i < f.actual_decisive.size(); ++i) {
    out += (i ? ", " : " by ") + f.actual_decisive[i];
    if (i < f.actual_sources.size()) out += " (" + f.actual_sources[i] + ")";
  }
  return out;
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6f", seconds);
  return buffer;
}

std::string Attribute(std::string_view name, std::string_view value) {
  return ' ' + std::string(name) + "=\"" + XmlEscape(value) + '"';
}

void TestCaseXml(std::string& out, const TestFileResult& file, const TestCaseResult& c) {
  out += "    <testcase" + Attribute("name", c.name) + Attribute("classname", file.file) +
         Attribute("file", c.where.file) + Attribute("line", std::to_string(c.where.line)) +
         Attribute("assertions", std::to_string(c.passed + c.failed)) + Attribute("time", Seconds(c.seconds));
  if (c.failed == 0) {
    out += "/>\n";
    return;
  }
  out += ">\n      <failure" +
         Attribute("message", std::to_string(c.failed) + " of " + std::to_string(c.passed + c.failed) +
                                  " queries failed") +
         Attribute("type", "clearance.test") + '>';
  for (const TestFailure& f : c.failures) out += XmlEscape(f.ToString()) + "&#10;";
  out += "</failure>\n    </testcase>\n";
}

void TestSuiteXml(std::string& out, const TestFileResult& file) {
  std::size_t failed_cases = 0;
  double seconds = 0;
  for (const TestCaseResult& c : file.cases) {
    failed_cases += c.failed > 0;
    seconds += c.seconds;
  }
  out += "  <testsuite" + Attribute("name", file.file) +
         Attribute("tests", std::to_string(file.cases.size())) +
         Attribute("failures", std::to_string(failed_cases)) + Attribute("errors", "0") +
         Attribute("assertions", std::to_string(file.passed + file.failed)) + Attribute("skipped", "0") +
         Attribute("time", Seconds(seconds)) + ">\n";
  out += "    <properties>\n";
  out += "      <property" + Attribute("name", "policy") + Attribute("value", file.policy) + "/>\n";
  out += "      <property" + Attribute("name", "queries-passed") +
         Attribute("value", std::to_string(file.passed)) + "/>\n";
  out += "      <property" + Attribute("name", "queries-failed") +
         Attribute("value", std::to_string(file.failed)) + "/>\n";
  out += "    </properties>\n";
  for (const TestCaseResult& c : file.cases) TestCaseXml(out, file, c);
  out += "  </testsuite>\n";
}

// "DIM=VALUE, ..., date=D: expected E, got E by R (FILE:LINE)".
std::string QueryAndOutcome(const TestFailure& f) {
  std::string out;
  for (const auto& [dimension, value] : f.query) out += dimension + '=' + value + ", ";
  return out + "date=" + f.date.ToString() + ": expected " + Expected(f) + ", got " + Actual(f);
}

std::string FailPrefix(const TestFailure& f) {
  return f.where.file + ':' + std::to_string(f.where.line) + ": FAIL \"" + f.case_name + "\": ";
}

}  // namespace

std::string TestFailure::ToString() const { return FailPrefix(*this) + QueryAndOutcome(*this); }

std::string TestFailureRegion::ToString() const {
  if (count == 1) return example.ToString();
  std::string out = FailPrefix(example) + std::to_string(count) + " queries";
  for (std::size_t i = 0; i < varying.size(); ++i) {
    out += (i ? ", " : " (") + varying[i].first + ": " + std::to_string(varying[i].second) + " values";
  }
  return out + (varying.empty() ? "" : ")") + ", e.g. " + QueryAndOutcome(example);
}

std::size_t TestReport::cases() const {
  std::size_t n = 0;
  for (const TestFileResult& file : files) n += file.cases.size();
  return n;
}

std::size_t TestReport::failed_cases() const {
  std::size_t n = 0;
  for (const TestFileResult& file : files) {
    for (const TestCaseResult& c : file.cases) n += c.failed > 0;
  }
  return n;
}

double TestReport::coverage_fraction() const {
  std::size_t rules = 0;
  std::size_t uncovered = 0;
  for (const PolicyCoverage& c : coverage) {
    rules += c.rules;
    uncovered += c.uncovered.size();
  }
  return rules == 0 ? 1.0 : static_cast<double>(rules - uncovered) / static_cast<double>(rules);
}

std::string CoverageLine(const TestReport& report) {
  std::size_t rules = 0;
  std::size_t uncovered = 0;
  std::vector<std::string> parts;
  for (const PolicyCoverage& c : report.coverage) {
    rules += c.rules;
    uncovered += c.uncovered.size();
    if (!c.uncovered.empty()) parts.push_back(c.policy + ": " + Joined(c.uncovered));
  }
  std::string out = "coverage: " + std::to_string(rules - uncovered) + " of " + std::to_string(rules) +
                    " rules decisive in some case";
  if (!parts.empty()) out += "; never decisive: " + Joined(parts, "; ");
  return out;
}

std::string CountsLine(const TestReport& report) {
  const std::size_t cases = report.cases();
  const std::size_t failed = report.failed_cases();
  return "cases: " + std::to_string(cases - failed) + " passed, " + std::to_string(failed) +
         " failed; queries: " + SummaryLine(report);
}

std::string SummaryLine(const TestReport& report) {
  return std::to_string(report.passed) + " passed, " + std::to_string(report.failed) + " failed";
}

std::string ToJUnitXml(const TestReport& report) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites" + Attribute("name", "clearance test") +
         Attribute("tests", std::to_string(report.cases())) +
         Attribute("failures", std::to_string(report.failed_cases())) + Attribute("errors", "0") +
         Attribute("assertions", std::to_string(report.passed + report.failed)) + ">\n";
  for (const TestFileResult& file : report.files) TestSuiteXml(out, file);
  out += "</testsuites>\n";
  return out;
}

}  // namespace clearance
