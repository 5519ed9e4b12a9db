// Regions are built and merged over interned value sets: a set is a number
// into a pool where equal sets have one number, so copying a region copies
// a few integers, and "equal but at one position" is a hash lookup over
// those integers instead of comparisons of bitsets in an ordered map.
#include "analysis/diff_regions.hpp"
#include "base/flat_map.hpp"
#include "base/hash.hpp"
#include "base/limit.hpp"

#include <algorithm>
#include <span>

namespace clearance::analysis {

namespace {

using resolve::ValueSet;

// Value sets by number; equal sets get one number.
class SetPool {
 public:
  SetPool() : index_(kNone, Hash{this}, Eq{this}, 64) {}
  SetPool(const SetPool&) = delete;
  SetPool& operator=(const SetPool&) = delete;

  std::uint32_t Intern(ValueSet set) {
    const auto id = static_cast<std::uint32_t>(sets_.size());
    sets_.push_back(std::move(set));
    const auto [slot, inserted] = index_.try_emplace(id, 0);
    if (!inserted) sets_.pop_back();
    return slot->key;
  }
  std::uint32_t Union(std::uint32_t a, std::uint32_t b) { return a == b ? a : Intern(sets_[a] | sets_[b]); }
  const ValueSet& operator[](std::uint32_t id) const { return sets_[id]; }

 private:
  struct Hash {
    const SetPool* pool;
    std::size_t operator()(std::uint32_t id) const { return boost::hash_value(pool->sets_[id]); }
  };
  struct Eq {
    const SetPool* pool;
    bool operator()(std::uint32_t a, std::uint32_t b) const { return pool->sets_[a] == pool->sets_[b]; }
  };
  std::vector<ValueSet> sets_;
  FlatMap<std::uint32_t, char, Hash, Eq> index_;
};

// Regions as the rows of a table: a transition and one set number per
// position each, all in two arrays, so that copying a region allocates
// nothing.
class Regions {
 public:
  explicit Regions(std::size_t positions) : positions_(positions) {}

  std::size_t size() const { return transitions_.size(); }
  std::size_t positions() const { return positions_; }
  std::uint32_t transition(std::size_t i) const { return transitions_[i]; }
  std::span<const std::uint32_t> sets(std::size_t i) const { return {sets_.data() + i * positions_, positions_}; }
  std::uint32_t& set(std::size_t i, std::size_t p) { return sets_[i * positions_ + p]; }

