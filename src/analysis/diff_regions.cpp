#include "analysis/diff_regions.hpp"
#include "base/limit.hpp"

#include <map>
#include <unordered_map>

namespace clearance::analysis {

namespace {

// Orders regions by transition and every set but the one at `skip`.
struct AllBut {
  const std::vector<RawRegion>* regions;
  std::size_t skip;
  bool operator()(std::size_t a, std::size_t b) const {
    const RawRegion& x = (*regions)[a];
    const RawRegion& y = (*regions)[b];
    if (x.transition != y.transition) return x.transition < y.transition;
    for (std::size_t p = 0; p < x.sets.size(); ++p) {
      if (p == skip || x.sets[p] == y.sets[p]) continue;
      return x.sets[p] < y.sets[p];
    }
    return false;
  }
};

// Merges regions equal but at position p into the first of them.
bool MergeAt(std::vector<RawRegion>& regions, std::size_t p) {
  std::map<std::size_t, std::size_t, AllBut> first(AllBut{&regions, p});
  std::vector<bool> gone(regions.size(), false);
  bool merged = false;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto [it, inserted] = first.try_emplace(i, i);
    if (inserted) continue;
    regions[it->second].sets[p] |= regions[i].sets[p];
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

class RegionBuilder {
 public:
  RegionBuilder(const DiffDiagram& diagram, const DiffSpace& space, const std::vector<JointLevel>& levels,
                std::size_t max_regions)
      : diagram_(diagram), max_regions_(max_regions) {
    for (const JointLevel& level : levels) {
      const std::size_t values = space.shared[level.shared].size();
      full_.emplace_back(values);
      full_.back().set();
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
  }

  // The regions below `ref`: sets at positions above it are full.
  const std::vector<RawRegion>& Of(std::uint32_t ref) {
    if (const auto it = memo_.find(ref); it != memo_.end()) return it->second;
    std::vector<RawRegion> out;
    if (DiffDiagram::IsLeaf(ref)) {
      if (ref != DiffDiagram::kUnchanged) out.push_back({DiffDiagram::TransitionOf(ref), full_});
    } else {
      out = Branch(ref);
    }
    produced_ += out.size();
    if (produced_ > max_regions_) throw LimitExceeded{};
    return memo_.emplace(ref, std::move(out)).first->second;
  }

 private:
  std::vector<RawRegion> Branch(std::uint32_t node) {
    const std::uint32_t p = diagram_.position(node);
    // The classes leading to each distinct child, children in order of
    // their first class.
    std::vector<std::uint32_t> children;
    std::unordered_map<std::uint32_t, resolve::ValueSet> values;
    for (const DiffDiagram::Edge& e : diagram_.edges(node)) {
      auto [it, inserted] = values.try_emplace(e.child, full_[p].size());
      if (inserted) children.push_back(e.child);
      const Members& m = members_[p];
      for (std::uint32_t i = m.start[e.cls]; i < m.start[e.cls + 1]; ++i) it->second.set(m.values[i]);
    }
    std::vector<RawRegion> out;
    for (std::uint32_t child : children) {
      for (const RawRegion& below : Of(child)) {
        out.push_back(below);
        out.back().sets[p] = values.at(child);
      }
    }
    MergeAt(out, p);
    return out;
  }

  const DiffDiagram& diagram_;
  std::size_t max_regions_;
  std::size_t produced_ = 0;
  struct Members {
    std::vector<std::uint32_t> start;   // per joint class, into values
    std::vector<std::uint32_t> values;  // compared values, by joint class
  };
  std::vector<resolve::ValueSet> full_;  // per position
  std::vector<Members> members_;         // per position
  std::unordered_map<std::uint32_t, std::vector<RawRegion>> memo_;
};

}  // namespace

Result<std::vector<RawRegion>> BuildRegions(const DiffDiagram& diagram, const DiffSpace& space,
                                            const std::vector<JointLevel>& levels, std::size_t max_regions) {
  try {
    std::vector<RawRegion> regions = RegionBuilder(diagram, space, levels, max_regions).Of(diagram.root());
    return regions;
  } catch (const LimitExceeded&) {
    return Error::Message("the diff has more than " + std::to_string(max_regions) +
                              " regions before merging (DiffOptions::max_regions)",
                          "limit", ErrorKind::kLimit);
  }
}

void MergeRegions(std::vector<RawRegion>& regions) {
  const std::size_t positions = regions.empty() ? 0 : regions.front().sets.size();
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t p = 0; p < positions; ++p) merged = MergeAt(regions, p) || merged;
  }
}

}  // namespace clearance::analysis
