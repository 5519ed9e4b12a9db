// Compile: each rule becomes a boolean diagram (active interval and
// condition); then the set-valued diagram is built top-down by cofactoring
// the list of (rule, residual diagram) pairs one level at a time. Because
// boolean diagrams are canonical, a list of pairs names a function exactly,
// so memoising on it shares every equal subdiagram, and the work done is
// proportional to the output rather than to rules times queries.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.hpp"
#include "base/limit.hpp"
#include "compile/bool_mdd.hpp"
#include "compile/decision_graph.hpp"
#include "compile/state_memo.hpp"

namespace clearance::compile {

namespace {

using State = std::vector<std::uint64_t>;  // (rule << 32 | bool node), by rule

std::uint64_t Pack(std::uint32_t rule, std::uint32_t node) { return (std::uint64_t{rule} << 32) | node; }
std::uint32_t RuleOf(std::uint64_t pair) { return static_cast<std::uint32_t>(pair >> 32); }
std::uint32_t NodeOf(std::uint64_t pair) { return static_cast<std::uint32_t>(pair); }

template <class T>
struct VectorHash {
  std::size_t operator()(const std::vector<T>& v) const {
    std::size_t h = v.size();
    for (T x : v) h = HashCombine(h, x);
    return h;
  }
};

// Buffers of one level's Branch, reused across calls.
struct Scratch {
  State base;
  State child;
  std::vector<std::uint32_t> bucket_start;
  std::vector<std::uint32_t> fill;
  std::vector<std::uint64_t> triples;  // (rule << 32 | child) per class
  std::vector<std::uint32_t> children;
  std::vector<std::uint32_t> same_as_next;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> signatures;
};

}  // namespace

class Builder {
 public:
  Builder(const resolve::ResolvedPolicy& policy, DecisionGraph& graph, std::size_t max_bytes)
      : policy_(policy),
        graph_(graph),
        mdd_(LevelSizes(graph)),
        max_bytes_(max_bytes),
        unique_(1024, PoolHash{&graph.pool_, &graph.levels_}, PoolEq{&graph.pool_, &graph.levels_}) {
    scratch_.resize(graph.levels_.size());
    level_of_dim_.resize(policy.dims.size());
    for (std::uint32_t level = 1; level < graph.levels_.size(); ++level)
      level_of_dim_[graph.levels_[level].dim] = level;
  }

  void Run() {
    State root;
    for (std::uint32_t r = 0; r < policy_.rules.size(); ++r) {
      const std::uint32_t node = mdd_.And(Active(policy_.rules[r]), Convert(policy_.rules[r].when));
      if (node != BoolMdd::kFalse) root.push_back(Pack(r, node));
      CheckBudget();  // conditions over many dimensions can blow up too
    }
    graph_.root_ = Build(root);
    Relayout();
    RecordParents();
    graph_.MakeVerdicts();
  }

 private:
  struct PoolHash {
    const std::vector<std::uint32_t>* pool;
    const std::vector<DecisionGraph::Level>* levels;
    std::size_t operator()(std::uint32_t node) const {
      const std::uint32_t* p = pool->data() + node;
      std::size_t h = p[0];
      for (std::uint32_t i = 1; i <= (*levels)[p[0]].size; ++i) h = HashCombine(h, p[i]);
      return h;
    }
  };
  struct PoolEq {
    const std::vector<std::uint32_t>* pool;
    const std::vector<DecisionGraph::Level>* levels;
    bool operator()(std::uint32_t a, std::uint32_t b) const {
      const std::uint32_t* p = pool->data();
      if (p[a] != p[b]) return false;
      return std::equal(p + a + 1, p + a + 1 + (*levels)[p[a]].size, p + b + 1);
    }
  };

  static std::vector<std::uint32_t> LevelSizes(const DecisionGraph& graph) {
    std::vector<std::uint32_t> sizes;
    for (const auto& level : graph.levels_) sizes.push_back(level.size);
    return sizes;
  }

  std::uint32_t Active(const resolve::Rule& rule) {
    if (!rule.info.effective && !rule.info.expires) return BoolMdd::kTrue;
    const Partition& partition = graph_.partition_;
    std::vector<std::uint32_t> active;
    for (std::uint32_t i = 0; i < partition.interval_count(); ++i) {
      if (rule.ActiveOn(partition.IntervalStart(i))) active.push_back(i);
    }
    return mdd_.MakeTest(0, active);
  }

