// The batch fast path (pre-rendered fragments, no DOM) writes exactly the
// bytes of the reference path (nlohmann's DOM) on random policies and
// queries, for every trace mode and rule-text placement; and it declines the
// lines it does not fully understand rather than guess.
#include <catch2/catch.hpp>
#include <random>

#include "../compile/random_yaml.hpp"
#include "clearance/policy.hpp"
#include "report/batch_line.hpp"
#include "report/json_text.hpp"

namespace clearance::report {
namespace {

Result<Policy> LoadRandom(std::uint32_t seed) {
  const compile::testing::YamlFiles files = compile::testing::RandomYaml(seed).Make();
  LoadOptions options;
  options.resolver = MakeMemoryResolver(files.files);
  const std::string& root_text =
      files.files[files.files.size() == 1 || files.files[0].first == "root.yaml" ? 0 : 1].second;
  return LoadPolicyFromString(files.root, root_text, options);
}

std::vector<std::string> Sources(const Policy& policy, const std::string& prefix) {
  std::vector<std::string> out;
  for (const RuleInfo& r : policy.rules()) out.push_back(prefix + r.where.file + ':' + std::to_string(r.where.line));
  return out;
}

// A query line over the policy's names: sometimes a name left out, an id of
// some kind, a date, extra spaces; rarely a wrong name or a duplicate key.
std::string RandomLine(const Policy& policy, std::mt19937& rng) {
  auto chance = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng) == 0; };
  std::vector<std::string> members;
  const char* ids[] = {"\"q-1\"", "42", "-7", "\"\"", "\"\\u00e9t\\u00e9\"", "{\"a\":[1,2]}", "1.5", "null", "true"};
  if (!chance(3)) members.push_back(std::string("\"id\":") + ids[rng() % std::size(ids)]);
  for (const DimensionInfo& d : policy.dimensions()) {
    if (chance(8)) continue;
    const std::string& value = d.values[rng() % d.values.size()];
    members.push_back(JsonString(d.name) + (chance(4) ? " : " : ":") + JsonString(chance(40) ? "nope" : value));
  }
  const char* dates[] = {"2025-01-01", "2026-06-12", "2026-06-26", "2027-03-04", "2026-02-30", "1999-12-31"};
  if (chance(2)) members.push_back(std::string("\"date\":\"") + dates[rng() % std::size(dates)] + '"');
  if (chance(50) && !members.empty()) members.push_back(members.front());
  std::shuffle(members.begin(), members.end(), rng);
  std::string line = chance(5) ? " { " : "{";
  for (std::size_t i = 0; i < members.size(); ++i) line += (i ? "," : "") + members[i];
  return line + (chance(5) ? " }\r" : "}");
}

void CheckAgree(const Policy& policy, const LineOptions& options, std::mt19937& rng, int& fast_lines) {
  const FastJsonl fast(policy, options);
  std::string out;
  for (int i = 0; i < 60; ++i) {
    const std::string line = RandomLine(policy, rng);
    CAPTURE(line);
    const clearance::BatchRecord reference = ReferenceJsonlLine(policy, options, 1, line);
    Effect effect = Effect::kDeny;
    if (!fast.TryDecide(line, out, effect)) continue;
    ++fast_lines;
    REQUIRE_FALSE(reference.failed);
    CHECK(out == reference.output);
    CHECK(effect == reference.effect);
  }
}

TEST_CASE("the batch fast path writes the reference path's bytes on random policies", "[report][batch]") {
  std::mt19937 rng(20261202);
  int policies = 0, fast_lines = 0;
  for (std::uint32_t seed = 1; seed <= 120; ++seed) {
    CAPTURE(seed);
    const Result<Policy> policy = LoadRandom(seed);
    if (!policy) continue;  // a strict policy with a conflict
    ++policies;
    for (const TraceDetail detail : {TraceDetail::kMatching, TraceDetail::kAll}) {
      for (const bool trace : {true, false}) {
        for (const bool header : {false, true}) {
          LineOptions options{.detail = detail, .trace = trace, .rule_texts_in_header = header,
                              .sources = Sources(*policy, header ? "../" : ""),
                              .as_of = *Date::Parse("2026-07-01")};
          CheckAgree(*policy, options, rng, fast_lines);
        }
      }
    }
  }
  CHECK(policies > 80);
  CHECK(fast_lines > 10000);  // the fast path is taken for most good lines
}

TEST_CASE("the batch fast path escapes rule texts and names as the DOM does", "[report][batch]") {
  const std::string yaml = R"(clearance: 1
policy: esc-policy
dimensions:
  model:
    values: [m1, "m-é", "m\"q"]
  country:
    values: [US, DE]
    default: US
rules:
  - id: r1
    effect: deny
    when: "model != m1"
    because: "tab\there, newline\nthere, bell\u0007, quote \" and backslash \\ and ü"
    cite: "15 CFR 744.22; \"is informed\""
    outcome: o-1
    obligations: ["a;b", "c,\"d\"", "a;b"]
  - id: r2
    effect: allow
    when: "country == DE"
    overrides: [r1]
)";
  const Result<Policy> policy = LoadPolicyFromString("esc.yaml", yaml);
  REQUIRE(policy);
  for (const bool trace : {true, false}) {
    const LineOptions options{.trace = trace, .sources = Sources(*policy, "")};
    const FastJsonl fast(*policy, options);
    for (const std::string line : {R"({"model":"m-é","id":"x"})", R"({"model":"m\"q"})", R"({"model":"m-é","country":"DE"})",
                                   R"({"model":"m1","id":123456789012345678})"}) {
      CAPTURE(line, trace);
      const clearance::BatchRecord reference = ReferenceJsonlLine(*policy, options, 1, line);
      std::string out;
      Effect effect;
      if (line.find('\\') != std::string::npos) {
        CHECK_FALSE(fast.TryDecide(line, out, effect));  // escapes go to the reference path
        CHECK_FALSE(reference.failed);
        continue;
      }
      REQUIRE(fast.TryDecide(line, out, effect));
      CHECK(out == reference.output);
    }
  }
}

TEST_CASE("the flat scanner accepts only what it can copy verbatim", "[report][batch]") {
  std::vector<FlatField> fields;
  CHECK(ScanFlatObject(R"( {"a" : "b", "id": -12 } )", fields));
  REQUIRE(fields.size() == 2);
  CHECK((fields[0].key == "a" && fields[0].raw == "b" && fields[0].is_string));
  CHECK((fields[1].raw == "-12" && !fields[1].is_string));
  for (const char* line : {R"({"a":"b\"c"})", R"({"a":1.0})", R"({"a":1e3})", R"({"a":-0})", R"({"a":01})",
                           R"({"a":["b"]})", R"({"a":"b"} x)", R"({"a":"b",})", "{\"a\":\"\x01\"}", "{\"a\":\"\xC3\"}",
                           "{\"a\":\"\xED\xA0\x80\"}", R"({})", R"({"a":"b")", R"({"a":1234567890123456789})"}) {
    CAPTURE(line);
    CHECK_FALSE(ScanFlatObject(line, fields));
  }
}

TEST_CASE("JSON strings are written as nlohmann writes them", "[report][batch]") {
  for (const std::string& text : {std::string("plain"), std::string("q\"b\\s/"), std::string("\x01\x1f\x7f"),
                                 std::string("\b\f\n\r\t"), std::string("é中😀"), std::string("bad \xC3 utf8"),
                                 std::string("\xF4\x90\x80\x80")}) {
    CAPTURE(text);
    CHECK(JsonString(text) == nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

}  // namespace
}  // namespace clearance::report
