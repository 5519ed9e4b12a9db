// `clearance check` and `clearance batch` as docs/cli.md says: exit codes,
// text (golden), JSON (structural), errors naming the argument at fault.
#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

using namespace clearance::testing_support;
using nlohmann::json;

namespace {

const std::string kBase = "tests/data/seed/frontier-2026/base.yaml";
const std::string kAllies = "tests/data/seed/frontier-2026/allies-defensive.yaml";

}  // namespace

TEST_CASE("check prints the decision for a person, exit 0 allow / 1 deny", "[cli][check]") {
  CliRun allow = RunCli("check " + kAllies + " --model fable-5 --country DE --use threat-response --date 2026-12-15");
  CHECK(allow.exit_code == 0);
  CheckGolden("cli/check_allow.txt", allow.out);
  CliRun deny = RunCli("check " + kBase + " --model fable-5 --country DE --use research --date 2026-12-15 --explain");
  CHECK(deny.exit_code == 1);
  CheckGolden("cli/check_deny_explain.txt", deny.out);
  CliRun by_default = RunCli("check " + kBase + " --set model=open-frontier --set country=FR --set use=general --date 2026-12-15");
  CHECK(by_default.exit_code == 0);
  CheckGolden("cli/check_default.txt", by_default.out);
}

TEST_CASE("check --format json has the shape of docs/cli.md", "[cli][check]") {
  CliRun run = RunCli("check " + kAllies + " --model fable-5 --country DE --use threat-response --date 2026-12-15 --format json");
  REQUIRE(run.exit_code == 0);
  const json d = json::parse(run.out);
  CHECK(d["query"] == json({{"country", "DE"}, {"model", "fable-5"}, {"use", "threat-response"}, {"date", "2026-12-15"}}));
  CHECK(d["effect"] == "allow");
  CHECK(d["basis"] == "rule");
  CHECK(d["decisive"] == json::array({"allied-defensive-carve-out"}));
  CHECK(d["outcomes"] == json::array({"license-exception-ace"}));
  CHECK(d["obligations"].size() == 3);
  REQUIRE(d["trace"].size() == 2);
  CHECK(d["trace"][0]["rule"] == "frontier-foreign-ban");
  CHECK(d["trace"][0]["status"] == "overridden");
  CHECK(d["trace"][0]["overridden_by"] == json::array({"allied-defensive-carve-out"}));
  CHECK(d["trace"][0]["source"] == "tests/data/seed/frontier-2026/base.yaml:25");
  CHECK(d["trace"][0]["why"] == json::array({"model in frontier", "country in non-us"}));
  CHECK(d["trace"][1]["status"] == "decisive");
  CHECK(d["trace"][1]["why"] ==
        json::array({"model in frontier", "country in tier-1", "use in defensive-cyber"}));
  std::vector<std::string> keys;
  const auto ordered = nlohmann::ordered_json::parse(run.out);
  for (const auto& item : ordered["trace"][0].items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"rule", "effect", "status", "overridden_by", "why", "source", "because",
                                         "cite"});
  CHECK(d["policy"]["name"] == "frontier-2026-allies-defensive");
  CHECK(d["policy"]["digest"].get<std::string>().rfind("sha256:", 0) == 0);
  CliRun explain = RunCli("check " + kAllies + " --model fable-5 --country DE --use research --date 2026-12-15 --format json --explain");
  const json e = json::parse(explain.out);
  bool not_matched = false;
  for (const json& t : e["trace"]) {
    if (t["status"] == "not-matched") {
      not_matched = true;
      CHECK(t.contains("detail"));
      CHECK_FALSE(t.contains("why"));
    } else {
      CHECK(t.contains("why"));
    }
  }
  CHECK(not_matched);
}

