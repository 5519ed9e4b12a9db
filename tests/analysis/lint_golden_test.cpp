// `clearance lint` through the CLI (CLEARANCE_CLI): the command, stdout,
// stderr and exit code against golden files in tests/data/lint/*.out.
// CLEARANCE_UPDATE_GOLDEN=1 rewrites them; a reviewer reads the diff.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace clearance {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `clearance ARGS` from the repository root, so that paths in the output
// are the relative ones given. ARGS are plain words (no shell quoting).
Run RunCli(const std::string& args) {
  const char* cli = std::getenv("CLEARANCE_CLI");
  if (cli == nullptr) FAIL("CLEARANCE_CLI is not set; run the tests through ctest");
  const fs::path dir = fs::temp_directory_path() / ("clearance-lint-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string command = "cd '" CLEARANCE_SOURCE_DIR "' && '" + std::string(cli) + "' " + args + " >'" +
                              (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
  const int status = std::system(command.c_str());
  Run run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = Slurp(dir / "out");
  run.err = Slurp(dir / "err");
  fs::remove_all(dir);
  return run;
}

// The same layout as tests/cli/golden.cmake uses for `clearance test`.
std::string Transcript(const std::string& args, const Run& run) {
  std::string out = "$ clearance " + args + "\n" + run.out;
  if (!run.err.empty()) out += "--- stderr\n" + run.err;
  return out + "--- exit " + std::to_string(run.exit_code) + "\n";
}

void CheckGolden(const std::string& name, const std::string& args) {
  const Run run = RunCli(args);
  const std::string actual = Transcript(args, run);
  const fs::path golden = fs::path(CLEARANCE_TEST_DATA) / "lint" / (name + ".out");
  const char* update = std::getenv("CLEARANCE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << actual;
    WARN("rewrote " << golden.string());
    return;
  }
  INFO("golden file " << golden.string() << " (CLEARANCE_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(fs::exists(golden));
  CHECK(actual == Slurp(golden));
}

TEST_CASE("clearance lint: golden outputs, text and JSON, and exit codes", "[lint][cli]") {
  const auto [name, args] = GENERATE(table<std::string, std::string>({
      {"lint-text", "lint tests/data/lint/policy.yaml --date 2026-07-30"},
      {"lint-json", "lint tests/data/lint/policy.yaml --date 2026-07-30 --format json"},
      {"lint-load-errors", "lint tests/data/lint/broken.yaml --date 2026-07-30"},
      {"lint-load-errors-json", "lint tests/data/lint/broken.yaml --date 2026-07-30 --format json"},
      {"lint-duplicate", "lint tests/data/lint/duplicate.yaml --date 2026-07-30"},
      {"lint-strict-conflict", "lint tests/data/lint/strict.yaml --date 2026-07-30"},
      {"lint-clean", "lint rules/common/check-groups.yaml --date 2026-07-30"},
      {"lint-missing-file", "lint tests/data/lint/no-such.yaml"},
      {"lint-bad-date", "lint tests/data/lint/policy.yaml --date 2026-13-01"},
      {"lint-bad-format", "lint tests/data/lint/policy.yaml --format xml"},
  }));
  CAPTURE(name);
  CheckGolden(name, args);
}

TEST_CASE("clearance lint --format json is the JSON of DSL.md §9", "[lint][cli]") {
  const Run run = RunCli("lint tests/data/lint/policy.yaml --date 2026-07-30 --format json");
  REQUIRE(run.exit_code == 0);
  const auto json = nlohmann::json::parse(run.out);
  REQUIRE(json.at("diagnostics").is_array());
  REQUIRE_FALSE(json["diagnostics"].empty());
  for (const auto& d : json["diagnostics"]) {
    CAPTURE(d.dump());
    for (const char* key : {"file", "message", "code"}) CHECK(d.at(key).is_string());
    CHECK(d.at("line").is_number_integer());
    CHECK(d.at("col").is_number_integer());
    CHECK(d.at("severity") == "warning");
    CHECK((d.contains("rule") || (d.contains("group") && d.contains("dimension"))));
  }
}

TEST_CASE("clearance lint: the as-of date defaults to today", "[lint][cli]") {
  // The golden policy's pilot rule expired on 2026-01-01; today is later.
  const Run run = RunCli("lint tests/data/lint/policy.yaml");
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("[expired]") != std::string::npos);
  CHECK(RunCli("lint tests/data/lint/policy.yaml --date 2025-06-01").out.find("[expired]") == std::string::npos);
}

}  // namespace
}  // namespace clearance
