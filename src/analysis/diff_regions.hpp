// From the diff diagram to few, readable regions: each path to a changed
// leaf is a Cartesian product (the classes taken at each level, every value
// at the levels skipped); products that differ in one level only and share
// a transition are merged until no more can be.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/diff_walk.hpp"

namespace clearance::analysis {

// Per shared dimension, the compared values a region holds, ascending; all
// in one array (one allocation per region, not one per dimension): the
// dimension count, where each dimension's list ends, then the lists.
// Ordered like a vector of vectors holding the same lists.
class ValueLists {
 public:
  ValueLists() = default;
  // `lists` lists of `total` values in all, to be filled by Add.
  ValueLists(std::size_t lists, std::size_t total) {
    data_.reserve(1 + lists + total);
    data_.push_back(static_cast<std::uint32_t>(lists));
    data_.resize(1 + lists, 0);
  }
  // Appends to list d; lists are filled in order.
  void Add(std::size_t d, std::uint32_t value) {
    data_.push_back(value);
    for (std::size_t e = d; e < size(); ++e) data_[1 + e] = static_cast<std::uint32_t>(data_.size() - 1 - size());
  }
  std::size_t size() const { return data_.empty() ? 0 : data_[0]; }
  std::span<const std::uint32_t> operator[](std::size_t d) const {
    const std::uint32_t begin = d == 0 ? 0 : data_[d];
    return {data_.data() + 1 + size() + begin, data_[1 + d] - begin};
  }

  friend bool operator==(const ValueLists& a, const ValueLists& b) { return a.data_ == b.data_; }
  friend std::strong_ordering operator<=>(const ValueLists& a, const ValueLists& b) {
    for (std::size_t d = 0; d < a.size() && d < b.size(); ++d) {
      const auto x = a[d];
      const auto y = b[d];
      const auto order = std::lexicographical_compare_three_way(x.begin(), x.end(), y.begin(), y.end());
      if (order != 0) return order;
    }
    return a.size() <=> b.size();
  }

 private:
  std::vector<std::uint32_t> data_;
};

struct RawRegion {
  std::uint32_t transition = 0;  // index into DiffDiagram::transitions()
  ValueLists values;             // per shared dimension
};

// Disjoint regions whose union is the diagram's changed queries, merged:
// to a fixpoint, any two regions with the same transition whose sets differ
// at one position only become one. Deterministic: the first of two merged
// regions takes the union and keeps its place. Fails when more than
// max_regions would be produced before merging.
Result<std::vector<RawRegion>> BuildRegions(const DiffDiagram& diagram, const DiffSpace& space,
                                            const std::vector<JointLevel>& levels, std::size_t max_regions);

}  // namespace clearance::analysis
