// Regions are built and merged over interned value sets: a set is a number
// into a pool where equal sets have one number, so copying a region copies
// a few integers, and "equal but at one position" is a hash lookup over
// those integers instead of comparisons of bitsets in an ordered map.
#include "analysis/diff_regions.hpp"
#include "base/flat_map.hpp"
#include "base/hash.hpp"
#include "base/limit.hpp"

#include <algorithm>
#include <bit>
#include <span>

namespace clearance::analysis {

namespace {

// Value sets by number, equal sets one number, all stored as 64-bit words
// in one array: a region builder of two large policies makes thousands of
// sets, and one heap block each made malloc most of its time.
class SetPool {
 public:
  SetPool() : index_(kNone, Hash{this}, Eq{this}, 64) { start_.push_back(0); }
  SetPool(const SetPool&) = delete;
  SetPool& operator=(const SetPool&) = delete;

  std::uint32_t Intern(std::span<const std::uint64_t> words) {
    // Appended as the next set; dropped again when it is an existing one.
    words_.insert(words_.end(), words.begin(), words.end());
    start_.push_back(static_cast<std::uint32_t>(words_.size()));
    const auto [slot, inserted] = index_.try_emplace(static_cast<std::uint32_t>(start_.size() - 2), 0);
    if (!inserted) {
      words_.resize(words_.size() - words.size());
      start_.pop_back();
    }
    return slot->key;
  }
  std::uint32_t Union(std::uint32_t a, std::uint32_t b) {
    if (a == b) return a;
    const auto x = (*this)[a];
    const auto y = (*this)[b];
    scratch_.resize(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) scratch_[i] = x[i] | y[i];
    return Intern(scratch_);
  }
  std::span<const std::uint64_t> operator[](std::uint32_t id) const {
    return {words_.data() + start_[id], start_[id + 1] - start_[id]};
  }

 private:
  struct Hash {
    const SetPool* pool;
    std::size_t operator()(std::uint32_t id) const {
      std::size_t h = 0;
      for (std::uint64_t w : (*pool)[id]) h = HashCombine(h, w);
      return h;
    }
  };
  struct Eq {
    const SetPool* pool;
    bool operator()(std::uint32_t a, std::uint32_t b) const {
      const auto x = (*pool)[a];
      const auto y = (*pool)[b];
      return std::equal(x.begin(), x.end(), y.begin(), y.end());
    }
  };
  std::vector<std::uint64_t> words_;
  std::vector<std::uint32_t> start_;  // per set, and one past the last
  std::vector<std::uint64_t> scratch_;
  FlatMap<std::uint32_t, char, Hash, Eq> index_;
};

std::size_t WordsFor(std::size_t bits) { return (bits + 63) / 64; }

// Regions as the rows of a table: a transition and one set number per
// position each, all in two arrays. The builder keeps every node's regions
// as a stretch of rows of one table, so that no region costs an allocation.
class Regions {
 public:
  explicit Regions(std::size_t positions) : positions_(positions) {}

  std::size_t size() const { return transitions_.size(); }
  std::size_t positions() const { return positions_; }
  std::uint32_t transition(std::size_t i) const { return transitions_[i]; }
  std::span<const std::uint32_t> sets(std::size_t i) const { return {sets_.data() + i * positions_, positions_}; }
  std::uint32_t& set(std::size_t i, std::size_t p) { return sets_[i * positions_ + p]; }

