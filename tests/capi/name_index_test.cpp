// The C fast path's name tables: every declared name maps to its position,
// nothing else maps at all, at any table load.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "capi/name_index.hpp"
#include "support/fixtures.hpp"

using clearance::capi::NameIndex;
using clearance::capi::NameTable;

TEST_CASE("a name table finds exactly the names it was built from", "[capi]") {
  const std::size_t count = GENERATE(0, 1, 3, 4, 5, 200, 1000);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i) names.push_back("n" + std::to_string(i * 7919 % 100003));
  const NameTable table(names);
  for (std::uint32_t i = 0; i < names.size(); ++i) {
    auto found = table.Find(names[i]);
    REQUIRE(found);
    CHECK(*found == i);
  }
  CHECK_FALSE(table.Find(""));
  CHECK_FALSE(table.Find("n"));
  CHECK_FALSE(table.Find("n00"));
  CHECK_FALSE(table.Find("zz-not-a-name"));
  if (!names.empty()) CHECK_FALSE(table.Find(names.front() + "x"));
}

TEST_CASE("a name index resolves a policy's dimensions and values", "[capi]") {
  const clearance::Policy policy = clearance::testing_support::MustLoad(R"(clearance: 1
policy: names
dimensions:
  model: { values: [m1, m2], groups: { big: [m1] } }
  country: { values: [US, DE] }
rules: []
)");
  const NameIndex index(policy);
  CHECK(index.Dimension("model") == 0u);
  CHECK(index.Dimension("country") == 1u);
  CHECK_FALSE(index.Dimension("use"));
  CHECK(index.Value(0, "m2") == 1u);
  CHECK(index.Value(1, "US") == 0u);
  CHECK_FALSE(index.Value(0, "big"));  // a group is not a value
  CHECK_FALSE(index.Value(1, "m1"));   // values belong to their dimension
}
