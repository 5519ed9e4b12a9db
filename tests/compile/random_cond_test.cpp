// The compiler against direct evaluation on random resolved policies built
// in memory (random condition trees, dates, overrides, combine modes), on
// every query of each. Complements the YAML-level property test, which goes
// through the loader and the interpreter.
#include <catch2/catch.hpp>
#include <random>

#include "compile/decision_graph.hpp"
#include "graph_checks.hpp"
#include "test_policy.hpp"

namespace clearance::compile {
namespace {

using Kind = resolve::Cond::Kind;

// prefix + number, without "literal" + std::string (GCC 12 -Wrestrict false positive).
std::string Name(char prefix, std::size_t i) {
  std::string out(1, prefix);
  return out += std::to_string(i);
}

class RandomPolicy {
 public:
  explicit RandomPolicy(std::uint32_t seed) : rng_(seed) {}

  resolve::ResolvedPolicy Make() {
    testing::TestPolicy t;
    const int dims = Pick(1, 4);
    for (int d = 0; d < dims; ++d) {
      std::vector<std::string> values;
      for (int v = Pick(1, 6); v > 0; --v) values.push_back(Name('v', values.size()));
      t.Dim(Name('d', static_cast<std::size_t>(d)), values);
    }
    t.policy.combine = static_cast<Combine>(Pick(0, 2));
    t.policy.default_effect = Pick(0, 1) ? Effect::kAllow : Effect::kDeny;
    const int rules = Pick(0, 12);
    for (int r = 0; r < rules; ++r) {
      std::vector<std::uint32_t> overrides;
      for (int o = 0; o < r; ++o) {
        if (Pick(0, 5) == 0) overrides.push_back(static_cast<std::uint32_t>(o));
      }
      std::optional<Date> effective, expires;
      if (Pick(0, 3) == 0) effective = Date::FromDays(Pick(0, 4) * 100);
      if (Pick(0, 3) == 0) expires = Date::FromDays((effective ? effective->days() : 0) + Pick(1, 4) * 100);
      t.Rule(Name('r', static_cast<std::size_t>(r)), Pick(0, 1) ? Effect::kAllow : Effect::kDeny,
             Cond(t.policy, 3), overrides, effective, expires);
    }
    return std::move(t.policy);
  }

 private:
  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  resolve::Cond Cond(const resolve::ResolvedPolicy& p, int depth) {
    resolve::Cond c;
    const int kind = depth == 0 ? Pick(0, 3) : Pick(0, 9);
    if (kind == 0) {
      c.kind = Pick(0, 4) ? Kind::kTest : (Pick(0, 1) ? Kind::kTrue : Kind::kFalse);
    } else if (kind <= 3) {
      c.kind = Kind::kTest;
    } else if (kind <= 4) {
      c.kind = Kind::kNot;
      c.children.push_back(Cond(p, depth - 1));
    } else {
      c.kind = kind <= 7 ? Kind::kAnd : Kind::kOr;
      for (int i = Pick(2, 3); i > 0; --i) c.children.push_back(Cond(p, depth - 1));
    }
    if (c.kind == Kind::kTest) {
      c.dim = static_cast<std::uint32_t>(Pick(0, static_cast<int>(p.dims.size()) - 1));
      resolve::ValueSet set(p.dims[c.dim].size());
      for (std::size_t v = 0; v < set.size(); ++v) set[v] = Pick(0, 2) == 0;
      c.set = resolve::DatedSet(std::move(set));
    }
    return c;
  }

  std::mt19937 rng_;
};

TEST_CASE("random policies compile to canonical graphs that agree with the rules", "[compile][random]") {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    const resolve::ResolvedPolicy policy = RandomPolicy(seed).Make();
    auto graph = Compile(policy);
    REQUIRE(graph.ok());
    testing::CheckCanonical(*graph);
    testing::CheckAgainstRules(policy, *graph);
    for (std::uint32_t t = 0; t < graph->terminal_count(); ++t) {
      const Witness w = graph->WitnessFor(t);
      REQUIRE(graph->Find(w.values, w.date) == t);
    }
  }
}

TEST_CASE("reversing the dimension order gives the same answers", "[compile][random]") {
  for (std::uint32_t seed = 1000; seed < 1100; ++seed) {
    CAPTURE(seed);
    const resolve::ResolvedPolicy policy = RandomPolicy(seed).Make();
    CompileOptions options;
    for (std::uint32_t d = static_cast<std::uint32_t>(policy.dims.size()); d-- > 0;)
      options.dim_order.push_back(d);
    auto graph = Compile(policy, options);
    REQUIRE(graph.ok());
    testing::CheckCanonical(*graph);
    testing::CheckAgainstRules(policy, *graph);
  }
}

}  // namespace
}  // namespace clearance::compile
