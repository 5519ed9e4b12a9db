// The corpus of broken policies (tests/data/broken, see its README): each
// case must fail to load with exactly the expected first diagnostic, through
// the library and through `clearance check` (exit 2, the same first line).
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "clearance/policy.hpp"
#include "load/corpus_support.hpp"

namespace clearance::corpus {
namespace {

const fs::path kBroken = fs::path(CLEARANCE_TEST_DATA) / "broken";

struct Case {
  std::string name;     // "too-deep" or "include-cycle"
  fs::path root;        // the policy's root file
  fs::path confine;     // the folder the loader is confined to
  fs::path expected;    // the golden first diagnostic
  std::string limits;   // "key=value" lines, or empty
};

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(kBroken)) {
    const fs::path& p = entry.path();
    if (entry.is_directory() && fs::exists(p / "root.yaml")) {
      cases.push_back({p.filename().string(), p / "root.yaml", p, p / "expected", {}});
    } else if (p.extension() == ".yaml") {
      fs::path limits = p;
      limits.replace_extension(".limits");
      fs::path expected = p;
      expected.replace_extension(".expected");
      cases.push_back({p.stem().string(), p, kBroken, expected, fs::exists(limits) ? ReadText(limits) : ""});
    }
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

Limits ParseLimits(const std::string& text) {
  Limits limits;
  for (const std::string& line : Lines(text)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    const std::size_t value = std::stoull(line.substr(eq + 1));
    if (key == "max_file_bytes") limits.max_file_bytes = value;
    else if (key == "max_nodes") limits.max_nodes = value;
    else if (key == "max_expanded_bytes") limits.max_expanded_bytes = value;
    else if (key == "max_expression_bytes") limits.max_expression_bytes = value;
    else FAIL("unknown limit " << key);
  }
  return limits;
}

// Paths in messages, relative to the corpus folder.
std::string Relative(const std::string& message) { return ReplaceAll(message, kBroken.string() + "/", ""); }

std::optional<std::string> FirstLoadError(const Case& c) {
  LoadOptions options;
  options.limits = ParseLimits(c.limits);
  options.resolver = MakeFileResolver({c.confine.string(), false});
  Result<Policy> policy = LoadPolicy(c.root.string(), options);
  if (policy) return std::nullopt;
  return Relative(policy.error().diagnostics().front().ToString());
}

TEST_CASE("the broken corpus has at least 60 cases, each with an expectation") {
  const auto cases = AllCases();
  CHECK(cases.size() >= 60);
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK((UpdatingGolden() || fs::exists(c.expected)));
  }
}

TEST_CASE("every broken policy fails with its exact first diagnostic") {
  for (const Case& c : AllCases()) {
    INFO("case " << c.name);
    const std::optional<std::string> error = FirstLoadError(c);
    REQUIRE(error.has_value());
    if (UpdatingGolden()) {
      WriteText(c.expected, *error + "\n");
      continue;
    }
    const auto expected = Lines(ReadText(c.expected));
    REQUIRE(!expected.empty());
    CHECK(*error == expected.front());
  }
}

TEST_CASE("clearance check reports a broken policy with exit 2 and the same first line") {
  if (UpdatingGolden()) return;
  for (const Case& c : AllCases()) {
    if (!c.limits.empty()) continue;  // the CLI has no flags for limits
    INFO("case " << c.name);
    const CliRun run = RunCli("check " + ShellQuote(c.root.string()) + " --root " + ShellQuote(c.confine.string()));
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    const auto lines = Lines(Relative(run.err));
    REQUIRE(!lines.empty());
    CHECK(lines.front() == Lines(ReadText(c.expected)).front());
  }
}

}  // namespace
}  // namespace clearance::corpus
