#include "analysis/diff_walk.hpp"
#include "base/flat_map.hpp"
#include "base/hash.hpp"
#include "base/limit.hpp"

#include <algorithm>
#include <map>

#include "analysis/diff_change.hpp"

namespace clearance::analysis {

namespace {

using compile::BoolMdd;
using compile::DecisionGraph;

struct Triple {
  std::uint32_t old_ref, new_ref, touched;
  bool operator==(const Triple&) const = default;
};
struct TripleHash {
  std::size_t operator()(const Triple& t) const { return HashCombine(HashCombine(t.old_ref, t.new_ref), t.touched); }
};

// One graph seen from the walk: which levels are joint levels (and their
// position), and which class to take at the others (the date's interval,
// a one-sided dimension's default).
struct GraphSide {
  const DecisionGraph* graph = nullptr;
  std::vector<std::uint32_t> position_of_level;  // kNone: not a joint level
  std::vector<std::uint32_t> fixed_class;        // per level, when not a joint level
  std::uint32_t end = 0;                         // position of a terminal

  GraphSide(const DecisionGraph& g, const std::vector<std::uint32_t>& shared_of,
            const std::vector<std::uint32_t>& fixed, Date date, std::uint32_t positions)
      : graph(&g), end(positions) {
    position_of_level.assign(g.level_count(), kNone);
    fixed_class.assign(g.level_count(), 0);
    fixed_class[0] = g.partition().IntervalOf(date);
    std::uint32_t next = 0;
    for (std::uint32_t level = 1; level < g.level_count(); ++level) {
      const std::uint32_t dim = g.level_dim(level);
      if (shared_of[dim] != kNone) {
        position_of_level[level] = next++;
      } else {
        fixed_class[level] = g.partition().dims[dim].class_of[fixed[dim]];
      }
    }
  }

  // Follows the fixed levels down to a joint level or a terminal.
  std::uint32_t Normalize(std::uint32_t ref) const {
    while (!DecisionGraph::IsTerminal(ref)) {
      const std::uint32_t level = graph->level_of(ref);
      if (position_of_level[level] != kNone) break;
      ref = graph->children(ref)[fixed_class[level]];
    }
    return ref;
  }
  std::uint32_t Position(std::uint32_t ref) const {
    return DecisionGraph::IsTerminal(ref) ? end : position_of_level[graph->level_of(ref)];
  }
};

struct IdHash {
  std::size_t operator()(std::uint64_t key) const { return static_cast<std::size_t>(key ^ (key >> 29)); }
};
// Per terminal met: its key. Hashed, not an array per terminal: a diff of
// two large policies meets few of their terminals.
using TerminalMap = FlatMap<std::uint32_t, std::uint32_t, IdHash>;

}  // namespace

class Walker {
 public:
  explicit Walker(const WalkInput& input)
      : input_(input),
        levels_(*input.in->levels),
        mdd_(*input.touched),
        old_(*input.old_graph, input.in->space->shared_of_old, input.in->space->fixed_old, input.in->old_date,
             static_cast<std::uint32_t>(levels_.size())),
        new_(*input.new_graph, input.in->space->shared_of_new, input.in->space->fixed_new, input.in->new_date,
             static_cast<std::uint32_t>(levels_.size())),
        change_(input.by, *input.in->old_policy, *input.in->new_policy, *input.rules, *input.old_graph,
                *input.new_graph),
        unique_(kNone, NodeHash{&out_}, NodeEq{&out_}, 64),
        memo_(Triple{kNone, kNone, kNone}, TripleHash{}, {}, 1024),
        old_key_(kNone),
        new_key_(kNone),
        key_index_(kNone, KeyHash{&keys_}, KeyEq{&keys_}),
        transition_index_(UINT64_MAX) {
    keys_.start.push_back(0);
  }

  DiffDiagram Run() {
    out_.root_ = Walk(input_.old_graph->root(), input_.new_graph->root(), input_.touched_root);
    out_.steps_ = steps_;
    return std::move(out_);
  }

