// The two decision graphs walked together. The result is a diff diagram:
// a reduced diagram over the joint levels whose leaves are "unchanged" or a
// transition (old outcome, new outcome) of a changed query. The walk visits
// node triples (old node, new node, touched-set node), memoised, so equal
// sub-problems are solved once, and it never enters a part of the space the
// touched set excludes.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/diff_touched.hpp"
#include "clearance/diff.hpp"

namespace clearance::analysis {

class DiffDiagram {
 public:
  static constexpr std::uint32_t kLeafBit = 0x80000000u;
  static constexpr std::uint32_t kUnchanged = kLeafBit;  // the leaf of transition 0

  struct Edge {
    std::uint32_t cls;    // joint class of the node's level
    std::uint32_t child;  // never kUnchanged
  };
  // A transition names one old and one new terminal that show it; every
  // query of the transition has their effects and decisive rule ids.
  struct Transition {
    std::uint32_t old_terminal;
    std::uint32_t new_terminal;
  };

  static bool IsLeaf(std::uint32_t ref) { return (ref & kLeafBit) != 0; }
  static std::uint32_t TransitionOf(std::uint32_t ref) { return ref & ~kLeafBit; }

  std::uint32_t root() const { return root_; }
  std::uint32_t position(std::uint32_t node) const { return nodes_[node].position; }
  // Only the classes whose child is not kUnchanged, by class.
  std::span<const Edge> edges(std::uint32_t node) const {
    return {edges_.data() + nodes_[node].begin, nodes_[node].size};
  }
  // Index 0 is "unchanged" and has no terminals.
  const std::vector<Transition>& transitions() const { return transitions_; }
  std::size_t node_count() const { return nodes_.size(); }
  std::size_t steps() const { return steps_; }

 private:
  friend class Walker;
  struct Node {
    std::uint32_t position;
    std::uint32_t begin;  // into edges_
    std::uint32_t size;
  };
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<Transition> transitions_{{0, 0}};
  std::uint32_t root_ = kUnchanged;
  std::size_t steps_ = 0;
};

struct WalkInput {
  const DiffInputs* in = nullptr;
  const RuleMatch* rules = nullptr;
  const compile::DecisionGraph* old_graph = nullptr;
  const compile::DecisionGraph* new_graph = nullptr;
  const compile::BoolMdd* touched = nullptr;
  std::uint32_t touched_root = compile::BoolMdd::kTrue;
  DiffBy by = DiffBy::kEffect;
  std::size_t max_steps = 0;
};

// Fails only when more than max_steps child visits would be needed.
Result<DiffDiagram> WalkGraphs(const WalkInput& input);

}  // namespace clearance::analysis
