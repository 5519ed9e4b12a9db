// Rule language 1.1: dimensions that share another's domain (`like`) and
// group members that count on some dates only; their meaning in decisions,
// test-file expansion, lint and the digest.
#include <algorithm>

#include "clearance/lint.hpp"
#include "support/fixtures.hpp"

using namespace clearance;
using namespace clearance::testing_support;

namespace {

const std::string kHead = "clearance: 1\npolicy: t\n";

std::vector<std::string> MembersOn(const Policy& p, const std::string& dim, const std::string& group,
                                   const std::string& date) {
  const DimensionInfo& d = p.dimensions()[*p.FindDimension(dim)];
  for (const GroupInfo& g : d.groups) {
    if (g.name != group) continue;
    std::vector<std::string> out;
    for (auto v : g.MembersOn(*Date::Parse(date))) out.push_back(d.values[v]);
    return out;
  }
  return {"<no group>"};
}

std::string EffectOf(const Policy& p, const Assignments& query, const std::string& date) {
  return std::string(ToString(Decide(p, query, date).effect));
}

std::vector<std::string> Codes(const std::vector<Diagnostic>& diagnostics, const std::string& code) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.code == code) out.push_back((d.group.empty() ? d.rule : d.group) + "@" + d.where.file);
  }
  return out;
}

const std::string kNationals = kHead + R"(default: allow
dimensions:
  country:
    values:
      US: { name: United States }
      DE: { name: Germany }
      CN: { name: China }
    groups:
      allies: [DE]
  nationality:
    like: country
    default: US
    groups:
      foreign: { include: [any], exclude: [US] }
rules:
  - id: deemed-export
    effect: deny
    when: nationality in foreign and not (nationality in allies)
  - id: named
    effect: deny
    when: nationality.name == China and country == US
)";

}  // namespace

TEST_CASE("A like dimension has its source's values, attributes and groups, and its own", "[resolve][like]") {
  const Policy p = MustLoad(kNationals);
  const DimensionInfo& nat = p.dimensions()[*p.FindDimension("nationality")];
  CHECK(nat.values == std::vector<std::string>{"US", "DE", "CN"});
  CHECK(nat.like == "country");
  CHECK(p.dimensions()[0].like.empty());
  REQUIRE(nat.groups.size() == 2);
  CHECK(nat.groups[0].name == "allies");
  CHECK(nat.groups[1].name == "foreign");
  CHECK(nat.default_value == 0u);
  // The source keeps only its own groups.
  CHECK(p.dimensions()[0].groups.size() == 1);
  CHECK(EffectOf(p, {{"country", "US"}}, "2026-01-01") == "allow");
  CHECK(EffectOf(p, {{"country", "US"}, {"nationality", "CN"}}, "2026-01-01") == "deny");
  CHECK(EffectOf(p, {{"country", "CN"}, {"nationality", "DE"}}, "2026-01-01") == "allow");
  const Decision d = Decide(p, {{"country", "US"}, {"nationality", "CN"}});
  CHECK(d.decisive == std::vector<std::string>{"deemed-export", "named"});
}

TEST_CASE("A like dimension sees groups as redefined and values as added by an extending policy",
          "[resolve][like][extends]") {
  const Files files = {{"what-if.yaml", "clearance: 1\npolicy: w\nextends: base.yaml\n" R"(dimensions:
  country:
    values: [FR]
    groups:
      allies: [DE, CN]
)"},
                       {"base.yaml", kNationals}};
  const Policy p = MustLoad(files);
  CHECK(p.dimensions()[1].values == std::vector<std::string>{"US", "DE", "CN", "FR"});
  CHECK(MembersOn(p, "nationality", "allies", "2026-01-01") == std::vector<std::string>{"DE", "CN"});
  CHECK(EffectOf(p, {{"country", "US"}, {"nationality", "CN"}}, "2026-01-01") == "deny");  // `named` still
  CHECK(EffectOf(p, {{"country", "DE"}, {"nationality", "CN"}}, "2026-01-01") == "allow");
  CHECK(EffectOf(p, {{"country", "DE"}, {"nationality", "FR"}}, "2026-01-01") == "deny");
}

TEST_CASE("A like dimension may name a dimension declared after it", "[resolve][like]") {
  const Policy p = MustLoad(kHead + R"(dimensions:
  nationality:
    like: country
  country:
    values: [US, DE]
rules:
  - id: r
    effect: allow
    when: nationality == DE and country == US
)");
  CHECK(p.dimensions()[0].name == "nationality");
  CHECK(EffectOf(p, {{"country", "US"}, {"nationality", "DE"}}, "2026-01-01") == "allow");
  CHECK(EffectOf(p, {{"country", "DE"}, {"nationality", "US"}}, "2026-01-01") == "deny");
}

