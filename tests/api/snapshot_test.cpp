// Compiled snapshots: a policy read back decides, explains, lints and diffs
// as the policy saved (checked on random policies and the shipped rules),
// and every damaged, foreign or edited snapshot is refused or, when edited
// with a fresh checksum, either refused or kept in bounds.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "api/policy_access.hpp"
#include "base/sha256.hpp"
#include "clearance/json.hpp"
#include "clearance/lint.hpp"
#include "clearance/report.hpp"
#include "clearance/snapshot.hpp"
#include "compile/graph_checks.hpp"
#include "compile/random_yaml.hpp"
#include "support/fixtures.hpp"

namespace clearance {
namespace {

namespace fs = std::filesystem;
using testing_support::MustLoad;

constexpr std::size_t kHeaderBytes = 56;

std::optional<Policy> LoadRandom(std::uint32_t seed) {
  const compile::testing::YamlFiles files = compile::testing::RandomYaml(seed).Make();
  LoadOptions options;
  options.resolver = MakeMemoryResolver(files.files);
  auto policy = LoadPolicy(files.root, options);
  if (!policy) return std::nullopt;
  return std::move(*policy);
}

Policy MustRead(std::string_view bytes, const SnapshotOptions& options = {}) {
  auto policy = LoadCompiledFromString("p.clearance", bytes, options);
  if (!policy) FAIL(policy.error().ToString());
  return std::move(*policy);
}

std::string Message(const Result<Policy>& policy) {
  REQUIRE_FALSE(policy.ok());
  return policy.error().message();
}

void CheckSameDecision(const Policy& a, const Policy& b, const Query& q) {
  REQUIRE(DecisionToJson(a, q, a.Explain(q, TraceDetail::kAll)) ==
          DecisionToJson(b, q, b.Explain(q, TraceDetail::kAll)));
  REQUIRE(DecisionToJson(a, q, a.Interpret(q, TraceDetail::kAll)) ==
          DecisionToJson(b, q, b.Interpret(q, TraceDetail::kAll)));
}

// Every query of a small policy, with the full trace.
void CheckSameDecisions(const Policy& a, const Policy& b) {
  const std::vector<Date> dates{Date::Min(), Date::Max(), *Date::Parse("2026-06-12"), *Date::Parse("2027-01-01")};
  compile::testing::ForEveryQuery(internal::DataOf(a).resolved, dates,
                                  [&](const Query& q) { CheckSameDecision(a, b, q); });
}

// Random queries of a large one.
void CheckSameDecisions(const Policy& a, const Policy& b, int samples) {
  std::mt19937 rng(7);
  Query q;
  for (int i = 0; i < samples; ++i) {
    q.values.clear();
    for (const DimensionInfo& dim : a.dimensions()) q.values.push_back(rng() % dim.values.size());
    q.date = Date::FromDays(static_cast<std::int32_t>(20000 + rng() % 1000));  // 2024-10 to 2027-06
    CheckSameDecision(a, b, q);
  }
}

TEST_CASE("a snapshot reads back as the policy saved, on random policies", "[snapshot]") {
  int checked = 0;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    std::optional<Policy> policy = LoadRandom(seed);
    if (!policy) continue;
    const std::string bytes = SaveCompiledToString(*policy);
    const Policy back = MustRead(bytes);
    // Every stored structure survives: writing the read-back policy gives
    // the same bytes.
    REQUIRE(SaveCompiledToString(back) == bytes);
    REQUIRE(back.digest() == policy->digest());
    compile::testing::CheckCanonical(internal::DataOf(back).graph);
    CheckSameDecisions(*policy, back);
    REQUIRE(LintToJson(Lint(back)) == LintToJson(Lint(*policy)));
    ++checked;
  }
  CHECK(checked > 100);
}

TEST_CASE("a snapshot of the shipped rules decides, lints and diffs as the YAML", "[snapshot]") {
  auto policy = LoadPolicy(CLEARANCE_SOURCE_DIR "/rules/frontier-2026/base.yaml");
  REQUIRE(policy.ok());
  const Policy back = MustRead(SaveCompiledToString(*policy));
  REQUIRE(back.digest() == policy->digest());
  REQUIRE(back.rules().size() == policy->rules().size());
  REQUIRE(back.rules().front().where.file == policy->rules().front().where.file);
  CheckSameDecisions(*policy, back, 3000);
  REQUIRE(LintToJson(Lint(back)) == LintToJson(Lint(*policy)));
  auto diff = Diff(*policy, back);
  REQUIRE(diff.ok());
  REQUIRE(diff->regions.empty());
}

TEST_CASE("snapshots on disk: saved atomically, described, read back", "[snapshot]") {
  const fs::path dir = fs::temp_directory_path() / ("clearance-snapshot-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string yaml = "clearance: 1\npolicy: p\ndimensions:\n  country: { values: [US, DE] }\n"
                           "rules:\n  - id: us\n    effect: allow\n    when: country == US\n";
  const Policy policy = MustLoad(yaml);
  const std::string path = (dir / "p.clearance").string();
  auto info = SaveCompiled(policy, path);
  REQUIRE(info.ok());
  CHECK(info->digest == policy.digest());
  REQUIRE(info->sources.size() == 1);
  CHECK(info->sources[0].name == "p.yaml");
  CHECK(info->sources[0].sha256 == Sha256Hex(yaml));
  CHECK_FALSE(fs::exists(path + ".tmp"));
  CHECK(IsSnapshotFile(path));
  auto read = ReadSnapshotInfo(path);
  REQUIRE(read.ok());
  CHECK(read->policy_name == policy.name());
  CHECK(read->library_version == info->library_version);
  CHECK(read->bytes == fs::file_size(path));
  auto back = LoadCompiled(path);
  REQUIRE(back.ok());
  CHECK(back->digest() == policy.digest());
  CHECK_FALSE(IsSnapshotFile(CLEARANCE_SOURCE_DIR "/rules/frontier-2026/base.yaml"));
  auto folder = LoadCompiled(dir.string());
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().message().find("is a folder") != std::string::npos);
  auto missing = LoadCompiled((dir / "none.clearance").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind() == ErrorKind::kNotFound);
  CHECK(missing.error().message().find("none.clearance") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("damaged, foreign and mismatched snapshots are refused with a reason", "[snapshot]") {
  const Policy policy = *LoadRandom(3);
  const std::string bytes = SaveCompiledToString(policy);

  CHECK_THAT(Message(LoadCompiledFromString("p.yaml", "clearance: 1\n")),
             Catch::Contains("p.yaml") && Catch::Contains("not a compiled policy"));
  for (std::size_t cut : {std::size_t{8}, std::size_t{30}, kHeaderBytes, bytes.size() / 2, bytes.size() - 1}) {
    CAPTURE(cut);
    CHECK_THAT(Message(LoadCompiledFromString("p.clearance", bytes.substr(0, cut))), Catch::Contains("truncated"));
  }
  std::string longer = bytes + "x";
  CHECK_THAT(Message(LoadCompiledFromString("p.clearance", longer)), Catch::Contains("the header says"));

  std::string version = bytes;
  version[8] = 2;
  CHECK_THAT(Message(LoadCompiledFromString("p.clearance", version)),
             Catch::Contains("format version 2") && Catch::Contains("compile the policy again"));

  std::mt19937 rng(11);
  for (int i = 0; i < 200; ++i) {  // one flipped bit anywhere past the version
    std::string damaged = bytes;
    const std::size_t at = 12 + rng() % (damaged.size() - 12);
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << (rng() % 8)));
    CAPTURE(at);
    REQUIRE_FALSE(LoadCompiledFromString("p.clearance", damaged).ok());
  }
  CHECK_THAT(Message(LoadCompiledFromString("p.clearance", bytes.substr(0, 60) + std::string(bytes.size() - 60, 'x'))),
             Catch::Contains("checksum mismatch"));
}

TEST_CASE("a keyed snapshot is read only with its key", "[snapshot]") {
  const Policy policy = *LoadRandom(5);
  const std::string signed_bytes = SaveCompiledToString(policy, {"secret"});
  CHECK(MustRead(signed_bytes, {"secret"}).digest() == policy.digest());
  CHECK_THAT(Message(LoadCompiledFromString("p.clearance", signed_bytes)), Catch::Contains("give the key"));
  CHECK_THAT(Message(LoadCompiledFromString("p.clearance", signed_bytes, {"guess"})),
             Catch::Contains("key is wrong"));
  CHECK_THAT(Message(LoadCompiledFromString("p.clearance", SaveCompiledToString(policy), {"secret"})),
             Catch::Contains("not signed"));
  // An edit with a fresh plain checksum does not pass for signed.
  std::string forged = signed_bytes;
  forged[12] = 0;  // drop the keyed flag
  const Sha256Bytes sum = Xxh3Checksum(std::string_view(forged).substr(kHeaderBytes));
  std::copy(sum.begin(), sum.end(), forged.begin() + kHeaderBytes - 32);
  CHECK_FALSE(LoadCompiledFromString("p.clearance", forged, {"secret"}).ok());
}

// An attacker who rewrites the checksum gets past it; what is inside is
// still checked. Whatever loads must answer every query without reading out
// of bounds (the sanitizer builds run this too).
TEST_CASE("edited snapshots with a fresh checksum are refused or stay in bounds", "[snapshot]") {
  std::mt19937 rng(13);
  int refused = 0, loaded = 0;
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    std::optional<Policy> policy = LoadRandom(seed);
    if (!policy) continue;
    const std::string bytes = SaveCompiledToString(*policy);
    for (int i = 0; i < 150; ++i) {
      std::string edited = bytes;
      for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) {
        const std::size_t at = kHeaderBytes + rng() % (edited.size() - kHeaderBytes);
        edited[at] = static_cast<char>(rng() % 4 == 0 ? 0xff : edited[at] ^ (1 << (rng() % 8)));
      }
      const Sha256Bytes sum = Xxh3Checksum(std::string_view(edited).substr(kHeaderBytes));
      std::copy(sum.begin(), sum.end(), edited.begin() + kHeaderBytes - 32);
      auto back = LoadCompiledFromString("p.clearance", edited);
      if (!back) {
        CHECK_THAT(back.error().message(), Catch::Contains("invalid snapshot"));
        ++refused;
        continue;
      }
      ++loaded;
      compile::testing::ForEveryQuery(internal::DataOf(*back).resolved, {Date::Min(), Date::Max()},
                                      [&](const Query& q) {
                                        (void)back->Decide(q);
                                        (void)back->Explain(q, TraceDetail::kAll);
                                      });
    }
  }
  CHECK(refused > 0);
  CHECK(loaded > 0);  // texts and marks are not checked, so some edits load
}

}  // namespace
}  // namespace clearance
