// The top level of `clearance` (issue #14): help on a bare command, --version,
// did-you-mean for verbs and options, and exit code 2 for every usage error
// of every verb.
#include "clearance/version.hpp"
#include "support/run_cli.hpp"

using namespace clearance::testing_support;

namespace {

const std::string kBase = "tests/data/seed/frontier-2026/base.yaml";

}  // namespace

TEST_CASE("a bare clearance prints the usage on stdout and exits 0, as cargo does", "[cli][main]") {
  CliRun run = RunCli("");
  CHECK(run.exit_code == 0);
  CHECK(run.out.starts_with("clearance: may this AI model"));
  CHECK(run.out.find("Usage: clearance [OPTIONS] SUBCOMMAND") != std::string::npos);
  for (const char* verb : {"check", "batch", "test", "lint", "diff", "matrix", "graph", "replay"}) {
    CHECK(run.out.find(std::string("\n  ") + verb + " ") != std::string::npos);
  }
  CHECK(run.out.find("Exit codes: 0") != std::string::npos);
  CHECK(run.err.empty());
}

TEST_CASE("clearance --version prints the library version", "[cli][main]") {
  CliRun run = RunCli("--version");
  CHECK(run.exit_code == 0);
  CHECK(run.out == "clearance " + std::string(clearance::LibraryVersion()) + "\n");
}

TEST_CASE("a mistyped verb or option names the closest known one, exit 2", "[cli][main]") {
  struct Row {
    std::string args;
    std::string first_line;
  };
  const std::vector<Row> rows = {
      {"chekc", "error: unknown command 'chekc'; did you mean 'check'?"},
      {"lnt " + kBase, "error: unknown command 'lnt'; did you mean 'lint'?"},
      {"frobnicate", "error: unknown command 'frobnicate'"},
      {"--verison", "error: unknown option '--verison' for 'clearance'; did you mean '--version'?"},
      {"check " + kBase + " --modle fable-5 --country US --use research",
       "error: unknown option '--modle' for 'clearance check'; did you mean '--model'?"},
      {"check " + kBase + " --model fable-5 --formta=json",
       "error: unknown option '--formta' for 'clearance check'; did you mean '--format'?"},
      {"test rules --rnu base", "error: unknown option '--rnu' for 'clearance test'; did you mean '--run'?"},
      {"diff " + kBase + " " + kBase + " --all-date",
       "error: unknown option '--all-date' for 'clearance diff'; did you mean '--all-dates' or '--to-date'?"},
  };
  for (const Row& row : rows) {
    INFO("clearance " << row.args);
    CliRun run = RunCli(row.args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.substr(0, run.err.find('\n')) == row.first_line);
  }
}

TEST_CASE("every verb exits 2 on a usage error, a missing file or a bad argument value", "[cli][main]") {
  const std::vector<std::string> commands = {
      "check " + kBase,  // no query
      "check no-such.yaml --model fable-5",
      "batch no-such.yaml",
      "test no-such.test.yaml",
      "lint no-such.yaml",
      "diff " + kBase,
      "matrix " + kBase + " --rows model --cols no-such-dimension",
      "matrix no-such.yaml --rows model --cols country",
      "graph no-such.yaml",
      "graph " + kBase + " --what nothing",
      "replay no-such.jsonl " + kBase,
  };
  for (const std::string& args : commands) {
    INFO("clearance " << args);
    CliRun run = RunCli(args);
    CHECK(run.exit_code == 2);
    CHECK_FALSE(run.err.empty());
  }
}
