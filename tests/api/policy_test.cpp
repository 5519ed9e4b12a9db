// Name lookup on a Policy: every declared name maps to its position, nothing
// else maps at all; ResolveQuery agrees with MakeQuery.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/fixtures.hpp"

namespace clearance {
namespace {

const char* const kNames = R"(clearance: 1
policy: names
dimensions:
  model: { values: [m1, m2], groups: { big: [m1] } }
  country: { values: [US, DE] }
rules: []
)";

TEST_CASE("a policy finds its dimensions and values by name", "[api]") {
  const Policy policy = testing_support::MustLoad(kNames);
  CHECK(policy.FindDimension("model") == 0u);
  CHECK(policy.FindDimension("country") == 1u);
  CHECK_FALSE(policy.FindDimension("use"));
  CHECK_FALSE(policy.FindDimension(""));
  CHECK(policy.FindValue(0, "m2") == 1u);
  CHECK(policy.FindValue(1, "US") == 0u);
  CHECK_FALSE(policy.FindValue(0, "big"));  // a group is not a value
  CHECK_FALSE(policy.FindValue(1, "m1"));   // values belong to their dimension
  CHECK_FALSE(policy.FindValue(2, "m1"));   // no such dimension: not found, no throw
}

TEST_CASE("ResolveQuery resolves what MakeQuery resolves and fails where it fails", "[api]") {
  const Policy policy = testing_support::MustLoad(kNames);
  const Date day = Date::FromDays(20000);
  using Names = std::vector<NameValue>;
  const std::vector<Names> cases = {
      {{"model", "m2"}, {"country", "DE"}},
      {{"country", "US"}, {"model", "m1"}},
      {{"model", "m1"}},                     // country has no default
      {{"model", "big"}, {"country", "US"}},  // a group
      {{"model", "m1"}, {"model", "m2"}},     // twice
      {{"use", "x"}},                        // unknown dimension
  };
  Query reused;
  for (const Names& names : cases) {
    Assignments assignments;
    for (const auto& [d, v] : names) assignments.emplace_back(d, v);
    const Result<Query> made = policy.MakeQuery(assignments, day);
    REQUIRE(policy.ResolveQuery(names, day, reused) == made.ok());
    if (made) {
      CHECK(reused.values == made->values);
      CHECK(reused.date == made->date);
    } else {
      CHECK(made.error().diagnostics().front().code == "query");
    }
  }
}

}  // namespace
}  // namespace clearance

TEST_CASE("Decide from value names in dimension order agrees with MakeQuery and Decide", "[api]") {
  const std::string yaml = R"(clearance: 1
policy: names
dimensions:
  model:
    values: [m1, m2, a-rather-long-model-name-beyond-sixteen-bytes]
  country:
    values: [US, DE, FR]
    default: US
  use:
    values: [research, ops]
rules:
  - id: r1
    effect: allow
    when: "model != m2 and country in [US, DE]"
  - id: r2
    effect: deny
    when: "use == ops"
    effective: 2026-06-01
)";
  const clearance::Result<clearance::Policy> policy = clearance::LoadPolicyFromString("names.yaml", yaml);
  REQUIRE(policy);
  const clearance::Date date = *clearance::Date::Parse("2026-07-01");
  for (const auto& model : policy->dimensions()[0].values) {
    for (const std::string country : {"US", "DE", "FR", ""}) {
      for (const std::string use : {"research", "ops"}) {
        const std::vector<std::string_view> values = {model, country, use};
        clearance::Assignments names = {{"model", model}, {"use", use}};
        if (!country.empty()) names.emplace_back("country", country);
        const auto expected = policy->Decide(*policy->MakeQuery(names, date));
        const auto got = policy->Decide(values, date);
        REQUIRE(got);
        CHECK(got->effect == expected.effect);
        CHECK(std::vector(got->decisive.begin(), got->decisive.end()) ==
              std::vector(expected.decisive.begin(), expected.decisive.end()));
      }
    }
  }
  const std::vector<std::string_view> unknown = {"m3", "US", "ops"}, no_default = {"m1", "US", ""},
                                      too_few = {"m1", "US"};
  CHECK_FALSE(policy->Decide(unknown, date));
  CHECK_FALSE(policy->Decide(no_default, date));
  CHECK_FALSE(policy->Decide(too_few, date));
}
