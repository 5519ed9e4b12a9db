// Boolean multi-valued decision diagrams, the compiler's scratch form of one
// rule's "active and condition". Levels are the decision graph's levels;
// a node branches on the class (or interval) of its level.
//
// Nodes are stored sparsely, as a default child plus the classes whose child
// differs ("exceptions"), because a test such as `model == m` over a
// thousand models has one interesting child. The representation is
// canonical (the default is the most frequent child, ties to the smaller
// id), and nodes are hash-consed, so equal functions have equal ids.
//
// Not thread-safe; lives only during one Compile call.
#pragma once

#include <boost/dynamic_bitset.hpp>
#include <cstdint>
#include <span>
#include <vector>

#include "base/flat_map.hpp"

namespace clearance::compile {

class BoolMdd {
 public:
  static constexpr std::uint32_t kFalse = 0;
  static constexpr std::uint32_t kTrue = 1;

  struct Exception {
    std::uint32_t cls;
    std::uint32_t child;
  };

  explicit BoolMdd(std::vector<std::uint32_t> level_sizes);

  // The node whose child for class c of `level` is children[c].
  std::uint32_t Make(std::uint32_t level, std::span<const std::uint32_t> children);
  // The node that is kTrue exactly on `classes` (sorted, distinct) of `level`.
  std::uint32_t MakeTest(std::uint32_t level, std::span<const std::uint32_t> classes);
  // The same, with the classes as a bitset over the level.
  std::uint32_t MakeTest(std::uint32_t level, const boost::dynamic_bitset<>& classes);
  std::uint32_t And(std::uint32_t a, std::uint32_t b);
  std::uint32_t Or(std::uint32_t a, std::uint32_t b);
  std::uint32_t Not(std::uint32_t a);

  // Terminals sit below every level: level(kFalse) == level_count().
  std::uint32_t level(std::uint32_t node) const { return nodes_[node].level; }
  std::uint32_t default_child(std::uint32_t node) const { return nodes_[node].def; }
  std::span<const Exception> exceptions(std::uint32_t node) const {
    return {exceptions_.data() + nodes_[node].begin, nodes_[node].size};
  }
  std::uint32_t level_count() const { return static_cast<std::uint32_t>(level_sizes_.size()); }
  std::size_t node_count() const { return nodes_.size(); }
  std::size_t memory_bytes() const;

 private:
  struct Node {
    std::uint32_t level;
    std::uint32_t def;
    std::uint32_t begin;  // into exceptions_
    std::uint32_t size;
  };
  struct NodeHash {
    const BoolMdd* mdd;
    std::size_t operator()(std::uint32_t node) const;
  };
  struct NodeEq {
    const BoolMdd* mdd;
    bool operator()(std::uint32_t a, std::uint32_t b) const;
  };
  enum class Op : std::uint8_t { kAnd, kOr };

  struct IdHash {
    std::size_t operator()(std::uint64_t key) const { return static_cast<std::size_t>(key ^ (key >> 29)); }
  };
  using Memo = FlatMap<std::uint64_t, std::uint32_t, IdHash>;

  std::uint32_t Apply(Op op, std::uint32_t a, std::uint32_t b);
  // Canonical node from a candidate default and the classes differing from it.
  std::uint32_t MakeSparse(std::uint32_t level, std::uint32_t def, std::span<const Exception> exceptions);
  std::uint32_t Intern(std::uint32_t level, std::uint32_t def, std::span<const Exception> exceptions);

  std::vector<std::uint32_t> level_sizes_;
  std::vector<Node> nodes_;
  std::vector<Exception> exceptions_;
  FlatMap<std::uint32_t, char, NodeHash, NodeEq> unique_;
  Memo and_memo_;
  Memo or_memo_;
  Memo not_memo_;
  // Scratch space, so that no operation allocates: the exception lists
  // being built, one above the other as Apply and Not recurse, and
  // MakeSparse's and MakeTest's lists (they do not recurse).
  std::vector<Exception> stack_;
  std::vector<std::uint32_t> others_;
  std::vector<Exception> test_;
};

}  // namespace clearance::compile
