// The rule-set test runner (clearance/testing.hpp): reading test files,
// expanding cases, comparing decisions, coverage, errors at file:line:col,
// JUnit XML; and the Catch2 matchers of clearance/testing/catch2.hpp.
#include "clearance/testing.hpp"

#include <catch2/catch.hpp>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "clearance/testing/catch2.hpp"

namespace clearance {
namespace {

namespace fs = std::filesystem;
using testing::Allows;
using testing::DeniedBy;
using testing::Denies;

const std::string kData = CLEARANCE_TEST_DATA "/testfiles";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Date Day(const char* text) { return *Date::Parse(text); }

// Runs one test file given as text, named t.test.yaml, beside the fixture
// policy (policy.yaml), both served from memory.
Result<TestReport> RunText(const std::string& text, std::optional<Date> as_of = Day("2027-01-01")) {
  TestOptions options;
  options.load.resolver =
      MakeMemoryResolver({{"policy.yaml", Slurp(kData + "/policy.yaml")}, {"t.test.yaml", text}});
  options.as_of = as_of;
  return RunTestFiles({"t.test.yaml"}, options);
}

// "FILE:LINE:COL: error: MESSAGE [code]" for each diagnostic.
std::vector<std::string> Errors(const Result<TestReport>& result) {
  std::vector<std::string> out;
  if (result) return out;
  for (const Diagnostic& d : result.error().diagnostics()) out.push_back(d.ToString());
  return out;
}

const TestCaseResult& OnlyCase(const TestReport& report) {
  REQUIRE(report.files.size() == 1);
  REQUIRE(report.files[0].cases.size() == 1);
  return report.files[0].cases[0];
}

std::string Header(const char* date = "2027-01-01") {
  return std::string("policy: policy.yaml\ndate: ") + date + "\ncases:\n";
}

TEST_CASE("a passing test file counts every expanded query", "[analysis][test_runner]") {
  auto report = RunTestFiles({kData + "/suite/pass.test.yaml"});
  REQUIRE(report.ok());
  CHECK(report->passed == 15);
  CHECK(report->failed == 0);
  CHECK(report->all_passed());
  REQUIRE(report->files.size() == 1);
  std::vector<std::size_t> counts;
  for (const TestCaseResult& c : report->files[0].cases) counts.push_back(c.passed);
  CHECK(counts == std::vector<std::size_t>{1, 4, 1, 8, 1});
  CHECK(report->files[0].cases[1].where.line == 9);
  CHECK(SummaryLine(*report) == "15 passed, 0 failed");
}

TEST_CASE("a failing query names the case, the query, the expectation and the decisive rules",
          "[analysis][test_runner]") {
  auto report = RunTestFiles({kData + "/suite/fail.test.yaml"});
  REQUIRE(report.ok());
  CHECK(report->passed == 3);
  CHECK(report->failed == 4);
  const auto& cases = report->files[0].cases;
  REQUIRE(cases.size() == 4);
  REQUIRE(cases[0].failures.size() == 1);
  const TestFailure& f = cases[0].failures[0];
  CHECK(f.where.file == kData + "/suite/fail.test.yaml");
  CHECK(f.where.line == 5);
  CHECK(f.case_name == "allies may use big models for defence before the carve-out");
  CHECK(f.query == Assignments{{"model", "big"}, {"country", "DE"}, {"use", "defence"}});
  CHECK(f.date == Day("2026-06-01"));
  CHECK(f.expected == Effect::kAllow);
  CHECK_FALSE(f.expected_decisive.has_value());
  CHECK(f.actual == Effect::kDeny);
  CHECK(f.actual_decisive == std::vector<std::string>{"frontier-ban"});
  CHECK(f.actual_sources == std::vector<std::string>{kData + "/policy.yaml:19"});
  CHECK(f.ToString() == kData + "/suite/fail.test.yaml:5: FAIL \"allies may use big models for defence before the "
                                "carve-out\": model=big, country=DE, use=defence, date=2026-06-01: expected allow, "
                                "got deny by frontier-ban (" + kData + "/policy.yaml:19)");
  // Same effect, other decisive rules: the default decided.
  REQUIRE(cases[2].failures.size() == 1);
  CHECK(cases[2].failures[0].ToString().ends_with(
      ": expected allow by frontier-ban, got allow by the default (no rule matched)"));
  // [US, US] is one query.
  CHECK(cases[3].passed == 1);
  CHECK(SummaryLine(*report) == "3 passed, 4 failed");
}

TEST_CASE("each expands groups and any, counts a value once, and defaults the rest", "[analysis][test_runner]") {
  auto report = RunText(Header() +
                        "  - name: c\n"
                        "    each: { model: [frontier, big, small], country: any }\n"
                        "    expect: deny\n");
  REQUIRE(report.ok());
  const TestCaseResult& c = OnlyCase(*report);
  CHECK(c.passed + c.failed == 2 * 4);  // {big, small} x {US, DE, FR, CN} x use's default
  for (const TestFailure& f : c.failures) CHECK(f.query.back() == std::pair<std::string, std::string>{"use", "research"});
}

TEST_CASE("expanded queries run in policy order: dimensions as declared, values as declared",
          "[analysis][test_runner]") {
  // Every query fails, so the failures list the expansion order.
  auto report = RunText(Header() +
                        "  - name: c\n"
                        "    each: { use: [offence, research], country: [FR, US], model: small }\n"
                        "    expect: allow\n"
                        "    decisive: [china-offence]\n");
  REQUIRE(report.ok());
  std::vector<std::string> order;
  for (const TestFailure& f : OnlyCase(*report).failures) order.push_back(f.query[1].second + "/" + f.query[2].second);
  CHECK(order == std::vector<std::string>{"US/research", "US/offence", "FR/research", "FR/offence"});
}

TEST_CASE("a case's date beats its file's, which beats the run's as-of date", "[analysis][test_runner]") {
  // allied-defence is effective from 2026-12-01.
  const std::string body =
      "  - name: carve-out\n"
      "    query: { model: big, country: DE, use: defence }\n"
      "    expect: allow\n";
  CHECK(RunText(Header("2027-01-01") + body, Day("2026-01-01"))->failed == 0);
  CHECK(RunText(Header("2026-01-01") + body, Day("2027-01-01"))->failed == 1);
  CHECK(RunText("policy: policy.yaml\ncases:\n" + body, Day("2027-01-01"))->failed == 0);
  CHECK(RunText("policy: policy.yaml\ncases:\n" + body, Day("2026-11-30"))->failed == 1);
  auto own = RunText(Header("2026-01-01") + body + "    date: 2026-12-01\n", Day("2020-01-01"));
  REQUIRE(own.ok());
  CHECK(own->failed == 0);
}

TEST_CASE("decisive is the exact set, in any order; [] means the default decided", "[analysis][test_runner]") {
  auto run = [](const std::string& decisive, const char* country = "FR") {
    auto report = RunText(Header() + "  - name: c\n    query: { model: big, country: " + country +
                          ", use: offence }\n    expect: deny\n    decisive: " + decisive + "\n");
    REQUIRE(report.ok());
    return report->failed;
  };
  CHECK(run("[frontier-ban, france-offence]") == 0);
  CHECK(run("[france-offence, frontier-ban]") == 0);
  CHECK(run("[frontier-ban]") == 1);
  CHECK(run("[]") == 1);
  CHECK(run("[frontier-ban]", "DE") == 0);
  auto by_default = RunText(Header() + "  - name: c\n    query: { model: open, country: US }\n"
                                       "    expect: allow\n    decisive: []\n");
  CHECK(by_default->failed == 0);
}

TEST_CASE("coverage names the rules decisive in no query, per policy", "[analysis][test_runner]") {
  auto report = RunTestFiles({kData + "/suite/pass.test.yaml"});
  REQUIRE(report.ok());
  REQUIRE(report->coverage.size() == 1);
  CHECK(report->coverage[0].name == "fixture");
  CHECK(report->coverage[0].rules == 4);
  CHECK(report->coverage[0].uncovered == std::vector<std::string>{"france-offence"});
  CHECK(CoverageLine(*report) ==
        "coverage: 3 of 4 rules decisive in some case; never decisive: " + kData + "/policy.yaml: france-offence");
}

TEST_CASE("a folder runs its *.test.yaml files, sorted, each policy loaded once", "[analysis][test_runner]") {
  TestOptions options;
  options.as_of = Day("2027-01-01");
  auto report = RunTestFiles({kData + "/suite", kData + "/suite/pass.test.yaml"}, options);
  REQUIRE(report.ok());
  std::vector<std::string> files;
  for (const TestFileResult& f : report->files) files.push_back(f.file.substr(kData.size() + 1));
  // notes.yaml is not a test file; pass.test.yaml, named again, runs once.
  CHECK(files == std::vector<std::string>{"suite/fail.test.yaml", "suite/nested/more.test.yaml", "suite/pass.test.yaml"});
  REQUIRE(report->coverage.size() == 1);
  CHECK(report->coverage[0].uncovered.empty());
  CHECK(CoverageLine(*report) == "coverage: 4 of 4 rules decisive in some case");
  CHECK(SummaryLine(*report) == "19 passed, 4 failed");
}

TEST_CASE("a folder without test files, or a missing file, is an error naming it", "[analysis][test_runner]") {
  const fs::path empty = fs::temp_directory_path() / "clearance-test-runner-empty";
  fs::create_directories(empty);
  CHECK(Errors(RunTestFiles({empty.string()})) ==
        std::vector<std::string>{"error: no *.test.yaml file under '" + empty.string() + "' [io]"});
  fs::remove_all(empty);
  CHECK(Errors(RunTestFiles({kData + "/nope.test.yaml"})) ==
        std::vector<std::string>{"error: cannot read '" + kData + "/nope.test.yaml': no such file [io]"});
  CHECK(Errors(RunTestFiles({})) == std::vector<std::string>{"error: no test file given [io]"});
}

struct BadFile {
  std::string text;
  std::string error;  // the first diagnostic
};

TEST_CASE("mistakes in a test file are errors at their line and column", "[analysis][test_runner]") {
  const std::string h = Header();
  const std::string q = "    query: { model: big, country: DE }\n";
  auto bad = GENERATE_COPY(values<BadFile>({
      {"policy: policy.yaml\ncase: []\n",
       "t.test.yaml:2:1: error: unknown key 'case' in a test file (did you mean 'cases'?) [unknown-key]"},
      {"cases: []\n", "t.test.yaml:1:1: error: a test file needs a 'policy' (the policy's root file) [missing]"},
      {"policy: ''\ncases: []\n", "t.test.yaml:1:9: error: 'policy' may not be empty [name]"},
      {"policy: policy.yaml\n", "t.test.yaml:1:1: error: a test file needs 'cases' (a list of cases) [missing]"},
      {"- policy\n", "t.test.yaml:1:1: error: a test file must be a map with the keys policy, cases and, "
                     "optionally, date [type]"},
      {"policy: policy.yaml\ndate: 2027-02-30\ncases: []\n",
       "t.test.yaml:2:7: error: 'date': '2027-02-30' is not a calendar date YYYY-MM-DD [type]"},
      {h + "  - name: c\n" + q, "t.test.yaml:4:5: error: a case needs an 'expect' (allow or deny) [missing]"},
      {h + "  - name: c\n" + q + "    expect: permit\n",
       "t.test.yaml:6:13: error: 'expect' must be allow or deny, not 'permit' [type]"},
      {h + "  - expect: deny\n" + q, "t.test.yaml:4:5: error: a case needs a 'name' [missing]"},
      {h + "  - name: c\n    expect: deny\n", "t.test.yaml:4:5: error: a case needs a 'query' or an 'each' [missing]"},
      {h + "  - name: c\n" + q + "    each: { model: big }\n    expect: deny\n",
       "t.test.yaml:6:5: error: a case has either 'query' or 'each', not both [type]"},
      {h + "  - name: c\n" + q + "    expect: deny\n    expected: deny\n",
       "t.test.yaml:7:5: error: unknown key 'expected' in a case (did you mean 'expect'?) [unknown-key]"},
      {h + "  - name: c\n" + q + "    expect: deny\n    date: tomorrow\n",
       "t.test.yaml:7:11: error: a case's 'date': 'tomorrow' is not a calendar date YYYY-MM-DD [type]"},
      {h + "  - name: c\n    query: { model: [big, small], country: DE }\n    expect: deny\n",
       "t.test.yaml:5:21: error: the value of 'model' in 'query' must be one value; 'each' runs a list [type]"},
      {h + "  - name: c\n    each: { model: [], country: DE }\n    expect: deny\n",
       "t.test.yaml:5:20: error: an empty list for 'model' expands to no query [empty]"},
      {h + "  - name: c\n    query: { model: ~, country: DE }\n    expect: deny\n",
       "t.test.yaml:5:14: error: the value of 'model' is missing (null) [type]"},
      {h + "  - name: c\n    query: { model: big, model: small }\n    expect: deny\n",
       "t.test.yaml:5:26: error: duplicate key 'model' [duplicate]"},
      {h + "  - name: c\n    query: { model: bigg, country: DE }\n    expect: deny\n",
       "t.test.yaml:5:21: error: unknown value 'bigg' of dimension 'model' (did you mean 'big'?) [unknown-name]"},
      {h + "  - name: c\n    query: { model: frontier, country: DE }\n    expect: deny\n",
       "t.test.yaml:5:21: error: 'frontier' is a group of dimension 'model'; a query names one value (use "
       "'each' to run every value of a group) [unknown-name]"},
      {h + "  - name: c\n    each: { model: big, country: [DE, alies] }\n    expect: deny\n",
       "t.test.yaml:5:39: error: unknown value or group 'alies' of dimension 'country' (did you mean 'allies'?) "
       "[unknown-name]"},
      {h + "  - name: c\n    query: { model: big, contry: DE }\n    expect: deny\n",
       "t.test.yaml:5:26: error: unknown dimension 'contry' (did you mean 'country'?) [unknown-name]"},
      {h + "  - name: c\n    query: { model: big }\n    expect: deny\n",
       "t.test.yaml:5:12: error: the case gives no value for dimension 'country', which has no default [missing]"},
      {h + "  - name: c\n" + q + "    expect: deny\n    decisive: [frontier-bann]\n",
       "t.test.yaml:7:16: error: unknown rule id 'frontier-bann' (did you mean 'frontier-ban'?) [unknown-name]"},
      {h + "  - name: c\n" + q + "    expect: deny\n    decisive: [frontier-ban, frontier-ban]\n",
       "t.test.yaml:7:30: error: rule 'frontier-ban' is listed twice in 'decisive' [duplicate]"},
      {h + "  - name: c\n" + q + "    expect: deny\n    decisive: frontier-ban\n",
       "t.test.yaml:7:15: error: 'decisive' must be a list of rule ids (one rule: [frontier-ban]) [type]"},
      {h + "  - name: c\n" + q + "    expect: deny\n    decisive: { frontier-ban: 1 }\n",
       "t.test.yaml:7:15: error: 'decisive' must be a list, not a map [type]"},
      {"policy: nowhere.yaml\ncases: []\n", "t.test.yaml:1:9: error: cannot use policy 'nowhere.yaml': no such file "
                                            "'nowhere.yaml' [io]"},
      {"policy: policy.yaml\ncases: [\n", "t.test.yaml:3:1: error: malformed YAML: end of sequence flow not found; likely cause: a '[' or '{' is not "
       "closed, or is closed by the other bracket; each '[' needs its ']' and each '{' its '}' (quote a value that "
       "holds one) [yaml]"},
  }));
  CAPTURE(bad.text);
  const std::vector<std::string> errors = Errors(RunText(bad.text));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors.front() == bad.error);
}

TEST_CASE("every mistake of a test file is reported, not just the first", "[analysis][test_runner]") {
  auto errors = Errors(RunTestFiles({kData + "/errors/unknown-names.test.yaml"}));
  CHECK(errors.size() == 4);
}

TEST_CASE("a policy that fails to load is reported at the test file's policy key, with its errors",
          "[analysis][test_runner]") {
  const std::string test_file = kData + "/errors/bad-policy.test.yaml";
  auto errors = Errors(RunTestFiles({test_file, test_file}));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == test_file + ":1:9: error: policy '" + kData + "/bad-policy.yaml' does not load (its errors follow) [policy]");
  CHECK(errors[1].starts_with(kData + "/bad-policy.yaml:9:"));
}

