// Strict conflicts on the decision graph (analysis/conflicts_graph.hpp)
// against FindConflictByEnumeration, on random policies made strict. The
// policies are resolved without the loader's strict check, so that the
// conflicting ones can be examined.
#include "compile/conflicts_graph.hpp"

#include <catch2/catch.hpp>

#include <regex>

#include "compile/random_yaml.hpp"
#include "eval/interpreter.hpp"
#include "load/loader.hpp"
#include "resolve/resolve.hpp"

namespace clearance::compile {
namespace {

// Every file's `combine:` set to strict (only root layers set it).
compile::testing::YamlFiles MadeStrict(compile::testing::YamlFiles files) {
  static const std::regex combine("combine: [a-z-]+");
  for (auto& [name, text] : files.files) text = std::regex_replace(text, combine, "combine: strict");
  return files;
}

std::optional<resolve::ResolvedPolicy> ResolveWithoutStrictCheck(const compile::testing::YamlFiles& files,
                                                                 SourceTable& sources) {
  auto resolver = MakeMemoryResolver(files.files);
  Diagnostics diagnostics(sources);
  const Limits limits;
  auto doc = load::LoadDocument(files.root, std::nullopt, *resolver, limits, sources, diagnostics);
  if (!doc || diagnostics.has_errors()) return std::nullopt;
  return resolve::Resolve(*doc, limits, diagnostics);
}

// The conflict's query really reaches a disagreement between its two rules.
void CheckConflict(const resolve::ResolvedPolicy& policy, const Conflict& c) {
  const eval::Outcome outcome = eval::CombineMatches(policy, eval::MatchingRules(policy, c.query));
  REQUIRE(outcome.conflict);
  const auto in = [](const std::vector<std::uint32_t>& v, std::uint32_t r) {
    return std::find(v.begin(), v.end(), r) != v.end();
  };
  CHECK(c.first < c.second);
  CHECK(policy.rules[c.first].info.effect != policy.rules[c.second].info.effect);
  for (std::uint32_t r : {c.first, c.second}) CHECK((in(outcome.decisive, r) || in(outcome.outvoted, r)));
}

TEST_CASE("strict conflicts on the graph agree with enumeration", "[analysis][conflicts][property]") {
  int with_conflict = 0, without = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const auto files = MadeStrict(compile::testing::RandomYaml(seed).Make());
    CAPTURE(seed);
    SourceTable sources;
    auto policy = ResolveWithoutStrictCheck(files, sources);
    REQUIRE(policy);
    REQUIRE(policy->combine == Combine::kStrict);
    auto graph = compile::Compile(*policy);
    REQUIRE(graph.ok());
    const auto on_graph = FindConflictOnGraph(*graph);
    const auto enumerated = FindConflictByEnumeration(*policy);
    REQUIRE(on_graph.has_value() == enumerated.has_value());
    if (!on_graph) {
      ++without;
      continue;
    }
    ++with_conflict;
    CheckConflict(*policy, *on_graph);
    CheckConflict(*policy, *enumerated);
    CHECK(on_graph->any_date == enumerated->any_date);
  }
  CHECK(with_conflict > 50);
  CHECK(without > 50);
}

TEST_CASE("a graph conflict is dated inside its interval, or on any date without bounds", "[analysis][conflicts]") {
  compile::testing::YamlFiles files;
  files.root = "p.yaml";
  files.files = {{"p.yaml", R"(clearance: 1
policy: p
combine: strict
dimensions:
  country:
    values: [US, DE, FR]
rules:
  - id: ok
    effect: allow
    when: country != US
  - id: ban-fr
    effect: deny
    when: country == FR
    effective: 2026-01-01
    expires: 2027-01-01
)"}};
  SourceTable sources;
  auto policy = ResolveWithoutStrictCheck(files, sources);
  REQUIRE(policy);
  auto graph = compile::Compile(*policy);
  REQUIRE(graph.ok());
  auto conflict = FindConflictOnGraph(*graph);
  REQUIRE(conflict);
  CHECK(DescribeConflict(*policy, *conflict) ==
        "strict policy: rules 'ok' (allow) and 'ban-fr' (deny) disagree on the query country=FR, date=2026-01-01");
  CHECK(DescribeWitness(*policy, *graph, conflict->query) == "country=FR, date=2026-01-01");

  // Before the first date bound: the day before it, as enumeration dates it.
  const std::string dated = files.files[0].second;
  files.files[0].second = std::regex_replace(dated, std::regex("    effective: .*\n"), "");
  SourceTable early_sources;
  auto early = ResolveWithoutStrictCheck(files, early_sources);
  REQUIRE(early);
  auto early_graph = compile::Compile(*early);
  REQUIRE(early_graph.ok());
  auto before = FindConflictOnGraph(*early_graph);
  REQUIRE(before);
  CHECK(before->query.date == *Date::Parse("2026-12-31"));
  CHECK(FindConflictByEnumeration(*early)->query.date == before->query.date);

  files.files[0].second = std::regex_replace(dated, std::regex("    (effective|expires): .*\n"), "");
  SourceTable undated_sources;
  auto undated = ResolveWithoutStrictCheck(files, undated_sources);
  REQUIRE(undated);
  auto undated_graph = compile::Compile(*undated);
  REQUIRE(undated_graph.ok());
  auto any_date = FindConflictOnGraph(*undated_graph);
  REQUIRE(any_date);
  CHECK(any_date->any_date);
  CHECK(DescribeConflict(*undated, *any_date) ==
        "strict policy: rules 'ok' (allow) and 'ban-fr' (deny) disagree on the query country=FR (on any date)");
}

}  // namespace
}  // namespace clearance::compile