TEST_CASE("check rejects bad queries with exit 2 naming the argument", "[cli][check][errors]") {
  struct Case {
    std::string args;
    std::string message;
  };
  auto c = GENERATE_COPY(values<Case>({
      {"--model fable-5 --country XX --use research", "error: --country: unknown value 'XX' of dimension 'country'"},
      {"--model fable-5 --country DE --use research --set planet=mars", "error: unknown dimension 'planet'"},
      {"--model frontier --country DE --use research", "error: --model: 'frontier' is a group of dimension 'model'; a query names a value"},
      {"--model fable-5 --country DE", "error: missing a value for dimension 'use'"},
      {"--model fable-5 --country DE --use research --date 2026-02-30", "error: --date: '2026-02-30' is not a date YYYY-MM-DD"},
      {"--model fable-5 --country DE --use research --set country", "error: --set: 'country' is not DIM=VALUE"},
      {"--model fable-5 --country DE --use reserch", "error: --use: unknown value 'reserch' of dimension 'use' (did you mean 'research'?)"},
  }));
  CliRun run = RunCli("check " + kBase + " " + c.args);
  CHECK(run.exit_code == 2);
  CHECK(run.err.rfind(c.message, 0) == 0);
  CHECK(run.out.empty());
}

TEST_CASE("check reports a bad policy with file:line:col and exit 2", "[cli][check][errors]") {
  CliRun missing = RunCli("check no/such/policy.yaml --model a");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot read 'no/such/policy.yaml'") != std::string::npos);
  CliRun usage = RunCli("check");
  CHECK(usage.exit_code == 2);
  CliRun help = RunCli("check --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--explain") != std::string::npos);
}

TEST_CASE("batch yields one record per input line, in order", "[cli][batch]") {
  const std::string input =
      "{\"model\":\"fable-5\",\"country\":\"DE\",\"use\":\"research\",\"id\":\"a\"}\n"
      "\n"
      "not json\n"
      "{\"model\":\"fable-5\",\"country\":\"tier-1\",\"use\":\"research\",\"id\":4}\n"
      "{\"model\":\"open-frontier\",\"country\":\"FR\",\"use\":\"research\",\"date\":\"2026-02-30\"}\n"
      "[1,2]\n"
      "{\"model\":\"open-frontier\",\"country\":\"FR\"}\n"
      "{\"model\":\"open-frontier\",\"country\":\"FR\",\"use\":\"general\",\"date\":\"2026-01-01\"}\n" +
      std::string(1 << 20, ' ') + "\n";
  for (const char* threads : {"1", "2"}) {
    CliRun run = RunCli(std::string("batch ") + kBase + " --date 2026-12-15 --threads " + threads, input);
    CHECK(run.exit_code == 1);
    std::vector<json> lines;
    std::istringstream out(run.out);
    for (std::string line; std::getline(out, line);) lines.push_back(json::parse(line));
    REQUIRE(lines.size() == 9);
    CHECK(lines[0]["id"] == "a");
    CHECK(lines[0]["effect"] == "deny");
    CHECK(lines[0]["query"]["date"] == "2026-12-15");
    CHECK(lines[1] == json({{"line", 2}, {"id", nullptr}, {"error", "empty line"}}));
    CHECK(lines[2]["error"] == "malformed JSON");
    CHECK(lines[3]["line"] == 4);
    CHECK(lines[3]["id"] == 4);
    CHECK(lines[3]["error"] == "'tier-1' is a group of dimension 'country'; a query names a value");
    CHECK(lines[4]["error"] == "bad date '2026-02-30' (expected a calendar date YYYY-MM-DD)");
    CHECK(lines[5]["error"] == "a query must be a JSON object of dimension -> value");
    CHECK(lines[6]["error"] == "missing a value for dimension 'use'");
    CHECK(lines[7]["effect"] == "allow");
    CHECK(lines[7]["basis"] == "default");
    CHECK(lines[7]["query"]["date"] == "2026-01-01");
    CHECK(lines[8]["line"] == 9);
    CHECK(lines[8]["error"] == "empty line");
  }
}

