// docs/language.md §4, §3, §7 and §9: names resolved, graphs checked, layers merged;
// every error with its location and message.
#include "support/fixtures.hpp"

using namespace clearance;
using namespace clearance::testing_support;

namespace {

std::vector<std::string> Members(const Policy& p, const std::string& dim, const std::string& group) {
  const DimensionInfo& d = p.dimensions()[*p.FindDimension(dim)];
  for (const GroupInfo& g : d.groups) {
    if (g.name != group) continue;
    std::vector<std::string> out;
    for (auto v : g.members) out.push_back(d.values[v]);
    return out;
  }
  return {"<no group>"};
}

const std::string kHead = "clearance: 1\npolicy: t\n";

}  // namespace

TEST_CASE("Groups resolve transitively, with include/exclude and any", "[resolve][groups]") {
  const Policy p = MustLoad(kHead + R"(dimensions:
  country:
    values: [US, DE, FR, CN, RU]
    groups:
      eu: [DE, FR]
      allies: [eu, US]
      non-us: { include: [any], exclude: [US] }
      far: { include: [non-us], exclude: [allies] }
      nothing: { exclude: [US] }
)");
  CHECK(Members(p, "country", "allies") == std::vector<std::string>{"US", "DE", "FR"});
  CHECK(Members(p, "country", "non-us") == std::vector<std::string>{"DE", "FR", "CN", "RU"});
  CHECK(Members(p, "country", "far") == std::vector<std::string>{"CN", "RU"});
  CHECK(Members(p, "country", "nothing").empty());
}

TEST_CASE("Resolution errors name the place and the closest names", "[resolve][errors]") {
  struct Case {
    std::string yaml;
    std::string error;
  };
  const std::string dims = kHead + "dimensions:\n  country:\n    values: [US, DE]\n    groups:\n      eu: [DE]\n";
  auto c = GENERATE_COPY(values<Case>({
      {kHead + "dimensions:\n  country:\n    values: [US]\n    groups:\n      a: [b]\n      b: [c]\n      c: [a]\n",
       "p.yaml:7:7: error: group cycle in dimension 'country': a -> b -> c -> a [cycle]"},
      {kHead + "dimensions:\n  country:\n    values: [US]\n    groups:\n      a: {include: [US], exclude: [a]}\n",
       "p.yaml:7:7: error: group cycle in dimension 'country': a -> a [cycle]"},
      {kHead + "dimensions:\n  country:\n    values: [US, DE]\n    groups:\n      eu: [DF]\n",
       "p.yaml:7:12: error: unknown value or group 'DF' in group 'eu' of dimension 'country' (did you mean 'DE'?) [unknown-name]"},
      {kHead + "dimensions:\n  country:\n    values: [US, DE]\n    groups:\n      US: [DE]\n",
       "p.yaml:7:7: error: 'US' of dimension 'country' is both a value and a group [duplicate]"},
      {kHead + "dimensions:\n  country:\n    values: [US]\n    default: DE\n",
       "p.yaml:6:14: error: unknown default value 'DE' of dimension 'country' [unknown-name]"},
      {dims + "    default: eu\n",
       "p.yaml:8:14: error: the default of dimension 'country' must be a value, not the group 'eu' [type]"},
      {kHead + "dimensions:\n  country:\n    groups: {}\n",
       "p.yaml:4:3: error: dimension 'country' has no values [empty]"},
      {dims + "rules:\n  - {id: r, effect: deny, when: \"contry == US\"}\n",
       "p.yaml:9:34: error: unknown dimension 'contry' (did you mean 'country'?) [unknown-name]"},
      {dims + "rules:\n  - {id: r, effect: deny, when: \"country in [US, eux]\"}\n",
       "p.yaml:9:50: error: unknown value or group 'eux' of dimension 'country' (did you mean 'eu'?) [unknown-name]"},
      {dims + "rules:\n  - {id: r, effect: deny, when: \"country.size > 3\"}\n",
       "p.yaml:9:42: error: unknown attribute 'size' of dimension 'country' [unknown-name]"},
      {dims + "rules:\n  - {id: r, effect: deny, when: {country: [US, XX]}}\n",
       "p.yaml:9:48: error: unknown value or group 'XX' of dimension 'country' [unknown-name]"},
      {dims + "rules:\n  - {id: r, effect: deny, when: {place: US}}\n",
       "p.yaml:9:34: error: unknown dimension 'place' [unknown-name]"},
      {dims + "rules:\n  - {id: r, effect: deny, overrides: [s]}\n",
       "p.yaml:9:39: error: rule 'r' overrides unknown rule 's' [unknown-name]"},
      {dims + "rules:\n  - {id: r, effect: deny, overrides: [s]}\n  - {id: s, effect: deny, overrides: [r]}\n",
       "p.yaml:9:10: error: override cycle: r -> s -> r [cycle]"},
      {dims + "rules:\n  - {id: r, effect: deny}\n  - {id: r, effect: allow}\n",
       "p.yaml:10:10: error: rule id 'r' is declared twice (first at p.yaml:9:10) [duplicate]"},
      {dims + "rules:\n  - {id: r, effect: deny, when: \"country ==\"}\n",
       "p.yaml:9:44: error: in 'when': expected a name after '==' [syntax]"},
  }));
  INFO(c.yaml);
  const std::vector<std::string> errors = Errors(c.yaml);
  REQUIRE_FALSE(errors.empty());
  CHECK(errors.front() == c.error);
}

