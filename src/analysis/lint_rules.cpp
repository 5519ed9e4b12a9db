// The rule findings of lint, read off the decision graph's terminals. A
// terminal's matching set S is exactly the set of rules matching some query
// on some date, and every terminal is reachable, so:
// - r never matches      iff no terminal's S holds r;
// - r is never decisive  iff r matches but no terminal's outcome has r decisive;
// - r is redundant       iff for every S holding r, §6 on S \ {r} gives the
//   same effect (S \ {r} empty: the default) and, under strict, no conflict.
#include <algorithm>

#include "compile/conflicts_graph.hpp"
#include "analysis/lint.hpp"

namespace clearance::analysis {
namespace {

bool OverridesAnyOf(const resolve::Rule& rule, std::span<const std::uint32_t> matching) {
  return std::any_of(rule.info.overrides.begin(), rule.info.overrides.end(), [&](std::uint32_t target) {
    return std::binary_search(matching.begin(), matching.end(), target);
  });
}

// Whether §6 gives the same effect on `matching` without `rule`, and no
// strict conflict.
bool RemovalKeepsEffect(const resolve::ResolvedPolicy& policy, std::span<const std::uint32_t> matching,
                        const eval::Outcome& outcome, std::uint32_t rule) {
  // A rule that beats none of the others only leaves the effective set; the
  // effect stands unless it was the one rule deciding it. This shortcut
  // keeps lint linear in the terminals on large policies.
  const bool sole_decisive = outcome.decisive.size() == 1 && outcome.decisive.front() == rule;
  if (!sole_decisive && !OverridesAnyOf(policy.rules[rule], matching)) return true;
  std::vector<std::uint32_t> rest;
  rest.reserve(matching.size());
  for (std::uint32_t r : matching) {
    if (r != rule) rest.push_back(r);
  }
  const eval::Outcome reduced = eval::CombineMatches(policy, rest);
  return reduced.effect == outcome.effect && !reduced.conflict;
}

std::string Quoted(const resolve::ResolvedPolicy& policy, std::span<const std::uint32_t> rules) {
  std::string out;
  for (std::uint32_t r : rules) out += (out.empty() ? "'" : ", '") + policy.rules[r].info.id + "'";
  return out;
}

// Why a rule that matches is never decisive: one query where it matches,
// and the rules that beat it there.
std::string NeverDecisiveMessage(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph,
                                 std::uint32_t rule, std::uint32_t terminal) {
  const compile::Terminal& t = graph.terminal(terminal);
  const Query witness = WitnessQuery(graph, terminal);
  std::string out = "rule '" + policy.rules[rule].info.id +
                    "' is never decisive: it matches some queries but is always overridden or outvoted; e.g. for " +
                    DescribeWitness(policy, graph, witness);
  const auto& overridden = t.outcome.overridden;
  if (std::binary_search(overridden.begin(), overridden.end(), rule)) {
    return out + ": overridden by " + Quoted(policy, eval::OverriddenBy(policy, rule, t.matching));
  }
  return out + ": outvoted by " + Quoted(policy, t.outcome.decisive) + " (" +
         std::string(ToString(policy.combine)) + ")";
}

std::string RedundantMessage(const resolve::ResolvedPolicy& policy, std::uint32_t rule, const RuleUsage& usage) {
  std::string same = "the other matching rules give";
  if (!usage.matches_with_others) same = "the default gives";
  if (usage.matches_alone && usage.matches_with_others) same = "the other matching rules or the default give";
  return "rule '" + policy.rules[rule].info.id +
         "' is redundant: removing it changes no query's effect on any date (wherever it matches, " + same +
         " the same effect)";
}

LintFinding RuleFinding(const resolve::Rule& rule, std::string code, std::string message) {
  LintFinding f;
  f.mark = rule.mark;
  f.code = std::move(code);
  f.message = std::move(message);
  f.rule = rule.info.id;
  return f;
}

}  // namespace

std::vector<RuleUsage> ComputeRuleUsage(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph) {
  std::vector<RuleUsage> usage(policy.rules.size());
  for (std::uint32_t t = 0; t < graph.terminal_count(); ++t) {
    const compile::Terminal& terminal = graph.terminal(t);
    for (std::uint32_t r : terminal.outcome.decisive) {
      if (!usage[r].decisive()) usage[r].first_decisive = t;
    }
    for (std::uint32_t r : terminal.matching) {
      RuleUsage& u = usage[r];
      if (!u.matches()) u.first_match = t;
      (terminal.matching.size() == 1 ? u.matches_alone : u.matches_with_others) = true;
      if (!u.changes_effect) u.changes_effect = !RemovalKeepsEffect(policy, terminal.matching, terminal.outcome, r);
    }
  }
  return usage;
}

void LintRules(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph,
               std::vector<LintFinding>& out) {
  const std::vector<RuleUsage> usage = ComputeRuleUsage(policy, graph);
  for (std::uint32_t r = 0; r < policy.rules.size(); ++r) {
    const resolve::Rule& rule = policy.rules[r];
    const RuleUsage& u = usage[r];
    if (!u.matches()) {
      // A condition does not depend on the date and the active period is
      // never empty, so this is a condition that holds for no query.
      out.push_back(RuleFinding(rule, "never-matches",
                                "rule '" + rule.info.id + "' never matches: no query on any date satisfies its "
                                "condition while it is active"));
      continue;
    }
    if (!u.decisive()) {
      out.push_back(RuleFinding(rule, "never-decisive", NeverDecisiveMessage(policy, graph, r, u.first_match)));
    }
    if (!u.changes_effect) out.push_back(RuleFinding(rule, "redundant", RedundantMessage(policy, r, u)));
  }
}

}  // namespace clearance::analysis
