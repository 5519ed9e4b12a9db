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
