// Lint on a resolved policy and its decision graph (docs/language.md "Lint").
// The public entry points are in include/clearance/lint.hpp; this is the
// analysis they run, kept apart so that tests can hand it any policy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compile/decision_graph.hpp"
#include "resolve/resolved_policy.hpp"

namespace clearance::analysis {

// One warning before it is placed in a file. Codes are those of docs/cli.md.
struct LintFinding {
  Mark mark;
  std::string code;
  std::string message;
  std::string rule;  // the subjects, for the JSON output
  std::string group;
  std::string dimension;
};

// What the graph says about each rule, over every query and every date.
struct RuleUsage {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t first_match = kNone;     // the first terminal whose matching set holds the rule
  std::uint32_t first_decisive = kNone;  // the first terminal where it is decisive
  bool changes_effect = false;  // removing it changes the effect somewhere (or, under strict, makes a conflict)
  bool matches_alone = false;   // some terminal matches it and nothing else
  bool matches_with_others = false;

  bool matches() const { return first_match != kNone; }
  bool decisive() const { return first_decisive != kNone; }
};

// One pass over the terminals (every terminal is reachable, and they are
// exactly the distinct sets of rules matching together on some date).
std::vector<RuleUsage> ComputeRuleUsage(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph);

// never-matches, never-decisive, redundant.
void LintRules(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph,
               std::vector<LintFinding>& out);
// expired: `expires` on or before as_of.
void LintDates(const resolve::ResolvedPolicy& policy, Date as_of, std::vector<LintFinding>& out);
// empty-group, unused.
void LintGroups(const resolve::ResolvedPolicy& policy, std::vector<LintFinding>& out);

// Every finding as a warning, located through `sources`, sorted by file
// (load order), line, column and code (docs/cli.md table order).
std::vector<Diagnostic> ToDiagnostics(std::vector<LintFinding> findings, const SourceTable& sources);

// All of the above.
std::vector<Diagnostic> LintResolved(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph,
                                     const SourceTable& sources, Date as_of);

}  // namespace clearance::analysis
