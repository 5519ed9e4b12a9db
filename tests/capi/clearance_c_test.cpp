// The C API (include/clearance/clearance.h, README "Embedding"): loading, both decide paths, digests, errors
// with file:line:col, NULL handling, ownership, threads, and agreement with
// `clearance batch` on the same query lines.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "clearance/clearance.h"
#include "clearance/policy.hpp"
#include "clearance/version.hpp"

namespace {

namespace fs = std::filesystem;

const char* const kPolicy = R"(clearance: 1
policy: capi-test
dimensions:
  model:
    values: [m1, m2]
    groups:
      big: [m1]
  country:
    values: [US, DE, FR]
  use:
    values: [research, commercial]
  tier:
    values: [low, high]
    default: low
rules:
  - id: allow-us
    effect: allow
    when: country == US
  - id: deny-big-abroad
    effect: deny
    when: model in big and country != US
    because: big models stay home
    obligations: [Ask counsel.]
  - id: allow-research
    effect: allow
    when: use == research and tier == low
    overrides: [deny-big-abroad]
    effective: 2026-01-01
    outcome: research-exception
)";

// Owns what the C API hands out.
struct PolicyFree {
  void operator()(clearance_policy* p) const { clearance_policy_free(p); }
};
using PolicyPtr = std::unique_ptr<clearance_policy, PolicyFree>;

std::string Take(char* text) {
  REQUIRE(text != nullptr);
  std::string out = text;
  clearance_free(text);
  return out;
}

PolicyPtr MustLoadString(const char* yaml = kPolicy) {
  char* err = nullptr;
  PolicyPtr p(clearance_load_string("capi.yaml", yaml, &err));
  if (!p) FAIL(Take(err));
  return p;
}

// The *err of a call expected to fail.
template <class Call>
std::string ErrorOf(Call call) {
  char* err = nullptr;
  auto result = call(&err);
  CHECK(!result);
  return err ? Take(err) : std::string("<no message>");
}