TEST_CASE("Bad like forms are errors with their place", "[resolve][like][errors]") {
  const std::string dims = kHead + "dimensions:\n  country:\n    values: [US, DE]\n";
  CHECK(FirstError(dims + "  nationality:\n    like: contry\n") ==
        "p.yaml:7:11: error: dimension 'nationality' is like unknown dimension 'contry' (did you mean 'country'?) "
        "[unknown-name]");
  CHECK(FirstError(dims + "  nationality:\n    like: nationality\n") ==
        "p.yaml:7:11: error: dimension 'nationality' cannot be like itself [like]");
  CHECK(FirstError(dims + "  nationality:\n    like: country\n  residence:\n    like: nationality\n") ==
        "p.yaml:9:11: error: dimension 'residence' is like 'nationality', which is itself like 'country'; "
        "write 'like: country' ('like' does not chain) [like]");
  CHECK(FirstError(dims + "  nationality:\n    like: country\n    values: [CN]\n") ==
        "p.yaml:8:5: error: dimension 'nationality' is like 'country' and cannot declare values [like]");
}

TEST_CASE("A dated member counts from effective and before expires", "[resolve][dated]") {
  const Policy p = MustLoad(kHead + R"(dimensions:
  country:
    values: [US, KH, CN, AE]
    groups:
      D:5: [CN, {member: KH, expires: 2026-02-03}]
      A:5: { include: [US, {member: AE, effective: 2026-07-23}] }
      outside: { include: [any], exclude: [{member: D:5, effective: 2025-01-01}] }
rules:
  - id: embargo
    effect: deny
    when: country in D:5
  - id: allies
    effect: allow
    when: { country: A:5 }
default: deny
)");
  CHECK(MembersOn(p, "country", "D:5", "2026-02-02") == std::vector<std::string>{"KH", "CN"});
  CHECK(MembersOn(p, "country", "D:5", "2026-02-03") == std::vector<std::string>{"CN"});
  CHECK(MembersOn(p, "country", "A:5", "2026-07-22") == std::vector<std::string>{"US"});
  CHECK(MembersOn(p, "country", "A:5", "2026-07-23") == std::vector<std::string>{"US", "AE"});
  // Nested groups are resolved on the same date.
  CHECK(MembersOn(p, "country", "outside", "2024-12-31") == std::vector<std::string>{"US", "KH", "CN", "AE"});
  CHECK(MembersOn(p, "country", "outside", "2025-01-01") == std::vector<std::string>{"US", "AE"});
  CHECK(MembersOn(p, "country", "outside", "2026-02-03") == std::vector<std::string>{"US", "KH", "AE"});
  const DimensionInfo& country = p.dimensions()[0];
  CHECK(country.groups[0].members == std::vector<std::uint32_t>{1, 2});  // on some date
  CHECK(country.groups[0].cuts == std::vector<Date>{*Date::Parse("2026-02-03")});

  const Decision before = Decide(p, {{"country", "KH"}}, "2026-02-02");
  CHECK(before.effect == Effect::kDeny);
  CHECK(before.decisive == std::vector<std::string>{"embargo"});
  const Decision after = Decide(p, {{"country", "KH"}}, "2026-02-03");
  CHECK(after.basis == Basis::kDefault);
  CHECK(EffectOf(p, {{"country", "AE"}}, "2026-07-22") == "deny");
  CHECK(EffectOf(p, {{"country", "AE"}}, "2026-07-23") == "allow");
  // The graph and the interpreter agree on both sides of every bound.
  for (const char* date : {"2025-01-01", "2026-02-02", "2026-02-03", "2026-07-22", "2026-07-23", "2030-01-01"}) {
    for (const char* c : {"US", "KH", "CN", "AE"}) {
      const Query q = MustQuery(p, {{"country", c}}, date);
      CHECK(p.Explain(q).decisive == p.Interpret(q).decisive);
    }
  }
}

