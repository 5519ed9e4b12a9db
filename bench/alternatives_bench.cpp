// check --alternatives on the workload policy (1000 models × 249 countries ×
// 9 uses), beside its brute-force baseline in the same run: every value of
// every dimension substituted into the query and decided on the graph.
// Items are queries answered.
#include <benchmark/benchmark.h>

#include "analysis/alternatives.hpp"
#include "fixture.hpp"

namespace clearance::bench {
namespace {

void BM_Alternatives(benchmark::State& state) {
  const Workload& w = GetWorkload(static_cast<std::size_t>(state.range(0)));
  std::size_t i = 0;
  for (auto _ : state) {
    const analysis::Alternatives alt =
        analysis::FindAlternatives(*w.policy, w.queries[i++ & (kQueryCount - 1)]);
    benchmark::DoNotOptimize(alt.values.size());
  }
  state.SetItemsProcessed(state.iterations());
}

// Only part (a) of the answer, by deciding every single-value change.
void BM_Alternatives_BruteForceValues(benchmark::State& state) {
  const Workload& w = GetWorkload(static_cast<std::size_t>(state.range(0)));
  const auto& dims = w.policy->dimensions();
  std::size_t i = 0;
  for (auto _ : state) {
    Query q = w.queries[i++ & (kQueryCount - 1)];
    const Effect effect = w.policy->Decide(q).effect;
    std::size_t flips = 0;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      const std::uint32_t own = q.values[d];
      for (std::uint32_t v = 0; v < dims[d].values.size(); ++v) {
        q.values[d] = v;
        flips += w.policy->Decide(q).effect != effect;
      }
      q.values[d] = own;
    }
    benchmark::DoNotOptimize(flips);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Alternatives)->Arg(10)->Arg(10000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Alternatives_BruteForceValues)->Arg(10)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace clearance::bench
