// The decision log of clearance serve: records, rotation, the bounded queue.
#include "serve/decision_log.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace clearance::serve;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("clearance-log-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<std::string> Lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_CASE("a record is the decision line with time and request id first", "[serve][log]") {
  CHECK(LogRecord("T", "r-1", R"({"query":{},"effect":"allow"})") ==
        R"({"time":"T","request_id":"r-1","query":{},"effect":"allow"})");
  CHECK(LogRecord("T", "r", "{}") == R"({"time":"T","request_id":"r"})");
}

TEST_CASE("timestamps are UTC with milliseconds", "[serve][log]") {
  const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'798'761'600'123));
  CHECK(UtcTimestamp(t) == "2027-01-01T00:00:00.123Z");
}

TEST_CASE("rotation shifts FILE.n up and drops the oldest", "[serve][log]") {
  TempDir dir;
  const std::string path = (dir.path / "d.jsonl").string();
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {path, "0"}, {RotatedPath(path, 1), "1"}, {RotatedPath(path, 2), "2"}}) {
    std::ofstream(name) << text;
  }
  CHECK(RotateFiles(path, 2));
  CHECK_FALSE(fs::exists(path));
  CHECK(Lines(RotatedPath(path, 1)) == std::vector<std::string>{"0"});
  CHECK(Lines(RotatedPath(path, 2)) == std::vector<std::string>{"1"});
  CHECK_FALSE(fs::exists(RotatedPath(path, 3)));
  CHECK(RotateFiles(path, 2));  // nothing at FILE: fine
}

TEST_CASE("the writer appends every record, in order, and rotates by size", "[serve][log]") {
  TempDir dir;
  const std::string path = (dir.path / "d.jsonl").string();
  {
    auto log = DecisionLog::Open({path, 1000, 100, 3, std::chrono::milliseconds(10)}, nullptr);
    REQUIRE(log);
    for (int i = 0; i < 50; ++i) CHECK((*log)->Append("{\"n\":" + std::to_string(100 + i) + "}"));
    (*log)->Close();
    CHECK((*log)->written() == 50);
    CHECK((*log)->dropped() == 0);
  }
  std::vector<std::string> all;
  for (int n = 3; n >= 1; --n) {
    for (auto& line : Lines(RotatedPath(path, n))) all.push_back(line);
    CHECK(fs::file_size(RotatedPath(path, n)) <= 100);
  }
  for (auto& line : Lines(path)) all.push_back(line);
  CHECK_FALSE(fs::exists(RotatedPath(path, 4)));
  // 50 records of 10 bytes, 10 to a 100-byte file, FILE and FILE.1-3 kept:
  // the last 40, in order.
  REQUIRE(all.size() == 40);
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i - 1] < all[i]);
  CHECK(all.front() == "{\"n\":110}");
  CHECK(all.back() == "{\"n\":149}");
}

TEST_CASE("a full queue drops and counts instead of blocking", "[serve][log]") {
  TempDir dir;
  const std::string path = (dir.path / "d.jsonl").string();
  std::vector<std::string> reports;
  auto log = DecisionLog::Open({path, 1, 1u << 20, 1, std::chrono::milliseconds(1000)},
                               [&](const std::string& m) { reports.push_back(m); });
  REQUIRE(log);
  int accepted = 0;
  for (int i = 0; i < 10'000; ++i) accepted += (*log)->Append("{}") ? 1 : 0;
  (*log)->Close();
  CHECK((*log)->dropped() == static_cast<std::uint64_t>(10'000 - accepted));
  CHECK((*log)->written() == static_cast<std::uint64_t>(accepted));
  CHECK(Lines(path).size() == static_cast<std::size_t>(accepted));
  if ((*log)->dropped() > 0) {
    REQUIRE_FALSE(reports.empty());
    CHECK(reports.back().find("dropped") != std::string::npos);
  }
}

TEST_CASE("an unwritable log path is an error", "[serve][log]") {
  auto log = DecisionLog::Open({"/nonexistent-dir/x/d.jsonl"}, nullptr);
  REQUIRE_FALSE(log);
  CHECK(log.error().message().find("cannot open decision log") != std::string::npos);
}

}  // namespace
