// docs/language.md §11: active, matching and effective rules, combining, default,
// outcomes, obligations and trace statuses.
#include <set>

#include "support/fixtures.hpp"

using namespace clearance;
using namespace clearance::testing_support;

namespace {

const std::string kSeed = kDims + R"(rules:
  - id: frontier-foreign-ban
    effect: deny
    when: model in frontier and country != US
    because: Closed frontier models may not be served outside the US.
    cite: Hypothetical rule, 2026
    outcome: prohibited
  - id: allied-defensive-carve-out
    effect: allow
    when: { model: frontier, country: allies, use: defensive-cyber }
    overrides: [frontier-foreign-ban]
    effective: 2026-12-01
    expires: 2028-01-01
    because: Allied security teams may use frontier models for defence.
    outcome: license-exception-ace
    obligations: [Report each deployment within 30 days.]
)";

Assignments Q(const char* model, const char* country, const char* use) {
  return {{"model", model}, {"country", country}, {"use", use}};
}

}  // namespace

TEST_CASE("The spec's seed example decides as docs/language.md says", "[eval][semantics]") {
  const Policy p = MustLoad(kSeed);
  SECTION("no rule matches: the default (deny), basis default") {
    const Decision d = Decide(p, Q("open-7b", "DE", "research"));
    CHECK(d.effect == Effect::kDeny);
    CHECK(d.basis == Basis::kDefault);
    CHECK(d.decisive.empty());
    CHECK(d.trace.empty());
  }
  SECTION("the ban decides abroad") {
    const Decision d = Decide(p, Q("fable-5", "DE", "research"));
    CHECK(d.effect == Effect::kDeny);
    CHECK(d.basis == Basis::kRule);
    CHECK(d.decisive == std::vector<std::string>{"frontier-foreign-ban"});
    CHECK(d.outcomes == std::vector<std::string>{"prohibited"});
  }
  SECTION("before the carve-out is effective, the ban decides") {
    const Decision d = Decide(p, Q("fable-5", "DE", "defensive-cyber"), "2026-11-30");
    CHECK(d.decisive == std::vector<std::string>{"frontier-foreign-ban"});
  }
  SECTION("while effective, the carve-out overrides the ban") {
    const Decision d = Decide(p, Q("fable-5", "DE", "defensive-cyber"), "2026-12-01");
    CHECK(d.effect == Effect::kAllow);
    CHECK(d.decisive == std::vector<std::string>{"allied-defensive-carve-out"});
    CHECK(d.obligations == std::vector<std::string>{"Report each deployment within 30 days."});
    REQUIRE(d.trace.size() == 2);
    CHECK(d.trace[0].rule == "frontier-foreign-ban");
    CHECK(d.trace[0].status == RuleStatus::kOverridden);
    CHECK(d.trace[0].overridden_by == std::vector<std::string>{"allied-defensive-carve-out"});
    CHECK(d.trace[1].status == RuleStatus::kDecisive);
    CHECK(d.trace[1].source == "p.yaml:28");
  }
  SECTION("expires is exclusive") {
    CHECK(Decide(p, Q("fable-5", "DE", "defensive-cyber"), "2027-12-31").effect == Effect::kAllow);
    CHECK(Decide(p, Q("fable-5", "DE", "defensive-cyber"), "2028-01-01").effect == Effect::kDeny);
  }
}

TEST_CASE("The full trace names failing tests and date bounds", "[eval][trace]") {
  const Policy p = MustLoad(kSeed);
  const Decision d = Decide(p, Q("open-7b", "US", "research"), "2026-06-01", TraceDetail::kAll);
  REQUIRE(d.trace.size() == 2);
  CHECK(d.trace[0].status == RuleStatus::kNotMatched);
  CHECK(d.trace[0].detail == "model in frontier");
  CHECK(d.trace[1].status == RuleStatus::kInactive);
  CHECK(d.trace[1].detail == "effective from 2026-12-01");
  const Decision later = Decide(p, Q("fable-5", "US", "research"), "2028-06-01", TraceDetail::kAll);
  CHECK(later.trace[0].detail == "country != US");
  CHECK(later.trace[1].detail == "expired on 2028-01-01");
}