TEST_CASE("Bad dated members are errors with their place", "[resolve][dated][errors]") {
  const std::string head = kHead + "dimensions:\n  country:\n    values: [US, KH]\n    groups:\n      g: ";
  CHECK(FirstError(head + "[{member: KH, expire: 2026-02-03}]\n") ==
        "p.yaml:7:24: error: unknown key 'expire' in a dated group member (did you mean 'expires'?) [unknown-key]");
  CHECK(FirstError(head + "[{member: KH}]\n") ==
        "p.yaml:7:11: error: a dated group member needs 'effective' or 'expires' (else write the name alone) "
        "[missing]");
  CHECK(FirstError(head + "[{member: KH, effective: 2026-02-03, expires: 2026-01-01}]\n") ==
        "p.yaml:7:56: error: 'expires' must be after 'effective' for member 'KH' [dates]");
  CHECK(FirstError(head + "[{member: KH, effective: 2026-02-30}]\n") ==
        "p.yaml:7:35: error: '2026-02-30' is not a calendar date [type]");
  CHECK(FirstError(head + "[{member: KHM, effective: 2026-02-03}]\n") ==
        "p.yaml:7:20: error: unknown value or group 'KHM' in group 'g' of dimension 'country' (did you mean "
        "'KH'?) [unknown-name]");
}

TEST_CASE("Member dates are date bounds of the decision graph", "[resolve][dated][compile]") {
  const Policy p = MustLoad(kHead + R"(dimensions:
  country:
    values: [US, KH]
    groups:
      D:5: [{member: KH, expires: 2026-02-03}]
      unused: [{member: US, effective: 2030-01-01}]
rules:
  - id: embargo
    effect: deny
    when: country in D:5
    effective: 2020-01-01
default: allow
)");
  // Bounds 2020-01-01, 2026-02-03 and (unused, but a bound still) 2030-01-01.
  CHECK(EffectOf(p, {{"country", "KH"}}, "2019-12-31") == "allow");
  CHECK(EffectOf(p, {{"country", "KH"}}, "2020-01-01") == "deny");
  CHECK(EffectOf(p, {{"country", "KH"}}, "2026-02-03") == "allow");
}

TEST_CASE("The digest sees values on every date, not group names or nesting", "[resolve][dated][digest]") {
  const std::string dims = kHead + "dimensions:\n  country:\n    values: [US, KH, CN]\n    groups:\n";
  const std::string rule = "rules:\n  - id: r\n    effect: deny\n    when: country in ";
  const Policy named = MustLoad(dims + "      D:5: [CN, {member: KH, expires: 2026-02-03}]\n" + rule + "D:5\n");
  const Policy nested = MustLoad(dims + "      inner: [{member: KH, expires: 2026-02-03}]\n" +
                                 "      embargoed: [inner, CN]\n" + rule + "embargoed\n");
  const Policy later = MustLoad(dims + "      D:5: [CN, {member: KH, expires: 2026-02-04}]\n" + rule + "D:5\n");
  const Policy undated = MustLoad(dims + "      D:5: [CN, KH]\n" + rule + "D:5\n");
  CHECK(named.digest() == nested.digest());
  CHECK(named.digest() != later.digest());
  CHECK(named.digest() != undated.digest());
  // A group with a dated member that never changes what the rule tests.
  const Policy same_values = MustLoad(dims + "      D:5: [CN, KH, {member: KH, expires: 2026-02-03}]\n" + rule +
                                      "D:5\n");
  CHECK(same_values.digest() == undated.digest());
}

TEST_CASE("unused is reported for the root file's groups only, and like-shared groups are one group",
          "[lint][like]") {
  const Files files = {
      {"p.yaml", kHead + R"(include: [common.yaml]
dimensions:
  nationality:
    like: country
    groups:
      mine: [CN]
      foreign: { include: [any], exclude: [US] }
  country:
    groups:
      local: [US]
rules:
  - id: r
    effect: deny
    when: nationality in allies or nationality in foreign
)"},
      {"common.yaml", "clearance: 1\ndimensions:\n  country:\n    values: [US, DE, CN]\n    groups:\n"
                      "      library: [DE]\n      allies: [DE]\n"}};
  const Policy p = MustLoad(files);
  const auto diagnostics = Lint(p);
  CHECK(Codes(diagnostics, "unused") == std::vector<std::string>{"mine@p.yaml", "local@p.yaml"});
}

TEST_CASE("empty-group means no values on any date", "[lint][dated]") {
  const Policy p = MustLoad(kHead + R"(dimensions:
  country:
    values: [US, KH]
    groups:
      some-days: [{member: KH, expires: 2026-02-03}]
      never: { include: [{member: KH, expires: 2026-02-03}], exclude: [KH] }
rules:
  - id: r
    effect: deny
    when: country in some-days or country in never
)");
  CHECK(Codes(Lint(p), "empty-group") == std::vector<std::string>{"never@p.yaml"});
}
