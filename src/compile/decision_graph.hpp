// The compiled form of a policy: a reduced, ordered, multi-valued decision
// diagram whose terminals are the distinct sets of matching rules.
//
//   auto graph = compile::Compile(resolved);           // Result<DecisionGraph>
//   if (!graph) return graph.error();
//   std::uint32_t t = graph->Find(query.values, query.date);
//   const eval::Outcome& o = graph->terminal(t).outcome;  // effect, decisive...
//
// Level 0 branches on the date interval (Partition::cuts), levels 1..k on
// the classes of the dimensions in dim_order(). A node may skip levels (the
// function does not depend on them there); no node has all children equal
// and no two nodes are equal, so the diagram is canonical for its order.
//
// A DecisionGraph is immutable after Compile: every const method may be
// called from any number of threads at once. It holds no pointers into the
// policy it came from, but terminal outcomes and class partitions refer to
// that policy's rule and value indices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "clearance/decision.hpp"
#include "clearance/diagnostic.hpp"
#include "compile/partition.hpp"
#include "eval/combine.hpp"

namespace clearance::compile {

struct CompileOptions {
  // Dimension indices from the root down, each once. Empty: the dimensions
  // by decreasing number of classes (ties in declaration order): the most
  // selective tests split the rules first, which gave the smallest and
  // fastest-built diagrams of the six orders on the benchmark workload
  // (5.8 MiB against 53 MiB for the reverse; see bench/README.md).
  std::vector<std::uint32_t> dim_order;
  // Bound on the diagram plus the compiler's scratch tables; a policy whose
  // diagram would be larger fails to compile instead of exhausting memory.
  std::size_t max_bytes = std::size_t{1} << 30;
  // Bound on the number of levels (dimensions + 1), which bounds recursion.
  std::size_t max_levels = 1024;
};

// One leaf of the diagram: the rules matching every query that reaches it,
// and what §6 makes of them.
struct Terminal {
  std::vector<std::uint32_t> matching;  // policy order
  eval::Outcome outcome;
};

// A query (value per dimension, declaration order, and a date) reaching a
// given terminal.
struct Witness {
  std::vector<std::uint32_t> values;
  Date date;
};

class DecisionGraph {
 public:
  // A reference is a node (an offset into the node pool) or, with this bit
  // set, a terminal index. Nodes are laid out by level, so a node's level
  // follows from its offset and evaluation reads no node header.
  static constexpr std::uint32_t kTerminalBit = 0x80000000u;
  static constexpr std::uint32_t kTimeDim = UINT32_MAX;  // level_dim(0)

  // The terminal reached by a query. `values` holds a valid value index for
  // every dimension, in declaration order.
  std::uint32_t Find(std::span<const std::uint32_t> values, Date date) const noexcept;
  // The terminal's effect, basis and decisive rules, from a compact table
  // (12 bytes a terminal) so that deciding touches little memory. The span
  // points into this graph.
  Verdict Decide(std::span<const std::uint32_t> values, Date date) const noexcept {
    return VerdictOf(Find(values, date));
  }
  Verdict VerdictOf(std::uint32_t t) const noexcept {
    const CompactVerdict v = verdicts_[t];
    return {v.effect, v.basis, {decisive_pool_.data() + v.offset, v.size}};
  }

  const Terminal& terminal(std::uint32_t t) const { return terminals_[t]; }
  std::size_t terminal_count() const { return terminals_.size(); }
  std::size_t node_count() const { return nodes_.size(); }
  // Everything the graph owns, terminals and witness tables included.
  std::size_t memory_bytes() const;
  // One query reaching terminal t (every terminal is reachable).
  Witness WitnessFor(std::uint32_t t) const;

  // Structure, for analyses that walk the diagram.
  std::uint32_t root() const { return root_; }
  static bool IsTerminal(std::uint32_t ref) { return (ref & kTerminalBit) != 0; }
  static std::uint32_t TerminalIndex(std::uint32_t ref) { return ref & ~kTerminalBit; }
  std::uint32_t level_of(std::uint32_t node) const;
  // One child per class (or interval) of the node's level.
  std::span<const std::uint32_t> children(std::uint32_t node) const {
    return {pool_.data() + node, level_size(level_of(node))};
  }
  // Every node, by level from the root's down (so parents before children).
  std::span<const std::uint32_t> nodes() const { return nodes_; }

  std::size_t level_count() const { return levels_.size(); }
  std::uint32_t level_dim(std::uint32_t level) const { return levels_[level].dim; }
  std::uint32_t level_size(std::uint32_t level) const { return levels_[level].size; }
  const std::vector<std::uint32_t>& dim_order() const { return dim_order_; }
  const Partition& partition() const { return partition_; }

 private:
  friend class Builder;
  friend struct GraphCodec;  // compile/graph_io.cpp: snapshots
  friend Result<DecisionGraph> Compile(const resolve::ResolvedPolicy&, const CompileOptions&);
  struct Level {
    std::uint32_t dim;   // kTimeDim for level 0
    std::uint32_t size;  // classes, or intervals
    std::uint32_t base;  // into class_of_: the dimension's class per value
    std::uint32_t end;   // one past the level's last node in pool_
  };
  struct CompactVerdict {
    std::uint32_t offset;  // into decisive_pool_
    std::uint32_t size;
    Effect effect;
    Basis basis;
  };
  // levels_ (their ends left 0) and class_of_ from partition_ and dim_order_.
  void MakeLevels();
  // verdicts_ and decisive_pool_ from terminals_.
  void MakeVerdicts();

  struct Parent {  // how a node or terminal is first reached
    std::uint32_t node = UINT32_MAX;
    std::uint32_t cls = 0;
  };

  std::vector<std::uint32_t> pool_;  // per node: its children; nodes by level
  std::vector<std::uint32_t> nodes_;
  std::uint32_t root_ = kTerminalBit;
  std::vector<Level> levels_;
  std::vector<std::uint32_t> class_of_;
  std::vector<Terminal> terminals_;
  std::vector<CompactVerdict> verdicts_;  // parallel to terminals_
  std::vector<std::uint32_t> decisive_pool_;
  std::vector<Parent> node_parent_;  // parallel to nodes_
  std::vector<Parent> terminal_parent_;
  std::vector<std::uint32_t> dim_order_;
  Partition partition_;
};

Result<DecisionGraph> Compile(const resolve::ResolvedPolicy& policy, const CompileOptions& options = {});

// The order Compile uses when options.dim_order is empty.
std::vector<std::uint32_t> DefaultDimOrder(const Partition& partition);

}  // namespace clearance::compile
