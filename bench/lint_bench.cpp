// Lint against the number of rules (issue 5 target: the 10 000-rule
// workload in at most 2 s), and beside it the baseline lint would be without
// the decision graph: enumerating every query on every date interval, on a
// workload cut to 20 models so that enumeration finishes.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "analysis/lint.hpp"
#include "api/policy_access.hpp"
#include "clearance/lint.hpp"
#include "eval/domain.hpp"
#include "eval/interpreter.hpp"
#include "fixture.hpp"
#include "workload.hpp"

namespace clearance::bench {
namespace {

const Date kAsOf = *Date::Parse("2026-07-30");

// What `clearance lint` does: load, compile, analyse. Items are rules.
void BM_LintFromYaml(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string yaml = MakeWorkloadYaml({.rules = n});
  std::size_t found = 0;
  for (auto _ : state) {
    auto diagnostics = LintPolicyString("bench.yaml", yaml, {.as_of = kAsOf});
    found = diagnostics->size();
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
  state.counters["diagnostics"] = static_cast<double>(found);
}

// Lint(policy): compile and analyse a loaded policy.
void BM_Lint(benchmark::State& state) {
  const Workload& w = GetWorkload(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(Lint(*w.policy, {.as_of = kAsOf}).size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.policy->rules().size()));
}

// The analysis alone, on an already compiled graph.
void BM_LintOnGraph(benchmark::State& state) {
  const Workload& w = GetWorkload(static_cast<std::size_t>(state.range(0)));
  const internal::PolicyData& data = internal::DataOf(*w.policy);
  for (auto _ : state) {
    benchmark::DoNotOptimize(analysis::LintResolved(data.resolved, w.graph, data.sources, kAsOf).size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.policy->rules().size()));
  state.counters["terminals"] = static_cast<double>(w.graph.terminal_count());
}

Policy SmallWorkload(std::size_t rules) {
  return std::move(*LoadPolicyFromString("small.yaml", MakeWorkloadYaml({.rules = rules, .models = 20})));
}

// The graph lint on the cut workload, for comparison with the baseline.
void BM_LintSmall(benchmark::State& state) {
  const Policy policy = SmallWorkload(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(Lint(policy, {.as_of = kAsOf}).size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(policy.rules().size()));
}

// Baseline: the rule findings by enumeration (matching rules, decisive
// rules and the effect without each matching rule, query by query).
void BM_LintSmallByEnumeration(benchmark::State& state) {
  const Policy policy = SmallWorkload(static_cast<std::size_t>(state.range(0)));
  const resolve::ResolvedPolicy& p = internal::DataOf(policy).resolved;
  const auto intervals = eval::DateIntervals(p, kAsOf);
  for (auto _ : state) {
    std::vector<char> decisive(p.rules.size()), changes(p.rules.size());
    eval::ForEachQuery(p, intervals, [&](const Query& q) {
      const std::vector<std::uint32_t> matching = eval::MatchingRules(p, q);
      const eval::Outcome outcome = eval::CombineMatches(p, matching);
      for (std::uint32_t r : outcome.decisive) decisive[r] = 1;
      for (std::uint32_t r : matching) {
        std::vector<std::uint32_t> rest;
        std::copy_if(matching.begin(), matching.end(), std::back_inserter(rest), [&](auto x) { return x != r; });
        if (eval::CombineMatches(p, rest).effect != outcome.effect) changes[r] = 1;
      }
      return true;
    });
    benchmark::DoNotOptimize(decisive.data());
    benchmark::DoNotOptimize(changes.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(policy.rules().size()));
  state.counters["queries"] = static_cast<double>(eval::DomainSize(p, intervals.size()));
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : {10, 100, 1000, 10000}) b->Arg(n);
  b->ArgName("rules")->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_LintFromYaml)->Apply(Sizes);
BENCHMARK(BM_Lint)->Apply(Sizes);
BENCHMARK(BM_LintOnGraph)->Apply(Sizes);
BENCHMARK(BM_LintSmall)->Arg(10)->Arg(100)->ArgName("rules")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LintSmallByEnumeration)->Arg(10)->Arg(100)->ArgName("rules")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace clearance::bench