struct TempDir {
  TempDir() {
    static int count = 0;
    path = fs::temp_directory_path() /
           ("clearance-capi-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
  fs::path path;
};

int Decide(const clearance_policy* p, std::vector<const char*> dims, std::vector<const char*> values,
           const char* date, std::string* message = nullptr) {
  char* err = nullptr;
  const int r = clearance_decide(p, dims.data(), values.data(), dims.size(), date, &err);
  if (err && message) *message = err;
  clearance_free(err);
  return r;
}

}  // namespace

TEST_CASE("clearance_version reports the project version", "[capi]") {
  CHECK(std::string(clearance_version()) == "0.1.0");
  CHECK(std::string(clearance_version()) == CLEARANCE_VERSION_STRING);
  CHECK(clearance::LibraryVersion() == clearance::kVersion);
}

TEST_CASE("a policy loaded from a file has the digest and name of the C++ API", "[capi]") {
  const std::string path = std::string(CLEARANCE_SOURCE_DIR) + "/tests/data/seed/frontier-2026/base.yaml";
  char* err = nullptr;
  PolicyPtr p(clearance_load_file(path.c_str(), &err));
  REQUIRE(p);
  CHECK(err == nullptr);
  auto cpp = clearance::LoadPolicy(path);
  REQUIRE(cpp);
  CHECK(std::string(clearance_policy_digest(p.get())) == cpp->digest());
  CHECK(std::string(clearance_policy_name(p.get())) == "frontier-2026");
  CHECK(std::regex_match(clearance_policy_digest(p.get()), std::regex("sha256:[0-9a-f]{64}")));
}

TEST_CASE("a compiled snapshot saved and loaded through C decides as the YAML", "[capi][snapshot]") {
  TempDir dir;
  const PolicyPtr p = MustLoadString();
  const std::string path = (dir.path / "p.clearance").string();
  char* err = nullptr;
  REQUIRE(clearance_save_compiled(p.get(), path.c_str(), "k", &err) == 0);
  PolicyPtr back(clearance_load_compiled(path.c_str(), "k", &err));
  REQUIRE(back);
  CHECK(std::string(clearance_policy_digest(back.get())) == clearance_policy_digest(p.get()));
  for (const char* query : {R"({"model":"m1","country":"DE","use":"research","date":"2026-06-01"})",
                            R"({"model":"m2","country":"US","use":"commercial","date":"2025-06-01"})"}) {
    CHECK(Take(clearance_decide_json(back.get(), query, &err)) == Take(clearance_decide_json(p.get(), query, &err)));
  }
  CHECK_THAT(ErrorOf([&](char** e) { return clearance_load_compiled(path.c_str(), nullptr, e); }),
             Catch::StartsWith(path + ": error: ") && Catch::Contains("give the key"));
  CHECK_THAT(ErrorOf([&](char** e) { return clearance_load_compiled(dir.Write("x.yaml", kPolicy).c_str(), nullptr, e); }),
             Catch::Contains("not a compiled policy"));
  CHECK_THAT(ErrorOf([](char** e) { return clearance_load_compiled(nullptr, nullptr, e); }), Catch::Contains("NULL"));
  CHECK(clearance_save_compiled(p.get(), (dir.path / "no/dir/p.clearance").string().c_str(), nullptr, &err) == -1);
  CHECK_THAT(Take(err), Catch::Contains("cannot write"));
}

TEST_CASE("load errors name FILE:LINE:COL", "[capi]") {
  SECTION("from a string, under the given name") {
    const std::string err = ErrorOf([](char** e) {
      return clearance_load_string("bad.yaml", "clearance: 1\npolicy: x\nrules: 3\n", e);
    });
    CHECK(err == "bad.yaml:3:8: error: 'rules' must be a list, not a scalar [type]");
  }
  SECTION("from a string without a name") {
    const std::string err = ErrorOf([](char** e) { return clearance_load_string(nullptr, "clearance: 2\n", e); });
    CHECK_THAT(err, Catch::StartsWith("<string>:1:"));
  }
  SECTION("from a file") {
    TempDir dir;
    const std::string path = dir.Write("p.yaml", "clearance: 1\npolicy: x\nrules:\n  - id: r\n    effect: maybe\n");
    const std::string err = ErrorOf([&](char** e) { return clearance_load_file(path.c_str(), e); });
    CHECK_THAT(err, Catch::StartsWith(path + ":5:13: error: "));
  }
  SECTION("a missing file") {
    const std::string err = ErrorOf([](char** e) { return clearance_load_file("/nonexistent/p.yaml", e); });
    CHECK_THAT(err, Catch::Contains("/nonexistent/p.yaml") && Catch::Contains("error:"));
  }
  SECTION("a string policy reads nothing from disk") {
    const std::string root = std::string(CLEARANCE_SOURCE_DIR) + "/tests/data/seed/common/uses.yaml";
    const std::string yaml = "clearance: 1\npolicy: x\ninclude: [" + root + "]\n";
    const std::string err = ErrorOf([&](char** e) { return clearance_load_string("s.yaml", yaml.c_str(), e); });
    CHECK_THAT(err, Catch::StartsWith("s.yaml:3:"));
  }
  SECTION("err may be NULL") {
    CHECK(clearance_load_string("x.yaml", "clearance: 2\n", nullptr) == nullptr);
    CHECK(clearance_load_file(nullptr, nullptr) == nullptr);
  }
}

TEST_CASE("clearance_decide_json_alternatives adds what would flip the decision", "[capi][alternatives]") {
  PolicyPtr p = MustLoadString();
  const std::string json = Take(clearance_decide_json_alternatives(
      p.get(), R"({"model": "m1", "country": "DE", "use": "research", "date": "2026-03-01"})", nullptr));
  const auto d = nlohmann::ordered_json::parse(json);
  REQUIRE(d.contains("alternatives"));
  CHECK(d["effect"] == "allow");
  CHECK(d["alternatives"].contains("values"));
  CHECK(d["alternatives"]["dates"]["previous"]["date"] == "2026-01-01");
  CHECK(d["alternatives"]["dates"]["previous"]["from"] == "deny");
  char* err = nullptr;
  CHECK(clearance_decide_json_alternatives(p.get(), "{", &err) == nullptr);
  CHECK(err != nullptr);
  clearance_free(err);
}

TEST_CASE("clearance_decide_json answers in the decision JSON of docs/cli.md", "[capi]") {
  PolicyPtr p = MustLoadString();
  const std::string json = Take(clearance_decide_json(
      p.get(), R"({"model": "m1", "country": "DE", "use": "research", "date": "2026-03-01"})", nullptr));
  CHECK(json ==
        R"({"query":{"model":"m1","country":"DE","use":"research","tier":"low","date":"2026-03-01"},)"
        R"("effect":"allow","basis":"rule","decisive":["allow-research"],"outcomes":["research-exception"],)"
        R"("obligations":[],"trace":[{"rule":"deny-big-abroad","effect":"deny","status":"overridden",)"
        R"("overridden_by":["allow-research"],"why":["model in big","country != US"],"source":"capi.yaml:19",)"
        R"("because":"big models stay home"},{"rule":"allow-research","effect":"allow","status":"decisive",)"
        R"("why":["use == research","tier == low"],"source":"capi.yaml:24"}],)"
        R"("policy":{"name":"capi-test","digest":")" +
            std::string(clearance_policy_digest(p.get())) + R"("}})");
}

