// Issue #14 "names people know" and "reports", through the CLI: display
// names beside codes and in query hints, a policy without dimensions,
// matrix --cell and --where GROUP, graph --focus/--max-nodes and its title,
// the groups view without its hairball.
#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

using namespace clearance::testing_support;

namespace {

const std::string kShipped = "rules/frontier-2026/base.yaml";
const std::string kAllies = "rules/frontier-2026/allies-defensive.yaml";

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("check suggests the code of a value typed by its display name", "[cli][check][names]") {
  struct Case {
    std::string args;
    std::string message;
  };
  auto c = GENERATE(values<Case>({
      {"--model fable-5 --country Germany --use research",
       "error: --country: unknown value 'Germany' of dimension 'country'; did you mean 'DE' (Germany)?\n"},
      {"--model fable-5 --country germny --use research",
       "error: --country: unknown value 'germny' of dimension 'country'; did you mean 'DE' (Germany)?\n"},
      {"--model fable-5 --set country=Korea --use research",
       "error: --set: unknown value 'Korea' of dimension 'country'; did you mean 'KP' (Korea, Democratic "
       "People's Republic of) or 'KR' (Korea, Republic of)?\n"},
      {"--model fable-5 --country DE --use research --set nationality=France",
       "error: --set: unknown value 'France' of dimension 'nationality'; did you mean 'FR' (France)?\n"},
  }));
  const CliRun run = RunCli("check " + kShipped + " --date 2027-01-01 " + c.args);
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  CHECK(run.err == c.message);
}

TEST_CASE("check's text shows values with their display names", "[cli][check][names]") {
  const CliRun run = RunCli("check " + kShipped + " --model fable-5 --country DE --set nationality=US --use research "
                            "--date 2027-01-01");
  CHECK(run.out.rfind("ALLOW  model=fable-5, country=DE (Germany), nationality=US (United States), end-user=other, "
                      "use=research, date=2027-01-01\n",
                      0) == 0);
}

TEST_CASE("check of a policy without dimensions shows the date alone", "[cli][check]") {
  const CliRun run = RunCli("check tests/data/reports/no-dimensions.yaml --date 2026-01-01");
  CHECK(run.exit_code == 1);
  CHECK(run.out.rfind("DENY  date=2026-01-01\n", 0) == 0);
}

TEST_CASE("matrix --where accepts a group: each member, mixed unless they agree", "[cli][matrix]") {
  const std::string base = "matrix " + kAllies + " --rows country --cols use --where nationality=DE --date 2027-01-01 "
                                                  "--fold-rows tier-1 --format csv";
  const CliRun by_group = RunCli(base + " --where model=frontier");
  REQUIRE(by_group.exit_code == 0);
  // Both frontier models are released for defensive uses to tier 1 ...
  CHECK(by_group.out.find("tier-1 (18),allow,allow,allow,deny,") != std::string::npos);
  // ... and every model, the open ones included, is neither all allowed nor all denied for research in CN.
  const CliRun any = RunCli(base + " --where model=any");
  REQUIRE(any.exit_code == 0);
  CHECK(any.out.find("mixed") != std::string::npos);
  const CliRun bad = RunCli(base + " --where model=fronteir");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "error: --where: unknown value or group 'fronteir' of dimension 'model' (did you mean "
                   "'frontier'?)\n");
}

TEST_CASE("matrix --cell shows the outcome or the deciding rules; effect stays the default", "[cli][matrix]") {
  const std::string base = "matrix " + kAllies + " --rows country --cols use --where model=fable-5 "
                                                  "--where nationality=DE --date 2027-01-01 --fold-rows tier-1";
  const CliRun effect = RunCli(base);
  CHECK(effect.out == RunCli(base + " --cell effect").out);
  const CliRun outcome = RunCli(base + " --cell outcome --format csv");
  REQUIRE(outcome.exit_code == 0);
  CHECK(outcome.out.find("tier-1 (18),license-exception-acd,license-exception-acd,license-exception-acd,"
                         "license-required,") != std::string::npos);
  const CliRun rule = RunCli(base + " --cell rule");
  CHECK(rule.out.find("allied-defensive-release") != std::string::npos);
  CHECK(RunCli(base + " --cell colour").exit_code == 2);
}