TEST_CASE("Overrides remove a rule only when the overriding rule matches too", "[eval][overrides]") {
  const Policy p = MustLoad(kDims + R"(rules:
  - {id: a, effect: deny, when: "country in allies"}
  - {id: b, effect: allow, when: "country == DE", overrides: [a]}
  - {id: c, effect: deny, when: "country == DE and use == research", overrides: [b]}
)");
  // c overrides b, and b still removes a (directly, docs/language.md §11).
  Decision d = Decide(p, Q("open-7b", "DE", "research"));
  CHECK(d.decisive == std::vector<std::string>{"c"});
  CHECK(d.trace[0].status == RuleStatus::kOverridden);
  CHECK(d.trace[1].status == RuleStatus::kOverridden);
  d = Decide(p, Q("open-7b", "DE", "commercial"));
  CHECK(d.decisive == std::vector<std::string>{"b"});
  d = Decide(p, Q("open-7b", "FR", "commercial"));
  CHECK(d.decisive == std::vector<std::string>{"a"});
}

TEST_CASE("Disagreeing effective rules follow the combining mode", "[eval][combine]") {
  const std::string rules = R"(rules:
  - {id: d1, effect: deny, when: "country in allies", outcome: o1, obligations: [x, y]}
  - {id: a1, effect: allow, when: "country == DE", outcome: o2, obligations: [y]}
  - {id: d2, effect: deny, when: "use == research", outcome: o1, obligations: [z, x]}
)";
  SECTION("deny-overrides") {
    const Policy p = MustLoad(kDims + rules);
    const Decision d = Decide(p, Q("open-7b", "DE", "research"));
    CHECK(d.effect == Effect::kDeny);
    CHECK(d.decisive == std::vector<std::string>{"d1", "d2"});
    CHECK(d.outcomes == std::vector<std::string>{"o1"});
    CHECK(d.obligations == std::vector<std::string>{"x", "y", "z"});
    CHECK(d.trace[1].status == RuleStatus::kOutvoted);
  }
  SECTION("allow-overrides") {
    const Policy p = MustLoad("combine: allow-overrides\n" + kDims + rules);
    const Decision d = Decide(p, Q("open-7b", "DE", "research"));
    CHECK(d.effect == Effect::kAllow);
    CHECK(d.decisive == std::vector<std::string>{"a1"});
    CHECK(d.outcomes == std::vector<std::string>{"o2"});
    CHECK(d.trace[0].status == RuleStatus::kOutvoted);
    CHECK(d.trace[2].status == RuleStatus::kOutvoted);
  }
  SECTION("strict: a conflict on any query makes the policy invalid") {
    const std::string error = FirstError("combine: strict\n" + kDims + rules);
    CHECK(error.find("[conflict]") != std::string::npos);
    CHECK(error.find("rules 'd1' (deny) and 'a1' (allow) disagree") != std::string::npos);
    CHECK(error.find("country=DE") != std::string::npos);
  }
  SECTION("strict: a conflict only on some date names that date") {
    const std::string error = FirstError("combine: strict\n" + kDims + R"(rules:
  - {id: d, effect: deny, when: "country == DE", expires: 2026-01-01}
  - {id: a, effect: allow, when: "country == DE", effective: 2025-06-01}
)");
    CHECK(error.find("date=2025-06-01") != std::string::npos);
  }
  SECTION("strict: overrides settle a disagreement") {
    CHECK(LoadText("combine: strict\n" + kDims + R"(rules:
  - {id: d, effect: deny, when: "country == DE"}
  - {id: a, effect: allow, when: "country == DE and use == research", overrides: [d]}
)").ok());
  }
}

TEST_CASE("The default effect applies when nothing matches", "[eval][default]") {
  const Policy p = MustLoad("default: allow\n" + kDims + "rules:\n  - {id: r, effect: deny, when: \"country == RU\"}\n");
  CHECK(Decide(p, Q("open-7b", "DE", "research")).effect == Effect::kAllow);
  CHECK(Decide(p, Q("open-7b", "RU", "research")).effect == Effect::kDeny);
}

