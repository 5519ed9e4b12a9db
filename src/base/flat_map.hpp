// An insert-only hash map in one array (open addressing, linear probing),
// for the memo and unique tables of hot loops: the node-per-entry
// std::unordered_map spent more time in malloc and free than in hashing.
// One key value, `empty`, marks a free slot and is never inserted. The hash
// is spread over the table by a Fibonacci multiply, so a weak hash (node ids
// combined) is enough.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace clearance {

template <class Key, class Value, class Hash, class Eq = std::equal_to<Key>>
class FlatMap {
 public:
  struct Slot {
    Key key;
    Value value;
  };

  explicit FlatMap(Key empty, Hash hash = {}, Eq eq = {}, std::size_t capacity = 16)
      : empty_(empty), hash_(std::move(hash)), eq_(std::move(eq)) {
    std::size_t c = 16;
    while (c < 2 * capacity) c *= 2;
    Allocate(c);
  }

  // The slot holding `key`, or nullptr. Valid until the next insertion.
  Slot* find(const Key& key) {
    for (std::size_t i = Home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == empty_) return nullptr;
      if (eq_(s.key, key)) return &s;
    }
  }

  // The slot of `key` and whether it was inserted (with `value`) now.
  std::pair<Slot*, bool> try_emplace(const Key& key, const Value& value) {
    assert(!(key == empty_));
    if (2 * (size_ + 1) > slots_.size()) Grow();
    for (std::size_t i = Home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == empty_) {
        s = {key, value};
        ++size_;
        return {&s, true};
      }
      if (eq_(s.key, key)) return {&s, false};
    }
  }

  std::size_t size() const { return size_; }
  // Empties the map, keeping its table.
  void Clear() {
    if (size_ == 0) return;
    for (Slot& s : slots_) s.key = empty_;
    size_ = 0;
  }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  std::size_t Home(const Key& key) const {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(hash_(key)) * 0x9E3779B97F4A7C15ull) >>
                                    shift_);
  }
  void Allocate(std::size_t capacity) {
    slots_.assign(capacity, Slot{empty_, Value{}});
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c /= 2) --shift_;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    Allocate(old.size() * 2);
    for (const Slot& s : old) {
      if (s.key == empty_) continue;
      std::size_t i = Home(s.key);
      while (!(slots_[i].key == empty_)) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  Key empty_;
  Hash hash_;
  Eq eq_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace clearance
