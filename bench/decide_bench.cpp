// Deciding and explaining, each beside its baselines in the same run:
// the decision graph, the direct interpreter, and the dense table (one load
// per query: the physical limit). Items are decisions.
#include <benchmark/benchmark.h>

#include "api/policy_access.hpp"
#include "eval/interpreter.hpp"
#include "fixture.hpp"
#include "workload.hpp"

namespace clearance::bench {
namespace {

Verdict FromGraph(const compile::DecisionGraph& graph, const Query& q) {
  return graph.Decide(q.values, q.date);
}

void BM_Decide_Graph(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(FromGraph(w.graph, w.queries[i++ & (kQueryCount - 1)]));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["graph_MiB"] = static_cast<double>(w.graph.memory_bytes()) / (1 << 20);
}

void BM_Decide_DenseTable(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = w.queries[i++ & (kQueryCount - 1)];
    benchmark::DoNotOptimize(w.graph.VerdictOf(w.dense->Find(q.values, q.date)));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["table_MiB"] = static_cast<double>(w.dense->memory_bytes()) / (1 << 20);
}

// The same on 1024 distinct queries, whose data stays in cache: the cost of
// the walk itself rather than of memory.
constexpr std::size_t kHot = 1024;

void BM_Decide_Graph_Hot(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(FromGraph(w.graph, w.queries[i++ & (kHot - 1)]));
  state.SetItemsProcessed(state.iterations());
}

void BM_Decide_DenseTable_Hot(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = w.queries[i++ & (kHot - 1)];
    benchmark::DoNotOptimize(w.graph.VerdictOf(w.dense->Find(q.values, q.date)));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Decide_Interpreter(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  const resolve::ResolvedPolicy& p = internal::DataOf(*w.policy).resolved;
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = w.queries[i++ & (kQueryCount - 1)];
    benchmark::DoNotOptimize(eval::CombineMatches(p, eval::MatchingRules(p, q)));
  }
  state.SetItemsProcessed(state.iterations());
}

// Through the public API (the graph once Policy::Decide is wired to it).
void BM_Decide_Policy(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.policy->Decide(w.queries[i++ & (kQueryCount - 1)]));
  state.SetItemsProcessed(state.iterations());
}

void BM_Explain_Graph(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  const resolve::ResolvedPolicy& p = internal::DataOf(*w.policy).resolved;
  std::size_t i = 0;
  for (auto _ : state) {
    const Query& q = w.queries[i++ & (kQueryCount - 1)];
    const compile::Terminal& t = w.graph.terminal(w.graph.Find(q.values, q.date));
    benchmark::DoNotOptimize(eval::BuildDecision(p, q, t.matching, t.outcome, TraceDetail::kMatching));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Explain_Interpreter(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.policy->Interpret(w.queries[i++ & (kQueryCount - 1)]));
  state.SetItemsProcessed(state.iterations());
}

void BM_Explain_Policy(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.policy->Explain(w.queries[i++ & (kQueryCount - 1)]));
  state.SetItemsProcessed(state.iterations());
}

// Pre-parsed queries, one thread, 4096 per call.
constexpr std::size_t kBatch = 4096;

void BM_Batch_Graph(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::vector<Verdict> out(kBatch);
  std::size_t start = 0;
  for (auto _ : state) {
    for (std::size_t k = 0; k < kBatch; ++k) out[k] = FromGraph(w.graph, w.queries[start + k]);
    benchmark::DoNotOptimize(out.data());
    start = (start + kBatch) & (kQueryCount - 1);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void BM_Batch_Policy(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::vector<Verdict> out(kBatch);
  std::size_t start = 0;
  for (auto _ : state) {
    w.policy->DecideBatch({w.queries.data() + start, kBatch}, out);
    benchmark::DoNotOptimize(out.data());
    start = (start + kBatch) & (kQueryCount - 1);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : RuleSizes()) b->Arg(n);
  b->ArgName("rules");
}

BENCHMARK(BM_Decide_Graph)->Apply(Sizes);
BENCHMARK(BM_Decide_DenseTable)->Apply(Sizes);
BENCHMARK(BM_Decide_Graph_Hot)->Apply(Sizes);
BENCHMARK(BM_Decide_DenseTable_Hot)->Apply(Sizes);
BENCHMARK(BM_Decide_Interpreter)->Apply(Sizes);
BENCHMARK(BM_Decide_Policy)->Apply(Sizes);
BENCHMARK(BM_Explain_Graph)->Apply(Sizes);
BENCHMARK(BM_Explain_Interpreter)->Apply(Sizes);
BENCHMARK(BM_Explain_Policy)->Apply(Sizes);
BENCHMARK(BM_Batch_Graph)->Apply(Sizes);
BENCHMARK(BM_Batch_Policy)->Apply(Sizes);

}  // namespace
}  // namespace clearance::bench
