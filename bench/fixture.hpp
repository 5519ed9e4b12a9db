// Loaded workloads shared by the benchmarks, built once per size: the
// policy, its decision graph, pre-parsed queries and the dense-table
// baseline.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "clearance/policy.hpp"
#include "compile/decision_graph.hpp"

namespace clearance::bench {

// The physical limit of deciding: every (interval, values) answer stored in
// one array, found with one load after the same date lookup as the graph.
class DenseTable {
 public:
  explicit DenseTable(const compile::DecisionGraph& graph);
  std::uint32_t Find(std::span<const std::uint32_t> values, Date date) const noexcept {
    std::size_t index = partition_->IntervalOf(date) * strides_[0];
    for (std::size_t d = 0; d < values.size(); ++d) index += values[d] * strides_[d + 1];
    return table_[index];
  }
  std::size_t memory_bytes() const { return table_.size() * sizeof(table_[0]); }

 private:
  const compile::Partition* partition_;
  std::vector<std::size_t> strides_;  // interval, then each dimension
  std::vector<std::uint32_t> table_;  // terminal index
};

struct Workload {
  std::unique_ptr<Policy> policy;
  compile::DecisionGraph graph;
  std::unique_ptr<DenseTable> dense;
  std::vector<Query> queries;  // a power of two of them
};

// Synthetic rules N, built on first use.
const Workload& GetWorkload(std::size_t rules);

inline constexpr std::size_t kQueryCount = 1 << 16;

}  // namespace clearance::bench
