// Loading and compiling against the number of rules, with the compiled
// size as counters, beside two baselines on the same text: yaml-cpp's event
// parser alone (the floor of any loader built on it) and yaml-cpp's
// YAML::Load (the node tree the loader built before it kept its own); and
// the diagram's size under each dimension order (the measurement behind
// CompileOptions' default order). Resident memory: load_memory.cpp.
#include <benchmark/benchmark.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "api/policy_access.hpp"
#include "clearance/snapshot.hpp"
#include "compile/decision_graph.hpp"
#include "workload.hpp"

namespace clearance::bench {
namespace {

void SetGraphCounters(benchmark::State& state, const compile::DecisionGraph& graph) {
  state.counters["graph_MiB"] = static_cast<double>(graph.memory_bytes()) / (1 << 20);
  state.counters["nodes"] = static_cast<double>(graph.node_count());
  state.counters["terminals"] = static_cast<double>(graph.terminal_count());
}

// The whole of LoadPolicyFromString: read, parse, resolve, compile, strict
// check (a Policy holds its graph). Items are rules. BM_Load is the same
// call without the counters.
void BM_LoadCompile(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string yaml = MakeWorkloadYaml({.rules = n});
  for (auto _ : state) {
    auto policy = LoadPolicyFromString("bench.yaml", yaml, WorkloadLoadOptions(n));
    const compile::DecisionGraph& graph = internal::DataOf(*policy).graph;
    benchmark::DoNotOptimize(graph.root());
    SetGraphCounters(state, graph);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
  state.counters["yaml_MiB"] = static_cast<double>(yaml.size()) / (1 << 20);
}

void BM_Load(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string yaml = MakeWorkloadYaml({.rules = n});
  for (auto _ : state) {
    auto policy = LoadPolicyFromString("bench.yaml", yaml, WorkloadLoadOptions(n));
    benchmark::DoNotOptimize(policy->name());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
}

// A compiled snapshot of the same policy read back (LoadCompiledFromString:
// header and checksum, every structure read and checked, name indexes
// rebuilt), beside BM_Load; the snapshot's size as a counter.
void BM_LoadCompiled(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto policy = LoadPolicyFromString("bench.yaml", MakeWorkloadYaml({.rules = n}), WorkloadLoadOptions(n));
  const std::string bytes = SaveCompiledToString(*policy);
  for (auto _ : state) {
    auto back = LoadCompiledFromString("bench.clearance", bytes);
    benchmark::DoNotOptimize(back->name());
    state.PauseTiming();  // ready is what counts, not freeing the last one
    back = Error();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
  state.counters["snapshot_MiB"] = static_cast<double>(bytes.size()) / (1 << 20);
}

void BM_SaveCompiled(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto policy = LoadPolicyFromString("bench.yaml", MakeWorkloadYaml({.rules = n}), WorkloadLoadOptions(n));
  for (auto _ : state) benchmark::DoNotOptimize(SaveCompiledToString(*policy).size());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
}

// Every event ignored: what yaml-cpp's scanner and parser cost by themselves.
class IgnoreEvents final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}
};

void BM_Baseline_YamlCppEvents(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string yaml = MakeWorkloadYaml({.rules = n});
  for (auto _ : state) {
    std::istringstream in(yaml);
    YAML::Parser parser(in);
    IgnoreEvents ignore;
    while (parser.HandleNextDocument(ignore)) {
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
}

void BM_Baseline_YamlCppLoad(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string yaml = MakeWorkloadYaml({.rules = n});
  for (auto _ : state) {
    YAML::Node root = YAML::Load(yaml);
    benchmark::DoNotOptimize(root.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
}

void BM_Compile(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto policy = LoadPolicyFromString("bench.yaml", MakeWorkloadYaml({.rules = n}), WorkloadLoadOptions(n));
  for (auto _ : state) {
    auto graph = compile::Compile(internal::DataOf(*policy).resolved);
    benchmark::DoNotOptimize(graph->root());
    SetGraphCounters(state, *graph);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n + 2));
}

// range(1) picks a permutation of (model, country, use) in lexicographic
// order: 0 = model country use (declaration), 5 = use country model.
void BM_CompileOrder(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto policy = LoadPolicyFromString("bench.yaml", MakeWorkloadYaml({.rules = n}), WorkloadLoadOptions(n));
  std::vector<std::uint32_t> order{0, 1, 2};
  for (std::int64_t k = 0; k < state.range(1); ++k) std::next_permutation(order.begin(), order.end());
  for (auto _ : state) {
    auto graph = compile::Compile(internal::DataOf(*policy).resolved, {.dim_order = order});
    benchmark::DoNotOptimize(graph->root());
    SetGraphCounters(state, *graph);
  }
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : RuleSizes()) b->Arg(n);
  b->ArgName("rules")->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_LoadCompile)->Apply(Sizes);
BENCHMARK(BM_Load)->Apply(Sizes);
BENCHMARK(BM_LoadCompiled)->Apply(Sizes);
BENCHMARK(BM_SaveCompiled)->Apply(Sizes);
BENCHMARK(BM_Baseline_YamlCppEvents)->Apply(Sizes);
BENCHMARK(BM_Baseline_YamlCppLoad)->Apply(Sizes);
BENCHMARK(BM_Compile)->Apply(Sizes);
BENCHMARK(BM_CompileOrder)
    ->ArgsProduct({{10000}, {0, 1, 2, 3, 4, 5}})
    ->ArgNames({"rules", "order"})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace clearance::bench
