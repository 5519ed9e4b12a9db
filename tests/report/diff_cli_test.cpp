// `clearance diff` and `clearance matrix` as a user runs them: exit codes
// (diff: 0 no change, 1 changes, 2 errors; matrix: 0, or 2 on errors),
// error messages naming the argument or file:line:col, --help.
#include <sys/wait.h>
#include <unistd.h>

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

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Run Cli(const std::string& args) {
  const char* cli = std::getenv("CLEARANCE_CLI");
  REQUIRE(cli != nullptr);
  diff_testing::AtRepositoryRoot();
  // ctest runs test cases in parallel processes: one pair of files each.
  static int counter = 0;
  const std::string stem = "clearance-diff-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const fs::path out = fs::temp_directory_path() / (stem + ".out");
  const fs::path err = fs::temp_directory_path() / (stem + ".err");
  const int status =
      std::system((std::string(cli) + ' ' + args + " > " + out.string() + " 2> " + err.string()).c_str());
  REQUIRE(WIFEXITED(status));
  Run r{WEXITSTATUS(status), Slurp(out), Slurp(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
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
  const Run bad_to = Cli("diff " + kBase + " " + kAllies + " --date 2027-01-01 --to-date tomorrow");
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
  CHECK(help.out.find("--all-dates") != std::string::npos);
  const Run to_alone = Cli("diff " + kBase + " " + kAllies + " --to-date 2027-01-01");
  CHECK(to_alone.exit == 2);
  CHECK(to_alone.err == "error: --to-date needs --date (the old policy's date)\n");
  const Run all_and_date = Cli("diff " + kBase + " " + kAllies + " --all-dates --date 2027-01-01");
  CHECK(all_and_date.exit == 2);
  CHECK(all_and_date.err == "error: --all-dates and --date cannot be used together\n");
  const Run all_and_to =
      Cli("diff " + kBase + " " + kAllies + " --all-dates --date 2027-01-01 --to-date 2028-01-01");
  CHECK(all_and_to.exit == 2);
  CHECK(all_and_to.err.find("--all-dates and --date") != std::string::npos);
}

TEST_CASE("clearance diff: one-sided values are a difference, never a silent no change", "[diff][cli]") {
  const fs::path dir = fs::temp_directory_path() / "clearance-diff-one-sided";
  fs::create_directories(dir);
  const std::string head = "clearance: 1\npolicy: p\ndefault: allow\ndimensions:\n  model:\n    values: ";
  std::ofstream(dir / "a.yaml") << head << "[m1]\n";
  std::ofstream(dir / "b.yaml") << head << "[m1, nova-9]\n";
  std::ofstream(dir / "c.yaml") << head << "[m2]\n";
  const std::string a = (dir / "a.yaml").string(), b = (dir / "b.yaml").string(), c = (dir / "c.yaml").string();
  const Run added = Cli("diff " + a + " " + b + " --date 2027-01-01");
  CHECK(added.exit == 1);
  CHECK(added.out.find("only in new: model: nova-9 (1, not compared)") != std::string::npos);
  CHECK(added.out.find("only in new: adds 1 query, decided there: 1 allow, 0 deny") != std::string::npos);
  const Run disjoint = Cli("diff " + a + " " + c + " --date 2027-01-01");
  CHECK(disjoint.exit == 1);
  CHECK(disjoint.out.find("queries compared: 0") != std::string::npos);
  CHECK(disjoint.out.find("no query is compared") != std::string::npos);
  CHECK(Cli("diff " + a + " " + a + " --date 2027-01-01").exit == 0);
  fs::remove_all(dir);
}

TEST_CASE("clearance diff --by: outcome is the default, decisive counts rewording", "[diff][cli]") {
  const fs::path dir = fs::temp_directory_path() / "clearance-diff-by";
  fs::create_directories(dir);
  const std::string head =
      "clearance: 1\npolicy: p\ndimensions:\n  model:\n    values: [m1]\nrules:\n  - id: r\n    effect: "
      "allow\n";
  std::ofstream(dir / "a.yaml") << head << "    obligations: [Report within 30 days.]\n";
  std::ofstream(dir / "b.yaml") << head << "    obligations: [Report within 7 days.]\n";
  std::ofstream(dir / "c.yaml") << head << "    obligations: [Report within 30 days.]\n    cite: Rule 1\n";
  const std::string a = (dir / "a.yaml").string(), b = (dir / "b.yaml").string(), c = (dir / "c.yaml").string();
  const Run outcome = Cli("diff " + a + " " + b + " --date 2027-01-01 --format json");
  CHECK(outcome.exit == 1);
  CHECK(outcome.out.find("\"by\": \"outcome\"") != std::string::npos);
  CHECK(outcome.out.find("\"new_obligations\": [\n        \"Report within 7 days.\"") != std::string::npos);
  CHECK(Cli("diff " + a + " " + b + " --date 2027-01-01 --by effect").exit == 0);
  CHECK(Cli("diff " + a + " " + b + " --date 2027-01-01 --by decisive").exit == 1);
  CHECK(Cli("diff " + a + " " + c + " --date 2027-01-01").exit == 0);
  CHECK(Cli("diff " + a + " " + c + " --date 2027-01-01 --by decisive").exit == 1);
  fs::remove_all(dir);
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
        "error: --where: unknown value or group 'fable5' of dimension 'model' (did you mean 'fable-5'?)\n");
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
      const std::string shipped_base = "rules/frontier-2026/base.yaml";
      const Run r = Cli("diff " + shipped_base + " " + what_if + " --date 2027-01-01 --format " + format);
      CHECK(r.exit == 1);
      CHECK(r.out == Slurp("examples/what-if/" + scenario + "." + ext));
      const Run all = Cli("diff " + shipped_base + " " + what_if + " --all-dates --format " + format);
      CHECK(all.exit == 1);
      CHECK(all.out == Slurp("examples/what-if/" + scenario + ".all-dates." + ext));
    }
    for (const std::string format : {"svg", "html"}) {
      INFO(scenario << " matrix " << format);
      const Run r = Cli("matrix " + what_if +
                        " --rows country --cols use --where model=fable-5 --where nationality=DE --date 2027-01-01 --fold "
                        "--format " +
                        format);
      CHECK(r.exit == 0);
      CHECK(r.out == Slurp("examples/what-if/" + scenario + ".matrix." + format));
    }
  }
}

}  // namespace
}  // namespace clearance
