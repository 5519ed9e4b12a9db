#include "report/dot.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "api/policy_access.hpp"
#include "clearance/policy.hpp"
#include "compile/test_policy.hpp"
#include "support/run_cli.hpp"

namespace clearance::report {
namespace {

// The frontier example of docs/language.md §4-3, with an embargo and nested groups.
constexpr const char* kPolicy = R"(clearance: 1
policy: dot-example
dimensions:
  model:
    values: [fable-5, mythos-5, open-7b]
    groups:
      frontier: [fable-5, mythos-5]
  country:
    values: [US, DE, FR, GB, CN, RU, "IR"]
    groups:
      allies: [DE, FR]
      five-eyes-ish: [allies, GB, US]
      embargoed: [RU, "IR"]
      non-us: { include: [any], exclude: [US] }
  use:
    values: [defensive-cyber, offensive-cyber, research]
rules:
  - id: frontier-foreign-ban
    effect: deny
    when: model in frontier and country != US
  - id: allied-defensive-carve-out
    effect: allow
    when: { model: frontier, country: allies, use: defensive-cyber }
    overrides: [frontier-foreign-ban]
    effective: 2026-12-01
    expires: 2028-01-01
  - id: embargo
    effect: deny
    when: country in embargoed
  - id: open-research
    effect: allow
    when: model == open-7b and use == research
    overrides: [embargo]
)";

// Compares with tests/report/testdata/<name>, through the shared golden check.
void CheckGolden(const std::string& name, const std::string& actual) {
  testing_support::CheckGoldenFile(std::string(CLEARANCE_SOURCE_DIR) + "/tests/report/testdata/" + name, actual);
}

const resolve::ResolvedPolicy& Example() {
  static const Policy policy = [] {
    auto loaded = LoadPolicyFromString("dot-example.yaml", kPolicy);
    if (!loaded) FAIL(loaded.error().ToString());
    return *loaded;
  }();
  return internal::DataOf(policy).resolved;
}

TEST_CASE("decision graph DOT matches its golden file", "[compile][dot]") {
  auto graph = compile::Compile(Example());
  REQUIRE(graph.ok());
  CheckGolden("decisions.dot", DecisionsToDot(*graph, Example()));
}

TEST_CASE("group hierarchy DOT matches its golden file", "[compile][dot]") {
  CheckGolden("groups.dot", GroupsToDot(Example()));
}

TEST_CASE("override relation DOT matches its golden file", "[compile][dot]") {
  CheckGolden("overrides.dot", OverridesToDot(Example()));
}

TEST_CASE("DOT output is deterministic", "[compile][dot]") {
  auto a = compile::Compile(Example());
  auto b = compile::Compile(Example());
  REQUIRE((a.ok() && b.ok()));
  CHECK(DecisionsToDot(*a, Example()) == DecisionsToDot(*b, Example()));
}

TEST_CASE("value sets are described by groups where they can be", "[compile][dot]") {
  compile::testing::TestPolicy t;
  const auto c = t.Dim("country", {"US", "DE", "FR", "GB", "CN", "RU"});
  t.Group(c, "allies", {"DE", "FR"});
  t.Group(c, "west", {"US", "DE", "FR", "GB"});
  const resolve::Dimension& dim = t.policy.dims[c];
  using Row = std::pair<std::vector<std::string>, std::string>;
  const Row row =
      GENERATE(Row{{"DE", "FR"}, "allies"}, Row{{"US", "DE", "FR", "GB", "CN", "RU"}, "any"},
               Row{{"DE", "FR", "CN"}, "allies, CN"}, Row{{"US", "DE", "FR", "GB", "CN"}, "any except RU"},
               Row{{"US", "DE", "FR", "GB"}, "west"}, Row{{"CN", "RU"}, "any except west"}, Row{{"DE"}, "DE"},
               Row{{}, "none"});
  resolve::ValueSet set(dim.size());
  for (const std::string& v : row.first) set.set(dim.value_index.at(v));
  CHECK(DescribeValueSet(dim, set) == row.second);
}

TEST_CASE("long value lists are cut short", "[compile][dot]") {
  compile::testing::TestPolicy t;
  std::vector<std::string> values;
  for (int i = 0; i < 20; ++i) {
    std::string name = "v";  // not "v" + ...: GCC 12 -Wrestrict false positive
    values.push_back(name += std::to_string(i));
  }
  const auto d = t.Dim("d", values);
  const resolve::ValueSet set = t.Set(d, {"v0", "v1", "v2", "v3", "v4"});
  CHECK(DescribeValueSet(t.policy.dims[d], set, 3) == "v0, v1, v2, +2 more");
}

}  // namespace
}  // namespace clearance::report
