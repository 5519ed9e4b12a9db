// THE property test: on random policies written as YAML (random_yaml.hpp)
// and loaded through the whole pipeline, the compiled decision graph
// agrees with the direct interpreter on effect, basis, decisive rules,
// outcomes, obligations and the full trace, for every query of small
// policies and for random queries of larger ones. Fixed seeds.
#include <catch2/catch.hpp>
#include <random>

#include "api/policy_access.hpp"
#include "clearance/policy.hpp"
#include "compile/decision_graph.hpp"
#include "eval/interpreter.hpp"
#include "graph_checks.hpp"
#include "random_yaml.hpp"

namespace clearance::compile {
namespace {

std::string Describe(const testing::YamlFiles& files) {
  std::string out;
  for (const auto& [name, text] : files.files) out += "--- " + name + "\n" + text;
  return out;
}

void CheckSameDecision(const Decision& got, const Decision& want) {
  REQUIRE(got.effect == want.effect);
  REQUIRE(got.basis == want.basis);
  REQUIRE(got.decisive == want.decisive);
  REQUIRE(got.outcomes == want.outcomes);
  REQUIRE(got.obligations == want.obligations);
  REQUIRE(got.trace.size() == want.trace.size());
  for (std::size_t i = 0; i < got.trace.size(); ++i) {
    const TraceEntry& g = got.trace[i];
    const TraceEntry& w = want.trace[i];
    REQUIRE(g.rule == w.rule);
    REQUIRE(g.status == w.status);
    REQUIRE(g.overridden_by == w.overridden_by);
    REQUIRE(g.detail == w.detail);
  }
}

// The graph's answer for q, as a full decision, against the interpreter;
// and Policy::Decide/Explain (which the library serves from the graph).
void CheckQuery(const Policy& policy, const DecisionGraph& graph, const Query& q) {
  const resolve::ResolvedPolicy& resolved = internal::DataOf(policy).resolved;
  const Terminal& t = graph.terminal(graph.Find(q.values, q.date));
  const Decision want = policy.Interpret(q, TraceDetail::kAll);
  CheckSameDecision(eval::BuildDecision(resolved, q, t.matching, t.outcome, TraceDetail::kAll), want);
  CheckSameDecision(policy.Explain(q, TraceDetail::kAll), want);
  const Verdict v = policy.Decide(q);
  REQUIRE(v.effect == want.effect);
  REQUIRE(v.basis == want.basis);
  std::vector<std::string> decisive;
  for (std::uint32_t r : v.decisive) decisive.push_back(resolved.rules[r].info.id);
  REQUIRE(decisive == want.decisive);
}

std::vector<Date> QueryDates(const testing::YamlFiles& files) {
  std::vector<Date> dates{Date::Min(), Date::Max(), *Date::Parse("2027-03-04")};
  for (const std::string& text : files.dates) {
    const Date d = *Date::Parse(text);
    dates.push_back(d);
    dates.push_back(Date::FromDays(d.days() - 1));
  }
  return dates;
}

TEST_CASE("the compiled graph decides and explains like the interpreter", "[compile][property]") {
  int loaded = 0, strict_rejected = 0;
  for (std::uint32_t seed = 1; seed <= 400; ++seed) {
    const testing::YamlFiles files = testing::RandomYaml(seed).Make();
    CAPTURE(seed);
    INFO(Describe(files));
    LoadOptions options;
    options.resolver = MakeMemoryResolver(files.files);
    const std::string& root_text =
        files.files[files.files.size() == 1 || files.files[0].first == "root.yaml" ? 0 : 1].second;
    auto policy = LoadPolicyFromString(files.root, root_text, options);
    if (!policy && files.strict && policy.error().diagnostics().at(0).code == "conflict") {
      ++strict_rejected;  // a strict policy with a conflict is invalid (§6.6)
      continue;
    }
    if (!policy) FAIL(policy.error().ToString());
    ++loaded;
    const resolve::ResolvedPolicy& resolved = internal::DataOf(*policy).resolved;
    auto graph = Compile(resolved);
    REQUIRE(graph.ok());
    testing::CheckCanonical(*graph);
    for (std::uint32_t t = 0; t < graph->terminal_count(); ++t) {
      const Witness w = graph->WitnessFor(t);
      REQUIRE(graph->Find(w.values, w.date) == t);
      if (resolved.combine == Combine::kStrict) REQUIRE_FALSE(graph->terminal(t).outcome.conflict);
    }
    // The same policy under the reverse of the default order.
    CompileOptions reversed;
    reversed.dim_order.assign(graph->dim_order().rbegin(), graph->dim_order().rend());
    auto other = Compile(resolved, reversed);
    REQUIRE(other.ok());
    testing::CheckCanonical(*other);
    testing::ForEveryQuery(resolved, QueryDates(files), [&](const Query& q) {
      CheckQuery(*policy, *graph, q);
      REQUIRE(other->terminal(other->Find(q.values, q.date)).matching ==
              graph->terminal(graph->Find(q.values, q.date)).matching);
    });
  }
  // The generator must produce mostly loadable policies to mean anything.
  CHECK(loaded > 300);
  CHECK(strict_rejected < 100);
}

}  // namespace
}  // namespace clearance::compile
