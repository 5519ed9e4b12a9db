// The names of a policy's dimensions and values, for the C fast path: C
// callers pass names with every query, so resolving them is most of the cost
// of clearance_decide. Flat open-addressing tables with a cheap hash, built
// once when the C handle is made and read-only afterwards (safe to share
// between threads). They point into the policy, which must outlive them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clearance/policy.hpp"

namespace clearance::capi {

class NameTable {
 public:
  NameTable() = default;
  // `names` must outlive the table; their positions are the ids found.
  explicit NameTable(const std::vector<std::string>& names);
  std::optional<std::uint32_t> Find(std::string_view name) const;

 private:
  const std::vector<std::string>* names_ = nullptr;
  std::vector<std::uint32_t> slots_;  // id + 1; 0 = empty
  std::size_t mask_ = 0;
};

class NameIndex {
 public:
  explicit NameIndex(const Policy& policy);
  // Its tables point at its own members: it stays where it was built.
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;
  std::optional<std::uint32_t> Dimension(std::string_view name) const { return dimensions_.Find(name); }
  std::optional<std::uint32_t> Value(std::size_t dimension, std::string_view name) const {
    return values_[dimension].Find(name);
  }

 private:
  std::vector<std::string> dimension_names_;
  NameTable dimensions_;
  std::vector<NameTable> values_;
};

}  // namespace clearance::capi
