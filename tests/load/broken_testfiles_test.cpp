// The broken rule-set test files (tests/data/broken/testfiles, docs/cli.md "Test
// files"): each fails with exactly the expected first diagnostic, through
// the library and through `clearance test` (exit 2, the same first line).
#include <catch2/catch.hpp>

#include <algorithm>

#include "clearance/testing.hpp"
#include "load/corpus_support.hpp"

namespace clearance::corpus {
namespace {

const fs::path kBroken = fs::path(CLEARANCE_TEST_DATA) / "broken";
const fs::path kTestFiles = kBroken / "testfiles";

std::vector<fs::path> TestFiles() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kTestFiles)) {
    if (entry.path().string().ends_with(".test.yaml")) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path ExpectedFor(const fs::path& test_file) {
  std::string name = test_file.filename().string();
  name.resize(name.size() - std::string(".test.yaml").size());
  return test_file.parent_path() / (name + ".expected");
}

std::string Relative(const std::string& message) { return ReplaceAll(message, kBroken.string() + "/", ""); }

TEST_CASE("every broken test file fails with its exact first diagnostic") {
  const auto files = TestFiles();
  CHECK(files.size() >= 20);
  for (const fs::path& file : files) {
    INFO(file.filename().string());
    TestOptions options;
    options.load.resolver = MakeFileResolver({kBroken.string(), false});
    Result<TestReport> report = RunTestFiles({file.string()}, options);
    REQUIRE_FALSE(report.ok());
    const std::string first = Relative(report.error().diagnostics().front().ToString());
    if (UpdatingGolden()) {
      WriteText(ExpectedFor(file), first + "\n");
      continue;
    }
    CHECK(first == Lines(ReadText(ExpectedFor(file))).front());
  }
}

TEST_CASE("clearance test reports a broken test file with exit 2 and the same first line") {
  if (UpdatingGolden()) return;
  for (const fs::path& file : TestFiles()) {
    INFO(file.filename().string());
    const CliRun run = RunCli("test " + ShellQuote(file.string()));
    CHECK(run.exit_code == 2);
    const auto lines = Lines(Relative(run.err));
    REQUIRE(!lines.empty());
    CHECK(lines.front() == Lines(ReadText(ExpectedFor(file))).front());
  }
}

}  // namespace
}  // namespace clearance::corpus
