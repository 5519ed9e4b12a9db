// `clearance lint` through the CLI (CLEARANCE_CLI): the command, stdout,
// stderr and exit code against golden files in tests/data/lint/*.out.
// CLEARANCE_UPDATE_GOLDEN=1 rewrites them; a reviewer reads the diff.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

namespace clearance {
namespace {

using testing_support::CliRun;
using testing_support::RunCli;

// The same layout as tests/cli/golden.cmake uses for `clearance test`.
std::string Transcript(const std::string& args, const CliRun& run) {
  std::string out = "$ clearance " + args + "\n" + run.out;
  if (!run.err.empty()) out += "--- stderr\n" + run.err;
  return out + "--- exit " + std::to_string(run.exit_code) + "\n";
}

void CheckGolden(const std::string& name, const std::string& args) {
  testing_support::CheckGolden("lint/" + name + ".out", Transcript(args, RunCli(args)));
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
      {"lint-ignore", "lint tests/data/lint/policy.yaml --date 2026-07-30 --ignore redundant,unused"},
      {"lint-ignore-unknown", "lint tests/data/lint/policy.yaml --ignore redundnat"},
      {"lint-errors-only", "lint tests/data/lint/policy.yaml --date 2026-07-30 --severity error"},
      {"lint-errors-only-broken", "lint tests/data/lint/broken.yaml --date 2026-07-30 --severity error"},
      {"lint-sarif", "lint tests/data/lint/policy.yaml --date 2026-07-30 --format sarif"},
  }));
  CAPTURE(name);
  CheckGolden(name, args);
}

TEST_CASE("clearance lint --format json is the JSON of docs/language.md", "[lint][cli]") {
  const CliRun run = RunCli("lint tests/data/lint/policy.yaml --date 2026-07-30 --format json");
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

TEST_CASE("clearance lint --format sarif is SARIF 2.1.0 with a result per diagnostic", "[lint][cli]") {
  const CliRun text = RunCli("lint tests/data/lint/policy.yaml --date 2026-07-30 --format json");
  const CliRun run = RunCli("lint tests/data/lint/policy.yaml --date 2026-07-30 --format sarif");
  REQUIRE(run.exit_code == 0);
  const auto sarif = nlohmann::json::parse(run.out);
  const auto diagnostics = nlohmann::json::parse(text.out).at("diagnostics");
  CHECK(sarif.at("version") == "2.1.0");
  const auto& sarif_run = sarif.at("runs").at(0);
  CHECK(sarif_run.at("tool").at("driver").at("name") == "clearance");
  const auto& results = sarif_run.at("results");
  REQUIRE(results.size() == diagnostics.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    const auto& d = diagnostics[i];
    CHECK(r.at("ruleId") == d.at("code"));
    CHECK(sarif_run.at("tool").at("driver").at("rules").at(r.at("ruleIndex").get<std::size_t>()).at("id") ==
          d.at("code"));
    CHECK(r.at("level") == d.at("severity"));
    CHECK(r.at("message").at("text") == d.at("message"));
    const auto& at = r.at("locations").at(0).at("physicalLocation");
    CHECK(at.at("artifactLocation").at("uri") == d.at("file"));
    CHECK(at.at("region").at("startLine") == d.at("line"));
    CHECK(at.at("region").at("startColumn") == d.at("col"));
  }
}

TEST_CASE("clearance lint prints a summary line on stderr", "[lint][cli]") {
  CHECK(RunCli("lint tests/data/lint/policy.yaml --date 2026-07-30").err.find("lint: 0 errors, ") == 0);
  CHECK(RunCli("lint tests/data/lint/broken.yaml --date 2026-07-30").err.find("lint: 3 errors, 0 warnings") == 0);
}

TEST_CASE("clearance lint: the as-of date defaults to today", "[lint][cli]") {
  // The golden policy's pilot rule expired on 2026-01-01; today is later.
  const CliRun run = RunCli("lint tests/data/lint/policy.yaml");
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("[expired]") != std::string::npos);
  CHECK(RunCli("lint tests/data/lint/policy.yaml --date 2025-06-01").out.find("[expired]") == std::string::npos);
}

}  // namespace
}  // namespace clearance
