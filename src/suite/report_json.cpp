// `clearance test --format json`: the whole TestReport as one object, with
// the same counts as the text and JUnit forms (cases and expanded queries).
#include <nlohmann/json.hpp>

#include "clearance/testing.hpp"

namespace clearance {
namespace {

using Json = nlohmann::ordered_json;

Json Counts(std::size_t passed, std::size_t failed) {
  return Json{{"total", passed + failed}, {"passed", passed}, {"failed", failed}};
}

Json Query(const TestFailure& f) {
  Json query = Json::object();
  for (const auto& [dimension, value] : f.query) query[dimension] = value;
  query["date"] = f.date.ToString();
  return query;
}

// What was expected and what was decided; the query itself is added by the caller.
Json Outcome(const TestFailure& f) {
  Json out{{"expected", ToString(f.expected)}};
  out["expected_decisive"] = f.expected_decisive ? Json(*f.expected_decisive) : Json(nullptr);
  out["actual"] = ToString(f.actual);
  Json decisive = Json::array();
  for (std::size_t i = 0; i < f.actual_decisive.size(); ++i) {
    decisive.push_back({{"id", f.actual_decisive[i]},
                        {"source", i < f.actual_sources.size() ? f.actual_sources[i] : std::string()}});
  }
  out["actual_decisive"] = std::move(decisive);
  return out;
}

Json Region(const TestFailureRegion& region) {
  Json out{{"count", region.count}};
  Json varying = Json::object();
  for (const auto& [dimension, values] : region.varying) varying[dimension] = values;
  out["varying"] = std::move(varying);
  out["example"] = Query(region.example);
  out.update(Outcome(region.example));
  return out;
}

Json Case(const TestCaseResult& c, bool every_failure) {
  Json out{{"name", c.name},
           {"file", c.where.file},
           {"line", c.where.line},
           {"status", c.failed == 0 ? "pass" : "fail"},
           {"queries", Counts(c.passed, c.failed)}};
  Json regions = Json::array();
  for (const TestFailureRegion& r : c.regions) regions.push_back(Region(r));
  out["regions"] = std::move(regions);
  if (!every_failure) return out;
  Json failures = Json::array();
  for (const TestFailure& f : c.failures) {
    Json one{{"query", Query(f)}};
    one.update(Outcome(f));
    failures.push_back(std::move(one));
  }
  out["failures"] = std::move(failures);
  return out;
}

Json File(const TestFileResult& file, bool every_failure) {
  std::size_t failed_cases = 0;
  Json cases = Json::array();
  for (const TestCaseResult& c : file.cases) {
    failed_cases += c.failed > 0;
    cases.push_back(Case(c, every_failure));
  }
  Json summary{{"cases", Counts(file.cases.size() - failed_cases, failed_cases)},
               {"queries", Counts(file.passed, file.failed)}};
  return Json{{"file", file.file},
              {"policy", file.policy},
              {"summary", std::move(summary)},
              {"cases", std::move(cases)}};
}

Json Coverage(const PolicyCoverage& coverage) {
  Json rules = Json::array();
  for (const RuleCoverage& r : coverage.per_rule) {
    rules.push_back({{"id", r.id}, {"source", r.source}, {"queries", r.queries}, {"cases", r.cases}});
  }
  return Json{{"policy", coverage.policy},
              {"name", coverage.name},
              {"rules", coverage.rules},
              {"decisive", coverage.rules - coverage.uncovered.size()},
              {"never_decisive", coverage.uncovered},
              {"per_rule", std::move(rules)}};
}

}  // namespace

std::string ToJson(const TestReport& report, bool every_failure) {
  const std::size_t failed_cases = report.failed_cases();
  Json out;
  out["summary"] = {{"cases", Counts(report.cases() - failed_cases, failed_cases)},
                    {"queries", Counts(report.passed, report.failed)},
                    {"coverage", report.coverage_fraction()}};
  Json files = Json::array();
  for (const TestFileResult& file : report.files) files.push_back(File(file, every_failure));
  out["files"] = std::move(files);
  Json coverage = Json::array();
  for (const PolicyCoverage& c : report.coverage) coverage.push_back(Coverage(c));
  out["coverage"] = std::move(coverage);
  return out.dump(2) + '\n';
}

}  // namespace clearance