  // Room for `rows` rows in all, growing geometrically as push_back would:
  // an exact reserve per node would copy the table once per node.
  void Reserve(std::size_t rows) {
    if (rows <= transitions_.capacity()) return;
    rows = std::max(rows, 2 * transitions_.capacity());
    transitions_.reserve(rows);
    sets_.reserve(rows * positions_);
  }
  void Append(std::uint32_t transition, std::span<const std::uint32_t> sets) {
    transitions_.push_back(transition);
    sets_.insert(sets_.end(), sets.begin(), sets.end());
  }
  // Appends a copy of row i of this table.
  void AppendCopy(std::size_t i) {
    const std::uint32_t transition = transitions_[i];
    transitions_.push_back(transition);
    const std::size_t at = sets_.size();
    sets_.resize(at + positions_);
    std::copy_n(sets_.begin() + static_cast<std::ptrdiff_t>(i * positions_), positions_,
                sets_.begin() + static_cast<std::ptrdiff_t>(at));
  }
  // Drops the rows from `begin` on that are marked gone (gone[i - begin]),
  // keeping the order of the others.
  void Keep(std::size_t begin, const std::vector<bool>& gone) {
    std::size_t kept = begin;
    for (std::size_t i = begin; i < size(); ++i) {
      if (gone[i - begin]) continue;
      transitions_[kept] = transitions_[i];
      std::copy_n(sets_.begin() + static_cast<std::ptrdiff_t>(i * positions_), positions_,
                  sets_.begin() + static_cast<std::ptrdiff_t>(kept * positions_));
      ++kept;
    }
    transitions_.resize(kept);
    sets_.resize(kept * positions_);
  }

 private:
  std::size_t positions_;
  std::vector<std::uint32_t> transitions_;
  std::vector<std::uint32_t> sets_;
};

// Regions equal in transition and in every set but the one at `skip`.
struct AllButHash {
  const Regions* regions;
  std::size_t skip;
  std::size_t operator()(std::uint32_t i) const {
    std::size_t h = regions->transition(i);
    const auto sets = regions->sets(i);
    for (std::size_t p = 0; p < sets.size(); ++p) {
      if (p != skip) h = HashCombine(h, sets[p]);
    }
    return h;
  }
};
struct AllButEq {
  const Regions* regions;
  std::size_t skip;
  bool operator()(std::uint32_t a, std::uint32_t b) const {
    if (regions->transition(a) != regions->transition(b)) return false;
    const auto x = regions->sets(a);
    const auto y = regions->sets(b);
    for (std::size_t p = 0; p < x.size(); ++p) {
      if (p != skip && x[p] != y[p]) return false;
    }
    return true;
  }
};

// Regions i and j have the same transition and the same sets but at `skip`.
bool EqualBut(const Regions& regions, std::size_t i, std::size_t j, std::size_t skip) {
  return AllButEq{&regions, skip}(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
}

// MergeAt for a few regions: pairwise, without a table.
bool MergeFewAt(Regions& regions, std::size_t begin, std::size_t p, SetPool& pool) {
  std::uint64_t gone = 0;  // bit i: region begin + i merged into an earlier one
  const std::size_t n = regions.size() - begin;
  for (std::size_t i = 1; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if ((gone >> j) & 1 || !EqualBut(regions, begin + i, begin + j, p)) continue;
      std::uint32_t& into = regions.set(begin + j, p);
      into = pool.Union(into, regions.set(begin + i, p));
      gone |= std::uint64_t{1} << i;
      break;
    }
  }
  if (gone == 0) return false;
  std::vector<bool> marks(n);
  for (std::size_t i = 0; i < n; ++i) marks[i] = (gone >> i) & 1;
  regions.Keep(begin, marks);
  return true;
}

// Merges the regions from `begin` on that are equal but at position p into
// the first of them, which takes the union and keeps its place.
bool MergeAt(Regions& regions, std::size_t begin, std::size_t p, SetPool& pool) {
  const std::size_t n = regions.size() - begin;
  if (n < 2) return false;
  if (n <= 16) return MergeFewAt(regions, begin, p, pool);
  FlatMap<std::uint32_t, char, AllButHash, AllButEq> first(kNone, AllButHash{&regions, p}, AllButEq{&regions, p}, n);
  std::vector<bool> gone(n, false);
  bool merged = false;
  for (std::size_t i = begin; i < regions.size(); ++i) {
    const auto [slot, inserted] = first.try_emplace(static_cast<std::uint32_t>(i), 0);
    if (inserted) continue;
    std::uint32_t& into = regions.set(slot->key, p);
    into = pool.Union(into, regions.set(i, p));
    gone[i - begin] = merged = true;
  }
  if (merged) regions.Keep(begin, gone);
  return merged;
}

// To a fixpoint, as MergeAt at every position in turn.
void MergeAll(Regions& regions, SetPool& pool) {
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t p = 0; p < regions.positions(); ++p) merged = MergeAt(regions, 0, p, pool) || merged;
  }
}

