// Replays tests/data/regressions/<target>/* through the fuzz targets' code
// (fuzz/harness.hpp), so a crash once found stays fixed in the ordinary
// suite and under scripts/sanitize.sh, not only in the fuzz build.
#include <catch2/catch.hpp>

#include <functional>
#include <map>

#include "../../fuzz/harness.hpp"
#include "load/corpus_support.hpp"

namespace clearance::corpus {
namespace {

const fs::path kRegressions = fs::path(CLEARANCE_TEST_DATA) / "regressions";

TEST_CASE("every saved regression input runs through its fuzz target's code") {
  const std::map<std::string, std::function<void(std::string_view)>> targets = {
      {"load_policy", fuzz::LoadPolicyInput},
      {"expression", fuzz::ExpressionInput},
      {"batch_line", fuzz::BatchLineInput},
      {"test_file", fuzz::TestFileInput},
  };
  std::size_t count = 0;
  for (const auto& [name, run] : targets) {
    const fs::path dir = kRegressions / name;
    REQUIRE(fs::is_directory(dir));
    for (const auto& entry : fs::directory_iterator(dir)) {
      INFO(entry.path().string());
      const std::string data = ReadText(entry.path());
      run(data);  // a crash or trap fails the whole test binary, loudly
      ++count;
    }
  }
  CHECK(count >= 4);
}

TEST_CASE("multi-file fuzz inputs split at their markers") {
  const auto files = fuzz::SplitFiles("a: 1\n#%file b.yaml\nb: 2\n#%file c/d.yaml\nd: 3", "root.yaml");
  REQUIRE(files.size() == 3);
  CHECK(files[0] == std::pair<std::string, std::string>("root.yaml", "a: 1\n"));
  CHECK(files[1] == std::pair<std::string, std::string>("b.yaml", "b: 2\n"));
  CHECK(files[2] == std::pair<std::string, std::string>("c/d.yaml", "d: 3"));
  const auto named = fuzz::SplitFiles("#%file x.yaml\nx: 1\n", "root.yaml");
  REQUIRE(named.size() == 1);
  CHECK(named[0].first == "x.yaml");
}

}  // namespace
}  // namespace clearance::corpus
