// check --alternatives against brute force on random policies: every value
// of every dimension substituted and decided by the interpreter, every date
// bound tried, every set of dimensions enumerated.
#include "analysis/alternatives.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>

#include "analysis/diff_random_policies.hpp"
#include "support/fixtures.hpp"

namespace clearance {
namespace {

using testing_support::MustLoad;

Effect EffectOf(const Policy& p, const std::vector<std::uint32_t>& values, Date date) {
  return p.Interpret(Query{values, date, ""}).effect;
}

std::vector<std::uint32_t> DecisiveOf(const Policy& p, const std::vector<std::uint32_t>& values, Date date) {
  std::vector<std::uint32_t> out;
  for (const std::string& id : p.Interpret(Query{values, date, ""}).decisive) out.push_back(*p.FindRule(id));
  return out;
}

// The smallest number of dimensions whose change flips the effect (0: none).
std::size_t BruteSmallest(const Policy& p, const Query& q, Effect effect) {
  const auto& dims = p.dimensions();
  const std::size_t n = dims.size();
  std::size_t best = 0;
  for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
    const std::size_t size = static_cast<std::size_t>(__builtin_popcount(mask));
    if (best != 0 && size >= best) continue;
    std::vector<std::uint32_t> values = q.values;
    std::vector<std::size_t> free;
    for (std::size_t d = 0; d < n; ++d) {
      if ((mask >> d) & 1) free.push_back(d), values[d] = 0;
    }
    for (bool more = true; more;) {
      if (EffectOf(p, values, q.date) != effect) {
        best = size;
        break;
      }
      std::size_t k = 0;
      while (k < free.size() && ++values[free[k]] == dims[free[k]].values.size()) values[free[k++]] = 0;
      more = k < free.size();
    }
  }
  return best;
}

TEST_CASE("alternatives equal brute force on random policies", "[alternatives][property]") {
  int with_values = 0, with_dates = 0, with_combination = 0;
  std::mt19937 rng(7);
  for (std::uint32_t seed = 5001; seed <= 5200; ++seed) {
    diff_testing::PolicyPair gen(seed);
    const Policy p = MustLoad(gen.Yaml(gen.Random()));
    const auto& dims = p.dimensions();
    Query q{{}, *Date::Parse(gen.Date()), ""};
    for (const DimensionInfo& d : dims)
      q.values.push_back(static_cast<std::uint32_t>(rng() % d.values.size()));
    INFO("seed " << seed);
    const analysis::Alternatives alt = analysis::FindAlternatives(p, q);
    const Effect effect = EffectOf(p, q.values, q.date);
    CHECK(alt.effect == effect);
    // (a) every single-value change, grouped by the rules that would decide.
    std::map<std::pair<std::uint32_t, std::vector<std::uint32_t>>, std::vector<std::uint32_t>> want;
    for (std::uint32_t d = 0; d < dims.size(); ++d) {
      std::vector<std::uint32_t> values = q.values;
      for (std::uint32_t v = 0; v < dims[d].values.size(); ++v) {
        values[d] = v;
        if (EffectOf(p, values, q.date) != effect) want[{d, DecisiveOf(p, values, q.date)}].push_back(v);
      }
    }
    std::map<std::pair<std::uint32_t, std::vector<std::uint32_t>>, std::vector<std::uint32_t>> got;
    for (const analysis::ValueAlternative& a : alt.values) {
      CHECK(a.effect != effect);
      CHECK(got.emplace(std::pair{a.dimension, a.decisive}, a.values).second);
    }
    CHECK(got == want);
    with_values += !alt.values.empty();
    // (b) the nearest date bounds on which the effect changes.
    std::set<Date> cuts;
    for (const RuleInfo& r : p.rules()) {
      if (r.effective) cuts.insert(*r.effective);
      if (r.expires) cuts.insert(*r.expires);
    }
    std::optional<Date> next, previous;
    for (Date c : cuts) {
      if (c > q.date && !next && EffectOf(p, q.values, c) != effect) next = c;
    }
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
      if (*it > q.date) continue;
      if (EffectOf(p, q.values, Date::FromDays(it->days() - 1)) != effect) {
        previous = *it;
        break;
      }
    }
    CHECK(alt.next.has_value() == next.has_value());
    if (alt.next && next) {
      CHECK(alt.next->date == *next);
      CHECK(alt.next->after != effect);
      CHECK(alt.next->decisive == DecisiveOf(p, q.values, *next));
    }
    CHECK(alt.previous.has_value() == previous.has_value());
    if (alt.previous && previous) {
      CHECK(alt.previous->date == *previous);
      CHECK(alt.previous->before != effect);
    }
    with_dates += alt.next || alt.previous;
    // (c) the smallest set of dimensions, only when no single one flips it.
    if (!alt.values.empty()) {
      CHECK_FALSE(alt.combination);
      continue;
    }
    const std::size_t smallest = BruteSmallest(p, q, effect);
    CHECK(alt.combination.has_value() == (smallest != 0));
    if (!alt.combination) continue;
    ++with_combination;
    CHECK(alt.combination->dimensions.size() == smallest);
    CHECK(EffectOf(p, alt.combination->example, q.date) != effect);
    CHECK(alt.combination->decisive == DecisiveOf(p, alt.combination->example, q.date));
    for (std::uint32_t d = 0; d < dims.size(); ++d) {
      const bool free =
          std::count(alt.combination->dimensions.begin(), alt.combination->dimensions.end(), d) > 0;
      if (!free) CHECK(alt.combination->example[d] == q.values[d]);
    }
  }
  CHECK(with_values > 50);
  CHECK(with_dates > 20);
  CHECK(with_combination > 0);
}

}  // namespace
}  // namespace clearance