// Rows [begin, end) of the builder's table.
struct Stretch {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
};

class RegionBuilder {
 public:
  RegionBuilder(const DiffDiagram& diagram, const DiffSpace& space, const std::vector<JointLevel>& levels,
                std::size_t max_regions, SetPool& pool)
      : diagram_(diagram), max_regions_(max_regions), pool_(pool), table_(levels.size()), child_slot_(kNone) {
    for (const JointLevel& level : levels) {
      const std::size_t values = space.shared[level.shared].size();
      std::vector<std::uint64_t> full(WordsFor(values), ~std::uint64_t{0});
      if (values % 64 != 0) full.back() = (std::uint64_t{1} << (values % 64)) - 1;
      full_.push_back(pool_.Intern(full));
      words_.push_back(full.size());
      // The compared values of each joint class, by class (counting sort).
      Members m;
      m.start.assign(level.size() + 1, 0);
      for (std::uint32_t j : level.joint_of) ++m.start[j + 1];
      for (std::uint32_t j = 0; j < level.size(); ++j) m.start[j + 1] += m.start[j];
      m.values.resize(values);
      std::vector<std::uint32_t> fill(m.start.begin(), m.start.end() - 1);
      for (std::uint32_t c = 0; c < values; ++c) m.values[fill[level.joint_of[c]]++] = c;
      members_.push_back(std::move(m));
    }
    done_.assign(diagram.node_count(), false);
    below_.resize(diagram.node_count());
    leaves_.resize(diagram.transitions().size());
  }

  const Regions& table() const { return table_; }

  // The regions below `ref` (sets at positions above it are full), as rows
  // of table().
  Stretch Of(std::uint32_t ref) {
    if (DiffDiagram::IsLeaf(ref)) {
      Stretch& leaf = leaves_[DiffDiagram::TransitionOf(ref)];
      if (ref != DiffDiagram::kUnchanged && leaf.size() == 0) {
        leaf.begin = table_.size();
        table_.Append(DiffDiagram::TransitionOf(ref), full_);
        leaf.end = table_.size();
        Count(1);
      }
      return leaf;
    }
    if (!done_[ref]) {
      below_[ref] = Branch(ref);
      done_[ref] = true;
      Count(below_[ref].size());
    }
    return below_[ref];
  }

 private:
  void Count(std::size_t regions) {
    produced_ += regions;
    if (produced_ > max_regions_) throw LimitExceeded{};
  }

  // Pushes onto children_ the distinct children of `node` in order of
  // their first class, each with the set of compared values of the classes
  // leading to it.
  void PushChildren(std::uint32_t node) {
    const std::uint32_t p = diagram_.position(node);
    const std::size_t words = words_[p];
    const std::size_t base = children_.size();
    scratch_.clear();
    const auto edges = diagram_.edges(node);
    // Few edges: the children found by a scan, not a table to clear after.
    const bool scan = edges.size() <= 32;
    for (const DiffDiagram::Edge& e : edges) {
      std::size_t k = 0;
      if (scan) {
        while (base + k < children_.size() && children_[base + k].first != e.child) ++k;
      } else {
        k = child_slot_.try_emplace(e.child, static_cast<std::uint32_t>(children_.size() - base)).first->value;
      }
      if (base + k == children_.size()) {
        children_.push_back({e.child, 0});
        scratch_.resize(scratch_.size() + words, 0);
      }
      std::uint64_t* set = scratch_.data() + k * words;
      const Members& m = members_[p];
      for (std::uint32_t i = m.start[e.cls]; i < m.start[e.cls + 1]; ++i) {
        set[m.values[i] / 64] |= std::uint64_t{1} << (m.values[i] % 64);
      }
    }
    for (std::size_t k = base; k < children_.size(); ++k) {
      children_[k].second = pool_.Intern(std::span(scratch_).subspan((k - base) * words, words));
    }
    if (!scan) child_slot_.Clear();
  }

