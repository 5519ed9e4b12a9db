// Hot reload: the Engine swaps whole policies while other threads decide.
// The stress test ("[engine][stress]") is what scripts/tsan.sh runs under
// ThreadSanitizer.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "clearance/engine.hpp"
#include "clearance/snapshot.hpp"

namespace {

namespace fs = std::filesystem;
using clearance::Assignments;
using clearance::Date;
using clearance::Effect;
using clearance::Engine;
using clearance::LoadOptions;
using clearance::LoadPolicy;
using clearance::Policy;
using clearance::SaveCompiled;

// A policy in three files whose version is chosen by the root file alone, so
// that one rename switches versions: root.yaml includes dims.yaml and either
// rules-v1.yaml or rules-v2.yaml. v1 denies DE and allows the rest; v2 the
// reverse; every rule id names its version.
const char* const kDims = R"(clearance: 1
dimensions:
  model: { values: [m1, m2] }
  country: { values: [US, DE, FR] }
  use: { values: [research, commercial] }
)";

std::string Rules(const std::string& v, const char* de_effect, const char* other_effect) {
  return "clearance: 1\nrules:\n"
         "  - id: " + v + "-de\n    effect: " + de_effect + "\n    when: country == DE\n"
         "  - id: " + v + "-other\n    effect: " + other_effect + "\n    when: country != DE\n"
         "  - id: " + v + "-research\n    effect: " + other_effect + "\n    when: use == research\n";
}

std::string Root(const std::string& v) {
  return "clearance: 1\npolicy: stress-" + v + "\ninclude: [dims.yaml, rules-" + v + ".yaml]\n";
}