TEST_CASE("matrix HTML and SVG: names, a colour-blind-safe palette, a legend of what occurs", "[cli][matrix]") {
  const std::string base = "matrix " + kAllies + " --rows country --cols use --where model=fable-5 "
                                                  "--where nationality=DE --date 2027-01-01";
  const CliRun html = RunCli(base + " --format html");
  CHECK(html.out.find("<th>DE (Germany)</th>") != std::string::npos);
  CHECK(html.out.find("nationality = DE (Germany)") != std::string::npos);
  CHECK(html.out.find("#2e9d55") == std::string::npos);  // no red against green
  CHECK(html.out.find("#0072B2") != std::string::npos);
  CHECK(html.out.find("<span class=\"mixed\">") == std::string::npos);  // no mixed cell, no mixed legend
  const CliRun svg = RunCli(base + " --format svg");
  CHECK(svg.out.find(">DE (Germany)</text>") != std::string::npos);
  CHECK(Count(svg.out, ">\u2713</text>") > 0);  // allow cells carry a glyph besides their colour
  CHECK(svg.out.find("mixed:") == std::string::npos);
  // Sized to its content: 249 rows of 18 px under the header, not 22 px rows with gaps.
  const auto at = svg.out.find(" height=\"");
  const long height = std::stol(svg.out.substr(at + 9));
  CHECK(height < 249 * 18 + 300);
}

TEST_CASE("graph has a title, outcomes on the leaves, --focus, --date and --max-nodes", "[cli][graph]") {
  const CliRun all = RunCli("graph " + kShipped);
  REQUIRE(all.exit_code == 0);
  CHECK(all.out.find("label=\"frontier-2026 (decision graph)\\nsha256:") != std::string::npos);
  CHECK(all.out.find("\\nevery date\";") != std::string::npos);
  CHECK(all.out.find("outcome: license-required") != std::string::npos);
  const CliRun focused = RunCli("graph " + kShipped + " --date 2027-01-01 --focus country=DE --focus model=fable-5");
  REQUIRE(focused.exit_code == 0);
  CHECK(focused.out.find("as of 2027-01-01, country = DE, model = fable-5") != std::string::npos);
  CHECK(Count(focused.out, " -> ") < Count(all.out, " -> "));
  CHECK(focused.out.find("embargoed-destinations") == std::string::npos);  // DE is not embargoed
  const CliRun small = RunCli("graph " + kShipped + " --max-nodes 5");
  CHECK(Count(small.out, "  n") <= 5 + Count(small.out, " -> ") + 1);
  CHECK(small.out.find("more nodes") != std::string::npos);
  CHECK(RunCli("graph " + kShipped + " --focus country=Germany").err ==
        "error: --focus: unknown value or group 'Germany' of dimension 'country'\n");
  CHECK(RunCli("graph " + kShipped + " --what overrides --focus country=DE").exit_code == 2);
}

TEST_CASE("graph --what groups is clustered per dimension, long member lists counted", "[cli][graph]") {
  const CliRun groups = RunCli("graph " + kShipped + " --what groups");
  REQUIRE(groups.exit_code == 0);
  CHECK(Count(groups.out, " -> ") < 150);  // was 1347 edges, one per member of every group
  CHECK(groups.out.find("subgraph cluster_") != std::string::npos);
  CHECK(groups.out.find("DE (Germany)") != std::string::npos);
  CHECK(groups.out.find("more\"") != std::string::npos);
  const CliRun de = RunCli("graph " + kShipped + " --what groups --focus country=DE");
  CHECK(de.out.find("label=\"nationality\"") == std::string::npos);
  CHECK(de.out.find("tier-1 (18)") != std::string::npos);
  CHECK(de.out.find("tier-3") == std::string::npos);
}