TEST_CASE("clearance_decide_json copies the id first and dates the query", "[capi]") {
  PolicyPtr p = MustLoadString();
  auto decide = [&](const char* q) { return Take(clearance_decide_json(p.get(), q, nullptr)); };
  CHECK_THAT(decide(R"({"use": "commercial", "id": 42, "model": "m2", "country": "FR"})"),
             Catch::StartsWith(R"({"id":42,"query":{"model":"m2","country":"FR","use":"commercial","tier":"low",)"));
  CHECK_THAT(decide(R"({"id": "a-1", "model": "m2", "country": "FR", "use": "research"})"),
             Catch::StartsWith(R"({"id":"a-1","query":)"));
  const std::string today = clearance::Date::TodayUtc().ToString();
  CHECK_THAT(decide(R"({"model": "m2", "country": "FR", "use": "research"})"),
             Catch::Contains(R"("date":")" + today + "\""));
}

TEST_CASE("a bad query is an error, never a decision", "[capi]") {
  PolicyPtr p = MustLoadString();
  auto [query, message] = GENERATE(table<const char*, const char*>({
      {"not json", "error: malformed JSON"},
      {"[1, 2]", "error: a query must be a JSON object of dimension -> value"},
      {R"({"model": "m1", "country": "DE"})", "error: missing a value for dimension 'use'"},
      {R"({"model": "m3", "country": "DE", "use": "research"})", "error: unknown value 'm3' of dimension 'model'"},
      {R"({"model": "big", "country": "DE", "use": "research"})",
       "error: 'big' is a group of dimension 'model'; a query names a value"},
      {R"({"model": "m1", "country": "DE", "use": "research", "colour": "red"})",
       "error: unknown dimension 'colour'"},
      {R"({"model": "m1", "country": "DE", "use": "research", "date": "2026-02-30"})",
       "error: bad date '2026-02-30' (expected a calendar date YYYY-MM-DD)"},
      {R"({"model": 1, "country": "DE", "use": "research"})", "error: the value of 'model' must be a string"},
  }));
  CAPTURE(query);
  const std::string err = ErrorOf([&](char** e) { return clearance_decide_json(p.get(), query, e); });
  CHECK_THAT(err, Catch::StartsWith(message));
}

TEST_CASE("clearance_decide agrees with clearance_decide_json on every query", "[capi]") {
  PolicyPtr p = MustLoadString();
  const char* date = GENERATE("2025-06-01", "2026-06-01");
  for (const char* model : {"m1", "m2"}) {
    for (const char* country : {"US", "DE", "FR"}) {
      for (const char* use : {"research", "commercial"}) {
        for (const char* tier : {"low", "high"}) {
          const std::string q = std::string(R"({"model":")") + model + R"(","country":")" + country +
                                R"(","use":")" + use + R"(","tier":")" + tier + R"(","date":")" + date + "\"}";
          const std::string json = Take(clearance_decide_json(p.get(), q.c_str(), nullptr));
          const int expected = json.find(R"("effect":"allow")") != std::string::npos ? 1 : 0;
          CAPTURE(q);
          // Any order of the dimensions (the policy's order takes the positional path); tier by
          // name or by its default.
          CHECK(Decide(p.get(), {"tier", "use", "country", "model"}, {tier, use, country, model}, date) == expected);
          CHECK(Decide(p.get(), {"model", "country", "use", "tier"}, {model, country, use, tier}, date) == expected);
          if (std::string(tier) == "low") {
            CHECK(Decide(p.get(), {"model", "country", "use"}, {model, country, use}, date) == expected);
          }
        }
      }
    }
  }
}