TEST_CASE("Ordering comparisons reject string and boolean literals", "[resolve][errors]") {
  const std::string yaml = kHead + R"(dimensions:
  model:
    values:
      m: {weights: closed}
rules:
  - {id: r, effect: deny, when: "model.weights > closed"}
)";
  CHECK(FirstError(yaml) == "p.yaml:8:50: error: ordering comparisons take a number or a date, not 'closed' [type]");
}

TEST_CASE("Includes merge dimensions as unions; duplicates name both places", "[resolve][include]") {
  const Files ok = {
      {"root.yaml", kHead + "include: [a.yaml, b.yaml]\nrules:\n  - {id: r, effect: allow, when: \"country in eu\"}\n"},
      {"a.yaml", "clearance: 1\ninclude: [c.yaml]\ndimensions:\n  country:\n    values: [US]\n"},
      {"b.yaml", "clearance: 1\ninclude: [c.yaml]\ndimensions:\n  country:\n    values: [DE]\n    groups:\n      eu: [DE, FR]\n"},
      {"c.yaml", "clearance: 1\ndimensions:\n  country:\n    values: [FR]\n"},
  };
  const Policy p = MustLoad(ok);
  CHECK(p.dimensions()[0].values == std::vector<std::string>{"US", "FR", "DE"});
  Files dup = ok;
  dup[3].second = "clearance: 1\ndimensions:\n  country:\n    values: [FR, US]\n";
  CHECK(Errors(dup).front() ==
        "c.yaml:4:18: error: value 'US' of dimension 'country' is declared twice (first at a.yaml:5:14) [duplicate]");
  Files cycle = ok;
  cycle[3].second = "clearance: 1\ninclude: [a.yaml]\n";
  CHECK(Errors(cycle).front() == "c.yaml:2:11: error: include cycle: a.yaml -> c.yaml -> a.yaml [cycle]");
}

