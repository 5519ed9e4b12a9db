// One policy file read into a FileDoc: the budgets that bound alias
// expansion, the cap on errors, the DSL's scalar rules, character columns.
// The corpus (broken_corpus_test.cpp) pins one message per kind of mistake.
#include <catch2/catch.hpp>

#include "base/strings.hpp"
#include "load/file_reader.hpp"
#include "load/load_fixtures.hpp"

namespace clearance::load_test {
namespace {

TEST_CASE("the shipped-style policy reads") { CHECK(FirstError(kPolicy) == "<loaded>"); }

TEST_CASE("aliases count against the node budget each time they are reached") {
  // 400 rules that all share one list of 400 obligations: 160 000 nodes
  // once expanded from a file of a few kilobytes.
  std::vector<std::string> names(400, "x");
  std::vector<std::string> rules(399, "- {id: r1, effect: deny, obligations: *o}");
  const std::string yaml = kPolicy + "  - {id: r0, effect: deny, obligations: &o [" + Join(names, ", ") + "]}\n  " +
                           Join(rules, "\n  ") + "\n";
  Limits limits;
  limits.max_nodes = 100'000;
  const std::string error = FirstError(yaml, limits);
  CHECK(error.find("error: the document has more than 100000 nodes once aliases are expanded [limit]") !=
        std::string::npos);
  limits.max_nodes = 1'000'000;  // within budget: the file reads, and fails only on its duplicate ids
  CHECK(FirstError(yaml, limits).find("[duplicate]") != std::string::npos);
}

TEST_CASE("aliases of long text count against the expanded-bytes budget") {
  // The fault is shown at the anchored text that is expanded too often.
  const std::string text(10'000, 'x');
  std::vector<std::string> uses(200, "*t");
  const std::string yaml = kPolicy + "    because: &t " + text + "\n    obligations: [" + Join(uses, ", ") + "]\n";
  Limits limits;
  limits.max_expanded_bytes = 1'000'000;
  CHECK(FirstError(yaml, limits) ==
        "p.yaml:10:14: error: the document has more than 1000000 bytes of text once aliases are expanded [limit]");
  limits.max_expanded_bytes = 3'000'000;
  CHECK(FirstError(yaml, limits) == "<loaded>");
}

TEST_CASE("one file stops after 100 errors, saying so") {
  std::string yaml = "clearance: 1\npolicy: p\n";
  for (int i = 0; i < 500; ++i) yaml += "unknown" + std::to_string(i) + ": 1\n";
  const auto errors = Errors({{"p.yaml", yaml}});
  REQUIRE(errors.size() == 101);
  CHECK(errors.front() == "p.yaml:3:1: error: unknown key 'unknown0' in the policy file [unknown-key]");
  CHECK(errors.back() == "p.yaml:102:1: error: too many errors in this file (100); stopping [limit]");
}

TEST_CASE("columns in messages count characters, not bytes") {
  const std::string yaml = "clearance: 1\npolicy: p\ndescription: \"d\xc3\xa9j\xc3\xa0 vu\"\n"
                           "dimensions:\n  model: {values: [\xc3\xa9t\xc3\xa9, m\xc3\xa9, '']}\n";
  CHECK(FirstError(yaml) == "p.yaml:5:29: error: a value name may not be empty [name]");
}

TEST_CASE("null words: only ~, null and an empty value are null") {
  SECTION("Null and NULL are text") {
    CHECK(FirstError("clearance: 1\npolicy: p\ndimensions:\n  model: {values: [Null, NULL]}\n") == "<loaded>");
  }
  SECTION("an empty value, ~ and null are null") {
    for (std::string null : {"", " ~", " null"}) {
      INFO("'" << null << "'");
      CHECK(FirstError("clearance: 1\npolicy: p\ndescription:" + null + "\n") ==
            "p.yaml:3:1: error: 'description' is missing (null) [type]");
    }
  }
  SECTION("a value's null attribute map means no attributes") {
    CHECK(FirstError("clearance: 1\npolicy: p\ndimensions:\n  model:\n    values:\n      m1:\n      m2: ~\n") ==
          "<loaded>");
  }
}

TEST_CASE("'clearance' accepts only the plain integer 1") {
  auto version = GENERATE(as<std::string>{}, "1", "01", "+1");
  INFO(version);
  CHECK(FirstError("clearance: " + version + "\npolicy: p\n") == "<loaded>");
}

TEST_CASE("'clearance' rejects every other spelling") {
  struct Row {
    std::string value, message;
  };
  auto row = GENERATE(values<Row>({
      {"1.0", "'clearance' must be the plain integer 1, not '1.0'"},
      {"1e0", "'clearance' must be the plain integer 1, not '1e0'"},
      {"\"1\"", "'clearance' must be the plain integer 1, not the string \"1\""},
      {"!!int 1", "'clearance' must be the plain integer 1, not the string \"1\""},
      {"true", "'clearance' must be the plain integer 1, not 'true'"},
  }));
  INFO(row.value);
  CHECK(FirstError("clearance: " + row.value + "\npolicy: p\n") == "p.yaml:1:12: error: " + row.message + " [version]");
}

TEST_CASE("attribute scalars are typed as the DSL says") {
  struct Row {
    std::string value;
    std::string test;  // a condition that holds only with the right type
  };
  auto row = GENERATE(values<Row>({
      {"007", "model.a == 7"},
      {"-1.5e3", "model.a < -1000"},
      {"2026-02-28", "model.a < 2026-03-01"},
      {"true", "model.a == true"},
      {"True", "model.a == 'True'"},
      {"'12'", "model.a == '12'"},
      {"1_000", "model.a == '1_000'"},
      {".5", "model.a == '.5'"},
      {"0x10", "model.a == '0x10'"},
      {"inf", "model.a == 'inf'"},
  }));
  INFO(row.value);
  const std::string yaml = "clearance: 1\npolicy: p\ndimensions:\n  model:\n    values:\n      m1: {a: " + row.value +
                           "}\n      m2:\nrules:\n  - {id: r1, effect: allow, when: \"" + row.test + "\"}\n";
  auto policy = LoadFiles({{"p.yaml", yaml}});
  REQUIRE(policy);
  auto query = policy->MakeQuery({{"model", "m1"}}, Date::FromDays(0));
  REQUIRE(query);
  CHECK(policy->Decide(*query).effect == Effect::kAllow);
}

}  // namespace
}  // namespace clearance::load_test