class PolicyDir {
 public:
  PolicyDir() {
    static std::atomic<int> count{0};
    path_ = fs::temp_directory_path() / ("clearance-engine-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(++count));
    fs::create_directories(path_);
    Write("dims.yaml", kDims);
    Write("rules-v1.yaml", Rules("v1", "deny", "allow"));
    Write("rules-v2.yaml", Rules("v2", "allow", "deny"));
    Switch("v1");
  }
  ~PolicyDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  // Replaces a file the way a deployment should: write aside, then rename.
  void Write(const std::string& name, const std::string& text) const {
    const fs::path tmp = path_ / (name + ".tmp");
    std::ofstream(tmp, std::ios::binary) << text;
    fs::rename(tmp, path_ / name);
  }
  void Switch(const std::string& version) const { Write("root.yaml", Root(version)); }
  std::string root() const { return (path_ / "root.yaml").string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

Assignments Query(const char* model, const char* country, const char* use) {
  return {{"model", model}, {"country", country}, {"use", use}};
}

const Date kDay = *Date::Parse("2027-01-15");

}  // namespace

TEST_CASE("an engine opens, decides and names the policy that decided", "[engine]") {
  PolicyDir dir;
  auto engine = Engine::Open(dir.root());
  REQUIRE(engine);
  CHECK(engine->path() == dir.root());
  CHECK(engine->generation() == 1);
  CHECK(engine->policy().name() == "stress-v1");
  auto d = engine->Explain(Query("m1", "DE", "commercial"), kDay);
  REQUIRE(d);
  CHECK(d->decision.effect == Effect::kDeny);
  CHECK(d->decision.decisive == std::vector<std::string>{"v1-de"});
  CHECK(d->policy.digest() == engine->policy().digest());
  CHECK(d->query.date == kDay);
  auto v = engine->Decide(Query("m1", "US", "commercial"), kDay);
  REQUIRE(v);
  CHECK(v->verdict.effect == Effect::kAllow);
  CHECK(v->policy.digest() == engine->policy().digest());
}

TEST_CASE("an engine serves a compiled snapshot and reloads it", "[engine][snapshot]") {
  PolicyDir dir;
  const std::string snapshot = dir.file("p.clearance");
  const auto save = [&] {
    auto policy = LoadPolicy(dir.root());
    REQUIRE(policy);
    REQUIRE(SaveCompiled(*policy, snapshot, {"k"}));
  };
  save();
  LoadOptions options;
  options.snapshot_key = "k";
  auto engine = Engine::Open(snapshot, options);
  REQUIRE(engine);
  CHECK(engine->policy().name() == "stress-v1");
  CHECK(engine->Decide(Query("m1", "DE", "commercial"), kDay)->verdict.effect == Effect::kDeny);
  dir.Switch("v2");
  CHECK(engine->Reload()->name() == "stress-v1");  // the snapshot, not the YAML, is what it reads
  save();
  auto reloaded = engine->Reload();
  REQUIRE(reloaded);
  CHECK(reloaded->name() == "stress-v2");
  CHECK(engine->Decide(Query("m1", "DE", "commercial"), kDay)->verdict.effect == Effect::kAllow);
  dir.Write("p.clearance", "not a snapshot");
  auto failed = engine->Reload();
  REQUIRE_FALSE(failed);
  CHECK(engine->policy().name() == "stress-v2");
}

TEST_CASE("a failed open reports the load error", "[engine]") {
  PolicyDir dir;
  dir.Write("root.yaml", "clearance: 1\npolicy: x\ninclude: [missing.yaml]\n");
  auto engine = Engine::Open(dir.root());
  REQUIRE_FALSE(engine);
  CHECK_THAT(engine.error().message(), Catch::StartsWith(dir.root() + ":3:"));
}

TEST_CASE("a reload installs the new version and old snapshots stay whole", "[engine]") {
  PolicyDir dir;
  auto engine = Engine::Open(dir.root());
  REQUIRE(engine);
  const Policy before = engine->policy();
  dir.Switch("v2");
  auto reloaded = engine->Reload();
  REQUIRE(reloaded);
  CHECK(reloaded->name() == "stress-v2");
  CHECK(engine->generation() == 2);
  CHECK(engine->policy().digest() == reloaded->digest());
  CHECK(reloaded->digest() != before.digest());
  // The snapshot taken before still decides as v1.
  auto q = before.MakeQuery(Query("m1", "DE", "commercial"), kDay);
  REQUIRE(q);
  CHECK(before.Explain(*q).decisive == std::vector<std::string>{"v1-de"});
  auto now = engine->Explain(Query("m1", "DE", "commercial"), kDay);
  REQUIRE(now);
  CHECK(now->decision.decisive == std::vector<std::string>{"v2-de"});
  CHECK(now->decision.effect == Effect::kAllow);
}

TEST_CASE("a failed reload keeps the current version and says why", "[engine]") {
  PolicyDir dir;
  auto engine = Engine::Open(dir.root());
  REQUIRE(engine);
  const std::string digest = engine->policy().digest();
  dir.Write("rules-v1.yaml", "clearance: 1\nrules:\n  - id: broken\n    effect: perhaps\n");
  auto reloaded = engine->Reload();
  REQUIRE_FALSE(reloaded);
  CHECK_THAT(reloaded.error().message(), Catch::StartsWith(dir.file("rules-v1.yaml") + ":4:13: error:"));
  CHECK(engine->generation() == 1);
  CHECK(engine->policy().digest() == digest);
  auto d = engine->Explain(Query("m2", "FR", "commercial"), kDay);
  REQUIRE(d);
  CHECK(d->decision.decisive == std::vector<std::string>{"v1-other"});
}

TEST_CASE("Install makes a policy loaded elsewhere current", "[engine]") {
  PolicyDir dir;
  auto engine = Engine::Open(dir.root());
  REQUIRE(engine);
  auto other = clearance::LoadPolicy(dir.file("root.yaml"));
  REQUIRE(other);
  engine->Install(*other);
  CHECK(engine->generation() == 2);
  // A later reload reads the engine's path again.
  dir.Switch("v2");
  REQUIRE(engine->Reload());
  CHECK(engine->policy().name() == "stress-v2");
  CHECK(engine->generation() == 3);
}

TEST_CASE("a bad query through the engine is a query error", "[engine]") {
  PolicyDir dir;
  auto engine = Engine::Open(dir.root());
  REQUIRE(engine);
  auto d = engine->Explain(Query("m1", "XX", "research"), kDay);
  REQUIRE_FALSE(d);
  CHECK(d.error().diagnostics().front().code == "query");
  auto bad_date = clearance::ParseQueryDate("2027-02-30");
  REQUIRE_FALSE(bad_date);
  CHECK(bad_date.error().diagnostics().front().code == "query");
}

namespace {

// What each version must answer, from policies loaded on their own.
struct Reference {
  std::map<std::string, Policy> by_digest;

  explicit Reference(const PolicyDir& dir) {
    for (const char* v : {"v1", "v2"}) {
      dir.Switch(v);
      auto p = clearance::LoadPolicy(dir.root());
      REQUIRE(p);
      by_digest.emplace(p->digest(), *p);
    }
    dir.Switch("v1");
    REQUIRE(by_digest.size() == 2);
  }
};

struct DeciderStats {
  long decisions = 0;
  long mismatches = 0;
  std::map<std::string, long> per_digest;
};

// One decision through the engine, checked against the version it names:
// same effect and decisive rules, and every trace entry from that version.
void DecideAndCheck(const Engine& engine, const Reference& ref, int i, DeciderStats& stats) {
  static const char* const kCountries[] = {"US", "DE", "FR"};
  static const char* const kUses[] = {"research", "commercial"};
  const Assignments query = Query(i % 2 ? "m1" : "m2", kCountries[i % 3], kUses[(i / 3) % 2]);
  auto d = engine.Explain(query, kDay);
  ++stats.decisions;
  if (!d) {
    ++stats.mismatches;
    return;
  }
  const std::string& digest = d->policy.digest();
  ++stats.per_digest[digest];
  auto it = ref.by_digest.find(digest);
  if (it == ref.by_digest.end()) {
    ++stats.mismatches;
    return;
  }
  const std::string version = it->second.name().substr(std::string("stress-").size());
  const clearance::Decision expected = it->second.Explain(*it->second.MakeQuery(query, kDay));
  bool same = d->decision.effect == expected.effect && d->decision.decisive == expected.decisive &&
              d->decision.trace.size() == expected.trace.size();
  for (const auto& entry : d->decision.trace) same = same && entry.rule.rfind(version + "-", 0) == 0;
  if (!same) ++stats.mismatches;
}

}  // namespace

TEST_CASE("deciding threads see whole versions while reloads run", "[engine][stress]") {
  constexpr int kDeciders = 4;
  constexpr int kReloads = 301;  // odd: the last version installed is v2
  PolicyDir dir;
  const Reference ref(dir);
  auto engine = Engine::Open(dir.root());
  REQUIRE(engine);

  std::vector<DeciderStats> stats(kDeciders);
  std::atomic<bool> stop{false};
  std::latch started(kDeciders);
  long failed_reloads = 0, bad_reloads = 0;
  {
    std::vector<std::jthread> deciders;
    for (int t = 0; t < kDeciders; ++t) {
      deciders.emplace_back([&, t] {
        DecideAndCheck(*engine, ref, t, stats[t]);  // before any reload: v1
        started.count_down();
        for (int i = 0; !stop.load(std::memory_order_acquire); ++i) DecideAndCheck(*engine, ref, i + t, stats[t]);
        DecideAndCheck(*engine, ref, t, stats[t]);  // after the last reload: v2
      });
    }
    started.wait();
    for (int r = 1; r <= kReloads; ++r) {
      if (r % 50 == 0) {
        // A broken version in between: the reload fails, the current one stays.
        const std::string before = engine->policy().digest();
        dir.Write("root.yaml", "clearance: 1\npolicy: broken\ninclude: [nowhere.yaml]\n");
        if (engine->Reload() || engine->policy().digest() != before) ++bad_reloads;
        ++failed_reloads;
      }
      dir.Switch(r % 2 ? "v2" : "v1");
      if (!engine->Reload()) ++bad_reloads;
    }
    stop.store(true, std::memory_order_release);
  }

  CHECK(bad_reloads == 0);
  CHECK(engine->generation() == 1 + kReloads);
  CHECK(engine->policy().name() == "stress-v2");
  DeciderStats total;
  for (const DeciderStats& s : stats) {
    total.decisions += s.decisions;
    total.mismatches += s.mismatches;
    for (const auto& [digest, n] : s.per_digest) total.per_digest[digest] += n;
  }
  INFO("decisions " << total.decisions << ", failed reloads tried " << failed_reloads);
  CHECK(total.mismatches == 0);
  CHECK(total.per_digest.size() == 2);  // both versions were seen by the deciders
}
