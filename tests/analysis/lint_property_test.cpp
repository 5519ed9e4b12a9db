// Lint's rule findings against brute force: on random policies (the YAML
// generator of the compiler's property test, fixed seeds), enumerate every
// query on every date interval with the interpreter, and compare which rules
// match, which are decisive and which change an effect when removed with
// what the graph-based analysis says, and with the diagnostics Lint emits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "compile/conflicts_graph.hpp"
#include "analysis/lint.hpp"
#include "api/policy_access.hpp"
#include "clearance/lint.hpp"
#include "compile/random_yaml.hpp"
#include "eval/domain.hpp"
#include "eval/interpreter.hpp"

namespace clearance::analysis {
namespace {

std::string Describe(const compile::testing::YamlFiles& files) {
  std::string out;
  for (const auto& [name, text] : files.files) out += "--- " + name + "\n" + text;
  return out;
}

struct BruteForce {
  std::vector<char> matches, decisive, changes;
  std::vector<char> effect_changes;  // changes, not counting strict conflicts
};

// docs/language.md taken literally, query by query: removing r changes a query's
// effect when §6 on its matching rules without r gives another effect or,
// under strict, a conflict.
BruteForce Enumerate(const resolve::ResolvedPolicy& policy) {
  const std::size_t n = policy.rules.size();
  BruteForce out{std::vector<char>(n), std::vector<char>(n), std::vector<char>(n), std::vector<char>(n)};
  eval::ForEachQuery(policy, eval::DateIntervals(policy, Date::TodayUtc()), [&](const Query& q) {
    const std::vector<std::uint32_t> matching = eval::MatchingRules(policy, q);
    const eval::Outcome outcome = eval::CombineMatches(policy, matching);
    for (std::uint32_t r : outcome.decisive) out.decisive[r] = 1;
    for (std::uint32_t r : matching) {
      out.matches[r] = 1;
      std::vector<std::uint32_t> rest;
      std::copy_if(matching.begin(), matching.end(), std::back_inserter(rest), [&](std::uint32_t x) { return x != r; });
      const eval::Outcome reduced = eval::CombineMatches(policy, rest);
      if (reduced.effect != outcome.effect || reduced.conflict) out.changes[r] = 1;
      if (reduced.effect != outcome.effect) out.effect_changes[r] = 1;
    }
    return true;
  });
  return out;
}

std::set<std::string> ExpectedCodes(const BruteForce& bf, std::uint32_t r) {
  if (!bf.matches[r]) return {"never-matches"};
  std::set<std::string> out;
  if (!bf.decisive[r]) out.insert("never-decisive");
  if (!bf.changes[r]) out.insert("redundant");
  return out;
}

// The never-decisive witness really matches the rule, and the rule is not
// decisive there.
void CheckWitness(const resolve::ResolvedPolicy& policy, const compile::DecisionGraph& graph, std::uint32_t rule,
                  const RuleUsage& usage) {
  const Query q = WitnessQuery(graph, usage.first_match);
  const std::vector<std::uint32_t> matching = eval::MatchingRules(policy, q);
  REQUIRE(std::binary_search(matching.begin(), matching.end(), rule));
  const eval::Outcome outcome = eval::CombineMatches(policy, matching);
  CHECK(std::find(outcome.decisive.begin(), outcome.decisive.end(), rule) == outcome.decisive.end());
}

struct Tally {
  int checked = 0, strict = 0, never_matches = 0, never_decisive = 0, redundant = 0;
  int kept_for_strict = 0;  // removal keeps the effect but makes a strict conflict
};

// Loads the policy (false: strict and rejected for a conflict) and compares
// lint with brute force on it.
bool CheckPolicy(const compile::testing::YamlFiles& files, Tally& tally) {
  INFO(Describe(files));
  LoadOptions options;
  options.resolver = MakeMemoryResolver(files.files);
  auto policy = LoadPolicy(files.root, options);
  if (!policy && policy.error().diagnostics().at(0).code == "conflict") return false;
  if (!policy) FAIL(policy.error().ToString());
  const resolve::ResolvedPolicy& resolved = internal::DataOf(*policy).resolved;
  auto graph = compile::Compile(resolved);
  REQUIRE(graph.ok());
  const BruteForce bf = Enumerate(resolved);
  const std::vector<RuleUsage> usage = ComputeRuleUsage(resolved, *graph);
  std::vector<std::set<std::string>> codes(resolved.rules.size());
  for (const Diagnostic& d : Lint(*policy, {.as_of = Date::Min()})) {
    if (!d.rule.empty()) codes[resolved.rule_index.at(d.rule)].insert(d.code);
  }
  for (std::uint32_t r = 0; r < resolved.rules.size(); ++r) {
    CAPTURE(resolved.rules[r].info.id);
    REQUIRE(usage[r].matches() == static_cast<bool>(bf.matches[r]));
    REQUIRE(usage[r].decisive() == static_cast<bool>(bf.decisive[r]));
    if (bf.matches[r]) REQUIRE(usage[r].changes_effect == static_cast<bool>(bf.changes[r]));
    REQUIRE(codes[r] == ExpectedCodes(bf, r));
    if (bf.matches[r] && !bf.decisive[r]) CheckWitness(resolved, *graph, r, usage[r]);
    tally.never_matches += !bf.matches[r];
    tally.never_decisive += bf.matches[r] && !bf.decisive[r];
    tally.redundant += bf.matches[r] && !bf.changes[r];
    tally.kept_for_strict += bf.changes[r] && !bf.effect_changes[r];
  }
  tally.strict += resolved.combine == Combine::kStrict;
  ++tally.checked;
  return true;
}

// Every file's `combine:` set to strict (only root layers set it).
compile::testing::YamlFiles MadeStrict(compile::testing::YamlFiles files) {
  static const std::regex combine("combine: [a-z-]+");
  for (auto& [name, text] : files.files) text = std::regex_replace(text, combine, "combine: strict");
  files.strict = true;
  return files;
}

TEST_CASE("lint's rule findings agree with brute-force enumeration on random policies", "[lint][property]") {
  Tally tally;
  for (std::uint32_t seed = 1; seed <= 400; ++seed) {
    CAPTURE(seed);
    const compile::testing::YamlFiles files = compile::testing::RandomYaml(seed).Make();
    CheckPolicy(files, tally);
    // The same policy under strict, when it has no conflict: strict is where
    // a removal may keep the effect and still change the policy.
    if (!files.strict) CheckPolicy(MadeStrict(files), tally);
  }
  // The generator must reach every finding for the comparison to mean much.
  CHECK(tally.checked > 400);
  CHECK(tally.strict > 80);
  CHECK(tally.never_matches > 100);
  CHECK(tally.never_decisive > 100);
  CHECK(tally.redundant > 100);
  CHECK(tally.kept_for_strict > 0);  // rare in random policies; pinned in lint_test.cpp too
}

}  // namespace
}  // namespace clearance::analysis