  // A test whose set changes with the date (a group with dated members) is
  // the union, over its pieces, of "the date is in the piece's intervals and
  // the value is in the piece's set".
  std::uint32_t ConvertTest(const resolve::Cond& cond) {
    const DimPartition& classes = graph_.partition_.dims[cond.dim];
    const std::uint32_t level = level_of_dim_[cond.dim];
    if (cond.set.constant()) return mdd_.MakeTest(level, ClassesIn(classes, cond.set.pieces().front()));
    const Partition& partition = graph_.partition_;
    std::uint32_t acc = BoolMdd::kFalse;
    std::uint32_t interval = 0;
    for (std::size_t p = 0; p < cond.set.pieces().size(); ++p) {
      std::vector<std::uint32_t> intervals;
      const bool last = p + 1 == cond.set.pieces().size();
      for (; interval < partition.interval_count(); ++interval) {
        if (!last && !(partition.IntervalStart(interval) < cond.set.cuts()[p])) break;
        intervals.push_back(interval);
      }
      const std::uint32_t values = mdd_.MakeTest(level, ClassesIn(classes, cond.set.pieces()[p]));
      acc = mdd_.Or(acc, mdd_.And(mdd_.MakeTest(0, intervals), values));
    }
    return acc;
  }

  std::uint32_t Convert(const resolve::Cond& cond) {
    using Kind = resolve::Cond::Kind;
    switch (cond.kind) {
      case Kind::kTrue: return BoolMdd::kTrue;
      case Kind::kFalse: return BoolMdd::kFalse;
      case Kind::kTest: return ConvertTest(cond);
      case Kind::kNot: return mdd_.Not(Convert(cond.children.at(0)));
      case Kind::kAnd:
      case Kind::kOr: {
        const bool is_and = cond.kind == Kind::kAnd;
        std::uint32_t acc = is_and ? BoolMdd::kTrue : BoolMdd::kFalse;
        for (const resolve::Cond& child : cond.children) {
          if (acc == (is_and ? BoolMdd::kFalse : BoolMdd::kTrue)) break;
          const std::uint32_t c = Convert(child);
          acc = is_and ? mdd_.And(acc, c) : mdd_.Or(acc, c);
        }
        return acc;
      }
    }
    return BoolMdd::kFalse;
  }

  // `state` must stay unchanged during the call: it lives in the scratch of
  // a shallower level (or in Run), and deeper calls use deeper scratch.
  std::uint32_t Build(std::span<const std::uint64_t> state) {
    const std::uint64_t hash = StateMemo::Hash(state);
    if (const std::uint32_t ref = memo_.Find(state, hash); ref != StateMemo::kMissing) return ref;
    std::uint32_t level = mdd_.level_count();
    for (std::uint64_t pair : state) level = std::min(level, mdd_.level(NodeOf(pair)));
    const std::uint32_t ref = level == mdd_.level_count() ? TerminalRef(state) : Branch(level, state);
    memo_.Insert(state, hash, ref);
    return ref;
  }

  // The children of `state` at `level`: pairs whose node is not at this
  // level pass through; the others take their node's child for the class.
  // Classes without exceptions share one child state ("base"), and classes
  // with equal exception lists share theirs, each built once.
  std::uint32_t Branch(std::uint32_t level, std::span<const std::uint64_t> state) {
    Scratch& s = scratch_[level];
    const std::uint32_t n = graph_.levels_[level].size;
    BucketExceptions(level, state, s);
    s.children.assign(n, UINT32_MAX);
    std::uint32_t base_ref = UINT32_MAX;
    GroupEqualExceptionLists(n, s);
    for (std::uint32_t c = 0; c < n; ++c) {
      if (s.children[c] != UINT32_MAX) continue;  // taken: equal to an earlier class
      if (s.bucket_start[c] == s.bucket_start[c + 1]) {
        if (base_ref == UINT32_MAX) base_ref = Build(s.base);
        s.children[c] = base_ref;
        continue;
      }
      Merge(s.base, {s.triples.data() + s.bucket_start[c], s.triples.data() + s.bucket_start[c + 1]},
            s.child);
      s.children[c] = Build(s.child);
      for (std::uint32_t same = s.same_as_next[c]; same != UINT32_MAX; same = s.same_as_next[same]) {
        s.children[same] = s.children[c];
      }
    }
    const auto& kids = s.children;
    if (std::all_of(kids.begin(), kids.end(), [&](std::uint32_t x) { return x == kids[0]; })) return kids[0];
    return MakeNode(level, kids);
  }