  void Append(std::uint32_t transition, std::span<const std::uint32_t> sets) {
    transitions_.push_back(transition);
    sets_.insert(sets_.end(), sets.begin(), sets.end());
  }
  void Append(const Regions& from, std::size_t i) { Append(from.transition(i), from.sets(i)); }
  // Drops the rows marked gone, keeping the order of the others.
  void Keep(const std::vector<bool>& gone) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < size(); ++i) {
      if (gone[i]) continue;
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

// Merges regions equal but at position p into the first of them, which
// takes the union and keeps its place.
bool MergeAt(Regions& regions, std::size_t p, SetPool& pool) {
  if (regions.size() < 2) return false;
  FlatMap<std::uint32_t, char, AllButHash, AllButEq> first(kNone, AllButHash{&regions, p}, AllButEq{&regions, p},
                                                             regions.size());
  std::vector<bool> gone(regions.size(), false);
  bool merged = false;
  for (std::uint32_t i = 0; i < regions.size(); ++i) {
    const auto [slot, inserted] = first.try_emplace(i, 0);
    if (inserted) continue;
    std::uint32_t& into = regions.set(slot->key, p);
    into = pool.Union(into, regions.set(i, p));
    gone[i] = merged = true;
  }
  if (merged) regions.Keep(gone);
  return merged;
}

// To a fixpoint, as MergeAt at every position in turn.
void MergeAll(Regions& regions, SetPool& pool) {
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t p = 0; p < regions.positions(); ++p) merged = MergeAt(regions, p, pool) || merged;
  }
}

class RegionBuilder {
 public:
  RegionBuilder(const DiffDiagram& diagram, const DiffSpace& space, const std::vector<JointLevel>& levels,
                std::size_t max_regions, SetPool& pool)
      : diagram_(diagram), max_regions_(max_regions), pool_(pool) {
    for (const JointLevel& level : levels) {
      const std::size_t values = space.shared[level.shared].size();
      ValueSet full(values);
      full.set();
      full_.push_back(pool_.Intern(std::move(full)));
      sizes_.push_back(values);
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
    below_.assign(diagram.node_count(), Regions(levels.size()));
    leaves_.assign(diagram.transitions().size(), Regions(levels.size()));
  }

  // The regions below `ref`: sets at positions above it are full.
  const Regions& Of(std::uint32_t ref) {
    if (DiffDiagram::IsLeaf(ref)) {
      Regions& leaf = leaves_[DiffDiagram::TransitionOf(ref)];
      if (ref != DiffDiagram::kUnchanged && leaf.size() == 0) {
        leaf.Append(DiffDiagram::TransitionOf(ref), full_);
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

  Regions Branch(std::uint32_t node) {
    const std::uint32_t p = diagram_.position(node);
    // The classes leading to each distinct child, children in order of
    // their first class.
    std::vector<std::pair<std::uint32_t, ValueSet>> children;
    for (const DiffDiagram::Edge& e : diagram_.edges(node)) {
      auto it = std::find_if(children.begin(), children.end(), [&](const auto& c) { return c.first == e.child; });
      if (it == children.end()) it = children.insert(children.end(), {e.child, ValueSet(sizes_[p])});
      const Members& m = members_[p];
      for (std::uint32_t i = m.start[e.cls]; i < m.start[e.cls + 1]; ++i) it->second.set(m.values[i]);
    }
    Regions out(full_.size());
    for (auto& [child, values] : children) {
      const std::uint32_t set = pool_.Intern(std::move(values));
      const Regions& below = Of(child);
      for (std::size_t i = 0; i < below.size(); ++i) {
        out.Append(below, i);
        out.set(out.size() - 1, p) = set;
      }
    }
    MergeAt(out, p, pool_);
    return out;
  }

  const DiffDiagram& diagram_;
  std::size_t max_regions_;
  SetPool& pool_;
  std::size_t produced_ = 0;
  struct Members {
    std::vector<std::uint32_t> start;   // per joint class, into values
    std::vector<std::uint32_t> values;  // compared values, by joint class
  };
  std::vector<std::uint32_t> full_;  // per position: the set of every compared value
  std::vector<std::size_t> sizes_;   // per position: compared values
  std::vector<Members> members_;     // per position
  std::vector<bool> done_;                  // per diagram node
  std::vector<Regions> below_;  // per diagram node, once done
  std::vector<Regions> leaves_;  // per transition
};

}  // namespace

Result<std::vector<RawRegion>> BuildRegions(const DiffDiagram& diagram, const DiffSpace& space,
                                            const std::vector<JointLevel>& levels, std::size_t max_regions) {
  SetPool pool;
  Regions regions(levels.size());
  try {
    regions = RegionBuilder(diagram, space, levels, max_regions, pool).Of(diagram.root());
  } catch (const LimitExceeded&) {
    return Error::Message("the diff has more than " + std::to_string(max_regions) +
                              " regions before merging (DiffOptions::max_regions)",
                          "limit", ErrorKind::kLimit);
  }
  MergeAll(regions, pool);
  std::vector<RawRegion> out(regions.size());
  for (std::size_t i = 0; i < regions.size(); ++i) {
    out[i].transition = regions.transition(i);
    out[i].sets.reserve(regions.positions());
    for (std::uint32_t set : regions.sets(i)) out[i].sets.push_back(pool[set]);
  }
  return out;
}

}  // namespace clearance::analysis