TEST_CASE("batch reads and writes CSV", "[cli][batch]") {
  const std::string input = "id,model,country,use,date\nq1,fable-5,US,research,\nq2,fable-5,\"DE\",research,2026-01-01\nq3,nope,DE,research,\n";
  CliRun run = RunCli("batch " + kBase + " --format csv --date 2026-12-15", input);
  CHECK(run.exit_code == 1);
  CheckGolden("cli/batch.csv", run.out);
}

TEST_CASE("batch --trace all adds the rules that did not match", "[cli][batch]") {
  CliRun run = RunCli("batch " + kBase + " --trace all --date 2026-12-15",
                      "{\"model\":\"open-frontier\",\"country\":\"US\",\"use\":\"general\"}\n");
  CHECK(run.exit_code == 0);
  const json d = json::parse(run.out);
  REQUIRE(d["trace"].size() == 2);
  CHECK(d["trace"][0]["status"] == "not-matched");
}

TEST_CASE("graph writes Graphviz DOT for decisions, groups and overrides", "[cli][graph]") {
  for (const char* what : {"decisions", "groups", "overrides"}) {
    CliRun run = RunCli("graph " + kAllies + " --what " + what);
    CHECK(run.exit_code == 0);
    CHECK(run.out.rfind("digraph", 0) == 0);
    CHECK(run.out.find('}') != std::string::npos);
  }
  CliRun decisions = RunCli("graph " + kAllies);
  CHECK(decisions.out.find("allied-defensive-carve-out") != std::string::npos);
  CHECK(decisions.out.find("tier-1") != std::string::npos);
  CHECK(RunCli("graph " + kAllies + " --what nothing").exit_code == 2);
}

TEST_CASE("batch rejects a line naming a key twice", "[cli][batch]") {
  CliRun run = RunCli("batch " + kBase + " --date 2026-12-15",
                      "{\"model\":\"fable-5\",\"country\":\"DE\",\"use\":\"general\",\"model\":\"open-frontier\"}\n"
                      "{\"model\":\"fable-5\",\"country\":\"US\",\"use\":\"general\",\"id\":{\"model\":1}}\n");
  CHECK(run.exit_code == 1);
  std::istringstream out(run.out);
  std::string first, second;
  std::getline(out, first);
  std::getline(out, second);
  CHECK(json::parse(first) == json({{"line", 1}, {"id", nullptr}, {"error", "key 'model' is given twice"}}));
  CHECK(json::parse(second)["effect"] == "allow");  // a nested key is not a top-level duplicate
}

TEST_CASE("check --alternatives says what would give the other effect, and when", "[cli][check][alternatives]") {
  const std::string diffusion = "rules/ai-diffusion-2025/diffusion.yaml";
  CliRun text = RunCli("check " + diffusion + " --model fable-5 --country IN --use research --date 2025-03-01 --alternatives");
  CHECK(text.exit_code == 1);
  CheckGolden("cli/check_alternatives.txt", text.out);
  CliRun run = RunCli("check " + diffusion +
                      " --model fable-5 --country IN --use research --date 2025-03-01 --alternatives --format json");
  CHECK(run.exit_code == 1);
  const auto d = nlohmann::ordered_json::parse(run.out);
  std::vector<std::string> keys;
  for (const auto& item : d.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"query", "effect", "basis", "decisive", "outcomes", "obligations", "trace",
                                         "alternatives", "policy"});
  const auto& alt = d["alternatives"];
  bool tier1 = false;
  for (const auto& v : alt["values"]) {
    if (v["dimension"] == "country" && v["values"] == nlohmann::ordered_json::array({"tier-1"})) {
      tier1 = true;
      CHECK(v["effect"] == "allow");
      CHECK(v["decisive"] == nlohmann::ordered_json::array({"aia-tier-1"}));
    }
  }
  CHECK(tier1);
  CHECK(alt["dates"]["next"]["date"] == "2025-05-13");
  CHECK(alt["dates"]["next"]["to"] == "allow");
  CHECK(alt["dates"]["previous"]["date"] == "2025-01-13");
  CHECK(alt["combination"].is_null());
}
