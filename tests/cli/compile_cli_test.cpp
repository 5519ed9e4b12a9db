// `clearance compile` and reading snapshots on every verb: the same output
// from a snapshot as from the YAML (check, batch, diff, lint, matrix, graph,
// replay, test files naming a snapshot), signed snapshots, and errors that
// name the file or the flag at fault.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "support/run_cli.hpp"

using namespace clearance::testing_support;

namespace {

namespace fs = std::filesystem;
const std::string kBase = "tests/data/seed/frontier-2026/base.yaml";
const std::string kAllies = "tests/data/seed/frontier-2026/allies-defensive.yaml";

// A folder of its own per test case, removed at the end.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("clearance-compile-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(next++));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  static inline int next = 0;
};

std::string Compile(const TempDir& dir, const std::string& policy, const std::string& name,
                    const std::string& extra = "") {
  const std::string out = dir / name;
  CliRun run = RunCli("compile " + policy + " -o " + out + " " + extra);
  REQUIRE(run.exit_code == 0);
  REQUIRE(run.err.empty());
  return out;
}

}  // namespace

TEST_CASE("compile writes a snapshot and says what is in it", "[cli][snapshot]") {
  TempDir dir;
  CliRun run = RunCli("compile " + kAllies + " -o " + (dir / "a.clearance") + " --format json");
  REQUIRE(run.exit_code == 0);
  const auto info = nlohmann::json::parse(run.out);
  CHECK(info["policy"] == "frontier-2026-allies-defensive");
  CHECK(info["format_version"] == 1);
  CHECK(info["signed"] == false);
  CHECK(info["bytes"] == fs::file_size(dir / "a.clearance"));
  REQUIRE(info["sources"].size() >= 2);
  CHECK(info["sources"][0]["name"] == kAllies);
  CHECK(info["sources"][0]["sha256"].get<std::string>().size() == 64);
  CliRun check = RunCli("check " + kAllies + " --model fable-5 --country DE --use research --format json");
  CHECK(info["digest"] == nlohmann::json::parse(check.out)["policy"]["digest"]);

  CliRun described = RunCli("compile --info " + (dir / "a.clearance"));
  REQUIRE(described.exit_code == 0);
  CHECK_THAT(described.out, Catch::StartsWith("snapshot " + (dir / "a.clearance")) &&
                                Catch::Contains("policy  frontier-2026-allies-defensive  sha256:") &&
                                Catch::Contains("  " + kAllies + "  sha256:"));
}

TEST_CASE("every verb reads a snapshot as it reads the policy's files", "[cli][snapshot]") {
  TempDir dir;
  const std::string base = Compile(dir, kBase, "base.clearance");
  const std::string allies = Compile(dir, kAllies, "allies.clearance");
  const std::string query = " --model fable-5 --country DE --use threat-response --date 2026-12-15 --format json";
  const CliRun yaml = RunCli("check " + kAllies + query);
  CHECK(RunCli("check --compiled " + allies + query).out == yaml.out);
  CHECK(RunCli("check " + allies + query).out == yaml.out);  // a snapshot in the policy's place

  const std::string lines = "{\"model\":\"fable-5\",\"country\":\"DE\",\"use\":\"research\"}\n"
                            "{\"model\":\"fable-5\",\"country\":\"XX\",\"use\":\"research\"}\n";
  CHECK(RunCli("batch --compiled " + allies + " --date 2026-12-15", lines).out ==
        RunCli("batch " + kAllies + " --date 2026-12-15", lines).out);
  const std::string diff = " --date 2026-12-15 --format json";
  const CliRun yaml_diff = RunCli("diff " + kBase + " " + kAllies + diff);
  CHECK(yaml_diff.exit_code == 1);
  CHECK(RunCli("diff --old-compiled " + base + " --new-compiled " + allies + diff).out == yaml_diff.out);
  CHECK(RunCli("diff --old-compiled " + base + " " + kAllies + diff).out == yaml_diff.out);
  CHECK(RunCli("diff " + kBase + " --new-compiled " + allies + diff).out == yaml_diff.out);
  CHECK(RunCli("lint --compiled " + allies + " --date 2026-12-15 --format json").out ==
        RunCli("lint " + kAllies + " --date 2026-12-15 --format json").out);
  const std::string matrix = " --rows country --cols use --where model=fable-5 --date 2026-12-15";
  CHECK(RunCli("matrix --compiled " + allies + matrix).out == RunCli("matrix " + kAllies + matrix).out);
  CHECK(RunCli("graph --compiled " + allies).out == RunCli("graph " + kAllies).out);
  const std::string log = RunCli("batch " + kBase + " --date 2026-12-15", lines).out;
  CHECK(RunCli("replay - --compiled " + allies, log).out == RunCli("replay - " + kAllies, log).out);

  // A test file may name a snapshot as its policy.
  std::ofstream(dir / "t.test.yaml") << "policy: allies.clearance\ndate: 2026-12-15\ncases:\n"
                                        "  - name: allied defence\n"
                                        "    query: { model: fable-5, country: DE, use: threat-response }\n"
                                        "    expect: allow\n";
  CliRun test = RunCli("test " + (dir / "t.test.yaml"));
  CHECK(test.exit_code == 0);
  CHECK_THAT(test.out, Catch::EndsWith("1 passed, 0 failed\n"));
}