TEST_CASE("a case may not expand beyond the domain limit", "[analysis][test_runner]") {
  TestOptions options;
  options.load.limits.max_domain = 11;
  options.load.resolver = MakeMemoryResolver(
      {{"policy.yaml", Slurp(kData + "/policy.yaml")},
       {"t.test.yaml", Header() + "  - name: c\n    each: { model: any, country: any }\n    expect: deny\n"}});
  CHECK(Errors(RunTestFiles({"t.test.yaml"}, options)) ==
        std::vector<std::string>{"t.test.yaml:5:11: error: the case expands to more than 11 queries [limit]"});
}

namespace pt = boost::property_tree;

pt::ptree ParseXml(const std::string& xml) {
  std::istringstream in(xml);
  pt::ptree tree;
  pt::read_xml(in, tree);
  return tree;
}

TEST_CASE("the JUnit XML has a suite per file and a test case per case, with failures", "[analysis][test_runner]") {
  TestOptions options;
  options.as_of = Day("2027-01-01");
  auto report = RunTestFiles({kData + "/suite"}, options);
  REQUIRE(report.ok());
  const pt::ptree tree = ParseXml(ToJUnitXml(*report));
  const pt::ptree& root = tree.get_child("testsuites");
  CHECK(root.get<int>("<xmlattr>.tests") == 10);
  CHECK(root.get<int>("<xmlattr>.failures") == 3);
  std::vector<std::string> suites;
  for (const auto& [tag, suite] : root) {
    if (tag != "testsuite") continue;
    suites.push_back(suite.get<std::string>("<xmlattr>.name").substr(kData.size() + 1));
    if (!suites.back().ends_with("fail.test.yaml")) continue;
    CHECK(suite.get<int>("<xmlattr>.tests") == 4);
    CHECK(suite.get<int>("<xmlattr>.failures") == 3);
    std::vector<std::string> failed;
    for (const auto& [case_tag, c] : suite) {
      if (case_tag != "testcase") continue;
      auto failure = c.get_child_optional("failure");
      if (!failure) continue;
      failed.push_back(c.get<std::string>("<xmlattr>.name") + " @" + c.get<std::string>("<xmlattr>.line") + ": " +
                       failure->get<std::string>("<xmlattr>.message"));
      CHECK(failure->data().find("FAIL \"" + c.get<std::string>("<xmlattr>.name") + "\"") != std::string::npos);
    }
    CHECK(failed == std::vector<std::string>{
                        "allies may use big models for defence before the carve-out @5: 1 of 1 queries failed",
                        "allies may use big models for anything @9: 2 of 4 queries failed",
                        "small models at home are allowed by the ban @13: 1 of 1 queries failed"});
  }
  CHECK(suites == std::vector<std::string>{"suite/fail.test.yaml", "suite/nested/more.test.yaml", "suite/pass.test.yaml"});
}

