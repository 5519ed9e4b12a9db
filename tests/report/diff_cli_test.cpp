// `clearance diff` and `clearance matrix` as a user runs them: exit codes
// (diff: 0 no change, 1 changes, 2 errors; matrix: 0, or 2 on errors),
// error messages naming the argument or file:line:col, --help.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/diff_golden.hpp"

namespace clearance {
namespace {

namespace fs = std::filesystem;

struct Run {
  int exit = -1;
  std::string out, err;
};

using testing_support::ReadAll;

Run Cli(const std::string& args) {
  REQUIRE(std::getenv("CLEARANCE_CLI") != nullptr);
  diff_testing::AtRepositoryRoot();
  const testing_support::CliRun run = testing_support::RunCli(args);
  REQUIRE(run.exit_code >= 0);
  return {run.exit_code, run.out, run.err};
}

const std::string kBase = "tests/data/seed/frontier-2026/base.yaml";
const std::string kAllies = "tests/data/seed/frontier-2026/allies-defensive.yaml";

TEST_CASE("clearance diff exits 0 without change, 1 with changes, 2 on errors", "[diff][cli]") {
  CHECK(Cli("diff " + kBase + " " + kBase + " --date 2027-01-01").exit == 0);
  const Run changed = Cli("diff " + kBase + " " + kAllies + " --date 2027-01-01 --format json");
  CHECK(changed.exit == 1);
  CHECK(changed.out.find("\"changed\": 108") != std::string::npos);
  CHECK(changed.err.empty());
  for (const char* format : {"text", "markdown", "json", "csv", "html"}) {
    CHECK(Cli("diff " + kBase + " " + kAllies + " --date 2027-01-01 --format " + format).exit == 1);
  }
  // Over time: the same policy on two dates.
  CHECK(Cli("diff tests/data/seed/ai-diffusion-2025/diffusion.yaml tests/data/seed/ai-diffusion-2025/diffusion.yaml --date "
            "2025-03-01 "
            "--to-date 2025-06-01")
            .exit == 1);
  CHECK(Cli("diff " + kBase + " " + kBase + " --by decisive").exit == 0);
}

TEST_CASE("clearance diff errors name what is at fault", "[diff][cli]") {
  const Run bad_date = Cli("diff " + kBase + " " + kAllies + " --date 2027-02-30");
  CHECK(bad_date.exit == 2);
  CHECK(bad_date.err == "error: --date: '2027-02-30' is not a date YYYY-MM-DD\n");
  const Run bad_to = Cli("diff " + kBase + " " + kAllies + " --to-date tomorrow");
  CHECK(bad_to.exit == 2);
  CHECK(bad_to.err.find("--to-date: 'tomorrow'") != std::string::npos);
  const Run missing = Cli("diff " + kBase + " rules/no-such.yaml");
  CHECK(missing.exit == 2);
  CHECK(missing.err.find("rules/no-such.yaml") != std::string::npos);
  CHECK(Cli("diff " + kBase + " " + kAllies + " --format xml").exit == 2);
  CHECK(Cli("diff " + kBase + " " + kAllies + " --by rules").exit == 2);
  CHECK(Cli("diff " + kBase).exit == 2);
  const Run help = Cli("diff --help");
  CHECK(help.exit == 0);
  CHECK(help.out.find("--to-date") != std::string::npos);
}

TEST_CASE("clearance diff: a one-sided dimension without default is exit 2 with its location",
          "[diff][cli]") {
  const fs::path dir = fs::temp_directory_path() / "clearance-diff-cli";
  fs::create_directories(dir);
  std::ofstream(dir / "a.yaml") << "clearance: 1\npolicy: a\ndimensions:\n  model:\n    values: [m1]\n";
  std::ofstream(dir / "b.yaml") << "clearance: 1\npolicy: b\ndimensions:\n  model:\n    values: [m1]\n"
                                   "  tier:\n    values: [t1]\n";
  const Run r = Cli("diff " + (dir / "a.yaml").string() + " " + (dir / "b.yaml").string());
  CHECK(r.exit == 2);
  CHECK(r.err.find((dir / "b.yaml").string() +
                   ":6:3: error: dimension 'tier' is declared only by the new policy") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("clearance matrix exits 0, or 2 naming the argument at fault", "[matrix][cli]") {
  const Run ok = Cli("matrix " + kAllies +
                     " --rows country --cols use --where model=fable-5 --date 2027-01-01 "
                     "--fold-rows tier-1 --format csv");
  CHECK(ok.exit == 0);
  CHECK(ok.out.find("tier-1 (18),allow,allow,allow,deny,deny,deny,deny,deny,deny\n") != std::string::npos);
  for (const char* format : {"text", "markdown", "csv", "html", "svg"}) {
    CHECK(Cli("matrix " + kBase + " --rows use --cols model --where country=DE --format " + format).exit ==
          0);
  }
  const auto err = [](const std::string& args) {
    const Run r = Cli("matrix " + kBase + " " + args);
    CHECK(r.exit == 2);
    return r.err;
  };
  CHECK(err("--rows contry --cols use --where model=fable-5") ==
        "error: --rows: unknown dimension 'contry' (did you mean 'country'?)\n");
  CHECK(err("--rows country --cols use") ==
        "error: dimension 'model' is neither --rows nor --cols, has no default, and no --where model=VALUE "
        "fixes it\n");
  CHECK(err("--rows country --cols country --where model=fable-5 --where use=research") ==
        "error: --rows and --cols both name dimension 'country'\n");
  CHECK(err("--rows country --cols use --where model=fable5") ==
        "error: --where: unknown value 'fable5' of dimension 'model' (did you mean 'fable-5'?)\n");
  CHECK(err("--rows country --cols use --where model") == "error: --where: 'model' is not DIM=VALUE\n");
  CHECK(err("--rows country --cols use --where model=fable-5 --where country=DE") ==
        "error: --where: 'country' is the rows dimension\n");
  CHECK(err("--rows country --cols use --where model=fable-5 --fold-rows tier1") ==
        "error: --fold-rows: unknown group 'tier1' of dimension 'country' (did you mean 'tier-1'?)\n");
  CHECK(Cli("matrix --help").exit == 0);
}

// examples/what-if/ is what scripts/examples.sh writes; rerun it when this
// fails after an intended change.
TEST_CASE("examples/what-if is up to date", "[diff][cli][examples]") {
  const std::vector<std::pair<std::string, std::string>> formats = {
      {"text", "txt"}, {"markdown", "md"}, {"json", "json"}, {"html", "html"}};
  for (const std::string scenario : {"allies-defensive", "a5-defensive-research", "hawks", "full-lift"}) {
    const std::string what_if = "rules/frontier-2026/" + scenario + ".yaml";
    for (const auto& [format, ext] : formats) {
      INFO(scenario << " " << format << " (scripts/examples.sh rewrites examples/what-if/)");
      const Run r = Cli("diff rules/frontier-2026/base.yaml " + what_if + " --date 2027-01-01 --format " + format);
      CHECK(r.exit == 1);
      CHECK(r.out == ReadAll("examples/what-if/" + scenario + "." + ext));
    }
    for (const std::string format : {"svg", "html"}) {
      INFO(scenario << " matrix " << format);
      const Run r = Cli("matrix " + what_if +
                        " --rows country --cols use --where model=fable-5 --where nationality=DE --date 2027-01-01 --fold "
                        "--format " +
                        format);
      CHECK(r.exit == 0);
      CHECK(r.out == ReadAll("examples/what-if/" + scenario + ".matrix." + format));
    }
  }
}

}  // namespace
}  // namespace clearance
