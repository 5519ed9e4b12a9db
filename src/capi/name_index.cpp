#include "capi/name_index.hpp"

namespace clearance::capi {
namespace {

// FNV-1a: names are short, so a byte loop beats std::hash's block hashing.
std::uint64_t Hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);
}

}  // namespace

NameTable::NameTable(const std::vector<std::string>& names) : names_(&names) {
  std::size_t size = 8;
  while (size < names.size() * 2) size *= 2;
  slots_.assign(size, 0);
  mask_ = size - 1;
  for (std::uint32_t id = 0; id < names.size(); ++id) {
    std::size_t slot = Hash(names[id]) & mask_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask_;
    slots_[slot] = id + 1;
  }
}

std::optional<std::uint32_t> NameTable::Find(std::string_view name) const {
  for (std::size_t slot = Hash(name) & mask_;; slot = (slot + 1) & mask_) {
    const std::uint32_t entry = slots_[slot];
    if (entry == 0) return std::nullopt;
    if ((*names_)[entry - 1] == name) return entry - 1;
  }
}

NameIndex::NameIndex(const Policy& policy) {
  for (const DimensionInfo& d : policy.dimensions()) dimension_names_.push_back(d.name);
  dimensions_ = NameTable(dimension_names_);
  for (const DimensionInfo& d : policy.dimensions()) values_.emplace_back(d.values);
}

}  // namespace clearance::capi
