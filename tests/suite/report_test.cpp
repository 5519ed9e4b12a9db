// What `clearance test` reports beyond pass and fail (issue #14, tests at
// scale): failures grouped into regions, the --run filter, coverage per
// rule, and the same counts of cases and queries in text, JSON and JUnit.
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clearance/testing.hpp"

namespace clearance {
namespace {

const std::string kData = CLEARANCE_TEST_DATA "/testfiles";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Result<TestReport> RunText(const std::string& cases, const std::string& run = "") {
  TestOptions options;
  options.load.resolver =
      MakeMemoryResolver({{"policy.yaml", Slurp(kData + "/policy.yaml")},
                          {"t.test.yaml", "policy: policy.yaml\ndate: 2027-01-01\ncases:\n" + cases}});
  options.run = run;
  return RunTestFiles({"t.test.yaml"}, options);
}

const char* const kWrongEach =
    "  - name: everything is allowed\n"
    "    each: { model: any, country: any, use: any }\n"
    "    expect: allow\n";

TEST_CASE("a case's failing queries are grouped by how they failed", "[suite][report]") {
  auto report = RunText(kWrongEach);
  REQUIRE(report.ok());
  const TestCaseResult& c = report->files.at(0).cases.at(0);
  CHECK(c.passed + c.failed == 36);
  REQUIRE(c.failures.size() == c.failed);  // every failing query is still there (-v)
  std::vector<std::string> reasons;
  std::size_t total = 0;
  for (const TestFailureRegion& r : c.regions) {
    std::string reason = std::to_string(r.count) + ":";
    for (const std::string& id : r.example.actual_decisive) reason += ' ' + id;
    reasons.push_back(reason);
    total += r.count;
  }
  CHECK(total == c.failed);
  // Regions in order of their first query (model, then country, then use,
  // turning last fastest): the ban alone (big in DE, FR, CN but not for
  // allied defence), the ban with France's, then with China's offence rule,
  // then those two alone (small and open models).
  CHECK(reasons == std::vector<std::string>{"5: frontier-ban", "1: frontier-ban france-offence",
                                            "1: frontier-ban china-offence", "2: france-offence",
                                            "2: china-offence"});
  const TestFailureRegion& ban = c.regions.front();
  CHECK(ban.varying == std::vector<std::pair<std::string, std::size_t>>{{"country", 3}, {"use", 3}});
  CHECK(ban.ToString().ends_with(
      ": FAIL \"everything is allowed\": 5 queries (country: 3 values, use: 3 values), e.g. model=big, "
      "country=DE, use=research, date=2027-01-01: expected allow, got deny by frontier-ban "
      "(policy.yaml:19)"));
  // A region of one query reads exactly as that query's line.
  CHECK(c.regions[1].ToString() == c.regions[1].example.ToString());
}

TEST_CASE("the run option selects cases by a regular expression searched in their names", "[suite][report]") {
  const std::string cases =
      "  - name: allies at home\n    query: { model: big, country: US }\n    expect: allow\n"
      "  - name: no allies abroad\n    query: { model: big, country: CN }\n    expect: deny\n";
  auto all = RunText(cases);
  REQUIRE(all.ok());
  CHECK(all->cases() == 2);
  auto substring = RunText(cases, "abroad");
  REQUIRE(substring.ok());
  REQUIRE(substring->cases() == 1);
  CHECK(substring->files[0].cases[0].name == "no allies abroad");
  auto anchored = RunText(cases, "^allies");
  REQUIRE(anchored.ok());
  REQUIRE(anchored->cases() == 1);
  CHECK(anchored->files[0].cases[0].name == "allies at home");
  auto none = RunText(cases, "^abroad");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message() == "error: --run: no case name matches '^abroad' [run]");
  auto bad = RunText(cases, "((");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message().starts_with("error: --run: '((' is not a regular expression"));
}

TEST_CASE("coverage per rule counts the queries and cases each rule decided", "[suite][report]") {
  auto report = RunText(kWrongEach);
  REQUIRE(report.ok());
  REQUIRE(report->coverage.size() == 1);
  std::vector<std::string> rows;
  for (const RuleCoverage& r : report->coverage[0].per_rule) {
    rows.push_back(r.id + ' ' + std::to_string(r.queries) + ' ' + std::to_string(r.cases) + ' ' + r.source);
  }
  CHECK(rows ==
        std::vector<std::string>{"frontier-ban 7 1 policy.yaml:19", "allied-defence 2 1 policy.yaml:22",
                                 "china-offence 3 1 policy.yaml:27", "france-offence 3 1 policy.yaml:30"});
  CHECK(report->coverage_fraction() == Approx(1.0));
  auto narrow = RunText("  - name: one\n    query: { model: big, country: CN }\n    expect: deny\n");
  REQUIRE(narrow.ok());
  CHECK(narrow->coverage_fraction() == Approx(0.25));
  CHECK(narrow->coverage[0].uncovered ==
        std::vector<std::string>{"allied-defence", "china-offence", "france-offence"});
}

namespace pt = boost::property_tree;

TEST_CASE("text, JSON and JUnit report the same counts of cases and of queries", "[suite][report]") {
  TestOptions options;
  options.as_of = Date::Parse("2027-01-01");
  auto report = RunTestFiles({kData + "/suite"}, options);
  REQUIRE(report.ok());
  CHECK(SummaryLine(*report) == "19 passed, 4 failed");
  CHECK(CountsLine(*report) == "cases: 7 passed, 3 failed; queries: 19 passed, 4 failed");

  const nlohmann::json json = nlohmann::json::parse(ToJson(*report));
  CHECK(json["summary"]["cases"] == nlohmann::json{{"total", 10}, {"passed", 7}, {"failed", 3}});
  CHECK(json["summary"]["queries"] == nlohmann::json{{"total", 23}, {"passed", 19}, {"failed", 4}});
  std::size_t json_cases = 0;
  for (const auto& file : json["files"]) json_cases += file["cases"].size();
  CHECK(json_cases == 10);

  std::istringstream xml(ToJUnitXml(*report));
  pt::ptree tree;
  pt::read_xml(xml, tree);
  CHECK(tree.get<int>("testsuites.<xmlattr>.tests") == 10);
  CHECK(tree.get<int>("testsuites.<xmlattr>.failures") == 3);
  CHECK(tree.get<int>("testsuites.<xmlattr>.assertions") == 23);
}

TEST_CASE("the JSON lists every failing query only when asked", "[suite][report]") {
  auto report = RunText(kWrongEach);
  REQUIRE(report.ok());
  const nlohmann::json brief = nlohmann::json::parse(ToJson(*report));
  const nlohmann::json& c = brief["files"][0]["cases"][0];
  CHECK(c["regions"].size() == 5);
  CHECK(c["regions"][0]["count"] == 5);
  CHECK(c["regions"][0]["varying"] == nlohmann::json{{"country", 3}, {"use", 3}});
  CHECK_FALSE(c.contains("failures"));
  const nlohmann::json every = nlohmann::json::parse(ToJson(*report, true));
  CHECK(every["files"][0]["cases"][0]["failures"].size() == 11);
  CHECK(every["coverage"][0]["never_decisive"] == nlohmann::json::array());
  CHECK(every["coverage"][0]["per_rule"][0] ==
        nlohmann::json{{"id", "frontier-ban"}, {"source", "policy.yaml:19"}, {"queries", 7}, {"cases", 1}});
}

}  // namespace
}  // namespace clearance
