// Runs the built `clearance` executable (env CLEARANCE_CLI) through the
// shell, with files for stdin, stdout and stderr; and golden-file checks
// (CLEARANCE_UPDATE_GOLDEN=1 rewrites the golden files).
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace clearance::testing_support {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string CliPath() {
  const char* cli = std::getenv("CLEARANCE_CLI");
  return cli ? cli : "build/src/clearance";
}

// `args` is shell text appended to the executable; runs in the source tree.
inline CliRun RunCli(const std::string& args, const std::string& input = "") {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path() / ("clearance-cli-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(counter++));
  fs::create_directories(dir);
  std::ofstream(dir / "in") << input;
  const std::string command = "cd '" CLEARANCE_SOURCE_DIR "' && '" + CliPath() + "' " + args + " < '" +
                              (dir / "in").string() + "' > '" + (dir / "out").string() + "' 2> '" +
                              (dir / "err").string() + "'";
  const int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadAll(dir / "out");
  run.err = ReadAll(dir / "err");
  fs::remove_all(dir);
  return run;
}

// The one golden-update switch: CLEARANCE_UPDATE_GOLDEN=1 (as in
// tests/cli/golden.cmake) rewrites golden files instead of comparing.
inline bool UpdatingGolden() {
  const char* env = std::getenv("CLEARANCE_UPDATE_GOLDEN");
  return env != nullptr && std::string(env) == "1";
}

// Compares `actual` with the golden file at `path`, or rewrites it.
inline void CheckGoldenFile(const std::filesystem::path& path, const std::string& actual) {
  if (UpdatingGolden()) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  INFO("golden file " << path.string() << " (CLEARANCE_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(std::filesystem::exists(path));
  CHECK(ReadAll(path) == actual);
}

// Compares `actual` with tests/data/<name>, or rewrites it.
inline void CheckGolden(const std::string& name, const std::string& actual) {
  CheckGoldenFile(std::filesystem::path(CLEARANCE_TEST_DATA) / name, actual);
}

}  // namespace clearance::testing_support
