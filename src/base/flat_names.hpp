// An open-addressing index from names to their positions in a list, for the
// hot path of resolving a query's strings: one cheap hash over the bytes,
// one probe into a flat array, one compare, no allocation and no node
// chasing (std::unordered_map costs several times more per name). The list
// itself is not kept: Find takes it, so the index can live beside it and be
// moved with it.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clearance {

class FlatNames {
 public:
  FlatNames() = default;
  explicit FlatNames(const std::vector<std::string>& names) {
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(4, names.size() * 2));
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (std::uint32_t i = 0; i < names.size(); ++i) {
      const std::uint64_t h = Hash(names[i]);
      std::size_t s = h & mask_;
      while (slots_[s].index != kEmpty) s = (s + 1) & mask_;
      slots_[s] = {static_cast<std::uint32_t>(h >> 32), i};
    }
  }

  // The position of `name` in `names` (the list this index was built from).
  std::optional<std::uint32_t> Find(const std::vector<std::string>& names, std::string_view name) const noexcept {
    if (slots_.empty()) return std::nullopt;
    const std::uint64_t h = Hash(name);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.index == kEmpty) return std::nullopt;
      if (slot.tag == tag && names[slot.index] == name) return slot.index;
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::uint32_t tag = 0;  // the hash's high half: most misses end without a compare
    std::uint32_t index = kEmpty;
  };

  // Names are short: up to 16 bytes take two (overlapping) 8-byte loads and
  // two multiplies; longer ones fold 8 bytes at a time.
  static std::uint64_t Hash(std::string_view s) noexcept {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t a = 0, b = 0;
    if (n >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
      for (std::size_t i = 8; i + 8 < n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        a = (a ^ w) * kMul;
        a ^= a >> 31;
      }
    } else if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      a = lo;
      b = hi;
    } else if (n > 0) {
      a = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
          static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    // Murmur3's finalizer: every input bit reaches every output bit.
    std::uint64_t h = ((a ^ n) * kMul) ^ b;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 33);
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace clearance
