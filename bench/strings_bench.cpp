// Strings in, verdict out: what a caller holding names pays (resolve the
// names without allocating, then decide), beside Decide on resolved queries
// (the baseline) and the C API's clearance_decide, in the same run.
#include <benchmark/benchmark.h>

#include <map>

#include "clearance/clearance.h"
#include "fixture.hpp"
#include "workload.hpp"

namespace clearance::bench {
namespace {

struct NamedQueries {
  std::vector<std::vector<NameValue>> names;            // per query, dimension order
  std::vector<std::vector<std::string_view>> positional;
  std::vector<std::vector<const char*>> dims, values;   // the same as C strings
  std::vector<std::string> dates;
};

const NamedQueries& Named(const Workload& w) {
  static std::map<const Workload*, NamedQueries> cache;
  NamedQueries& out = cache[&w];
  if (!out.names.empty()) return out;
  const auto& dims = w.policy->dimensions();
  for (std::size_t i = 0; i < 4096; ++i) {
    const Query& q = w.queries[i];
    auto& names = out.names.emplace_back();
    auto& c_dims = out.dims.emplace_back();
    auto& c_values = out.values.emplace_back();
    auto& positional = out.positional.emplace_back();
    for (std::size_t d = 0; d < dims.size(); ++d) {
      names.emplace_back(dims[d].name, dims[d].values[q.values[d]]);
      c_dims.push_back(dims[d].name.c_str());
      c_values.push_back(dims[d].values[q.values[d]].c_str());
      positional.push_back(dims[d].values[q.values[d]]);
    }
    out.dates.push_back(q.date.ToString());
  }
  return out;
}

void BM_Strings_Resolved(benchmark::State& state) {  // the baseline
  const Workload& w = GetWorkload(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.policy->Decide(w.queries[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}

void BM_Strings_ResolveAndDecide(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  const NamedQueries& named = Named(w);
  Query query;
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ & 4095;
    if (!w.policy->ResolveQuery(named.names[k], w.queries[k].date, query)) state.SkipWithError("unresolved");
    benchmark::DoNotOptimize(w.policy->Decide(query));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Strings_Positional(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  const NamedQueries& named = Named(w);
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ & 4095;
    benchmark::DoNotOptimize(w.policy->Decide(named.positional[k], w.queries[k].date));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Strings_CApi(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  const NamedQueries& named = Named(w);
  // The C API over the same policy: load it again from the same YAML.
  static std::map<const Workload*, clearance_policy*> policies;
  clearance_policy*& policy = policies[&w];
  if (!policy) {
    const std::string yaml = MakeWorkloadYaml({.rules = static_cast<std::size_t>(state.range(0))});
    char* err = nullptr;
    policy = clearance_load_string("bench.yaml", yaml.c_str(), &err);
    if (!policy) {
      state.SkipWithError(err);
      return;
    }
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ & 4095;
    benchmark::DoNotOptimize(clearance_decide(policy, named.dims[k].data(), named.values[k].data(),
                                              named.dims[k].size(), named.dates[k].c_str(), nullptr));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Strings_Resolved)->Arg(10)->Arg(10000);
BENCHMARK(BM_Strings_ResolveAndDecide)->Arg(10)->Arg(10000);
BENCHMARK(BM_Strings_Positional)->Arg(10)->Arg(10000);
BENCHMARK(BM_Strings_CApi)->Arg(10)->Arg(10000);

}  // namespace
}  // namespace clearance::bench