TEST_CASE("Conditions: every test form of docs/language.md §9", "[eval][conditions]") {
  struct Case {
    const char* when;
    const char* model;
    const char* country;
    bool holds;
  };
  auto c = GENERATE(values<Case>({
      {"model in frontier", "fable-5", "US", true},
      {"model not in frontier", "fable-5", "US", false},
      {"model in [open-7b, mythos-5]", "mythos-5", "US", true},
      {"country == allies", "open-7b", "FR", true},
      {"country != allies", "open-7b", "FR", false},
      {"country in any", "open-7b", "CN", true},
      {"country in non-us", "open-7b", "US", false},
      {"model.training_ops >= 1e26", "fable-5", "US", true},
      {"model.training_ops >= 1e26", "open-7b", "US", false},
      {"model.training_ops < 1e26", "open-7b", "US", true},
      {"model.weights == closed", "fable-5", "US", true},
      {"model.weights == 'closed'", "fable-5", "US", true},
      {"model.weights != closed", "open-7b", "US", true},
      {"model.developer != anthropic", "open-7b", "US", false},   // lacks the attribute: false, for != too
      {"model.developer == anthropic", "open-7b", "US", false},
      {"model.training_ops == closed", "fable-5", "US", false},  // another type: false
      {"model.open_source == true", "open-7b", "US", true},
      {"model.open_source != false", "open-7b", "US", true},
      {"model.released < 2026-03-01", "fable-5", "US", true},
      {"model.released >= 2026-03-01", "fable-5", "US", false},
      {"model.released < 2026-03-01", "mythos-5", "US", false},
      {"true", "open-7b", "US", true},
      {"false", "open-7b", "US", false},
      {"not model in frontier", "open-7b", "US", true},
      {"model in frontier or country == US", "open-7b", "US", true},
      {"model in frontier and country == US or country == CN", "open-7b", "CN", true},
      {"model in frontier and (country == US or country == CN)", "open-7b", "CN", false},
      {"not model in frontier and country == US", "fable-5", "US", false},
      {"country!=US", "open-7b", "DE", true},
  }));
  const Policy p = MustLoad(kDims + "rules:\n  - id: r\n    effect: allow\n    when: \"" + std::string(c.when) + "\"\n");
  INFO(c.when);
  CHECK((Decide(p, Q(c.model, c.country, "research")).basis == Basis::kRule) == c.holds);
}

TEST_CASE("Map-form conditions: lists, groups, any, and an empty list never holds", "[eval][conditions]") {
  const Policy p = MustLoad(kDims + R"(rules:
  - {id: a, effect: allow, when: {model: frontier, use: [research, commercial]}}
  - {id: b, effect: allow, when: {country: any, use: []}}
  - {id: c, effect: allow, when: {}}
)");
  Decision d = Decide(p, Q("fable-5", "US", "research"));
  CHECK(d.decisive == std::vector<std::string>{"a", "c"});
  d = Decide(p, Q("fable-5", "US", "defensive-cyber"));
  CHECK(d.decisive == std::vector<std::string>{"c"});
}

TEST_CASE("Outcome is independent of rule and file order", "[eval][order]") {
  const std::string a = "  - {id: a, effect: allow, when: \"country in allies\", outcome: oa, obligations: [p]}\n";
  const std::string b = "  - {id: b, effect: allow, when: \"use == research\", outcome: ob, obligations: [q]}\n";
  const Policy ab = MustLoad(kDims + "rules:\n" + a + b);
  const Policy ba = MustLoad(kDims + "rules:\n" + b + a);
  const Decision x = Decide(ab, Q("open-7b", "DE", "research"));
  const Decision y = Decide(ba, Q("open-7b", "DE", "research"));
  CHECK(x.effect == y.effect);
  CHECK(std::set<std::string>(x.decisive.begin(), x.decisive.end()) ==
        std::set<std::string>(y.decisive.begin(), y.decisive.end()));
  CHECK(ab.digest() == ba.digest());
  // Listed in policy order.
  CHECK(x.decisive == std::vector<std::string>{"a", "b"});
  CHECK(y.decisive == std::vector<std::string>{"b", "a"});
  CHECK(y.outcomes == std::vector<std::string>{"ob", "oa"});
}
