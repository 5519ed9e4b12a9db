#include "compile/decision_graph.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "graph_checks.hpp"
#include "test_policy.hpp"

namespace clearance::compile {
namespace {

using testing::And;
using testing::Day;
using testing::Not;
using testing::Or;
using testing::TestPolicy;

// The frontier example of docs/language.md §8, with a dated carve-out.
TestPolicy Frontier(Combine combine = Combine::kDenyOverrides) {
  TestPolicy t;
  const auto model = t.Dim("model", {"fable-5", "mythos-5", "open-7b"});
  const auto country = t.Dim("country", {"US", "DE", "FR", "CN", "RU"});
  const auto use = t.Dim("use", {"defensive-cyber", "offensive-cyber", "research", "commercial"});
  t.Group(model, "frontier", {"fable-5", "mythos-5"});
  t.Group(country, "allies", {"DE", "FR"});
  t.policy.combine = combine;
  const auto ban = t.Rule("frontier-foreign-ban", Effect::kDeny,
                          And({t.In(model, {"fable-5", "mythos-5"}), Not(t.In(country, {"US"}))}));
  t.Rule("allied-defensive-carve-out", Effect::kAllow,
         And({t.In(model, {"fable-5", "mythos-5"}), t.In(country, {"DE", "FR"}),
              t.In(use, {"defensive-cyber"})}),
         {ban}, Day("2026-12-01"), Day("2028-01-01"));
  t.Rule("embargo", Effect::kDeny, t.In(country, {"RU"}));
  t.Rule("open-research", Effect::kAllow, And({t.In(model, {"open-7b"}), t.In(use, {"research"})}));
  return t;
}

DecisionGraph MustCompile(const resolve::ResolvedPolicy& p, CompileOptions options = {}) {
  auto graph = Compile(p, options);
  REQUIRE(graph.ok());
  return std::move(graph).value();
}

TEST_CASE("the compiled graph agrees with the rules on every query", "[compile][graph]") {
  const TestPolicy t = Frontier();
  const DecisionGraph g = MustCompile(t.policy);
  testing::CheckCanonical(g);
  testing::CheckAgainstRules(t.policy, g);
}

TEST_CASE("the carve-out decides inside its dates only", "[compile][graph]") {
  const TestPolicy t = Frontier();
  const DecisionGraph g = MustCompile(t.policy);
  const std::vector<std::uint32_t> de_defensive{0, 1, 0};  // fable-5, DE, defensive-cyber
  const Terminal& before = g.terminal(g.Find(de_defensive, Day("2026-11-30")));
  const Terminal& during = g.terminal(g.Find(de_defensive, Day("2026-12-01")));
  const Terminal& after = g.terminal(g.Find(de_defensive, Day("2028-01-01")));
  CHECK(before.outcome.effect == Effect::kDeny);
  CHECK(during.outcome.effect == Effect::kAllow);
  CHECK(during.outcome.decisive == std::vector<std::uint32_t>{1});
  CHECK(during.outcome.overridden == std::vector<std::uint32_t>{0});
  CHECK(after.matching == before.matching);
  CHECK(&after == &before);
}

TEST_CASE("a condition that always holds leaves no node", "[compile][graph]") {
  TestPolicy t;
  const auto m = t.Dim("model", {"a", "b", "c"});
  t.Rule("tautology", Effect::kAllow, Or({t.In(m, {"a"}), Not(t.In(m, {"a"}))}));
  t.Rule("never", Effect::kDeny, And({t.In(m, {"a"}), t.In(m, {"b"})}));
  const DecisionGraph g = MustCompile(t.policy);
  CHECK(g.node_count() == 0);
  REQUIRE(DecisionGraph::IsTerminal(g.root()));
  CHECK(g.terminal_count() == 1);
  CHECK(g.terminal(0).matching == std::vector<std::uint32_t>{0});
  CHECK(g.Find(std::vector<std::uint32_t>{2}, Day("2030-01-01")) == 0);
}

TEST_CASE("no rules: one terminal with the default effect", "[compile][graph]") {
  TestPolicy t;
  t.Dim("model", {"a"});
  t.policy.default_effect = Effect::kAllow;
  const DecisionGraph g = MustCompile(t.policy);
  REQUIRE(g.terminal_count() == 1);
  CHECK(g.terminal(0).outcome.effect == Effect::kAllow);
  CHECK(g.terminal(0).outcome.basis == Basis::kDefault);
}

TEST_CASE("equal subdiagrams are one node", "[compile][graph]") {
  TestPolicy t;
  const auto model = t.Dim("model", {"a", "b", "c"});
  const auto use = t.Dim("use", {"u", "v"});
  const auto country = t.Dim("country", {"x", "y"});
  t.Rule("r1", Effect::kAllow, And({t.In(model, {"a", "b"}), t.In(country, {"x"})}));
  t.Rule("r2", Effect::kDeny, And({t.In(model, {"a"}), t.In(use, {"u"})}));
  const DecisionGraph g = MustCompile(t.policy, {.dim_order = {model, use, country}});
  testing::CheckCanonical(g);
  // model (a|b|c) -> a: use node; b: "country == x" node, which is also the
  // use node's child for v.
  CHECK(g.node_count() == 4);
  const auto root = g.children(g.root());
  const std::uint32_t use_node = root[0];
  REQUIRE(g.level_dim(g.level_of(use_node)) == use);
  CHECK(g.children(use_node)[1] == root[1]);
  CHECK(DecisionGraph::IsTerminal(root[2]));
}

TEST_CASE("every terminal's witness reaches it", "[compile][graph]") {
  const TestPolicy t = Frontier();
  const DecisionGraph g = MustCompile(t.policy);
  REQUIRE(g.terminal_count() > 3);
  for (std::uint32_t term = 0; term < g.terminal_count(); ++term) {
    const Witness w = g.WitnessFor(term);
    CHECK(g.Find(w.values, w.date) == term);
  }
}

TEST_CASE("every dimension order gives the same answers", "[compile][graph]") {
  const TestPolicy t = Frontier();
  std::vector<std::uint32_t> order{0, 1, 2};
  do {
    CAPTURE(order);
    const DecisionGraph g = MustCompile(t.policy, {.dim_order = order});
    CHECK(g.dim_order() == order);
    testing::CheckCanonical(g);
    testing::CheckAgainstRules(t.policy, g);
  } while (std::next_permutation(order.begin(), order.end()));
}

TEST_CASE("the default order puts dimensions with more classes first", "[compile][graph]") {
  const TestPolicy t = Frontier();
  const DecisionGraph g = MustCompile(t.policy);
  // model: {fable-5, mythos-5}, {open-7b}; country: US, allies, CN, RU;
  // use: defensive, research, the rest.
  CHECK(g.dim_order() == std::vector<std::uint32_t>{1, 2, 0});
  CHECK(g.level_count() == 4);
  CHECK(g.level_dim(0) == DecisionGraph::kTimeDim);
  CHECK(g.level_size(0) == 3);
}

TEST_CASE("terminals carry the combined outcome", "[compile][graph]") {
  const auto combine = GENERATE(Combine::kDenyOverrides, Combine::kAllowOverrides, Combine::kStrict);
  TestPolicy t = Frontier(combine);
  const auto use = 2u;
  t.Rule("research-ok", Effect::kAllow, t.In(use, {"research"}));
  const DecisionGraph g = MustCompile(t.policy);
  // fable-5 in CN for research: the ban and the research allowance disagree.
  const Terminal& term = g.terminal(g.Find(std::vector<std::uint32_t>{0, 3, 2}, Day("2027-01-01")));
  CHECK(term.outcome.conflict == (combine == Combine::kStrict));
  CHECK(term.outcome.effect == (combine == Combine::kAllowOverrides ? Effect::kAllow : Effect::kDeny));
  CHECK(term.outcome.outvoted.size() == 1);
}

TEST_CASE("a bad dimension order or a small budget is an error", "[compile][graph]") {
  const TestPolicy t = Frontier();
  CHECK_FALSE(Compile(t.policy, {.dim_order = {0, 0, 1}}).ok());
  CHECK_FALSE(Compile(t.policy, {.dim_order = {0, 1}}).ok());
  const auto small = Compile(t.policy, {.max_bytes = 64});
  REQUIRE_FALSE(small.ok());
  CHECK(small.error().diagnostics().at(0).code == "limit");
}

TEST_CASE("a graph answers from several threads at once", "[compile][graph]") {
  const TestPolicy t = Frontier();
  const DecisionGraph g = MustCompile(t.policy);
  std::vector<std::uint32_t> expected;
  testing::ForEveryQuery(t.policy, testing::ProbeDates(g),
                         [&](const Query& q) { expected.push_back(g.Find(q.values, q.date)); });
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      std::size_t i = 0;
      testing::ForEveryQuery(t.policy, testing::ProbeDates(g), [&](const Query& q) {
        mismatches[k] += g.Find(q.values, q.date) != expected[i++];
      });
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("memory is accounted", "[compile][graph]") {
  const TestPolicy t = Frontier();
  const DecisionGraph g = MustCompile(t.policy);
  CHECK(g.memory_bytes() > g.node_count() * sizeof(std::uint32_t));
}

}  // namespace
}  // namespace clearance::compile