  // The node's regions, appended to the table after every row its
  // children need.
  Stretch Branch(std::uint32_t node) {
    const std::uint32_t p = diagram_.position(node);
    // This call's children: children_[base..end), one call's above its
    // caller's; by index, as the recursion below pushes more.
    const std::size_t base = children_.size();
    PushChildren(node);
    const std::size_t end = children_.size();
    std::size_t rows = 0;
    for (std::size_t k = base; k < end; ++k) rows += Of(children_[k].first).size();
    table_.Reserve(table_.size() + rows);
    const std::size_t begin = table_.size();
    for (std::size_t k = base; k < end; ++k) {
      const Stretch below = Of(children_[k].first);
      for (std::size_t i = below.begin; i < below.end; ++i) {
        table_.AppendCopy(i);
        table_.set(table_.size() - 1, p) = children_[k].second;
      }
    }
    children_.resize(base);
    MergeAt(table_, begin, p, pool_);
    return {begin, table_.size()};
  }

  struct IdHash {
    std::size_t operator()(std::uint32_t key) const { return key; }
  };
  const DiffDiagram& diagram_;
  std::size_t max_regions_;
  SetPool& pool_;
  std::size_t produced_ = 0;
  struct Members {
    std::vector<std::uint32_t> start;   // per joint class, into values
    std::vector<std::uint32_t> values;  // compared values, by joint class
  };
  std::vector<std::uint32_t> full_;   // per position: the set of every compared value
  std::vector<std::size_t> words_;    // per position: words of a set
  std::vector<Members> members_;      // per position
  std::vector<bool> done_;            // per diagram node
  std::vector<Stretch> below_;        // per diagram node, once done
  std::vector<Stretch> leaves_;       // per transition
  Regions table_;                     // the rows of every node's regions
  FlatMap<std::uint32_t, std::uint32_t, IdHash> child_slot_;  // PushChildren's scratch
  std::vector<std::uint64_t> scratch_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> children_;  // (child, set) of the Branch calls under way
};

}  // namespace

Result<std::vector<RawRegion>> BuildRegions(const DiffDiagram& diagram, const DiffSpace& space,
                                            const std::vector<JointLevel>& levels, std::size_t max_regions) {
  SetPool pool;
  Regions regions(levels.size());
  try {
    RegionBuilder builder(diagram, space, levels, max_regions, pool);
    const Stretch root = builder.Of(diagram.root());
    regions.Reserve(root.size());
    for (std::size_t i = root.begin; i < root.end; ++i) {
      regions.Append(builder.table().transition(i), builder.table().sets(i));
    }
  } catch (const LimitExceeded&) {
    return Error::Message("the diff has more than " + std::to_string(max_regions) +
                              " regions before merging (DiffOptions::max_regions)",
                          "limit", ErrorKind::kLimit);
  }
  MergeAll(regions, pool);
  std::vector<std::size_t> position_of(space.shared.size(), kNone);  // per shared dimension
  for (std::size_t p = 0; p < levels.size(); ++p) position_of[levels[p].shared] = p;
  std::vector<RawRegion> out(regions.size());
  for (std::size_t i = 0; i < regions.size(); ++i) {
    out[i].transition = regions.transition(i);
    std::size_t total = 0;
    for (std::uint32_t set : regions.sets(i)) {
      for (std::uint64_t w : pool[set]) total += static_cast<std::size_t>(std::popcount(w));
    }
    out[i].values = ValueLists(space.shared.size(), total);
    for (std::size_t d = 0; d < space.shared.size(); ++d) {
      if (position_of[d] == kNone) continue;
      const auto words = pool[regions.sets(i)[position_of[d]]];
      for (std::size_t k = 0; k < words.size(); ++k) {
        for (std::uint64_t w = words[k]; w != 0; w &= w - 1) {
          out[i].values.Add(d, static_cast<std::uint32_t>(k * 64 + static_cast<std::size_t>(std::countr_zero(w))));
        }
      }
    }
  }
  return out;
}

}  // namespace clearance::analysis