TEST_CASE("clearance_decide reports a bad query", "[capi]") {
  PolicyPtr p = MustLoadString();
  std::string message;
  CHECK(Decide(p.get(), {"model", "country", "use"}, {"m1", "XX", "research"}, nullptr, &message) == -1);
  CHECK(message == "error: unknown value 'XX' of dimension 'country'");
  // The same in the policy's order of all four dimensions (the positional path).
  CHECK(Decide(p.get(), {"model", "country", "use", "tier"}, {"m1", "XX", "research", "low"}, nullptr, &message) ==
        -1);
  CHECK(message == "error: unknown value 'XX' of dimension 'country'");
  CHECK(Decide(p.get(), {"model", "country", "use", "tier"}, {"m1", "US", "research", ""}, nullptr, &message) == -1);
  CHECK(message == "error: unknown value '' of dimension 'tier'");
  CHECK(Decide(p.get(), {"model", "country"}, {"m1", "US"}, nullptr, &message) == -1);
  CHECK(message == "error: missing a value for dimension 'use'");
  CHECK(Decide(p.get(), {"model", "model", "country", "use"}, {"m1", "m2", "US", "research"}, nullptr, &message) == -1);
  CHECK(message == "error: dimension 'model' is given twice");
  CHECK(Decide(p.get(), {"model", "country", "use"}, {"m1", "US", "research"}, "2026-13-01", &message) == -1);
  CHECK(message == "error: bad date '2026-13-01' (expected a calendar date YYYY-MM-DD)");
  CHECK(Decide(p.get(), {"model", "country", "use"}, {"m1", nullptr, "research"}, nullptr, &message) == -1);
  CHECK(message == "error: clearance_decide: dims[1] or values[1] is NULL");
  CHECK(clearance_decide(nullptr, nullptr, nullptr, 0, nullptr, nullptr) == -1);
  // NULL date is today: allow-research has been effective since 2026-01-01.
  CHECK(Decide(p.get(), {"model", "country", "use"}, {"m1", "DE", "research"}, nullptr) ==
        (clearance::Date::TodayUtc() >= *clearance::Date::Parse("2026-01-01") ? 1 : 0));
}

TEST_CASE("NULL arguments are errors and frees accept NULL", "[capi]") {
  PolicyPtr p = MustLoadString();
  CHECK(ErrorOf([&](char** e) { return clearance_decide_json(nullptr, "{}", e); }) ==
        "error: clearance_decide_json: policy or query_json is NULL");
  CHECK(ErrorOf([&](char** e) { return clearance_decide_json(p.get(), nullptr, e); }) ==
        "error: clearance_decide_json: policy or query_json is NULL");
  CHECK(ErrorOf([](char** e) { return clearance_load_string("x", nullptr, e); }) ==
        "error: clearance_load_string: yaml is NULL");
  CHECK(clearance_policy_digest(nullptr) == nullptr);
  CHECK(clearance_policy_name(nullptr) == nullptr);
  clearance_policy_free(nullptr);
  clearance_free(nullptr);
}

