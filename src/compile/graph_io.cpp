#include "compile/graph_io.hpp"

#include <algorithm>

namespace clearance::compile {

struct GraphCodec {
  static void Write(const DecisionGraph& g, ByteWriter& out);
  static std::optional<DecisionGraph> Read(ByteReader& in, const resolve::ResolvedPolicy& policy);

 private:
  using Parent = DecisionGraph::Parent;

  static bool ReadPartition(ByteReader& in, const resolve::ResolvedPolicy& policy, Partition& out);
  static bool ReadLevels(ByteReader& in, DecisionGraph& g);
  static bool CheckRef(const DecisionGraph& g, std::uint32_t ref, std::uint32_t below_level);
  static bool IsNode(const DecisionGraph& g, std::uint32_t offset, std::uint32_t* level);
  static bool ReadTerminals(ByteReader& in, std::size_t rules, DecisionGraph& g);
  static bool ReadParents(ByteReader& in, DecisionGraph& g);
};

namespace {

void WriteTerminal(const Terminal& t, ByteWriter& out) {
  const eval::Outcome& o = t.outcome;
  out.U32s(t.matching);
  out.U8(static_cast<std::uint8_t>(o.effect));
  out.U8(static_cast<std::uint8_t>(o.basis));
  out.Bool(o.conflict);
  out.U32s(o.decisive);
  out.U32s(o.overridden);
  out.U32s(o.outvoted);
}

bool Ascending(const std::vector<std::uint32_t>& list) {
  return std::adjacent_find(list.begin(), list.end(), std::greater_equal<>()) == list.end();
}

}  // namespace

void GraphCodec::Write(const DecisionGraph& g, ByteWriter& out) {
  out.U64(g.partition_.dims.size());
  for (const DimPartition& dim : g.partition_.dims) {
    out.U32s(dim.representative);
    out.U32s(dim.class_of);
  }
  out.U64(g.partition_.cuts.size());
  for (Date d : g.partition_.cuts) out.Day(d);
  out.U32s(g.dim_order_);
  for (std::uint32_t level = 0, begin = 0; level < g.levels_.size(); ++level) {
    out.U32((g.levels_[level].end - begin) / g.levels_[level].size);  // its node count
    begin = g.levels_[level].end;
  }
  out.U32s(g.pool_);
  out.U32(g.root_);
  out.U64(g.terminals_.size());
  for (const Terminal& t : g.terminals_) WriteTerminal(t, out);
  for (const auto* parents : {&g.node_parent_, &g.terminal_parent_}) {
    for (const Parent& p : *parents) {
      out.U32(p.node);
      out.U32(p.cls);
    }
  }
}

// Classes numbered by first value (as ComputePartition numbers them): every
// class's representative is a value of that class, in ascending order.
bool GraphCodec::ReadPartition(ByteReader& in, const resolve::ResolvedPolicy& policy, Partition& out) {
  const std::size_t dims = in.Count(16, "partition");
  if (!in.Expect(dims == policy.dims.size(), "partition dimensions")) return false;
  out.dims.resize(dims);
  for (std::size_t d = 0; d < dims && in.ok(); ++d) {
    DimPartition& dim = out.dims[d];
    const std::size_t values = policy.dims[d].size();
    dim.representative = in.Indices(values, "class representative");
    dim.class_of = in.Indices(dim.representative.size(), "class of value");
    in.Expect(dim.class_of.size() == values && !dim.representative.empty() && Ascending(dim.representative),
              "partition classes");
    for (std::uint32_t c = 0; c < dim.representative.size() && in.ok(); ++c) {
      in.Expect(dim.class_of[dim.representative[c]] == c, "class representative");
    }
  }
  out.cuts.resize(in.Count(4, "partition cuts"));
  for (std::size_t i = 0; i < out.cuts.size() && in.ok(); ++i) {
    out.cuts[i] = in.Day("partition cuts");
    in.Expect(i == 0 || out.cuts[i - 1] < out.cuts[i], "partition cuts");
  }
  return in.ok();
}

// The order, then each level's node count; sets levels_ with their ends.
bool GraphCodec::ReadLevels(ByteReader& in, DecisionGraph& g) {
  g.dim_order_ = in.Indices(g.partition_.dims.size(), "dimension order");
  std::vector<bool> seen(g.partition_.dims.size(), false);
  for (std::uint32_t d : g.dim_order_) {
    if (!in.Expect(!seen[d], "dimension order")) return false;
    seen[d] = true;
  }
  if (!in.Expect(g.dim_order_.size() == seen.size(), "dimension order")) return false;
  g.MakeLevels();
  std::uint64_t end = 0;
  for (auto& level : g.levels_) {
    end += std::uint64_t{in.U32("level node count")} * level.size;
    if (!in.Expect(end < DecisionGraph::kTerminalBit, "level node count")) return false;
    level.end = static_cast<std::uint32_t>(end);
  }
  return in.ok();
}

// Whether `offset` starts a node; its level in *level.
bool GraphCodec::IsNode(const DecisionGraph& g, std::uint32_t offset, std::uint32_t* level) {
  std::uint32_t begin = 0;
  for (std::uint32_t l = 0; l < g.levels_.size(); ++l) {
    const auto& info = g.levels_[l];
    if (offset < info.end) {
      *level = l;
      return (offset - begin) % info.size == 0;
    }
    begin = info.end;
  }
  return false;
}

// A terminal that exists, or a node on a level below `below_level`.
bool GraphCodec::CheckRef(const DecisionGraph& g, std::uint32_t ref, std::uint32_t below_level) {
  if (DecisionGraph::IsTerminal(ref)) return DecisionGraph::TerminalIndex(ref) < g.terminals_.size();
  std::uint32_t level = 0;
  return IsNode(g, ref, &level) && (below_level == UINT32_MAX || level > below_level);
}

bool GraphCodec::ReadTerminals(ByteReader& in, std::size_t rules, DecisionGraph& g) {
  g.terminals_.resize(in.Count(27, "terminals"));
  for (Terminal& t : g.terminals_) {
    eval::Outcome& o = t.outcome;
    t.matching = in.Indices(rules, "terminal rules");
    const std::uint8_t effect = in.U8("terminal effect"), basis = in.U8("terminal basis");
    in.Expect(effect <= static_cast<std::uint8_t>(Effect::kDeny) && basis <= static_cast<std::uint8_t>(Basis::kDefault),
              "terminal effect");
    o.effect = static_cast<Effect>(effect);
    o.basis = static_cast<Basis>(basis);
    o.conflict = in.Bool("terminal conflict");
    o.decisive = in.Indices(rules, "terminal rules");
    o.overridden = in.Indices(rules, "terminal rules");
    o.outvoted = in.Indices(rules, "terminal rules");
    for (const auto* list : {&t.matching, &o.decisive, &o.overridden, &o.outvoted}) {
      in.Expect(Ascending(*list), "terminal rules");
    }
    if (!in.ok()) return false;
  }
  return true;
}

// Each parent holds its child at the recorded class; only the root has none.
bool GraphCodec::ReadParents(ByteReader& in, DecisionGraph& g) {
  const auto read = [&](std::vector<Parent>& parents, std::size_t n, auto child_ref) {
    parents.resize(n);
    for (std::uint32_t i = 0; i < n && in.ok(); ++i) {
      Parent& p = parents[i];
      p.node = in.U32("parent");
      p.cls = in.U32("parent");
      const std::uint32_t child = child_ref(i);
      std::uint32_t level = 0;
      const bool ok = p.node == UINT32_MAX
                          ? child == g.root_
                          : IsNode(g, p.node, &level) && p.cls < g.levels_[level].size &&
                                g.pool_[p.node + p.cls] == child;
      in.Expect(ok, "parent");
    }
  };
  read(g.node_parent_, g.nodes_.size(), [&](std::uint32_t i) { return g.nodes_[i]; });
  read(g.terminal_parent_, g.terminals_.size(), [](std::uint32_t t) { return t | DecisionGraph::kTerminalBit; });
  return in.ok();
}

std::optional<DecisionGraph> GraphCodec::Read(ByteReader& in, const resolve::ResolvedPolicy& policy) {
  DecisionGraph g;
  if (!ReadPartition(in, policy, g.partition_) || !ReadLevels(in, g)) return std::nullopt;
  g.pool_ = in.U32s("node pool");
  g.root_ = in.U32("root");
  if (!in.Expect(g.pool_.size() == g.levels_.back().end, "node pool size")) return std::nullopt;
  if (!ReadTerminals(in, policy.rules.size(), g)) return std::nullopt;
  if (!in.Expect(CheckRef(g, g.root_, UINT32_MAX), "root")) return std::nullopt;
  for (std::uint32_t l = 0, begin = 0; l < g.levels_.size(); begin = g.levels_[l++].end) {
    for (std::uint32_t node = begin; node < g.levels_[l].end; node += g.levels_[l].size) {
      g.nodes_.push_back(node);
      for (std::uint32_t c = 0; c < g.levels_[l].size; ++c) {
        if (!in.Expect(CheckRef(g, g.pool_[node + c], l), "node child")) return std::nullopt;
      }
    }
  }
  if (!ReadParents(in, g)) return std::nullopt;
  g.MakeVerdicts();
  return g;
}

void WriteGraph(const DecisionGraph& graph, ByteWriter& out) { GraphCodec::Write(graph, out); }

std::optional<DecisionGraph> ReadGraph(ByteReader& in, const resolve::ResolvedPolicy& policy) {
  return GraphCodec::Read(in, policy);
}

}  // namespace clearance::compile
