// Shared by the corpus tests: reading files, running the CLI, and golden
// expectations that CLEARANCE_UPDATE_GOLDEN=1 rewrites (a reviewer then
// reads the diff).
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "support/run_cli.hpp"

namespace clearance::corpus {

namespace fs = std::filesystem;
using testing_support::UpdatingGolden;

inline std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Replaces every occurrence of `from` in `text`.
inline std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Single-quotes an argument for /bin/sh.
inline std::string ShellQuote(const std::string& arg) { return "'" + ReplaceAll(arg, "'", "'\\''") + "'"; }

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the CLI named by CLEARANCE_CLI with `args` (already quoted), stdin
// from `input` when not empty.
inline CliRun RunCli(const std::string& args, const fs::path& input = {}) {
  const char* cli = std::getenv("CLEARANCE_CLI");
  REQUIRE(cli != nullptr);
  const fs::path dir = fs::temp_directory_path() / ("clearance-corpus-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path out = dir / "out";
  const fs::path err = dir / "err";
  std::string command = ShellQuote(cli) + " " + args + " >" + ShellQuote(out) + " 2>" + ShellQuote(err);
  if (!input.empty()) command += " <" + ShellQuote(input);
  const int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadText(out);
  run.err = ReadText(err);
  return run;
}

}  // namespace clearance::corpus
