// The C face of hot reload: clearance_engine_* hands out policy handles
// that keep their version across reloads; threads decide while it reloads.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "clearance/clearance.h"

namespace {

namespace fs = std::filesystem;

// v1 denies DE (rule v1-de), v2 allows it (rule v2-de); US is allowed by both.
std::string Version(int v) {
  const std::string id = "v" + std::to_string(v);
  return "clearance: 1\npolicy: engine-" + id +
         "\ndimensions:\n  country: { values: [US, DE] }\n"
         "rules:\n  - id: " + id + "-us\n    effect: allow\n    when: country == US\n"
         "  - id: " + id + "-de\n    effect: " + (v == 1 ? "deny" : "allow") + "\n    when: country == DE\n";
}

class Dir {
 public:
  Dir() {
    static std::atomic<int> count{0};
    path_ = fs::temp_directory_path() / ("clearance-cengine-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(++count));
    fs::create_directories(path_);
    Write(Version(1));
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void Write(const std::string& text) const {
    std::ofstream(path_ / "p.yaml.tmp", std::ios::binary) << text;
    fs::rename(path_ / "p.yaml.tmp", path_ / "p.yaml");
  }
  std::string root() const { return (path_ / "p.yaml").string(); }

 private:
  fs::path path_;
};

int DecideDE(const clearance_policy* p) {
  const char* dims[] = {"country"};
  const char* values[] = {"DE"};
  return clearance_decide(p, dims, values, 1, "2027-01-01", nullptr);
}

std::string Name(const clearance_policy* p) { return clearance_policy_name(p); }

}  // namespace

TEST_CASE("a C engine reloads and its handles keep their version", "[capi][engine]") {
  Dir dir;
  char* err = nullptr;
  clearance_engine* engine = clearance_engine_open(dir.root().c_str(), &err);
  REQUIRE(engine);
  clearance_policy* v1 = clearance_engine_policy(engine);
  clearance_policy* v1_again = clearance_engine_policy(engine);
  REQUIRE(v1);
  CHECK(Name(v1) == "engine-v1");
  CHECK(DecideDE(v1) == 0);
  // Two handles on one version share it (one copy of the name tables).
  CHECK(clearance_policy_digest(v1) == clearance_policy_digest(v1_again));

  dir.Write(Version(2));
  CHECK(clearance_engine_reload(engine, &err) == 0);
  CHECK(err == nullptr);
  clearance_policy* v2 = clearance_engine_policy(engine);
  CHECK(Name(v2) == "engine-v2");
  CHECK(DecideDE(v2) == 1);
  CHECK(std::string(clearance_policy_digest(v2)) != clearance_policy_digest(v1));
  CHECK(DecideDE(v1) == 0);  // taken before the reload: still v1

  dir.Write("clearance: 1\npolicy: broken\nrules:\n  - id: r\n    effect: perhaps\n");
  CHECK(clearance_engine_reload(engine, &err) == -1);
  REQUIRE(err != nullptr);
  CHECK_THAT(std::string(err), Catch::StartsWith(dir.root() + ":5:13: error:"));
  clearance_free(err);
  clearance_policy* still_v2 = clearance_engine_policy(engine);
  CHECK(Name(still_v2) == "engine-v2");

  clearance_engine_free(engine);
  CHECK(DecideDE(v1) == 0);  // handles outlive their engine
  CHECK(DecideDE(still_v2) == 1);
  for (clearance_policy* p : {v1, v1_again, v2, still_v2}) clearance_policy_free(p);
}

TEST_CASE("a C engine reports open errors and NULL arguments", "[capi][engine]") {
  Dir dir;
  dir.Write("clearance: 1\npolicy: x\nrules: 3\n");
  char* err = nullptr;
  CHECK(clearance_engine_open(dir.root().c_str(), &err) == nullptr);
  REQUIRE(err != nullptr);
  CHECK(std::string(err) == dir.root() + ":3:8: error: 'rules' must be a list, not a scalar [type]");
  clearance_free(err);
  CHECK(clearance_engine_open(nullptr, nullptr) == nullptr);
  CHECK(clearance_engine_reload(nullptr, nullptr) == -1);
  CHECK(clearance_engine_policy(nullptr) == nullptr);
  clearance_engine_free(nullptr);
}

TEST_CASE("C callers decide with whole versions while the engine reloads", "[capi][engine][stress]") {
  Dir dir;
  clearance_engine* engine = clearance_engine_open(dir.root().c_str(), nullptr);
  REQUIRE(engine);
  std::atomic<bool> stop{false};
  std::vector<long> mismatches(3, 0), seen_v2(3, 0);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 3; ++t) {
      threads.emplace_back([&, t] {
        while (!stop.load(std::memory_order_acquire)) {
          clearance_policy* p = clearance_engine_policy(engine);
          const bool v2 = Name(p) == "engine-v2";
          seen_v2[t] += v2;
          // Several decisions on one handle: all from its version.
          for (int i = 0; i < 5; ++i) mismatches[t] += DecideDE(p) != (v2 ? 1 : 0);
          clearance_policy_free(p);
        }
      });
    }
    for (int r = 1; r <= 200; ++r) {
      dir.Write(Version(r % 2 ? 2 : 1));
      if (clearance_engine_reload(engine, nullptr) != 0) ++mismatches[0];
    }
    stop.store(true, std::memory_order_release);
  }
  clearance_engine_free(engine);
  INFO("handles on v2 per thread: " << seen_v2[0] << ", " << seen_v2[1] << ", " << seen_v2[2]);
  CHECK(mismatches == std::vector<long>(3, 0));
}
