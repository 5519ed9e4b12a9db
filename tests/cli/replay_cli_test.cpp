// `clearance replay` as a user runs it: exit 0 no change, 1 changes (or a
// record the policy cannot decide), 2 errors; bad lines never stop it; the
// shipped example log's reports are up to date.
#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

using namespace clearance::testing_support;

namespace {

const std::string kBase = "tests/data/seed/frontier-2026/base.yaml";
const std::string kAllies = "tests/data/seed/frontier-2026/allies-defensive.yaml";
const std::string kLog = "examples/what-if/decisions.jsonl";

}  // namespace

TEST_CASE("replay exits 0 without change, 1 with changes, 2 on errors", "[cli][replay]") {
  const std::string input =
      R"({"id": "a", "model": "fable-5", "country": "DE", "use": "intrusion-detection", "date": "2027-01-01"})"
      "\n";
  const CliRun log = RunCli("batch " + kBase, input);
  REQUIRE(log.exit_code == 0);
  const CliRun same = RunCli("replay - " + kBase, log.out);
  CHECK(same.exit_code == 0);
  CHECK(same.out.find("decisions changed: 0 of 1") != std::string::npos);
  const CliRun changed = RunCli("replay - " + kAllies + " --format json", log.out);
  CHECK(changed.exit_code == 1);
  const auto json = nlohmann::json::parse(changed.out);
  CHECK(json["changed"] == 1);
  CHECK(json["groups"][0]["examples"][0]["id"] == "a");
  CHECK(json["groups"][0]["examples"][0]["line"] == 1);
  CHECK(RunCli("replay - " + kAllies + " --by effect", log.out).exit_code == 1);
  // Bad lines are reported and counted, and do not change the exit code.
  const CliRun bad = RunCli("replay - " + kBase, log.out + "{\"query\": \ngarbage\n" + log.out);
  CHECK(bad.exit_code == 0);
  CHECK(bad.out.find("bad lines: 2") != std::string::npos);
  CHECK(bad.out.find("line 2: not JSON: truncated") != std::string::npos);
  CHECK(bad.out.find("line 3: not JSON") != std::string::npos);
  CHECK(bad.out.find("decided again: 2") != std::string::npos);
  const CliRun missing = RunCli("replay no-such.jsonl " + kBase);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "error: no-such.jsonl: cannot read the log\n");
  CHECK(RunCli("replay " + kLog + " rules/no-such.yaml").exit_code == 2);
  CHECK(RunCli("replay " + kLog + " " + kBase + " --format xml").exit_code == 2);
  CHECK(RunCli("replay --help").exit_code == 0);
}

// examples/what-if/replay-* is what scripts/examples.sh writes.
TEST_CASE("examples/what-if replay reports are up to date", "[cli][replay][examples]") {
  for (const auto& [format, ext] : std::vector<std::pair<std::string, std::string>>{
           {"text", "txt"}, {"json", "json"}, {"csv", "csv"}, {"html", "html"}}) {
    INFO(format << " (scripts/examples.sh rewrites examples/what-if/)");
    const CliRun r = RunCli("replay " + kLog + " rules/frontier-2026/allies-defensive.yaml --format " + format);
    CHECK(r.exit_code == 1);
    CHECK(r.out ==
          ReadAll(std::string(CLEARANCE_SOURCE_DIR) + "/examples/what-if/replay-allies-defensive." + ext));
  }
}
