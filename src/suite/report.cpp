// What a person or a CI server reads of a TestReport: the failure lines,
// the coverage line, the summary line and JUnit XML.
#include <cstdio>
#include <string>

#include "clearance/testing.hpp"

namespace clearance {
namespace {

std::string Joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(separator) : "") + items[i];
  return out;
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

// Text for XML content and attribute values. Characters XML 1.0 cannot hold
// (control characters other than tab, newline, return) become '?'.
std::string Xml(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
  }
  return out;
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6f", seconds);
  return buffer;
}

std::string Attribute(std::string_view name, std::string_view value) {
  return ' ' + std::string(name) + "=\"" + Xml(value) + '"';
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
  for (const TestFailure& f : c.failures) out += Xml(f.ToString()) + "&#10;";
  out += "</failure>\n    </testcase>\n";
}

void TestSuiteXml(std::string& out, const TestFileResult& file) {
  std::size_t failed_cases = 0;
  double seconds = 0;
  for (const TestCaseResult& c : file.cases) {
    failed_cases += c.failed > 0;
    seconds += c.seconds;
  }
  out += "  <testsuite" + Attribute("name", file.file) + Attribute("tests", std::to_string(file.cases.size())) +
         Attribute("failures", std::to_string(failed_cases)) + Attribute("errors", "0") +
         Attribute("skipped", "0") + Attribute("time", Seconds(seconds)) + ">\n";
  out += "    <properties>\n";
  out += "      <property" + Attribute("name", "policy") + Attribute("value", file.policy) + "/>\n";
  out += "      <property" + Attribute("name", "queries-passed") + Attribute("value", std::to_string(file.passed)) + "/>\n";
  out += "      <property" + Attribute("name", "queries-failed") + Attribute("value", std::to_string(file.failed)) + "/>\n";
  out += "    </properties>\n";
  for (const TestCaseResult& c : file.cases) TestCaseXml(out, file, c);
  out += "  </testsuite>\n";
}

}  // namespace

std::string TestFailure::ToString() const {
  std::string out = where.file + ':' + std::to_string(where.line) + ": FAIL \"" + case_name + "\": ";
  for (const auto& [dimension, value] : query) out += dimension + '=' + value + ", ";
  out += "date=" + date.ToString() + ": expected " + Expected(*this) + ", got " + Actual(*this);
  return out;
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

std::string SummaryLine(const TestReport& report) {
  return std::to_string(report.passed) + " passed, " + std::to_string(report.failed) + " failed";
}

std::string ToJUnitXml(const TestReport& report) {
  std::size_t cases = 0;
  std::size_t failed_cases = 0;
  for (const TestFileResult& file : report.files) {
    cases += file.cases.size();
    for (const TestCaseResult& c : file.cases) failed_cases += c.failed > 0;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites" + Attribute("name", "clearance test") + Attribute("tests", std::to_string(cases)) +
         Attribute("failures", std::to_string(failed_cases)) + Attribute("errors", "0") + ">\n";
  for (const TestFileResult& file : report.files) TestSuiteXml(out, file);
  out += "</testsuites>\n";
  return out;
}

}  // namespace clearance
