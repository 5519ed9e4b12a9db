// Lint (clearance/lint.hpp): each code pinned by a small policy, the fine
// points of docs/language.md, the JSON shape, and the shipped rules.
#include "clearance/lint.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "support/fixtures.hpp"

namespace clearance {
namespace {

using testing_support::Files;
using testing_support::kDims;
using testing_support::MustLoad;

const Date kAsOf = *Date::Parse("2026-07-30");

std::vector<Diagnostic> LintOf(const std::string& yaml, Date as_of = kAsOf) {
  return Lint(MustLoad(yaml), {.as_of = as_of});
}

// Subject (rule id, or "dimension.group") -> its codes, in output order.
std::map<std::string, std::vector<std::string>> BySubject(const std::vector<Diagnostic>& diagnostics) {
  std::map<std::string, std::vector<std::string>> out;
  for (const Diagnostic& d : diagnostics) {
    out[d.rule.empty() ? d.dimension + "." + d.group : d.rule].push_back(d.code);
  }
  return out;
}

// The same for rules only.
std::map<std::string, std::vector<std::string>> RuleCodes(const std::vector<Diagnostic>& diagnostics) {
  auto out = BySubject(diagnostics);
  std::erase_if(out, [](const auto& entry) { return entry.first.find('.') != std::string::npos; });
  return out;
}

const Diagnostic& Only(const std::vector<Diagnostic>& diagnostics, const std::string& code, const std::string& rule) {
  auto it = std::find_if(diagnostics.begin(), diagnostics.end(),
                         [&](const Diagnostic& d) { return d.code == code && d.rule == rule; });
  REQUIRE(it != diagnostics.end());
  return *it;
}

using Codes = std::vector<std::string>;

TEST_CASE("never-matches: a condition that no query satisfies, and nothing more about that rule", "[lint]") {
  const auto found = BySubject(LintOf(kDims + R"(rules:
  - id: contradiction
    effect: deny
    when: model in frontier and model.weights == open
  - id: empty-map
    effect: allow
    when: {country: []}
  - id: overridden-too
    effect: deny
    when: "false"
    overrides: [contradiction]
  - id: fine
    effect: allow
    when: model == open-7b
)"));
  CHECK(found.at("contradiction") == Codes{"never-matches"});
  CHECK(found.at("empty-map") == Codes{"never-matches"});
  CHECK(found.at("overridden-too") == Codes{"never-matches"});
  CHECK(found.count("fine") == 0);
}

TEST_CASE("never-decisive: always overridden, with a query and the rules that beat it", "[lint]") {
  const auto diagnostics = LintOf(kDims + R"(default: allow
rules:
  - id: ban
    effect: deny
    when: country in embargoed
  - id: ban-research
    effect: deny
    when: country in embargoed and use == research
  - id: licence
    effect: allow
    when: use == research
    overrides: [ban, ban-research]
)");
  const Diagnostic& d = Only(diagnostics, "never-decisive", "ban-research");
  CHECK(d.message ==
        "rule 'ban-research' is never decisive: it matches some queries but is always overridden or outvoted; "
        "e.g. for model=fable-5, country=RU, use=research: overridden by 'licence'");
  CHECK(d.severity == Severity::kWarning);
  CHECK(d.where.file == "p.yaml");
  CHECK(d.where.line == 26);
  CHECK(d.where.col == 9);
  // Never decisive, and removing it changes nothing either.
  CHECK(BySubject(diagnostics).at("ban-research") == Codes{"never-decisive", "redundant"});
  CHECK(BySubject(diagnostics).count("ban") == 0);
}

TEST_CASE("never-decisive: always outvoted, under either combining algorithm", "[lint]") {
  const auto [combine, loser, winner] = GENERATE(table<std::string, std::string, std::string>(
      {{"deny-overrides", "allow", "deny"}, {"allow-overrides", "deny", "allow"}}));
  const auto diagnostics = LintOf(kDims + "combine: " + combine + "\ndefault: " + loser + R"(
rules:
  - id: loser
    effect: )" + loser + R"(
    when: country == CN and use == research
  - id: winner
    effect: )" + winner + R"(
    when: country == CN
)");
  const Diagnostic& d = Only(diagnostics, "never-decisive", "loser");
  CHECK(d.message ==
        "rule 'loser' is never decisive: it matches some queries but is always overridden or outvoted; "
        "e.g. for model=fable-5, country=CN, use=research: outvoted by 'winner' (" + combine + ")");
  CHECK(BySubject(diagnostics).at("loser") == Codes{"never-decisive", "redundant"});
  CHECK(BySubject(diagnostics).count("winner") == 0);
}

TEST_CASE("never-decisive is not redundant when the rule still beats another", "[lint]") {
  // `middle` never decides, but without it `base` would be effective again
  // beside `top`, and deny-overrides would flip the effect.
  const auto found = BySubject(LintOf(kDims + R"(default: allow
rules:
  - id: base
    effect: deny
    when: use == research
  - id: middle
    effect: allow
    when: use == research and country in allies
    overrides: [base]
  - id: top
    effect: allow
    when: use == research and country in allies
    overrides: [middle]
)"));
  CHECK(found.at("middle") == Codes{"never-decisive"});
  CHECK(found.at("top") == Codes{"redundant"});  // without it, middle beats base: still allow
  CHECK(found.count("base") == 0);
}

TEST_CASE("redundant: a rule whose effect the other matching rules give anyway", "[lint]") {
  const auto diagnostics = LintOf(kDims + R"(default: allow
rules:
  - id: frontier-ban
    effect: deny
    when: model in frontier and country != US
  - id: fable-ban
    effect: deny
    when: model == fable-5 and country != US
  - id: open-ok
    effect: allow
    when: model == open-7b
  - id: allies-ok
    effect: allow
    when: country in allies and model == open-7b
)");
  // frontier-ban alone denies mythos-5 abroad, against the default.
  CHECK(RuleCodes(diagnostics) == std::map<std::string, Codes>{
            {"fable-ban", {"redundant"}}, {"open-ok", {"redundant"}}, {"allies-ok", {"redundant"}}});
  CHECK(Only(diagnostics, "redundant", "fable-ban").message ==
        "rule 'fable-ban' is redundant: removing it changes no query's effect on any date (wherever it matches, "
        "the other matching rules give the same effect)");
  CHECK(Only(diagnostics, "redundant", "open-ok").message.ends_with(
      "(wherever it matches, the other matching rules or the default give the same effect)"));
}

TEST_CASE("redundant: a deny rule under a deny default, alone where it matches", "[lint]") {
  const auto diagnostics = LintOf(kDims + R"(rules:
  - id: needless
    effect: deny
    when: model == open-7b and country == RU
)");
  CHECK(BySubject(diagnostics).at("needless") == Codes{"redundant"});
  CHECK(Only(diagnostics, "redundant", "needless")
            .message.ends_with("(wherever it matches, the default gives the same effect)"));
}

TEST_CASE("redundant is judged on every date: a rule needed before another starts is kept", "[lint]") {
  const auto found = BySubject(LintOf(kDims + R"(default: allow
rules:
  - id: late
    effect: deny
    when: country == CN
    effective: 2026-01-01
  - id: always
    effect: deny
    when: country == CN
  - id: early
    effect: deny
    when: country == RU
    expires: 2026-01-01
)"));
  CHECK(found.at("late") == Codes{"redundant"});
  CHECK(found.count("always") == 0);
  CHECK(found.at("early") == Codes{"expired"});  // it decides RU before 2026, whatever the as-of date
}

TEST_CASE("under strict, a rule whose removal would create a conflict is not redundant", "[lint]") {
  // Where all three match, `z` removes `x` from the effective rules; without
  // `z`, x (allow) and y (deny) disagree. Deny-overrides then still denies,
  // so only under strict does removing z change anything.
  const std::string rules = R"(default: allow
rules:
  - id: x
    effect: allow
    when: use == research
  - id: y
    effect: deny
    when: country == RU
  - id: z
    effect: deny
    when: country == RU and use == research
    overrides: [x]
)";
  CHECK(BySubject(LintOf(kDims + "combine: deny-overrides\n" + rules)).at("z") == Codes{"redundant"});
  CHECK(BySubject(LintOf(kDims + "combine: strict\n" + rules)).count("z") == 0);
}

TEST_CASE("expired: expires on or before the as-of date, at the `expires` value", "[lint]") {
  const std::string yaml = kDims + R"(rules:
  - id: pilot
    effect: allow
    when: model == open-7b
    effective: 2025-01-01
    expires: 2026-01-01
)";
  auto expired = [&](const char* as_of) {
    const auto diagnostics = LintOf(yaml, *Date::Parse(as_of));
    return std::count_if(diagnostics.begin(), diagnostics.end(),
                         [](const Diagnostic& d) { return d.code == "expired"; });
  };
  CHECK(expired("2025-12-31") == 0);
  CHECK(expired("2026-01-01") == 1);
  CHECK(expired("2030-01-01") == 1);
  const auto diagnostics = LintOf(yaml);
  const Diagnostic& d = Only(diagnostics, "expired", "pilot");
  CHECK(d.message == "rule 'pilot' expired on 2026-01-01 (on or before the as-of date 2026-07-30)");
  CHECK(d.where.line == 26);
  CHECK(d.where.col == 14);
}

TEST_CASE("empty-group: a group with no values, whatever its form", "[lint]") {
  const auto diagnostics = LintOf(R"(clearance: 1
policy: t
dimensions:
  country:
    values: [US, DE, FR]
    groups:
      only-exclude: {exclude: [US]}
      cancelled: {include: [DE], exclude: [DE]}
      none: []
      some: {include: [any], exclude: [US]}
rules:
  - id: r
    effect: allow
    when: country in [only-exclude, cancelled, none, some]
)");
  const auto found = BySubject(diagnostics);
  CHECK(found.at("country.only-exclude") == Codes{"empty-group"});
  CHECK(found.at("country.cancelled") == Codes{"empty-group"});
  CHECK(found.at("country.none") == Codes{"empty-group"});
  CHECK(found.count("country.some") == 0);
  auto it = std::find_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.group == "none"; });
  REQUIRE(it != diagnostics.end());
  CHECK(it->message == "group 'none' of dimension 'country' has no values");
  CHECK(it->dimension == "country");
  CHECK(it->where.line == 9);
  CHECK(it->where.col == 7);
}

TEST_CASE("unused: a group that no rule and no group definition names", "[lint]") {
  const auto found = BySubject(LintOf(R"(clearance: 1
policy: t
dimensions:
  country:
    values: [US, DE, FR, CN]
    groups:
      in-expression: [DE]
      in-map: [FR]
      in-include: [US]
      in-exclude: [CN]
      outer: {include: [in-include], exclude: [in-exclude]}
      nobody: [DE, FR]
  use:
    values: [research, commercial]
    groups:
      all-uses: [any]
rules:
  - id: a
    effect: allow
    when: country in in-expression and use in any
  - id: b
    effect: allow
    when: {country: [US, in-map]}
)"));
  CHECK(found.at("country.nobody") == Codes{"unused"});
  CHECK(found.at("country.outer") == Codes{"unused"});  // it names groups, but none names it
  CHECK(found.at("use.all-uses") == Codes{"unused"});
  for (const char* used : {"in-expression", "in-map", "in-include", "in-exclude"}) {
    CAPTURE(used);
    CHECK(found.count(std::string("country.") + used) == 0);
  }
}

TEST_CASE("unused follows extends: only the extending file's groups, and what names them now", "[lint]") {
  const Files files = {{"ext.yaml", R"(clearance: 1
policy: ext
extends: base.yaml
drop: [uses-dropped]
dimensions:
  country:
    groups:
      redefined: [DE]
      named-by-dropped-only: [FR]
      fresh: [US]
      by-fresh: { include: [any], exclude: [fresh] }
rules:
  - id: new-rule
    effect: deny
    when: country in by-fresh
)"},
                       {"base.yaml", R"(clearance: 1
policy: base
dimensions:
  country:
    values: [US, DE, FR]
    groups:
      dropped-only: [FR]
      only-old-definition: [US]
      redefined: [only-old-definition]
rules:
  - id: uses-dropped
    effect: deny
    when: country in dropped-only
  - id: uses-redefined
    effect: deny
    when: country in redefined
)"}};
  const auto found = BySubject(Lint(MustLoad(files), {.as_of = kAsOf}));
  // The base file is shared like an included one: its groups are not
  // reported, however unused they have become.
  CHECK(found.count("country.dropped-only") == 0);
  CHECK(found.count("country.only-old-definition") == 0);
  CHECK(found.count("country.redefined") == 0);
  CHECK(found.at("country.named-by-dropped-only") == Codes{"unused"});
  CHECK(found.count("country.fresh") == 0);
  CHECK(found.count("country.by-fresh") == 0);
}

TEST_CASE("diagnostics are sorted by file in load order, line, column, then code", "[lint]") {
  const Files files = {{"root.yaml", R"(clearance: 1
policy: t
include: [more.yaml]
dimensions:
  country:
    values: [US, DE]
    groups:
      empty: []
rules:
  - id: a
    effect: deny
    when: country == DE
)"},
                       {"more.yaml", R"(clearance: 1
rules:
  - id: b
    effect: allow
    when: country == DE and country == US
  - id: c
    effect: allow
    when: country == DE
)"}};
  std::vector<std::string> lines;
  for (const Diagnostic& d : Lint(MustLoad(files), {.as_of = kAsOf})) {
    lines.push_back(d.where.file + ":" + std::to_string(d.where.line) + ":" + std::to_string(d.where.col) + " " +
                    d.code);
  }
  CHECK(lines == std::vector<std::string>{"root.yaml:8:7 empty-group", "root.yaml:8:7 unused",
                                          "more.yaml:3:9 never-matches", "more.yaml:6:9 never-decisive",
                                          "more.yaml:6:9 redundant"});
}

TEST_CASE("a policy that fails to load gives its load diagnostics as errors", "[lint]") {
  const auto [yaml, code] = GENERATE(table<std::string, std::string>({
      {kDims + "rules:\n  - id: a\n    effect: deny\n    when: country == XX\n", "unknown-name"},
      {kDims + "rules:\n  - id: a\n    effect: deny\n  - id: a\n    effect: allow\n", "duplicate"},
      {kDims + "rules:\n  - id: a\n    effect: deny\n    overrides: [b]\n  - id: b\n    effect: allow\n"
               "    overrides: [a]\n", "cycle"},
      {kDims + "combine: strict\nrules:\n  - id: a\n    effect: deny\n  - id: b\n    effect: allow\n"
               "    when: country == DE\n", "conflict"},
  }));
  CAPTURE(yaml);
  auto found = LintPolicyString("p.yaml", yaml, {.as_of = kAsOf});
  REQUIRE(found.ok());
  REQUIRE_FALSE(found->empty());
  CHECK(HasErrors(*found));
  CHECK(found->front().code == code);
  CHECK(found->front().severity == Severity::kError);
  CHECK(found->front().where.file == "p.yaml");
  CHECK(found->front().where.line > 0);
}

TEST_CASE("a strict conflict names two rules and the query", "[lint]") {
  auto found = LintPolicyString("p.yaml", kDims + R"(combine: strict
rules:
  - id: ban
    effect: deny
    when: country == CN
  - id: research
    effect: allow
    when: use == research
)");
  REQUIRE(found.ok());
  REQUIRE(found->size() == 1);
  CHECK(found->front().ToString() ==
        "p.yaml:23:9: error: strict policy: rules 'ban' (deny) and 'research' (allow) disagree on the query "
        "model=fable-5, country=CN, use=research (on any date) [conflict]");
}

TEST_CASE("only an unreadable root is an error result; a bad include is a diagnostic", "[lint]") {
  auto missing = LintPolicyFile(CLEARANCE_TEST_DATA "/lint/no-such.yaml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message().find("cannot read") != std::string::npos);
  LoadOptions load;
  load.resolver = MakeMemoryResolver({{"p.yaml", kDims + "include: [gone.yaml]\n"}});
  auto bad_include = LintPolicyFile("p.yaml", {}, load);
  REQUIRE(bad_include.ok());
  REQUIRE(bad_include->size() == 1);
  CHECK(bad_include->front().where.file == "p.yaml");
  CHECK(HasErrors(*bad_include));
}

TEST_CASE("a clean policy has no diagnostics", "[lint]") {
  const auto diagnostics = LintOf(kDims + R"(default: allow
rules:
  - id: ban
    effect: deny
    when: model in frontier and country in non-us
  - id: embargo
    effect: deny
    when: country in embargoed
  - id: cyber-ok
    effect: allow
    when: use in cyber and country in allies
    overrides: [ban]
)");
  CHECK(diagnostics.empty());
  CHECK_FALSE(HasErrors(diagnostics));
  CHECK(LintToText(diagnostics).empty());
  CHECK(LintToJson(diagnostics) == R"({"diagnostics":[]})");
}

TEST_CASE("lint JSON: the fields of docs/language.md, subjects only when set", "[lint]") {
  Diagnostic rule;
  rule.where = {"p.yaml", 3, 9};
  rule.severity = Severity::kWarning;
  rule.code = "redundant";
  rule.message = "rule 'a' is \"redundant\"";
  rule.rule = "a";
  Diagnostic group = rule;
  group.code = "unused";
  group.rule.clear();
  group.group = "allies";
  group.dimension = "country";
  Diagnostic error;
  error.code = "io";
  error.message = "cannot read";
  const std::string one_line = LintToJson({rule, group, error});
  CHECK(one_line.find('\n') == std::string::npos);
  const auto json = nlohmann::json::parse(one_line);
  REQUIRE(json.at("diagnostics").size() == 3);
  CHECK(json["diagnostics"][0] == nlohmann::json::parse(
      R"({"file": "p.yaml", "line": 3, "col": 9, "severity": "warning", "code": "redundant",
          "message": "rule 'a' is \"redundant\"", "rule": "a"})"));
  CHECK(json["diagnostics"][1].at("group") == "allies");
  CHECK(json["diagnostics"][1].at("dimension") == "country");
  CHECK_FALSE(json["diagnostics"][1].contains("rule"));
  CHECK(json["diagnostics"][2] == nlohmann::json::parse(
      R"({"file": "", "line": 0, "col": 0, "severity": "error", "code": "io", "message": "cannot read"})"));
  CHECK(LintToJson({rule}, 2).find("\n  \"diagnostics\": [\n") != std::string::npos);
  CHECK(LintToText({rule, error}) == "p.yaml:3:9: warning: rule 'a' is \"redundant\" [redundant]\n"
                                     "error: cannot read [io]\n");
}

// rules/README.md "Expected lint warnings": only `unused` for the common
// reference groups, and `expired` for the 2025 rule after 2025-05-13.
TEST_CASE("the shipped policies lint with only the expected warnings", "[lint][rules]") {
  struct Shipped {
    const char* path;
    std::size_t expired;
  };
  const auto [path, expired] = GENERATE(values<Shipped>({{"rules/frontier-2026/base.yaml", 0},
                                                          {"rules/frontier-2026/allies-defensive.yaml", 0},
                                                          {"rules/frontier-2026/a5-defensive-research.yaml", 0},
                                                          {"rules/frontier-2026/hawks.yaml", 0},
                                                          {"rules/frontier-2026/full-lift.yaml", 0},
                                                          {"rules/ai-diffusion-2025/diffusion.yaml", 3},
                                                          {"rules/common/check-groups.yaml", 0}}));
  CAPTURE(path);
  auto found = LintPolicyFile(std::string(CLEARANCE_SOURCE_DIR) + "/" + path, {.as_of = kAsOf});
  REQUIRE(found.ok());
  std::size_t expired_count = 0;
  for (const Diagnostic& d : *found) {
    CAPTURE(d.ToString());
    CHECK((d.code == "unused" || d.code == "expired"));
    if (d.code == "unused") CHECK(d.where.file.find("rules/common/") != std::string::npos);
    expired_count += d.code == "expired";
  }
  CHECK(expired_count == expired);
  if (std::string(path).find("check-groups") != std::string::npos) CHECK(found->empty());
  // Before the 2025 rule expired, nothing is expired.
  auto early = LintPolicyFile(std::string(CLEARANCE_SOURCE_DIR) + "/" + path, {.as_of = *Date::Parse("2025-05-12")});
  REQUIRE(early.ok());
  CHECK(std::none_of(early->begin(), early->end(), [](const Diagnostic& d) { return d.code == "expired"; }));
}

TEST_CASE("lint: {ignore: [...]} silences codes on a rule or a group, and only there", "[lint]") {
  const Policy p = MustLoad(R"(clearance: 1
policy: t
dimensions:
  country:
    values: [US, DE]
    groups:
      quiet: { include: [DE], lint: { ignore: [unused] } }
      loud: [US]
rules:
  - id: first
    effect: deny
  - id: shadowed
    effect: deny
    when: country == DE
    lint: { ignore: [redundant] }
  - id: also-shadowed
    effect: deny
    when: country == US
)");
  const auto found = BySubject(Lint(p, {.as_of = kAsOf}));
  CHECK(found.count("country.quiet") == 0);
  CHECK(found.at("country.loud") == Codes{"unused"});
  CHECK(found.count("shadowed") == 0);
  CHECK(found.at("also-shadowed") == Codes{"redundant"});
  // The options silence codes everywhere; errors_only keeps errors alone.
  CHECK(BySubject(Lint(p, {.as_of = kAsOf, .ignore = {"unused", "redundant"}})).empty());
  CHECK(Lint(p, {.as_of = kAsOf, .errors_only = true}).empty());
}

TEST_CASE("lint: an unknown code to ignore is a load error with suggestions", "[lint]") {
  CHECK(testing_support::FirstError(R"(clearance: 1
policy: t
dimensions:
  country:
    values: [US]
rules:
  - id: r
    effect: deny
    lint: { ignore: [redundnat] }
)") == "p.yaml:9:22: error: 'redundnat' is not a lint warning code (did you mean 'redundant'?) [unknown-name]");
  CHECK(testing_support::FirstError(R"(clearance: 1
policy: t
dimensions:
  country:
    values: [US]
    groups:
      g: { include: [US], lint: { skip: [unused] } }
rules: []
)") == "p.yaml:7:35: error: unknown key 'skip' in 'lint' [unknown-key]");
}

}  // namespace
}  // namespace clearance