TEST_CASE("one policy answers many threads alike", "[capi]") {
  PolicyPtr p = MustLoadString();
  const char* dims[] = {"model", "country", "use"};
  const char* countries[] = {"US", "DE", "FR"};
  const char* query = R"({"model": "m1", "country": "DE", "use": "research", "date": "2026-03-01"})";
  const std::string expected_json = Take(clearance_decide_json(p.get(), query, nullptr));
  std::vector<int> expected;
  for (const char* c : countries) {
    const char* values[] = {"m1", c, "commercial"};
    expected.push_back(clearance_decide(p.get(), dims, values, 3, "2026-03-01", nullptr));
  }
  std::vector<int> mismatches(4, 0);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 300; ++i) {
          const char* values[] = {"m1", countries[i % 3], "commercial"};
          if (clearance_decide(p.get(), dims, values, 3, "2026-03-01", nullptr) != expected[i % 3]) ++mismatches[t];
          if (i % 10 == 0) {
            char* json = clearance_decide_json(p.get(), query, nullptr);
            if (!json || expected_json != json) ++mismatches[t];
            clearance_free(json);
          }
        }
      });
    }
  }
  CHECK(mismatches == std::vector<int>(4, 0));
}

TEST_CASE("clearance_decide_json matches `clearance batch` line for line", "[capi][cli]") {
  const char* cli = std::getenv("CLEARANCE_CLI");
  if (!cli) {
    WARN("CLEARANCE_CLI is not set; run through ctest");
    return;
  }
  TempDir dir;
  const std::string policy = dir.Write("p.yaml", kPolicy);
  const std::vector<std::string> lines = {
      R"({"id": 1, "model": "m1", "country": "DE", "use": "research", "date": "2026-03-01"})",
      R"({"model": "m1", "country": "DE", "use": "research", "date": "2025-03-01"})",
      R"({"id": "x", "model": "m2", "country": "US", "use": "commercial", "tier": "high", "date": "2026-03-01"})",
      R"({"id": [1, 2], "model": "m2", "country": "FR", "use": "commercial", "date": "2030-12-31"})",
  };
  std::string input;
  for (const auto& l : lines) input += l + "\n";
  const std::string input_path = dir.Write("in.jsonl", input);
  const std::string out_path = (dir.path / "out.jsonl").string();
  const std::string command = std::string(cli) + " batch " + policy + " --input " + input_path + " > " + out_path;
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream out(out_path);
  char* err = nullptr;
  PolicyPtr p(clearance_load_file(policy.c_str(), &err));
  REQUIRE(p);
  for (const auto& line : lines) {
    std::string batch_line;
    REQUIRE(std::getline(out, batch_line));
    CAPTURE(line);
    CHECK(Take(clearance_decide_json(p.get(), line.c_str(), nullptr)) == batch_line);
  }
}

TEST_CASE("clearance_lint_json gives the lint JSON of a loaded policy", "[capi]") {
  const char* yaml = R"(clearance: 1
policy: lint-me
dimensions:
  c:
    values: [a, b]
    groups:
      g: [a]
rules:
  - id: old
    effect: allow
    when: c == b
    expires: 2020-01-01
)";
  PolicyPtr p = MustLoadString(yaml);
  const auto json = nlohmann::json::parse(Take(clearance_lint_json(p.get(), "2027-01-01", nullptr)));
  std::vector<std::string> codes;
  for (const auto& d : json.at("diagnostics")) codes.push_back(d.at("code"));
  CHECK_THAT(codes, Catch::VectorContains(std::string("unused")) && Catch::VectorContains(std::string("expired")));
  for (const auto& d : json.at("diagnostics")) {
    CHECK(d.at("file") == "capi.yaml");
    CHECK(d.at("severity") == "warning");
    CHECK(d.at("line").get<int>() > 0);
  }
  // Before the rule expired there is nothing to say about its date.
  const auto earlier = nlohmann::json::parse(Take(clearance_lint_json(p.get(), "2019-06-01", nullptr)));
  for (const auto& d : earlier.at("diagnostics")) CHECK(d.at("code") != "expired");
  CHECK(ErrorOf([&](char** e) { return clearance_lint_json(p.get(), "soon", e); }) ==
        "error: bad date 'soon' (expected a calendar date YYYY-MM-DD)");
}

