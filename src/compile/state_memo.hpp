// The compiler's memo from a state (a sorted list of 64-bit words) to the
// diagram reference built for it. Keys live in one arena and the table is
// open-addressed, so memoising a state costs no allocation of its own and
// freeing the memo is two deallocations: the compiler memoises hundreds of
// thousands of small states.
#pragma once

#include <boost/container_hash/hash.hpp>
#include <cstdint>
#include <span>
#include <vector>

namespace clearance::compile {

class StateMemo {
 public:
  static constexpr std::uint32_t kMissing = UINT32_MAX;

  // The table indexes by the low bits, so the high ones are folded in.
  static std::uint64_t Hash(std::span<const std::uint64_t> state) {
    const std::uint64_t h = boost::hash_range(state.begin(), state.end());
    return h ^ (h >> 31);
  }

  std::uint32_t Find(std::span<const std::uint64_t> state, std::uint64_t hash) const {
    if (slots_.empty()) return kMissing;
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.offset == kEmpty) return kMissing;
      if (s.hash == hash && Equal(s, state)) return s.ref;
    }
  }

  // `state` must not be present.
  void Insert(std::span<const std::uint64_t> state, std::uint64_t hash, std::uint32_t ref) {
    if (2 * (used_ + 1) > slots_.size()) Grow();
    Slot slot{hash, static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(state.size()), ref};
    keys_.insert(keys_.end(), state.begin(), state.end());
    Place(slot);
    ++used_;
  }

  std::size_t memory_bytes() const {
    return slots_.capacity() * sizeof(Slot) + keys_.capacity() * sizeof(std::uint64_t);
  }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = kEmpty;  // into keys_
    std::uint32_t size = 0;
    std::uint32_t ref = 0;
  };

  bool Equal(const Slot& s, std::span<const std::uint64_t> state) const {
    if (s.size != state.size()) return false;
    const std::uint64_t* key = keys_.data() + s.offset;
    for (std::size_t i = 0; i < state.size(); ++i) {
      if (key[i] != state[i]) return false;
    }
    return true;
  }

  void Place(const Slot& slot) {
    std::size_t i = slot.hash & mask_;
    while (slots_[i].offset != kEmpty) i = (i + 1) & mask_;
    slots_[i] = slot;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.offset != kEmpty) Place(s);
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::uint64_t> keys_;
  std::size_t mask_ = 0;
  std::size_t used_ = 0;
};

}  // namespace clearance::compile
