#include "compile/partition.hpp"

#include <catch2/catch.hpp>

#include "test_policy.hpp"

namespace clearance::compile {
namespace {

using testing::Day;
using testing::TestPolicy;

TEST_CASE("values no test tells apart share a class", "[compile][partition]") {
  TestPolicy t;
  const auto country = t.Dim("country", {"US", "DE", "FR", "CN", "RU", "IR"});
  t.Rule("a", Effect::kDeny, t.In(country, {"CN", "RU", "IR"}));
  t.Rule("b", Effect::kDeny, testing::Not(t.In(country, {"RU"})));
  t.Rule("c", Effect::kAllow, t.In(country, {"DE", "FR"}));
  const Partition p = ComputePartition(t.policy);
  REQUIRE(p.dims.size() == 1);
  // {US}, {DE, FR}, {CN, IR}, {RU}, numbered by first value.
  CHECK(p.dims[0].class_of == std::vector<std::uint32_t>{0, 1, 1, 2, 3, 2});
  CHECK(p.dims[0].representative == std::vector<std::uint32_t>{0, 1, 3, 4});
}

TEST_CASE("an untested dimension is one class", "[compile][partition]") {
  TestPolicy t;
  t.Dim("use", {"a", "b", "c"});
  t.Rule("r", Effect::kAllow, testing::True());
  const Partition p = ComputePartition(t.policy);
  CHECK(p.dims[0].class_count() == 1);
  CHECK(p.dims[0].class_of == std::vector<std::uint32_t>{0, 0, 0});
}

TEST_CASE("a set covering a whole class does not split it", "[compile][partition]") {
  TestPolicy t;
  const auto m = t.Dim("model", {"a", "b", "c", "d"});
  t.Rule("r1", Effect::kAllow, t.In(m, {"a", "b"}));
  t.Rule("r2", Effect::kAllow, t.In(m, {"a", "b", "c"}));
  t.Rule("r3", Effect::kAllow, t.In(m, {"a", "b"}));
  const Partition p = ComputePartition(t.policy);
  CHECK(p.dims[0].class_of == std::vector<std::uint32_t>{0, 0, 1, 2});
  CHECK(ClassesIn(p.dims[0], t.Set(m, {"a", "b", "c"})) == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("time is cut at every effective and expires date", "[compile][partition]") {
  TestPolicy t;
  const auto m = t.Dim("model", {"a", "b"});
  t.Rule("r1", Effect::kAllow, t.In(m, {"a"}), {}, Day("2026-12-01"), Day("2028-01-01"));
  t.Rule("r2", Effect::kAllow, t.In(m, {"a"}), {}, std::nullopt, Day("2026-12-01"));
  t.Rule("r3", Effect::kAllow, t.In(m, {"b"}), {}, Day("2025-01-01"));
  const Partition p = ComputePartition(t.policy);
  REQUIRE(p.cuts == std::vector<Date>{Day("2025-01-01"), Day("2026-12-01"), Day("2028-01-01")});
  CHECK(p.interval_count() == 4);
  CHECK(p.IntervalOf(Day("2024-12-31")) == 0);
  CHECK(p.IntervalOf(Day("2025-01-01")) == 1);
  CHECK(p.IntervalOf(Day("2026-11-30")) == 1);
  CHECK(p.IntervalOf(Day("2026-12-01")) == 2);
  CHECK(p.IntervalOf(Day("2028-01-01")) == 3);
  CHECK(p.IntervalOf(Date::Max()) == 3);
  for (std::uint32_t i = 0; i < p.interval_count(); ++i) CHECK(p.IntervalOf(p.IntervalStart(i)) == i);
}

TEST_CASE("a cut on the first representable day keeps interval 0 reachable", "[compile][partition]") {
  TestPolicy t;
  t.Dim("model", {"a"});
  t.Rule("r", Effect::kAllow, testing::True(), {}, Date::Min());
  const Partition p = ComputePartition(t.policy);
  CHECK(p.IntervalOf(p.IntervalStart(0)) == 0);
  CHECK(p.IntervalOf(p.IntervalStart(1)) == 1);
}

}  // namespace
}  // namespace clearance::compile