 private:
  struct NodeHash {
    const DiffDiagram* d;
    std::size_t operator()(std::uint32_t node) const {
      std::size_t h = d->position(node);
      for (const DiffDiagram::Edge& e : d->edges(node)) h = HashCombine(h, (std::uint64_t{e.cls} << 32) | e.child);
      return h;
    }
  };
  struct NodeEq {
    const DiffDiagram* d;
    bool operator()(std::uint32_t a, std::uint32_t b) const {
      const auto ea = d->edges(a);
      const auto eb = d->edges(b);
      return d->position(a) == d->position(b) &&
             std::equal(ea.begin(), ea.end(), eb.begin(), eb.end(),
                        [](const auto& x, const auto& y) { return x.cls == y.cls && x.child == y.child; });
    }
  };

  std::uint32_t Walk(std::uint32_t o, std::uint32_t n, std::uint32_t t) {
    if (t == BoolMdd::kFalse) return DiffDiagram::kUnchanged;
    o = old_.Normalize(o);
    n = new_.Normalize(n);
    if (DecisionGraph::IsTerminal(o) && DecisionGraph::IsTerminal(n)) {
      return Leaf(DecisionGraph::TerminalIndex(o), DecisionGraph::TerminalIndex(n));
    }
    const Triple key{o, n, t};
    if (const auto* slot = memo_.find(key)) return slot->value;
    const std::uint32_t result = Branch(o, n, t);
    memo_.try_emplace(key, result);
    return result;
  }

  // The children of (o, n, t) at the first level any of them tests.
  std::uint32_t Branch(std::uint32_t o, std::uint32_t n, std::uint32_t t) {
    const std::uint32_t op = old_.Position(o);
    const std::uint32_t np = new_.Position(n);
    const std::uint32_t p = std::min({op, np, mdd_.level(t)});
    const JointLevel& level = levels_[p];
    const bool o_here = op == p;
    const bool n_here = np == p;
    const bool t_here = mdd_.level(t) == p;
    const auto oc = o_here ? input_.old_graph->children(o) : std::span<const std::uint32_t>{};
    const auto nc = n_here ? input_.new_graph->children(n) : std::span<const std::uint32_t>{};
    const std::uint32_t t_default = t_here ? mdd_.default_child(t) : t;
    const auto t_exceptions = t_here ? mdd_.exceptions(t) : std::span<const BoolMdd::Exception>{};
    const std::size_t edges = stack_.size();  // this call's edges: stack_[edges..]
    Triple last{kNone, kNone, kNone};
    std::uint32_t last_result = DiffDiagram::kUnchanged;
    auto visit = [&](std::uint32_t cls, std::uint32_t tc) {
      if (++steps_ > input_.max_steps) throw LimitExceeded{};
      const Triple child{o_here ? oc[level.old_class[cls]] : o, n_here ? nc[level.new_class[cls]] : n, tc};
      if (!(child == last)) {  // neighbouring classes often lead to the same triple
        last = child;
        last_result = Walk(child.old_ref, child.new_ref, child.touched);
      }
      if (last_result != DiffDiagram::kUnchanged) stack_.push_back({cls, last_result});
    };
    if (t_default == BoolMdd::kFalse) {
      for (const BoolMdd::Exception& e : t_exceptions) visit(e.cls, e.child);
    } else {
      std::size_t next = 0;
      for (std::uint32_t cls = 0; cls < level.size(); ++cls) {
        const bool exception = next < t_exceptions.size() && t_exceptions[next].cls == cls;
        visit(cls, exception ? t_exceptions[next++].child : t_default);
      }
    }
    const std::uint32_t node = MakeNode(p, std::span(stack_).subspan(edges), level.size());
    stack_.resize(edges);
    return node;
  }

  std::uint32_t MakeNode(std::uint32_t position, std::span<const DiffDiagram::Edge> edges, std::uint32_t classes) {
    if (edges.empty()) return DiffDiagram::kUnchanged;
    if (edges.size() == classes &&
        std::all_of(edges.begin(), edges.end(), [&](const auto& e) { return e.child == edges[0].child; })) {
      return edges[0].child;  // the level does not matter here
    }
    const auto id = static_cast<std::uint32_t>(out_.nodes_.size());
    out_.nodes_.push_back(
        {position, static_cast<std::uint32_t>(out_.edges_.size()), static_cast<std::uint32_t>(edges.size())});
    out_.edges_.insert(out_.edges_.end(), edges.begin(), edges.end());
    const auto [slot, inserted] = unique_.try_emplace(id, 0);
    if (!inserted) {
      out_.edges_.resize(out_.edges_.size() - edges.size());
      out_.nodes_.pop_back();
    }
    return slot->key;
  }

