// docs/cli.md "Decision JSON": `why` on every matching trace entry — the tests of
// its condition that hold for the query, each as written.
#include <string>
#include <vector>

#include "eval/interpreter.hpp"
#include "support/fixtures.hpp"

using namespace clearance;
using namespace clearance::testing_support;

namespace {

// The `why` of rule `id` for a query that it matches.
std::vector<std::string> Why(const std::string& when, const Assignments& query,
                             const std::string& date = "2027-01-01") {
  const Policy p = MustLoad(kDims + "rules:\n  - id: r\n    effect: allow\n" +
                            (when.empty() ? std::string() : "    when: " + when + "\n"));
  const Decision d = Decide(p, query, date);
  REQUIRE(d.trace.size() == 1);
  CHECK(d.trace[0].rule == "r");
  std::vector<std::string> out;
  for (const Reason& r : d.trace[0].why) out.push_back(r.test);
  return out;
}

const Assignments kDE{{"model", "fable-5"}, {"country", "DE"}, {"use", "research"}};
using V = std::vector<std::string>;

}  // namespace

TEST_CASE("why lists the tests that hold, as written", "[eval][why]") {
  CHECK(Why("", kDE).empty());
  CHECK(Why("'true'", kDE).empty());
  CHECK(Why("\"not false\"", kDE).empty());
  CHECK(Why("\"country in allies\"", kDE) == V{"country in allies"});
  CHECK(Why("\"country != US\"", kDE) == V{"country != US"});
  CHECK(Why("\"model in frontier and country in allies\"", kDE) ==
        V{"model in frontier", "country in allies"});
  CHECK(Why("\"true and country==DE\"", kDE) == V{"country==DE"});
  CHECK(Why("\"model.training_ops > 1e26\"", kDE) == V{"model.training_ops > 1e26"});
}

TEST_CASE("why of an or is its first operand that holds", "[eval][why]") {
  CHECK(Why("\"country == US or country in allies or use == research\"", kDE) == V{"country in allies"});
  // An and inside an or: all its tests.
  CHECK(Why("\"country == US or (model in frontier and use == research)\"", kDE) ==
        V{"model in frontier", "use == research"});
  // An or inside an and: the first operand of the or that holds.
  CHECK(Why("\"model in frontier and (use == commercial or country in non-us)\"", kDE) ==
        V{"model in frontier", "country in non-us"});
}

TEST_CASE("why of a not that holds is not (X), X as written", "[eval][why]") {
  CHECK(Why("\"not country in embargoed\"", kDE) == V{"not (country in embargoed)"});
  CHECK(Why("\"not (country == US or use == commercial)\"", kDE) ==
        V{"not (country == US or use == commercial)"});
  CHECK(Why("\"model in frontier and not (country == US and use == research)\"", kDE) ==
        V{"model in frontier", "not (country == US and use == research)"});
  CHECK(Why("\"not not country == DE\"", kDE) == V{"not (not country == DE)"});
}

TEST_CASE("why of the map form is each key", "[eval][why]") {
  CHECK(Why("{ model: frontier, country: [DE, FR] }", kDE) == V{"model in frontier", "country in [DE, FR]"});
  CHECK(Why("{ country: allies }", kDE) == V{"country in allies"});
  CHECK(Why("{ country: [allies] }", kDE) == V{"country in [allies]"});
}

TEST_CASE("why carries the query's values for text output", "[eval][why]") {
  const Policy p = MustLoad(kDims + R"(rules:
  - id: r
    effect: allow
    when: model in frontier and not (country == US or use == commercial)
)");
  const Decision d = Decide(p, kDE, "2027-01-01");
  REQUIRE(d.trace.size() == 1);
  REQUIRE(d.trace[0].why.size() == 2);
  CHECK(d.trace[0].why[0].values == V{"fable-5"});
  CHECK(d.trace[0].why[1].values == V{"DE", "research"});
}

TEST_CASE("every matching entry has why, in every status; the others none", "[eval][why]") {
  const Policy p = MustLoad(kDims + R"(combine: deny-overrides
rules:
  - id: ban
    effect: deny
    when: model in frontier
  - id: carve-out
    effect: allow
    when: country in allies
    overrides: [ban]
  - id: outvoted
    effect: allow
    when: use == research
  - id: deny-research
    effect: deny
    when: use == research and country == DE
  - id: not-matching
    effect: deny
    when: country == US
)");
  const Query q = *p.MakeQuery(kDE, *Date::Parse("2027-01-01"));
  const Decision d = p.Explain(q, TraceDetail::kAll);
  for (const TraceEntry& e : d.trace) {
    INFO(e.rule);
    if (e.rule == "not-matching") {
      CHECK(e.status == RuleStatus::kNotMatched);
      CHECK(e.why.empty());
    } else {
      CHECK_FALSE(e.why.empty());
    }
  }
  // The graph's explanation and the interpreter's agree.
  const Decision direct = p.Interpret(q, TraceDetail::kAll);
  REQUIRE(direct.trace.size() == d.trace.size());
  for (std::size_t i = 0; i < d.trace.size(); ++i) {
    CHECK(direct.trace[i].why.size() == d.trace[i].why.size());
  }
}