TEST_CASE("Extends: drop, replace, redefine groups, add values", "[resolve][extends]") {
  const std::string base = kHead + R"(dimensions:
  country:
    values: [US, DE, FR]
    groups:
      allies: [DE]
rules:
  - {id: ban, effect: deny, when: "country != US"}
  - {id: carve, effect: allow, when: "country in allies", overrides: [ban]}
)";
  auto with = [&](const std::string& top) { return Files{{"new.yaml", top}, {"base.yaml", base}}; };
  SECTION("a redefined group changes the base's rules") {
    const Policy p = MustLoad(with(
        "clearance: 1\npolicy: n\nextends: base.yaml\ndimensions:\n  country:\n    values: [NO]\n    groups:\n      allies: [DE, FR, NO]\n"));
    CHECK(Decide(p, {{"country", "NO"}}).decisive == std::vector<std::string>{"carve"});
    CHECK(p.name() == "n");
    CHECK(p.rules().size() == 2);
  }
  SECTION("drop removes a rule and the overrides naming it") {
    const Policy p = MustLoad(with("clearance: 1\npolicy: n\nextends: base.yaml\ndrop: [ban]\n"));
    CHECK(p.rules().size() == 1);
    CHECK(p.rules()[0].overrides.empty());
    CHECK(Decide(p, {{"country", "FR"}}).basis == Basis::kDefault);
  }
  SECTION("a replacement keeps the references to it") {
    const Policy p = MustLoad(with(
        "clearance: 1\npolicy: n\nextends: base.yaml\ndrop: [ban]\nrules:\n  - {id: ban, effect: deny, when: \"country == FR or country == DE\"}\n"));
    CHECK(p.rules()[0].id == "carve");
    CHECK(p.rules()[1].id == "ban");
    CHECK(Decide(p, {{"country", "DE"}}).decisive == std::vector<std::string>{"carve"});
  }
  SECTION("errors") {
    CHECK(Errors(with("clearance: 1\npolicy: n\nextends: base.yaml\nrules:\n  - {id: ban, effect: deny}\n")).front() ==
          "new.yaml:5:10: error: rule id 'ban' is declared twice (first at base.yaml:9:10); drop it to replace the "
          "base's rule [duplicate]");
    CHECK(Errors(with("clearance: 1\npolicy: n\nextends: base.yaml\ndrop: [bam]\n")).front() ==
          "new.yaml:4:8: error: cannot drop unknown rule 'bam' (did you mean 'ban'?) [unknown-name]");
    CHECK(Errors(with("clearance: 1\npolicy: n\nextends: base.yaml\ndrop: [ban]\nrules:\n  - {id: x, effect: deny, overrides: [ban]}\n"))
              .front() == "new.yaml:6:39: error: rule 'x' overrides 'ban', which is dropped and not re-added [unknown-name]");
    CHECK(Errors(with("clearance: 1\npolicy: n\nextends: base.yaml\ndimensions:\n  country:\n    values: [DE]\n")).front() ==
          "new.yaml:6:14: error: value 'DE' of dimension 'country' is declared twice (first at base.yaml:5:18) [duplicate]");
    CHECK(Errors(with("clearance: 1\npolicy: n\nextends: base.yaml\ndimensions:\n  country:\n    groups:\n      allies: [DE]\n      allies: [FR]\n"))
              .front() == "new.yaml:8:7: error: duplicate key 'allies' [duplicate]");
    CHECK(Errors(Files{{"new.yaml", "clearance: 1\npolicy: n\nextends: new.yaml\n"}}).front() ==
          "new.yaml:3:10: error: extends cycle: new.yaml -> new.yaml [cycle]");
  }
  SECTION("the base must be valid on its own") {
    const Files files = {{"new.yaml", "clearance: 1\npolicy: n\nextends: base.yaml\ndimensions:\n  country:\n    values: [US]\n"},
                         {"base.yaml", kHead + "rules:\n  - {id: r, effect: deny, when: \"country == US\"}\n"}};
    CHECK(Errors(files).front() == "base.yaml:4:34: error: unknown dimension 'country' [unknown-name]");
  }
}

TEST_CASE("The digest follows meaning, not layout", "[resolve][digest]") {
  const std::string one = kHead + R"(dimensions:
  country: {values: [US, DE, FR], groups: {eu: [DE, FR]}}
  use: {values: [a, b]}
rules:
  - {id: r1, effect: deny, when: "country in eu", because: x}
  - {id: r2, effect: allow, when: {use: a}, overrides: [r1]}
)";
  const Files split = {
      {"root.yaml", "rules:\n  - {when: {use: a}, effect: allow, overrides: [r1], id: r2}\ninclude: [d.yaml]\npolicy: other\nclearance: 1\n"},
      {"d.yaml", "clearance: 1\nrules:\n  - {because: x, id: r1, effect: deny, when: \"country in [FR, DE]\"}\ndimensions:\n  use: {values: [b, a]}\n  country: {groups: {eu: [FR, DE]}, values: [FR, US, DE]}\n"},
  };
  const Policy a = MustLoad(one);
  const Policy b = MustLoad(split);
  CHECK(a.digest().rfind("sha256:", 0) == 0);
  CHECK(a.digest().size() == 7 + 64);
  CHECK(a.digest() == b.digest());
  auto changed = [&](const std::string& from, const std::string& to) {
    std::string text = one;
    text.replace(text.find(from), from.size(), to);
    return MustLoad(text).digest();
  };
  CHECK(changed("because: x", "because: y") != a.digest());
  CHECK(changed("[DE, FR]}", "[DE]}") != a.digest());
  CHECK(changed("[a, b]", "[a, b, c]") != a.digest());
  CHECK(changed("effect: deny", "effect: allow") != a.digest());
  CHECK(changed("overrides: [r1]", "overrides: []") != a.digest());
}
