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

// A region with its sets as pool numbers, per position.
struct Region {
  std::uint32_t transition = 0;
  std::vector<std::uint32_t> sets;
};

// Regions equal in transition and in every set but the one at `skip`.
struct AllButHash {
  const std::vector<Region>* regions;
  std::size_t skip;
  std::size_t operator()(std::uint32_t i) const {
    const Region& r = (*regions)[i];
    std::size_t h = r.transition;
    for (std::size_t p = 0; p < r.sets.size(); ++p) {
      if (p != skip) h = HashCombine(h, r.sets[p]);
    }
    return h;
  }
};
struct AllButEq {
  const std::vector<Region>* regions;
  std::size_t skip;
  bool operator()(std::uint32_t a, std::uint32_t b) const {
    const Region& x = (*regions)[a];
    const Region& y = (*regions)[b];
    if (x.transition != y.transition) return false;
    for (std::size_t p = 0; p < x.sets.size(); ++p) {
      if (p != skip && x.sets[p] != y.sets[p]) return false;
    }
    return true;
  }
};

// Merges regions equal but at position p into the first of them, which
// takes the union and keeps its place.
bool MergeAt(std::vector<Region>& regions, std::size_t p, SetPool& pool) {
  FlatMap<std::uint32_t, char, AllButHash, AllButEq> first(kNone, AllButHash{&regions, p}, AllButEq{&regions, p},
                                                             regions.size());
  std::vector<bool> gone(regions.size(), false);
  bool merged = false;
  for (std::uint32_t i = 0; i < regions.size(); ++i) {
    const auto [slot, inserted] = first.try_emplace(i, 0);
    if (inserted) continue;
    std::uint32_t& into = regions[slot->key].sets[p];
    into = pool.Union(into, regions[i].sets[p]);
    gone[i] = merged = true;
  }
  if (!merged) return false;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    if (gone[i]) continue;
    if (kept != i) regions[kept] = std::move(regions[i]);  // never self-move: it empties a vector
    ++kept;
  }
  regions.resize(kept);
  return true;
}

// To a fixpoint, as MergeAt at every position in turn.
void MergeAll(std::vector<Region>& regions, SetPool& pool) {
  const std::size_t positions = regions.empty() ? 0 : regions.front().sets.size();
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t p = 0; p < positions; ++p) merged = MergeAt(regions, p, pool) || merged;
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
    below_.resize(diagram.node_count());
    leaves_.resize(diagram.transitions().size());
  }

  // The regions below `ref`: sets at positions above it are full.
  const std::vector<Region>& Of(std::uint32_t ref) {
    if (DiffDiagram::IsLeaf(ref)) {
      std::vector<Region>& leaf = leaves_[DiffDiagram::TransitionOf(ref)];
      if (ref != DiffDiagram::kUnchanged && leaf.empty()) {
        leaf.push_back({DiffDiagram::TransitionOf(ref), full_});
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

  std::vector<Region> Branch(std::uint32_t node) {
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
    std::vector<Region> out;
    for (auto& [child, values] : children) {
      const std::uint32_t set = pool_.Intern(std::move(values));
      for (const Region& below : Of(child)) {
        out.push_back(below);
        out.back().sets[p] = set;
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
  std::vector<std::vector<Region>> below_;  // per diagram node, once done
  std::vector<std::vector<Region>> leaves_;  // per transition
};

}  // namespace

Result<std::vector<RawRegion>> BuildRegions(const DiffDiagram& diagram, const DiffSpace& space,
                                            const std::vector<JointLevel>& levels, std::size_t max_regions) {
  SetPool pool;
  std::vector<Region> regions;
  try {
    regions = RegionBuilder(diagram, space, levels, max_regions, pool).Of(diagram.root());
  } catch (const LimitExceeded&) {
    return Error::Message("the diff has more than " + std::to_string(max_regions) +
                              " regions before merging (DiffOptions::max_regions)",
                          "limit", ErrorKind::kLimit);
  }
  MergeAll(regions, pool);
  std::vector<RawRegion> out;
  out.reserve(regions.size());
  for (const Region& r : regions) {
    RawRegion& raw = out.emplace_back();
    raw.transition = r.transition;
    for (std::uint32_t set : r.sets) raw.sets.push_back(pool[set]);
  }
  return out;
}

}  // namespace clearance::analysis
