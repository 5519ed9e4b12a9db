// Every `clearance diff` format against golden files (tests/data/diff/), on
// the seed what-ifs, a diff over time, no change, and a small pair with
// values and a dimension declared by one side only. The HTML page is also
// parsed and checked for its parts.
#include <catch2/catch.hpp>
#include <sstream>

#include "clearance/diff.hpp"
#include "report/diff_common.hpp"
#include "report/diff_golden.hpp"
#include "report/diff_render.hpp"
#include "report/diff_xml_check.hpp"
#include "support/fixtures.hpp"

namespace clearance {
namespace {

using diff_testing::CheckGolden;

Policy Load(const std::string& path) {
  diff_testing::AtRepositoryRoot();
  auto p = LoadPolicy(path);
  if (!p) FAIL(p.error().ToString());
  return *p;
}

DiffReport MustDiff(const Policy& a, const Policy& b, const std::string& date, DiffBy by = DiffBy::kEffect,
                    const std::string& to_date = "") {
  DiffOptions options;
  options.date = *Date::Parse(date);
  if (!to_date.empty()) options.to_date = Date::Parse(to_date);
  options.by = by;
  auto report = Diff(a, b, options);
  if (!report) FAIL(report.error().ToString());
  return *report;
}

std::string Csv(const DiffReport& r) {
  std::ostringstream out;
  report::WriteDiffCsv(r, out);
  return out.str();
}

// Every format of one report, as NAME.{txt,md,json,csv,html}.
void AllFormats(const std::string& name, const DiffReport& r, const Policy& a, const Policy& b) {
  CheckGolden(name + ".txt", report::DiffText(r, a, b));
  CheckGolden(name + ".md", report::DiffMarkdown(r, a, b));
  CheckGolden(name + ".json", report::DiffJson(r).dump(2) + "\n");
  CheckGolden(name + ".csv", Csv(r));
  CheckGolden(name + ".html", report::DiffHtml(r, a, b));
}

// A pair with a value only the old side has, one only the new side has, and
// a dimension only the new side declares (with its default).
const char* kSmallOld = R"(clearance: 1
policy: small-old
default: allow
dimensions:
  model:
    values: [m1, m2, m3, legacy]
    groups:
      big: [m1, m2]
  country:
    values: [US, DE, FR, "A,B"]
rules:
  - id: ban-big
    effect: deny
    when: model in big and country != US
    because: Big models stay home.
    cite: "Rule 1"
)";

const char* kSmallNew = R"(clearance: 1
policy: small-new
default: allow
dimensions:
  country:
    values: [FR, DE, US, "A,B", JP]
  model:
    values: [m3, m2, m1, m4]
    groups:
      big: [m1, m2, m3]
  end-user:
    values: [unlisted, listed]
    default: unlisted
rules:
  - id: ban-big
    effect: deny
    when: model in big and country != US
    because: Big models stay home, m3 included.
  - id: listed-ban
    effect: deny
    when: end-user == listed
)";

TEST_CASE("diff formats: the allied defensive carve-out", "[diff][golden]") {
  const Policy base = Load("tests/data/seed/frontier-2026/base.yaml");
  const Policy allies = Load("tests/data/seed/frontier-2026/allies-defensive.yaml");
  AllFormats("allies-defensive", MustDiff(base, allies, "2027-01-01"), base, allies);
}

TEST_CASE("diff formats: hawks by decisive rules", "[diff][golden]") {
  const Policy base = Load("tests/data/seed/frontier-2026/base.yaml");
  const Policy hawks = Load("tests/data/seed/frontier-2026/hawks.yaml");
  const DiffReport r = MustDiff(base, hawks, "2027-01-01", DiffBy::kDecisive);
  CheckGolden("hawks-decisive.txt", report::DiffText(r, base, hawks));
  CheckGolden("hawks-decisive.json", report::DiffJson(r).dump(2) + "\n");
}

TEST_CASE("diff formats: one policy over time", "[diff][golden]") {
  const Policy p = Load("rules/ai-diffusion-2025/diffusion.yaml");
  const DiffReport r = MustDiff(p, p, "2025-03-01", DiffBy::kEffect, "2025-06-01");
  CheckGolden("diffusion-over-time.txt", report::DiffText(r, p, p));
  CheckGolden("diffusion-over-time.json", report::DiffJson(r).dump(2) + "\n");
}

