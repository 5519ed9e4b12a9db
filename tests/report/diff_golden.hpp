// Golden files for what people read (STYLE.md 16): tests/data/diff/NAME.
// With CLEARANCE_UPDATE_GOLDEN=1 in the environment the file is rewritten
// instead of compared; a reviewer reads the diff.
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace clearance::diff_testing {

inline void CheckGolden(const std::string& name, const std::string& actual) {
  const std::filesystem::path path = std::filesystem::path(CLEARANCE_TEST_DATA) / "diff" / name;
  const char* update = std::getenv("CLEARANCE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    SUCCEED("rewrote " << path.string());
    return;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("golden file " << path.string() << " (CLEARANCE_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(in.good());
  std::ostringstream expected;
  expected << in.rdbuf();
  CHECK(actual == expected.str());
}

// Rules load by paths relative to the repository root, so that the files
// named in outputs do not depend on where the tests run.
inline void AtRepositoryRoot() { std::filesystem::current_path(CLEARANCE_SOURCE_DIR); }

}  // namespace clearance::diff_testing