  std::uint32_t Leaf(std::uint32_t old_terminal, std::uint32_t new_terminal) {
    if (!change_.Changed(old_terminal, new_terminal)) return DiffDiagram::kUnchanged;
    const std::uint32_t ko = Key(old_key_, old_terminal, *input_.old_graph, true);
    const std::uint32_t kn = Key(new_key_, new_terminal, *input_.new_graph, false);
    const std::uint64_t pair = (std::uint64_t{ko} << 32) | kn;
    const auto [slot, inserted] =
        transition_index_.try_emplace(pair, static_cast<std::uint32_t>(out_.transitions_.size()));
    if (inserted) out_.transitions_.push_back({old_terminal, new_terminal});
    return DiffDiagram::kLeafBit | slot->value;
  }

  // Effect and decisive rule ids (as numbers shared by both sides), interned;
  // computed for the terminals of changed queries only.
  std::uint32_t Key(TerminalMap& cache, std::uint32_t terminal, const DecisionGraph& graph, bool old_side) {
    if (const auto* slot = cache.find(terminal)) return slot->value;
    // Appended as the next key; dropped again when it is an existing one.
    const eval::Outcome& outcome = graph.terminal(terminal).outcome;
    std::vector<std::uint32_t>& data = keys_.data;
    const std::size_t begin = data.size();
    data.push_back(static_cast<std::uint32_t>(outcome.effect));
    for (std::uint32_t r : outcome.decisive) data.push_back(old_side ? r : input_.rules->GlobalOfNew(r));
    std::sort(data.begin() + static_cast<std::ptrdiff_t>(begin) + 1, data.end());
    keys_.start.push_back(static_cast<std::uint32_t>(data.size()));
    const auto [slot, inserted] = key_index_.try_emplace(static_cast<std::uint32_t>(keys_.start.size() - 2), 0);
    if (!inserted) {
      data.resize(begin);
      keys_.start.pop_back();
    }
    cache.try_emplace(terminal, slot->key);
    return slot->key;
  }

  const WalkInput& input_;
  const std::vector<JointLevel>& levels_;
  const BoolMdd& mdd_;
  GraphSide old_;
  GraphSide new_;
  ChangeTest change_;
  DiffDiagram out_;
  FlatMap<std::uint32_t, char, NodeHash, NodeEq> unique_;
  FlatMap<Triple, std::uint32_t, TripleHash> memo_;
  // Keys: effect and sorted decisive rules, one after the other in `data`.
  struct Keys {
    std::vector<std::uint32_t> data;
    std::vector<std::uint32_t> start;  // per key, and one past the last
    std::span<const std::uint32_t> operator[](std::uint32_t k) const {
      return {data.data() + start[k], start[k + 1] - start[k]};
    }
  };
  struct KeyHash {
    const Keys* keys;
    std::size_t operator()(std::uint32_t k) const {
      std::size_t h = 0;
      for (std::uint32_t x : (*keys)[k]) h = HashCombine(h, x);
      return h;
    }
  };
  struct KeyEq {
    const Keys* keys;
    bool operator()(std::uint32_t a, std::uint32_t b) const {
      const auto x = (*keys)[a];
      const auto y = (*keys)[b];
      return std::equal(x.begin(), x.end(), y.begin(), y.end());
    }
  };
  TerminalMap old_key_;  // per terminal seen: its key
  TerminalMap new_key_;
  Keys keys_;
  FlatMap<std::uint32_t, char, KeyHash, KeyEq> key_index_;
  FlatMap<std::uint64_t, std::uint32_t, IdHash> transition_index_;
  std::vector<DiffDiagram::Edge> stack_;  // the edges being built, one call's above its caller's
  std::size_t steps_ = 0;
};

Result<DiffDiagram> WalkGraphs(const WalkInput& input) {
  try {
    return Walker(input).Run();
  } catch (const LimitExceeded&) {
    return Error::Message(
        "the diff needs more than " + std::to_string(input.max_steps) + " steps (DiffOptions::max_steps)",
        "limit", ErrorKind::kLimit);
  }
}

}  // namespace clearance::analysis