  // s.base: the passing pairs and the at-level pairs' default children;
  // s.triples bucketed by class (s.bucket_start), each bucket by rule.
  void BucketExceptions(std::uint32_t level, std::span<const std::uint64_t> state, Scratch& s) const {
    const std::uint32_t n = graph_.levels_[level].size;
    s.base.clear();
    s.bucket_start.assign(n + 1, 0);
    for (std::uint64_t pair : state) {
      const std::uint32_t node = NodeOf(pair);
      if (mdd_.level(node) != level) {
        s.base.push_back(pair);
        continue;
      }
      if (mdd_.default_child(node) != BoolMdd::kFalse)
        s.base.push_back(Pack(RuleOf(pair), mdd_.default_child(node)));
      for (const BoolMdd::Exception& e : mdd_.exceptions(node)) ++s.bucket_start[e.cls + 1];
    }
    for (std::uint32_t c = 0; c < n; ++c) s.bucket_start[c + 1] += s.bucket_start[c];
    s.triples.resize(s.bucket_start[n]);
    s.fill.assign(s.bucket_start.begin(), s.bucket_start.end() - 1);
    for (std::uint64_t pair : state) {  // in rule order, so each bucket is by rule
      if (mdd_.level(NodeOf(pair)) != level) continue;
      for (const BoolMdd::Exception& e : mdd_.exceptions(NodeOf(pair))) {
        s.triples[s.fill[e.cls]++] = Pack(RuleOf(pair), e.child);
      }
    }
  }

  // Links each class to the next class with the same exception list
  // (s.same_as_next) and marks the later ones as taken.
  static void GroupEqualExceptionLists(std::uint32_t n, Scratch& s) {
    s.same_as_next.assign(n, UINT32_MAX);
    s.signatures.clear();
    for (std::uint32_t c = 0; c < n; ++c) {
      const std::span<const std::uint64_t> list{s.triples.data() + s.bucket_start[c],
                                                s.triples.data() + s.bucket_start[c + 1]};
      if (!list.empty()) s.signatures.emplace_back(StateMemo::Hash(list), c);
    }
    std::sort(s.signatures.begin(), s.signatures.end());
    const auto list_of = [&](std::uint32_t c) {
      return std::span<const std::uint64_t>{s.triples.data() + s.bucket_start[c],
                                            s.triples.data() + s.bucket_start[c + 1]};
    };
    for (std::size_t i = 0; i < s.signatures.size();) {
      std::size_t j = i + 1;
      std::uint32_t last = s.signatures[i].second;
      for (; j < s.signatures.size() && s.signatures[j].first == s.signatures[i].first; ++j) {
        const std::uint32_t c = s.signatures[j].second;
        const auto a = list_of(s.signatures[i].second);
        const auto b = list_of(c);
        if (!std::equal(a.begin(), a.end(), b.begin(), b.end())) continue;  // a hash collision
        s.same_as_next[last] = c;
        s.children[c] = UINT32_MAX - 1;  // taken: filled when the first is built
        last = c;
      }
      i = j;
    }
  }

  // `base` with one class's exceptions applied (both lists by rule).
  static void Merge(const State& base, std::span<const std::uint64_t> exceptions, State& out) {
    out.clear();
    std::size_t i = 0;
    for (std::uint64_t e : exceptions) {
      while (i < base.size() && RuleOf(base[i]) < RuleOf(e)) out.push_back(base[i++]);
      if (i < base.size() && RuleOf(base[i]) == RuleOf(e)) ++i;  // replaced
      if (NodeOf(e) != BoolMdd::kFalse) out.push_back(e);
    }
    out.insert(out.end(), base.begin() + static_cast<std::ptrdiff_t>(i), base.end());
  }

  std::uint32_t MakeNode(std::uint32_t level, const std::vector<std::uint32_t>& children) {
    std::vector<std::uint32_t>& pool = graph_.pool_;
    const auto offset = static_cast<std::uint32_t>(pool.size());
    pool.push_back(level);
    pool.insert(pool.end(), children.begin(), children.end());
    const auto [it, inserted] = unique_.insert(offset);
    if (!inserted) {
      pool.resize(offset);
      return *it;
    }
    graph_.nodes_.push_back(offset);
    CheckBudget();
    return offset;
  }

  std::uint32_t TerminalRef(std::span<const std::uint64_t> state) {
    std::vector<std::uint32_t> matching;
    matching.reserve(state.size());
    for (std::uint64_t pair : state) matching.push_back(RuleOf(pair));
    const auto [it, inserted] = terminal_index_.try_emplace(matching, graph_.terminals_.size());
    if (inserted) {
      eval::Outcome outcome = eval::CombineMatches(policy_, matching);
      graph_.terminals_.push_back({std::move(matching), std::move(outcome)});
      CheckBudget();
    }
    return DecisionGraph::kTerminalBit | it->second;
  }