TEST_CASE("signed snapshots need their key", "[cli][snapshot]") {
  TempDir dir;
  std::ofstream(dir / "key") << "correct horse\n";
  std::ofstream(dir / "other") << "battery staple\n";
  const std::string signed_path = Compile(dir, kAllies, "s.clearance", "--snapshot-key " + (dir / "key"));
  const std::string query = " --model fable-5 --country DE --use threat-response --date 2026-12-15";
  CHECK(RunCli("check " + signed_path + query + " --snapshot-key " + (dir / "key")).exit_code == 0);
  CliRun without = RunCli("check " + signed_path + query);
  CHECK(without.exit_code == 2);
  CHECK_THAT(without.err, Catch::Contains(signed_path) && Catch::Contains("give the key"));
  CliRun wrong = RunCli("check " + signed_path + query + " --snapshot-key " + (dir / "other"));
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.err, Catch::Contains("checksum mismatch"));
  CliRun no_file = RunCli("check " + signed_path + query + " --snapshot-key " + (dir / "none"));
  CHECK(no_file.exit_code == 2);
  CHECK_THAT(no_file.err, Catch::Contains("--snapshot-key: cannot read"));
}

TEST_CASE("bad snapshots and flags are errors naming the file or flag", "[cli][snapshot]") {
  TempDir dir;
  const std::string snapshot = Compile(dir, kAllies, "a.clearance");
  std::string bytes = ReadAll(snapshot);
  std::ofstream(dir / "cut.clearance", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  bytes[bytes.size() / 2] ^= 1;
  std::ofstream(dir / "flip.clearance", std::ios::binary) << bytes;
  const std::string query = " --model fable-5 --country DE --use research";

  CliRun cut = RunCli("check " + (dir / "cut.clearance") + query);
  CHECK(cut.exit_code == 2);
  CHECK_THAT(cut.err, Catch::StartsWith((dir / "cut.clearance") + ": error: truncated snapshot"));
  CliRun flip = RunCli("check --compiled " + (dir / "flip.clearance") + query);
  CHECK(flip.exit_code == 2);
  CHECK_THAT(flip.err, Catch::Contains("checksum mismatch"));
  CliRun yaml = RunCli("check --compiled " + kAllies + query);
  CHECK(yaml.exit_code == 2);
  CHECK_THAT(yaml.err, Catch::Contains("--compiled: '" + kAllies + "' is not a compiled snapshot"));
  CliRun both = RunCli("check " + kAllies + " --compiled " + snapshot + query);
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Catch::Contains("not both"));
  CliRun neither = RunCli("check" + query);
  CHECK(neither.exit_code == 2);
  CHECK_THAT(neither.err, Catch::Contains("policy is required"));
  CliRun no_output = RunCli("compile " + kAllies);
  CHECK(no_output.exit_code == 2);
  CHECK_THAT(no_output.err, Catch::Contains("-o FILE is required"));
  CliRun unwritable = RunCli("compile " + kAllies + " -o " + (dir / "no/such/dir/a.clearance"));
  CHECK(unwritable.exit_code == 2);
  CHECK_THAT(unwritable.err, Catch::Contains("cannot write the snapshot"));
  CliRun info = RunCli("compile --info " + kAllies);
  CHECK(info.exit_code == 2);
  CHECK_THAT(info.err, Catch::Contains("not a compiled policy"));
}
