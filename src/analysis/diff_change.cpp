#include "analysis/diff_change.hpp"

#include <algorithm>

namespace clearance::analysis {

namespace {

void AddOnce(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

}  // namespace

Returned ReturnedBy(const resolve::ResolvedPolicy& policy, const std::vector<std::uint32_t>& decisive) {
  Returned out;
  for (std::uint32_t r : decisive) {
    const RuleInfo& info = policy.rules[r].info;
    if (!info.outcome.empty()) AddOnce(out.outcomes, info.outcome);
    for (const std::string& o : info.obligations) AddOnce(out.obligations, o);
  }
  return out;
}

bool SameJustification(const RuleInfo& a, const RuleInfo& b) {
  return a.because == b.because && a.cite == b.cite && a.outcome == b.outcome &&
         a.obligations == b.obligations && a.tags == b.tags;
}

ChangeTest::ChangeTest(DiffBy by, const resolve::ResolvedPolicy& old_policy,
                       const resolve::ResolvedPolicy& new_policy, const RuleMatch& rules,
                       const compile::DecisionGraph& old_graph, const compile::DecisionGraph& new_graph)
    : by_(by),
      old_policy_(old_policy),
      new_policy_(new_policy),
      rules_(rules),
      old_graph_(old_graph),
      new_graph_(new_graph) {
  // A rule of the same content on both sides has the same justification.
  same_justification_.assign(old_policy.rules.size(), true);
  for (std::uint32_t r : rules.old_differing) {
    const std::uint32_t n = rules.new_of_old[r];
    same_justification_[r] =
        n != kNone && SameJustification(old_policy.rules[r].info, new_policy.rules[n].info);
  }
}

bool ChangeTest::Changed(std::uint32_t old_terminal, std::uint32_t new_terminal) {
  const eval::Outcome& before = old_graph_.terminal(old_terminal).outcome;
  const eval::Outcome& after = new_graph_.terminal(new_terminal).outcome;
  if (before.effect != after.effect) return true;
  switch (by_) {
    case DiffBy::kEffect:
      return false;
    case DiffBy::kOutcome:
      return ReturnedKey(old_returned_, old_terminal, old_policy_, old_graph_) !=
             ReturnedKey(new_returned_, new_terminal, new_policy_, new_graph_);
    case DiffBy::kDecisive:
      if (!SameDecisive(before.decisive, after.decisive)) return true;
      return std::any_of(before.decisive.begin(), before.decisive.end(),
                         [&](std::uint32_t r) { return !same_justification_[r]; });
  }
  return true;
}

// The same rule ids, whatever the two policies' orders.
bool ChangeTest::SameDecisive(const std::vector<std::uint32_t>& old_rules,
                              const std::vector<std::uint32_t>& new_rules) const {
  if (old_rules.size() != new_rules.size()) return false;
  bool in_step = true;
  for (std::size_t i = 0; i < old_rules.size() && in_step; ++i) {
    in_step = old_rules[i] == rules_.GlobalOfNew(new_rules[i]);
  }
  if (in_step) return true;
  std::vector<std::uint32_t> a = old_rules;
  std::vector<std::uint32_t> b;
  for (std::uint32_t r : new_rules) b.push_back(rules_.GlobalOfNew(r));
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// The terminal's outcomes and obligations as sets (sorted), interned.
std::uint32_t ChangeTest::ReturnedKey(TerminalMap& cache, std::uint32_t terminal,
                                      const resolve::ResolvedPolicy& policy,
                                      const compile::DecisionGraph& graph) {
  if (const auto* slot = cache.find(terminal)) return slot->value;
  Returned r = ReturnedBy(policy, graph.terminal(terminal).outcome.decisive);
  std::sort(r.outcomes.begin(), r.outcomes.end());
  std::sort(r.obligations.begin(), r.obligations.end());
  const auto [it, inserted] = returned_index_.try_emplace({std::move(r.outcomes), std::move(r.obligations)},
                                                          static_cast<std::uint32_t>(returned_index_.size()));
  cache.try_emplace(terminal, it->second);
  return it->second;
}

}  // namespace clearance::analysis