TEST_CASE("clearance_lint_file_json reports a policy that does not load as diagnostics", "[capi]") {
  TempDir dir;
  const std::string path = dir.Write("p.yaml", "clearance: 1\npolicy: x\nrules:\n  - id: r\n    effect: maybe\n");
  const auto json = nlohmann::json::parse(Take(clearance_lint_file_json(path.c_str(), nullptr, nullptr)));
  REQUIRE(json.at("diagnostics").size() >= 1);
  const auto& first = json.at("diagnostics").at(0);
  CHECK(first.at("file") == path);
  CHECK(first.at("line") == 5);
  CHECK(first.at("severity") == "error");
  CHECK_THAT(ErrorOf([](char** e) { return clearance_lint_file_json("/nonexistent/p.yaml", nullptr, e); }),
             Catch::Contains("/nonexistent/p.yaml"));
}

TEST_CASE("clearance_diff_json gives the changed queries as regions", "[capi]") {
  PolicyPtr old_p = MustLoadString();
  const std::string changed = std::string(kPolicy) + R"(  - id: deny-commercial-fr
    effect: deny
    when: country == FR and use == commercial
    overrides: [allow-us]
)";
  PolicyPtr new_p = MustLoadString(changed.c_str());
  const auto json = nlohmann::json::parse(Take(clearance_diff_json(old_p.get(), new_p.get(), "2026-03-01", nullptr)));
  CHECK(json.at("old").at("digest") == clearance_policy_digest(old_p.get()));
  CHECK(json.at("new").at("digest") == clearance_policy_digest(new_p.get()));
  CHECK(json.at("date") == "2026-03-01");
  CHECK(json.at("queries") == 2 * 3 * 2 * 2);
  // FR commercial: m1 was already denied by deny-big-abroad; m2 went from
  // the default deny to... deny. Only the effect counts: nothing changed.
  CHECK(json.at("changed") == 0);
  CHECK(json.at("regions").empty());

  const std::string allow_fr = std::string(kPolicy) + R"(  - id: allow-fr
    effect: allow
    when: country == FR and model == m2
)";
  PolicyPtr allow_p = MustLoadString(allow_fr.c_str());
  const auto diff = nlohmann::json::parse(Take(clearance_diff_json(old_p.get(), allow_p.get(), "2026-03-01", nullptr)));
  // m2 to FR was denied by default unless allow-research matched (tier low):
  // commercial (either tier) and research at tier high now go to allow.
  CHECK(diff.at("changed") == 3);
  REQUIRE_FALSE(diff.at("regions").empty());
  int counted = 0;
  for (const auto& region : diff.at("regions")) {
    counted += region.at("count").get<int>();
    CHECK(region.at("from") == "deny");
    CHECK(region.at("to") == "allow");
    CHECK(region.at("values").at("model") == std::vector<std::string>{"m2"});
    CHECK(region.at("values").at("country") == std::vector<std::string>{"FR"});
    CHECK(region.at("old_decisive").empty());
    CHECK(region.at("new_decisive") == std::vector<std::string>{"allow-fr"});
  }
  CHECK(counted == 3);

  CHECK_THAT(ErrorOf([&](char** e) { return clearance_diff_json(old_p.get(), nullptr, nullptr, e); }),
             Catch::StartsWith("error: clearance_diff_json:"));
}

TEST_CASE("the C API reads language 1.1: like dimensions and dated members", "[capi][like][dated]") {
  PolicyPtr p = MustLoadString(R"(clearance: 1
policy: capi-1-1
default: allow
dimensions:
  country:
    values: [US, DE, KH]
    groups:
      D:5: [{member: KH, expires: 2026-02-03}]
  nationality:
    like: country
    default: US
rules:
  - id: deemed-export
    effect: deny
    when: nationality != US
  - id: embargo
    effect: deny
    when: country in D:5
)");
  CHECK(Decide(p.get(), {"country"}, {"DE"}, "2026-01-01") == 1);
  CHECK(Decide(p.get(), {"country", "nationality"}, {"US", "DE"}, "2026-01-01") == 0);
  CHECK(Decide(p.get(), {"country"}, {"KH"}, "2026-02-02") == 0);
  CHECK(Decide(p.get(), {"country"}, {"KH"}, "2026-02-03") == 1);
  const auto d = nlohmann::json::parse(
      Take(clearance_decide_json(p.get(), R"({"country": "US", "nationality": "KH", "date": "2026-01-01"})", nullptr)));
  CHECK(d.at("decisive") == std::vector<std::string>{"deemed-export"});
}