TEST_CASE("diff formats: no change", "[diff][golden]") {
  const Policy base = Load("tests/data/seed/frontier-2026/base.yaml");
  const DiffReport r = MustDiff(base, base, "2027-01-01");
  CheckGolden("no-change.txt", report::DiffText(r, base, base));
  CheckGolden("no-change.json", report::DiffJson(r).dump(2) + "\n");
  CHECK(Csv(r) ==
        "country,model,use,from,to,old_decisive,new_decisive,old_outcomes,new_outcomes,old_obligations,"
        "new_obligations\n");
  CHECK_FALSE(r.Differs());
}

TEST_CASE("diff formats: one-sided values and dimensions", "[diff][golden]") {
  const Policy a = testing_support::MustLoad(testing_support::Files{{"small-old.yaml", kSmallOld}});
  const Policy b = testing_support::MustLoad(testing_support::Files{{"small-new.yaml", kSmallNew}});
  const DiffReport r = MustDiff(a, b, "2027-01-01");
  AllFormats("one-sided", r, a, b);
  const auto json = report::DiffJson(r);
  CHECK(json["only_old"].dump() == R"({"model":["legacy"],"country":[],"end-user":[]})");
  CHECK(json["only_new"].dump() == R"({"model":["m4"],"country":["JP"],"end-user":["unlisted","listed"]})");
}

TEST_CASE("diff JSON has docs/cli.md's keys in order", "[diff]") {
  const Policy base = Load("tests/data/seed/frontier-2026/base.yaml");
  const Policy allies = Load("tests/data/seed/frontier-2026/allies-defensive.yaml");
  const auto keys = [](const nlohmann::ordered_json& j) {
    std::vector<std::string> out;
    for (const auto& item : j.items()) out.push_back(item.key());
    return out;
  };
  const auto plain = report::DiffJson(MustDiff(base, allies, "2027-01-01"));
  CHECK(keys(plain) == std::vector<std::string>{"old", "new", "date", "by", "queries", "changed", "regions",
                                                "only_old", "only_new", "only_old_queries",
                                                "only_new_queries"});
  CHECK(plain["by"] == "effect");
  // docs/cli.md's keys, then "names" (an addition: the display names of the
  // values that have one, per dimension).
  CHECK(keys(plain["regions"][0]) ==
        std::vector<std::string>{"from", "to", "count", "values", "old_decisive", "new_decisive", "old_outcomes",
                                 "new_outcomes", "old_obligations", "new_obligations", "names"});
  CHECK(plain["regions"][0]["names"]["country"]["DE"] == "Germany");
  CHECK_FALSE(plain["regions"][0]["names"].contains("use"));  // no use has a name
  DiffOptions every_date;
  every_date.all_dates = true;
  auto all = Diff(base, allies, every_date);
  REQUIRE(all);
  const auto dated = report::DiffJson(*all);
  CHECK(keys(dated)[2] == "date");
  CHECK(dated["date"].is_null());
  CHECK(keys(dated)[3] == "intervals");
  CHECK(keys(dated["regions"][0])[4] == "dates");
  CHECK(keys(dated["regions"][0]["dates"]) == std::vector<std::string>{"from", "to"});
  CHECK(keys(plain["old"]) == std::vector<std::string>{"name", "digest"});
  const auto over_time = report::DiffJson(MustDiff(base, base, "2027-01-01", DiffBy::kEffect, "2028-01-01"));
  CHECK(keys(over_time)[3] == "to_date");
  CHECK(keys(over_time)[4] == "by");
  CHECK(over_time["to_date"] == "2028-01-01");
}

