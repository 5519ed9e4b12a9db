// Bad queries never become decisions (docs/language.md §10): through `check` (exit 2,
// the argument at fault named) and `batch` (one record per input line, in
// order, an error record for each bad one; docs/cli.md). The cases live in
// tests/data/broken/queries.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "load/corpus_support.hpp"

namespace clearance::corpus {
namespace {

const fs::path kQueries = fs::path(CLEARANCE_TEST_DATA) / "broken" / "queries";
const std::string kPolicy = ShellQuote((kQueries / "policy.yaml").string());

struct CheckCase {
  std::string args;
  std::string expected;
};

std::vector<CheckCase> CheckCases() {
  std::vector<CheckCase> out;
  for (const std::string& line : Lines(ReadText(kQueries / "check.cases"))) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

TEST_CASE("check rejects each bad query with exit 2 and a message naming it") {
  const auto cases = CheckCases();
  CHECK(cases.size() >= 20);
  for (const CheckCase& c : cases) {
    INFO("check " << c.args);
    const CliRun run = RunCli("check " + kPolicy + " " + c.args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(Lines(run.err) == std::vector<std::string>{c.expected});
  }
}

TEST_CASE("the good query of the check corpus is decided") {
  CHECK(RunCli("check " + kPolicy + " --model fable-5 --country US --use research").exit_code == 0);
}

// Every key of `expected` has the same value in `actual`.
void CheckSubset(const nlohmann::json& expected, const nlohmann::json& actual) {
  for (const auto& [key, value] : expected.items()) {
    INFO("key " << key);
    REQUIRE(actual.contains(key));
    CHECK(actual[key] == value);
  }
}

TEST_CASE("batch jsonl gives exactly one record per line, in order, errors in place") {
  // The committed lines, then a 1 MB id on a good query, a 1 MB line of
  // malformed JSON and an id nested 100 000 deep (once a stack overflow).
  const fs::path input = fs::temp_directory_path() / ("clearance-batch-" + std::to_string(::getpid()) + ".jsonl");
  const std::string big_id(1 << 20, 'i');
  WriteText(input, ReadText(kQueries / "batch.jsonl") +
                       R"({"model": "open-7b", "country": "US", "use": "research", "id": ")" + big_id + "\"}\n" +
                       "{\"model\": \"" + std::string(1 << 20, 'x') + "\n" +
                       "{\"id\": " + std::string(100'000, '[') + std::string(100'000, ']') + "}\n");
  const CliRun run = RunCli("batch " + kPolicy + " --date 2026-06-01 --input " + ShellQuote(input.string()));
  fs::remove(input);
  CHECK(run.exit_code == 1);
  const auto expected = Lines(ReadText(kQueries / "batch.jsonl.expected"));
  const auto actual = Lines(run.out);
  REQUIRE(actual.size() == expected.size() + 3);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("line " << i + 1);
    CheckSubset(nlohmann::json::parse(expected[i]), nlohmann::json::parse(actual[i]));
  }
  const auto big = nlohmann::json::parse(actual[expected.size()]);
  CHECK(big["id"] == big_id);
  CHECK(big["effect"] == "allow");
  CHECK(nlohmann::json::parse(actual[expected.size() + 1]) ==
        nlohmann::json::parse(R"({"line": )" + std::to_string(expected.size() + 2) +
                              R"(, "id": null, "error": "malformed JSON"})"));
  CHECK(nlohmann::json::parse(actual.back()) ==
        nlohmann::json::parse(R"({"line": )" + std::to_string(expected.size() + 3) +
                              R"(, "id": null, "error": "JSON nested deeper than 64 levels"})"));
}

TEST_CASE("batch csv gives exactly one record per row, in order, errors in place") {
  const CliRun run = RunCli("batch " + kPolicy + " --format csv --date 2026-06-01 --input " +
                            ShellQuote((kQueries / "batch.csv").string()));
  CHECK(run.exit_code == 1);
  CHECK(Lines(run.out) == Lines(ReadText(kQueries / "batch.csv.expected")));
}

}  // namespace
}  // namespace clearance::corpus
