// Where two policies can differ at all: the queries matched by some rule
// that is not the same on both sides. A query outside this set matches the
// same rules (by id) in both policies, with the same effects and overrides
// among them, so its effect and decisive rules are the same too. The diff
// walk prunes everything outside it, which keeps a diff of two large, nearly
// equal policies proportional to what changed instead of to the policies.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/diff_space.hpp"
#include "clearance/diff.hpp"
#include "compile/bool_mdd.hpp"

namespace clearance::analysis {

// What the walk and the touched set are computed from.
struct DiffInputs {
  const resolve::ResolvedPolicy* old_policy = nullptr;
  const resolve::ResolvedPolicy* new_policy = nullptr;
  const DiffSpace* space = nullptr;
  const std::vector<JointLevel>* levels = nullptr;
  Date old_date;
  Date new_date;
  DiffBy by = DiffBy::kOutcome;
};

// Rules of the two sides matched by id.
struct RuleMatch {
  std::vector<std::uint32_t> new_of_old;  // per old rule: the new rule with its id, or kNone
  std::vector<std::uint32_t> old_of_new;
  // Old rules without a new rule of the same content (resolve::SameContent),
  // and new rules without an old rule of their id, each in policy order:
  // on one date, the only rules that can make a query's decision differ.
  std::vector<std::uint32_t> old_differing;
  std::vector<std::uint32_t> new_only;
  // A number per rule id across both sides: old rules keep their index,
  // new-only rules follow them.
  std::uint32_t GlobalOfNew(std::uint32_t rule) const {
    return old_of_new[rule] != kNone ? old_of_new[rule]
                                     : static_cast<std::uint32_t>(new_of_old.size()) + rule;
  }
};

RuleMatch MatchRules(const resolve::ResolvedPolicy& old_policy, const resolve::ResolvedPolicy& new_policy);

// A boolean diagram over the joint levels (level p = levels[p], classes =
// joint classes) holding every query that may have changed: a superset of
// the changed queries, usually a small one. kTrue when the defaults or the
// combining modes differ.
std::uint32_t TouchedQueries(const DiffInputs& in, const RuleMatch& rules, compile::BoolMdd& mdd);

// The level sizes for a BoolMdd over `levels`.
std::vector<std::uint32_t> JointLevelSizes(const std::vector<JointLevel>& levels);

}  // namespace clearance::analysis
