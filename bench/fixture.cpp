#include "fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "api/policy_access.hpp"
#include "workload.hpp"

namespace clearance::bench {

DenseTable::DenseTable(const compile::DecisionGraph& graph) : partition_(&graph.partition()) {
  const auto& dims = graph.partition().dims;
  strides_.assign(dims.size() + 1, 1);
  for (std::size_t d = dims.size(); d-- > 0;) {
    strides_[d] = strides_[d + 1] * dims[d].class_of.size();
  }
  table_.resize(strides_[0] * partition_->interval_count());
  std::vector<std::uint32_t> values(dims.size(), 0);
  for (std::size_t index = 0; index < table_.size(); ++index) {
    std::size_t rest = index % strides_[0];
    for (std::size_t d = 0; d < dims.size(); ++d) {
      values[d] = static_cast<std::uint32_t>(rest / strides_[d + 1]);
      rest %= strides_[d + 1];
    }
    const auto interval = static_cast<std::uint32_t>(index / strides_[0]);
    table_[index] = graph.Find(values, partition_->IntervalStart(interval));
  }
}

const Workload& GetWorkload(std::size_t rules) {
  static std::mutex mutex;
  static std::map<std::size_t, std::unique_ptr<Workload>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[rules];
  if (slot) return *slot;
  auto loaded =
      LoadPolicyFromString("bench.yaml", MakeWorkloadYaml({.rules = rules}), WorkloadLoadOptions(rules));
  if (!loaded) {
    std::fprintf(stderr, "workload does not load: %s\n", loaded.error().ToString().c_str());
    std::abort();
  }
  auto graph = compile::Compile(internal::DataOf(*loaded).resolved);
  if (!graph) {
    std::fprintf(stderr, "workload does not compile: %s\n", graph.error().ToString().c_str());
    std::abort();
  }
  slot = std::make_unique<Workload>();
  slot->policy = std::make_unique<Policy>(std::move(*loaded));
  slot->graph = std::move(*graph);
  slot->dense = std::make_unique<DenseTable>(slot->graph);
  slot->queries = MakeQueries(*slot->policy, kQueryCount, 7);
  return *slot;
}

}  // namespace clearance::bench
