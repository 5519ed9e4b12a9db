// DatedSet against a direct model: a set per day, on every day around the
// cuts, for random compositions of the operations groups are built with.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "resolve/dated_set.hpp"

namespace clearance::resolve {
namespace {

constexpr std::size_t kValues = 5;
const std::vector<std::int32_t> kDays = {100, 200, 300, 400};

// The set on every probed day: each cut, the day before it, and far out.
using Model = std::map<std::int32_t, ValueSet>;

std::vector<std::int32_t> ProbeDays() {
  std::vector<std::int32_t> out = {Date::Min().days(), 0, 1000, Date::Max().days()};
  for (std::int32_t d : kDays) {
    out.push_back(d - 1);
    out.push_back(d);
  }
  return out;
}

class RandomSets {
 public:
  explicit RandomSets(std::uint32_t seed) : rng_(seed) {}

  std::pair<DatedSet, Model> Make(int depth) {
    if (depth == 0 || Int(0, 3) == 0) return Leaf();
    auto [a, ma] = Make(depth - 1);
    auto [b, mb] = Make(depth - 1);
    switch (Int(0, 3)) {
      case 0: a |= b; for (auto& [d, s] : ma) s |= mb[d]; break;
      case 1: a -= b; for (auto& [d, s] : ma) s -= mb[d]; break;
      case 2: a &= b; for (auto& [d, s] : ma) s &= mb[d]; break;
      default: a.flip(); for (auto& [d, s] : ma) s.flip(); break;
    }
    return {a, ma};
  }

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  std::pair<DatedSet, Model> Leaf() {
    ValueSet set(kValues);
    for (std::size_t v = 0; v < kValues; ++v) set[v] = Int(0, 1) == 1;
    std::optional<Date> from, to;
    const int first = Int(-1, 3);
    if (first >= 0 && Int(0, 1)) from = Date::FromDays(kDays[first]);
    if (first < 3 && Int(0, 1)) to = Date::FromDays(kDays[Int(first + 1, 3)]);
    DatedSet dated = from || to || Int(0, 1) ? DatedSet::Between(set, from, to) : DatedSet(set);
    Model model;
    for (std::int32_t day : ProbeDays()) {
      const bool in = (!from || from->days() <= day) && (!to || day < to->days());
      model[day] = in ? set : ValueSet(kValues);
    }
    return {dated, model};
  }

  std::mt19937 rng_;
};

TEST_CASE("DatedSet holds what a set per day holds, and its form is canonical", "[resolve][dated]") {
  for (std::uint32_t seed = 1; seed <= 2000; ++seed) {
    CAPTURE(seed);
    auto [set, model] = RandomSets(seed).Make(4);
    REQUIRE(set.pieces().size() == set.cuts().size() + 1);
    for (const auto& [day, want] : model) {
      CAPTURE(day);
      REQUIRE(set.On(Date::FromDays(day)) == want);
    }
    for (std::size_t i = 1; i < set.pieces().size(); ++i) {
      REQUIRE(set.cuts()[i - 1] > (i > 1 ? set.cuts()[i - 2] : Date::Min()));
      REQUIRE(set.pieces()[i] != set.pieces()[i - 1]);  // canonical: no equal neighbours
    }
    ValueSet some(kValues);
    for (const auto& [day, s] : model) some |= s;
    REQUIRE(set.OnSomeDate() == some);
  }
}

TEST_CASE("Equal functions of the date are equal DatedSets", "[resolve][dated]") {
  ValueSet kh(kValues);
  kh.set(1);
  const Date cut = Date::FromDays(200);
  DatedSet a = DatedSet::Between(kh, std::nullopt, cut);
  DatedSet b = DatedSet::Between(kh, std::nullopt, Date::FromDays(300));
  b -= DatedSet::Between(kh, cut, std::nullopt);
  CHECK(a == b);
  DatedSet always(kh);
  DatedSet split = DatedSet::Between(kh, std::nullopt, cut);
  split |= DatedSet::Between(kh, cut, std::nullopt);
  CHECK(split == always);
  CHECK(split.constant());
}

}  // namespace
}  // namespace clearance::resolve
