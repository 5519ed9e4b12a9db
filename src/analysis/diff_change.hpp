// What makes a compared query "changed" under each `--by` (docs/cli.md "Diff
// regions"), decided on the two terminals a query reaches, plus the outcomes
// and obligations a terminal's decisive rules return. Terminals are compared
// through interned per-terminal keys, computed once each.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/diff_touched.hpp"
#include "base/flat_map.hpp"
#include "clearance/diff.hpp"
#include "compile/decision_graph.hpp"

namespace clearance::analysis {

// The outcomes and obligations of `decisive` (policy order), each once,
// first occurrence first (docs/language.md "Order").
struct Returned {
  std::vector<std::string> outcomes;
  std::vector<std::string> obligations;
};
Returned ReturnedBy(const resolve::ResolvedPolicy& policy, const std::vector<std::uint32_t>& decisive);

// Whether a rule of both sides says the same thing when it decides: the
// same because, cite, outcome, obligations and tags.
bool SameJustification(const RuleInfo& a, const RuleInfo& b);

class ChangeTest {
 public:
  ChangeTest(DiffBy by, const resolve::ResolvedPolicy& old_policy, const resolve::ResolvedPolicy& new_policy,
             const RuleMatch& rules, const compile::DecisionGraph& old_graph,
             const compile::DecisionGraph& new_graph);

  bool Changed(std::uint32_t old_terminal, std::uint32_t new_terminal);

 private:
  bool SameDecisive(const std::vector<std::uint32_t>& old_rules,
                    const std::vector<std::uint32_t>& new_rules) const;
  struct IdHash {
    std::size_t operator()(std::uint32_t key) const { return key; }
  };
  using TerminalMap = FlatMap<std::uint32_t, std::uint32_t, IdHash>;

  std::uint32_t ReturnedKey(TerminalMap& cache, std::uint32_t terminal,
                            const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph);

  DiffBy by_;
  const resolve::ResolvedPolicy& old_policy_;
  const resolve::ResolvedPolicy& new_policy_;
  const RuleMatch& rules_;
  const compile::DecisionGraph& old_graph_;
  const compile::DecisionGraph& new_graph_;
  std::vector<bool> same_justification_;     // per old rule
  // Per terminal met: the key of its sorted outcomes and obligations.
  TerminalMap old_returned_{kNone};
  TerminalMap new_returned_{kNone};
  std::map<std::pair<std::vector<std::string>, std::vector<std::string>>, std::uint32_t> returned_index_;
};

}  // namespace clearance::analysis
