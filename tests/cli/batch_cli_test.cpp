// `clearance batch` as its users meet it: the trace left out, rule texts
// once in a header record, sources relative to the policy, CSV lists that
// round-trip, a bad header refused before any output, ids on short rows and
// input columns passed through.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

namespace clearance::testing_support {
namespace {

const std::string kBase = "rules/frontier-2026/base.yaml";
const std::string kQuery =
    R"({"id":"q1","model":"fable-5","country":"US","nationality":"DE","use":"research","date":"2027-01-15"})"
    "\n";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_CASE("batch --trace none leaves the trace out; matching and all keep it", "[cli][batch]") {
  const CliRun none = RunCli("batch " + kBase + " --trace none", kQuery);
  REQUIRE(none.exit_code == 0);
  const auto record = nlohmann::json::parse(none.out);
  CHECK_FALSE(record.contains("trace"));
  CHECK(record["decisive"] == nlohmann::json::array({"bis-letter-2026-06-12"}));
  CHECK(nlohmann::json::parse(RunCli("batch " + kBase + " --trace matching", kQuery).out)["trace"].size() == 1);
  CHECK(nlohmann::json::parse(RunCli("batch " + kBase + " --trace all", kQuery).out)["trace"].size() > 1);
  const CliRun bad = RunCli("batch " + kBase + " --trace some", kQuery);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("none,matching,all") != std::string::npos);
}

TEST_CASE("batch --rule-texts header writes each rule's because and cite once", "[cli][batch]") {
  const CliRun run = RunCli("batch " + kBase + " --rule-texts header", kQuery + kQuery);
  REQUIRE(run.exit_code == 0);
  const auto lines = Lines(run.out);
  REQUIRE(lines.size() == 3);
  const auto header = nlohmann::json::parse(lines[0]);
  CHECK(header["rules"]["bis-letter-2026-06-12"]["cite"].get<std::string>().find("744.22") != std::string::npos);
  CHECK(header["policy"]["name"] == "frontier-2026");
  for (std::size_t i = 1; i < 3; ++i) {
    const auto entry = nlohmann::json::parse(lines[i])["trace"][0];
    CHECK(entry["rule"] == "bis-letter-2026-06-12");
    CHECK_FALSE(entry.contains("because"));
    CHECK_FALSE(entry.contains("cite"));
  }
  CHECK(lines[1].size() * 2 < Lines(RunCli("batch " + kBase, kQuery).out)[0].size() * 2);
}

TEST_CASE("batch --relative-sources names files from the policy's folder", "[cli][batch]") {
  const auto absolute = nlohmann::json::parse(RunCli("batch \"$PWD/" + kBase + "\"", kQuery).out);
  CHECK(absolute["trace"][0]["source"].get<std::string>().front() == '/');
  const auto relative =
      nlohmann::json::parse(RunCli("batch \"$PWD/" + kBase + "\" --relative-sources", kQuery).out);
  CHECK(relative["trace"][0]["source"].get<std::string>().rfind("base.yaml:", 0) == 0);
}

TEST_CASE("batch CSV lists are JSON arrays in RFC 4180 fields, so any text round-trips", "[cli][batch]") {
  const std::string policy = "tests/data/cli/batch-lists.yaml";
  const CliRun run = RunCli("batch " + policy + " --format csv --date 2027-01-15", "id,model\na,m1\n");
  REQUIRE(run.exit_code == 0);
  const auto lines = Lines(run.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == R"(2,a,m1,2027-01-15,deny,rule,"[""r1"",""r2""]","[""o-1""]","[""a;b"",""c,\""d\"""",""e\\f""]",)");
}

TEST_CASE("batch CSV: a bad header is one fatal error before any output", "[cli][batch]") {
  const CliRun run = RunCli("batch " + kBase + " --format csv", "model,country,usage\nfable-5,DE,research\n");
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(run.err == "error: <stdin>: line 1: unknown column 'usage'; a column is a dimension (model, country, "
                   "nationality, end-user, use), date, id or a kept column\n");
  CHECK(RunCli("batch " + kBase + " --format csv", "model,model\nfable-5,fable-5\n").err.find("named twice") !=
        std::string::npos);
  CHECK(RunCli("batch " + kBase + " --format csv", "country\nDE\n").err.find("no column for dimension 'model'") !=
        std::string::npos);
}

TEST_CASE("batch CSV keeps a short row's id and passes kept columns through", "[cli][batch]") {
  const CliRun run = RunCli("batch " + kBase + " --format csv --date 2027-01-15 --keep-columns region,ticket",
                            "id,ticket,model,country,use,region\n7,T-1,fable-5\nx1,T-2,fable-5,US,research,eu\n");
  CHECK(run.exit_code == 1);
  const auto lines = Lines(run.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "line,id,region,ticket,model,country,nationality,end-user,use,date,effect,basis,decisive,"
                    "outcomes,obligations,error");
  CHECK(lines[1] == "2,7,,T-1,,,,,,,,,,,,\"expected 6 fields, found 3\"");  // 16 fields, as the header
  CHECK(lines[2] == "3,x1,eu,T-2,fable-5,US,US,other,research,2027-01-15,allow,default,,,,");
  const CliRun jsonl = RunCli("batch " + kBase + " --trace none --keep-columns ticket",
                              R"({"ticket":{"n":5},"model":"fable-5","country":"US","use":"research"})" "\n");
  CHECK(jsonl.out.rfind(R"({"columns":{"ticket":{"n":5}},"query":)", 0) == 0);
}

}  // namespace
}  // namespace clearance::testing_support