TEST_CASE("JUnit XML escapes what a case name may hold", "[analysis][test_runner]") {
  auto report = RunText(Header() + "  - name: \"<a & 'b'> \\\"c\\\"\\x01\"\n"
                                   "    query: { model: big, country: DE }\n    expect: allow\n");
  REQUIRE(report.ok());
  const pt::ptree tree = ParseXml(ToJUnitXml(*report));
  const pt::ptree& c = tree.get_child("testsuites.testsuite.testcase");
  CHECK(c.get<std::string>("<xmlattr>.name") == "<a & 'b'> \"c\"?");
  CHECK(c.get_child("failure").data().find("FAIL \"<a & 'b'>") != std::string::npos);
}

int RunCli(const std::string& args) {
  const char* cli = std::getenv("CLEARANCE_CLI");
  REQUIRE(cli != nullptr);
  const int status = std::system((std::string(cli) + ' ' + args + " > /dev/null 2>&1").c_str());
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

TEST_CASE("clearance test --junit writes the XML; exit 0 all pass, 1 some fail, 2 error", "[analysis][test_runner][cli]") {
  const fs::path xml = fs::temp_directory_path() / "clearance-test-runner-junit.xml";
  fs::remove(xml);
  CHECK(RunCli("test " + kData + "/suite --date 2027-01-01 --junit " + xml.string()) == 1);
  const pt::ptree tree = ParseXml(Slurp(xml.string()));
  CHECK(tree.get<int>("testsuites.<xmlattr>.tests") == 10);
  fs::remove(xml);
  CHECK(RunCli("test " + kData + "/suite/pass.test.yaml") == 0);
  CHECK(RunCli("test " + kData + "/errors/shape.test.yaml") == 2);
  CHECK(RunCli("test " + kData + "/suite/pass.test.yaml --junit /nonexistent-dir/x.xml") == 2);
  CHECK(RunCli("test --help") == 0);
}

// The Catch2 matchers, on the fixture and on the frozen seed scenario (tests/data/seed).
TEST_CASE("the Catch2 matchers check effect, decisive rules, the default and the date", "[analysis][catch2]") {
  auto fixture = LoadPolicy(kData + "/policy.yaml");
  REQUIRE(fixture.ok());
  const Assignments ally{{"model", "big"}, {"country", "DE"}, {"use", "defence"}};
  CHECK_THAT(*fixture, testing::AllowedBy(ally, "allied-defence").On("2027-01-01"));
  CHECK_THAT(*fixture, DeniedBy(ally, "frontier-ban").On(Day("2026-06-01")));
  CHECK_THAT(*fixture, Allows({{"model", "open"}, {"country", "CN"}}).ByDefault());
  CHECK_THAT(*fixture, !Allows({{"model", "big"}, {"country", "CN"}}));

  auto base = LoadPolicy(CLEARANCE_SOURCE_DIR "/tests/data/seed/frontier-2026/base.yaml");
  REQUIRE(base.ok());
  CHECK_THAT(*base, Allows({{"model", "fable-5"}, {"country", "US"}, {"use", "research"}}).On("2026-07-01"));
  CHECK_THAT(*base, DeniedBy({{"model", "fable-5"}, {"country", "DE"}, {"use", "research"}}, "frontier-foreign-ban")
                        .On("2026-07-01"));
  CHECK_THAT(*base, DeniedBy({{"model", "mythos-5"}, {"country", "IR"}, {"use", "general"}}, "embargoed-destinations")
                        .By("frontier-foreign-ban")
                        .On("2026-07-01"));
  auto allies = LoadPolicy(CLEARANCE_SOURCE_DIR "/tests/data/seed/frontier-2026/allies-defensive.yaml");
  REQUIRE(allies.ok());
  CHECK_THAT(*allies, testing::AllowedBy({{"model", "fable-5"}, {"country", "NO"}, {"use", "threat-response"}},
                                         "allied-defensive-carve-out")
                          .On("2026-07-01"));
  CHECK_THAT(*allies, Denies({{"model", "fable-5"}, {"country", "GB"}, {"use", "offensive-cyber"}}).On("2026-07-01"));
}

TEST_CASE("a failing Catch2 matcher says what the policy decided", "[analysis][catch2]") {
  auto fixture = LoadPolicy(kData + "/policy.yaml");
  REQUIRE(fixture.ok());
  auto wrong = Allows({{"model", "big"}, {"country", "FR"}, {"use", "offence"}}).On("2027-01-01");
  CHECK_FALSE(wrong.match(*fixture));
  CHECK(wrong.describe() == "allows model=big, country=FR, use=offence, date=2027-01-01 "
                            "(decided: deny by frontier-ban, france-offence)");
  auto not_decisive = DeniedBy({{"model", "big"}, {"country", "DE"}}, "china-offence").On("2027-01-01");
  CHECK_FALSE(not_decisive.match(*fixture));
  auto by_default = Denies({{"model", "big"}, {"country", "DE"}}).ByDefault().On("2027-01-01");
  CHECK_FALSE(by_default.match(*fixture));
  auto unknown = Allows({{"model", "huge"}, {"country", "DE"}});
  CHECK_FALSE(unknown.match(*fixture));
  CHECK(unknown.describe().find("(decided: error: unknown value 'huge' of dimension 'model'") != std::string::npos);
  auto bad_date = Allows({{"model", "big"}, {"country", "DE"}}).On("2027-02-30");
  CHECK_FALSE(bad_date.match(*fixture));
  CHECK(bad_date.describe().find("bad date '2027-02-30'") != std::string::npos);
}

}  // namespace
}  // namespace clearance