  void CheckBudget() const {
    const std::size_t bytes = graph_.pool_.size() * 4 + graph_.nodes_.size() * 12 + mdd_.memory_bytes() +
                              memo_.memory_bytes() + graph_.terminals_.size() * 128;
    if (bytes > max_bytes_) throw LimitExceeded{};
  }

  // From the build layout (a level word, then the children; creation order)
  // to the evaluation layout: nodes grouped by level, no header.
  void Relayout() {
    DecisionGraph& g = graph_;
    const std::vector<std::uint32_t> old_pool = std::move(g.pool_);
    const std::vector<std::uint32_t> old_nodes = std::move(g.nodes_);
    std::vector<std::vector<std::uint32_t>> by_level(g.levels_.size());
    for (std::uint32_t node : old_nodes) by_level[old_pool[node]].push_back(node);
    std::vector<std::uint32_t> new_offset(old_pool.size());
    std::uint32_t next = 0;
    for (std::uint32_t level = 0; level < g.levels_.size(); ++level) {
      for (std::uint32_t node : by_level[level]) {
        new_offset[node] = next;
        g.nodes_.push_back(next);
        next += g.levels_[level].size;
      }
      g.levels_[level].end = next;
    }
    const auto remap = [&](std::uint32_t ref) {
      return DecisionGraph::IsTerminal(ref) ? ref : new_offset[ref];
    };
    g.pool_.reserve(next);
    for (const auto& nodes : by_level) {
      for (std::uint32_t node : nodes) {
        const std::uint32_t size = g.levels_[old_pool[node]].size;
        for (std::uint32_t c = 0; c < size; ++c) g.pool_.push_back(remap(old_pool[node + 1 + c]));
      }
    }
    g.root_ = remap(g.root_);
  }

  // Parents come before children in pool order, so one pass gives every
  // reachable node and terminal the first edge that reaches it.
  void RecordParents() {
    DecisionGraph& g = graph_;
    g.node_parent_.assign(g.nodes_.size(), {});
    g.terminal_parent_.assign(g.terminals_.size(), {});
    const auto index_of = [&](std::uint32_t node) {  // nodes_ is ascending
      return static_cast<std::size_t>(std::lower_bound(g.nodes_.begin(), g.nodes_.end(), node) -
                                      g.nodes_.begin());
    };
    for (std::uint32_t node : g.nodes_) {
      const auto kids = g.children(node);
      for (std::uint32_t c = 0; c < kids.size(); ++c) {
        DecisionGraph::Parent& p = DecisionGraph::IsTerminal(kids[c])
                                       ? g.terminal_parent_[DecisionGraph::TerminalIndex(kids[c])]
                                       : g.node_parent_[index_of(kids[c])];
        if (p.node == UINT32_MAX) p = {node, c};
      }
    }
  }

  const resolve::ResolvedPolicy& policy_;
  DecisionGraph& graph_;
  std::vector<std::uint32_t> level_of_dim_;
  BoolMdd mdd_;
  std::size_t max_bytes_;
  StateMemo memo_;
  std::vector<Scratch> scratch_;  // per level
  std::unordered_set<std::uint32_t, PoolHash, PoolEq> unique_;
  std::unordered_map<std::vector<std::uint32_t>, std::uint32_t, VectorHash<std::uint32_t>> terminal_index_;
};

namespace {

bool IsPermutation(const std::vector<std::uint32_t>& order, std::size_t n) {
  if (order.size() != n) return false;
  std::vector<bool> seen(n, false);
  for (std::uint32_t d : order) {
    if (d >= n || seen[d]) return false;
    seen[d] = true;
  }
  return true;
}

}  // namespace

Result<DecisionGraph> Compile(const resolve::ResolvedPolicy& policy, const CompileOptions& options) {
  DecisionGraph graph;
  graph.partition_ = ComputePartition(policy);
  graph.dim_order_ = options.dim_order.empty() ? DefaultDimOrder(graph.partition_) : options.dim_order;
  if (!IsPermutation(graph.dim_order_, policy.dims.size())) {
    return Error::Message("dimension order must name every dimension once", "compile");
  }
  if (policy.dims.size() + 1 > options.max_levels) {
    return Error::Message(
        "policy has " + std::to_string(policy.dims.size()) + " dimensions, more than the compiler's limit",
        "limit");
  }
  graph.MakeLevels();
  try {
    Builder(policy, graph, options.max_bytes).Run();
  } catch (const LimitExceeded&) {
    return Error::Message("the decision graph exceeds " + std::to_string(options.max_bytes >> 20) +
                              " MiB (Limits::max_graph_bytes)",
                          "limit", ErrorKind::kLimit);
  }
  graph.pool_.shrink_to_fit();
  graph.nodes_.shrink_to_fit();
  return graph;
}

}  // namespace clearance::compile