// The HTML page: well-formed, with a summary, a heat map whose cells add up
// to the changed queries, and one article per region with its rules.
TEST_CASE("diff HTML has its parts", "[diff][html]") {
  const Policy base = Load("tests/data/seed/frontier-2026/base.yaml");
  const Policy a5 = Load("tests/data/seed/frontier-2026/a5-defensive-research.yaml");
  const DiffReport r = MustDiff(base, a5, "2027-01-01");
  const std::string html = report::DiffHtml(r, base, a5);
  std::string root;
  CHECK(diff_testing::CheckXml(html, &root) == "");
  CHECK(root == "html");
  CHECK(html.find("<section id=\"summary\">") != std::string::npos);
  CHECK(html.find("<b>" + std::to_string(r.changed) + "</b> changed") != std::string::npos);
  CHECK(html.find("<section id=\"heatmap\">") != std::string::npos);
  CHECK(html.find("<tr class=\"group\"><th colspan=\"10\">A:5 (38)</th></tr>") != std::string::npos);
  // Heat-map cells: each changed (country, use) pair shows its count (2 models).
  std::size_t cells = 0;
  for (std::size_t at = html.find(" changed queries, to allow\">↑2</td>"); at != std::string::npos;
       at = html.find(" changed queries, to allow\">↑2</td>", at + 1))
    ++cells;
  CHECK(cells * 2 == r.changed);
  // Issue #14: the legend lists only the directions that occur (here, to
  // allow), rows show names beside the codes, the counts have a caption and
  // digests do not wrap.
  const std::string legend = html.substr(html.find("<p class=\"legend\">"));
  const std::string legend_line = legend.substr(0, legend.find("</p>"));
  CHECK(legend_line.find("to allow") != std::string::npos);
  CHECK(legend_line.find("to deny") == std::string::npos);
  CHECK(legend_line.find("several kinds") == std::string::npos);
  CHECK(legend_line.find("same effect") == std::string::npos);
  CHECK(html.find("<tr><th>AT (Austria)</th>") != std::string::npos);
  CHECK(html.find("<caption>Each cell counts the changed queries") != std::string::npos);
  CHECK(html.find("<code class=\"digest\">sha256:") != std::string::npos);
  CHECK(html.find("hsl(140,") == std::string::npos);  // no green against red
  CHECK(html.find("<section id=\"regions\">") != std::string::npos);
  CHECK(html.find("<article class=\"region\" id=\"region-1\">") != std::string::npos);
  CHECK(html.find("id=\"region-2\"") == std::string::npos);
  CHECK(html.find("Country Group A:5 destinations") != std::string::npos);                   // because
  CHECK(html.find("Hypothetical 2026 licence exception ADR") != std::string::npos);          // cite
  CHECK(html.find("tests/data/seed/frontier-2026/a5-defensive-research.yaml:") != std::string::npos);  // source
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("value lists fold into the old policy's largest whole groups", "[diff]") {
  const Policy base = Load("tests/data/seed/frontier-2026/base.yaml");
  const auto fold = [&](const std::string& dim, std::vector<std::string> values) {
    return report::DescribeFolded(report::FoldValues(base, dim, values), 4);
  };
  CHECK(fold("use", {"intrusion-detection", "vulnerability-analysis", "threat-response"}) ==
        "defensive-cyber (3)");
  CHECK(fold("use", {"intrusion-detection", "vulnerability-analysis", "threat-response",
                     "offensive-cyber"}) == "cyber (4)");
  CHECK(fold("use", {"intrusion-detection", "research"}) == "intrusion-detection, research");
  CHECK(fold("model", {"fable-5", "mythos-5", "open-frontier", "closed-midsize"}) == "any (4)");
  CHECK(fold("country", {"CU", "IR", "KP", "SY", "US"}) == "E:1 (3), CU, US");
  CHECK(fold("country", {"AD", "AE", "AF", "AG", "AI", "AL"}) == "AD, AE, AF, AG, … 2 more");
}

}  // namespace
}  // namespace clearance

namespace clearance {
namespace {

// A what-if whose change takes effect on 2026-06-12 and a ban that expires
// on 2027-01-01: --all-dates finds both without a guessed date.
const std::string kDatedRules = R"(rules:
  - id: ban
    effect: deny
    when: model in frontier and country != US
    expires: 2027-01-01
    obligations: [Refer to counsel.]
)";

TEST_CASE("diff formats: every date, with a timeline", "[diff][golden]") {
  const Policy a = testing_support::MustLoad(testing_support::kDims + "default: allow\n" + kDatedRules);
  const Policy b = testing_support::MustLoad(testing_support::kDims + "default: allow\n" + kDatedRules + R"(  - id: allies
    effect: allow
    when: country in allies and use == defensive-cyber
    overrides: [ban]
    effective: 2026-06-12
    obligations: [Report within 30 days.]
)");
  DiffOptions options;
  options.all_dates = true;
  auto r = Diff(a, b, options);
  REQUIRE(r);
  CHECK(r->intervals == 3);
  CHECK(r->queries == 3 * 5 * 4 * 3);
  AllFormats("all-dates", *r, a, b);
  const std::vector<report::TimelineStep> timeline = report::Timeline(*r);
  REQUIRE(timeline.size() == 2);
  CHECK(timeline[0].date.ToString() == "2026-06-12");
  CHECK(timeline[1].date.ToString() == "2027-01-01");
  const std::string html = report::DiffHtml(*r, a, b);
  CHECK(html.find("<section id=\"timeline\">") != std::string::npos);
  CHECK(diff_testing::CheckXml(html) == "");
}

}  // namespace
}  // namespace clearance
