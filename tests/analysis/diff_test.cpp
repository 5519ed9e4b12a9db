// Diff regions against brute force: every compared query decided by the
// direct interpreter on both sides (a second implementation, no decision
// graph), on random policy pairs with fixed seeds; plus the seed what-if
// scenario and the error cases.
#include "clearance/diff.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "analysis/diff.hpp"
#include "analysis/diff_random_policies.hpp"
#include "api/policy_access.hpp"
#include "support/fixtures.hpp"

namespace clearance {
namespace {

using testing_support::LoadText;
using testing_support::MustLoad;

struct Expected {
  Effect from, to;
  std::set<std::string> old_decisive, new_decisive;
};

std::set<std::string> AsSet(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

// The compared dimensions (old order) and their compared values (old order).
std::vector<std::pair<std::string, std::vector<std::string>>> Compared(const Policy& o, const Policy& n) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const DimensionInfo& d : o.dimensions()) {
    const auto nd = n.FindDimension(d.name);
    if (!nd) continue;
    std::vector<std::string> values;
    for (const std::string& v : d.values) {
      if (n.FindValue(*nd, v)) values.push_back(v);
    }
    out.emplace_back(d.name, values);
  }
  return out;
}

Decision Interpret(const Policy& p, const Assignments& a, Date date) {
  auto q = p.MakeQuery(a, date);
  if (!q) FAIL(q.error().message());
  return p.Interpret(*q);
}

// Every changed query, by its values (compared dimensions, old order).
std::map<std::vector<std::string>, Expected> BruteForce(const Policy& o, const Policy& n,
                                                        const DiffOptions& options, std::uint64_t& queries) {
  const auto dims = Compared(o, n);
  std::map<std::vector<std::string>, Expected> changed;
  std::vector<std::size_t> at(dims.size(), 0);
  queries = 0;
  for (const auto& d : dims) {
    if (d.second.empty()) return changed;
  }
  while (true) {
    Assignments a;
    std::vector<std::string> key;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      a.emplace_back(dims[d].first, dims[d].second[at[d]]);
      key.push_back(dims[d].second[at[d]]);
    }
    ++queries;
    const Decision before = Interpret(o, a, options.date);
    const Decision after = Interpret(n, a, options.to_date.value_or(options.date));
    const bool differs = before.effect != after.effect ||
                         (options.by == DiffBy::kDecisive && AsSet(before.decisive) != AsSet(after.decisive));
    if (differs) changed[key] = {before.effect, after.effect, AsSet(before.decisive), AsSet(after.decisive)};
    std::size_t d = 0;
    while (d < dims.size() && ++at[d] == dims[d].second.size()) at[d++] = 0;
    if (d == dims.size()) return changed;
  }
}

bool InPolicyOrder(const Policy& p, const std::vector<std::string>& ids) {
  for (std::size_t i = 1; i < ids.size(); ++i) {
    if (*p.FindRule(ids[i - 1]) >= *p.FindRule(ids[i])) return false;
  }
  return true;
}

// The report's regions are disjoint, hold exactly the changed queries, and
// say the right thing about each of them.
void CheckReport(const Policy& o, const Policy& n, const DiffOptions& options, const DiffReport& report) {
  std::uint64_t queries = 0;
  const auto expected = BruteForce(o, n, options, queries);
  REQUIRE(report.queries == queries);
  REQUIRE(report.changed == expected.size());
  const auto dims = Compared(o, n);
  REQUIRE(report.dimensions.size() == dims.size());
  std::set<std::vector<std::string>> seen;
  std::uint64_t total = 0;
  for (const DiffRegion& r : report.regions) {
    INFO("region " << ToString(r.from) << " -> " << ToString(r.to));
    REQUIRE(r.values.size() == dims.size());
    std::uint64_t count = 1;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      REQUIRE(report.dimensions[d] == dims[d].first);
      REQUIRE_FALSE(r.values[d].empty());
      const std::size_t od = *o.FindDimension(dims[d].first);
      for (std::size_t i = 1; i < r.values[d].size(); ++i) {  // old declaration order
        REQUIRE(*o.FindValue(od, r.values[d][i - 1]) < *o.FindValue(od, r.values[d][i]));
      }
      count *= r.values[d].size();
    }
    REQUIRE(r.count == count);
    REQUIRE(InPolicyOrder(o, r.old_decisive));
    REQUIRE(InPolicyOrder(n, r.new_decisive));
    total += count;
    std::vector<std::size_t> at(dims.size(), 0);
    for (bool more = true; more;) {
      std::vector<std::string> key;
      for (std::size_t d = 0; d < dims.size(); ++d) key.push_back(r.values[d][at[d]]);
      INFO("query " << ::Catch::Detail::stringify(key));
      REQUIRE(seen.insert(key).second);  // disjoint
      const auto it = expected.find(key);
      REQUIRE(it != expected.end());  // only changed queries
      CHECK(it->second.from == r.from);
      CHECK(it->second.to == r.to);
      CHECK(it->second.old_decisive == AsSet(r.old_decisive));
      CHECK(it->second.new_decisive == AsSet(r.new_decisive));
      std::size_t d = 0;
      while (d < dims.size() && ++at[d] == r.values[d].size()) at[d++] = 0;
      more = d < dims.size();
    }
  }
  CHECK(total == expected.size());
  CHECK(seen.size() == expected.size());  // every changed query
}

void CheckOneSided(const Policy& o, const Policy& n, const DiffReport& report) {
  std::map<std::string, std::vector<std::string>> only_old(report.only_old.begin(), report.only_old.end());
  std::map<std::string, std::vector<std::string>> only_new(report.only_new.begin(), report.only_new.end());
  for (const auto& [side, other, lists] : {std::tuple{&o, &n, &only_old}, std::tuple{&n, &o, &only_new}}) {
    for (const DimensionInfo& d : side->dimensions()) {
      REQUIRE(lists->count(d.name) == 1);
      std::vector<std::string> want;
      const auto od = other->FindDimension(d.name);
      for (const std::string& v : d.values) {
        if (!od || !other->FindValue(*od, v)) want.push_back(v);
      }
      CHECK(lists->at(d.name) == want);
    }
  }
}

TEST_CASE("diff regions equal brute force on random policy pairs", "[diff][property]") {
  int compared = 0, with_changes = 0, agreeing = 0, recompiled = 0;
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    diff_testing::PolicyPair gen(seed);
    const auto old_model = gen.Random();
    const auto new_model = gen.Mutate(old_model);
    auto a = LoadText(gen.Yaml(old_model));
    auto b = LoadText(gen.Yaml(new_model));
    if (!a || !b) FAIL("seed " << seed << ": " << (a ? b.error().ToString() : a.error().ToString()));
    DiffOptions options;
    options.date = *Date::Parse(gen.Date());
    if (gen.Chance(3)) options.to_date = Date::Parse(gen.Date());
    for (DiffBy by : {DiffBy::kEffect, DiffBy::kDecisive}) {
      options.by = by;
      for (bool swap : {false, true}) {  // the mutation's values and dimensions on either side
        const Policy& o = swap ? *b : *a;
        const Policy& n = swap ? *a : *b;
        INFO("seed " << seed << (swap ? " swapped" : "") << (by == DiffBy::kDecisive ? " by decisive" : ""));
        auto report = Diff(o, n, options);
        if (!report) {
          // Only a one-sided dimension without a default may fail; the
          // generator always gives its extra dimension a default.
          FAIL(report.error().ToString());
        }
        CheckReport(o, n, options, *report);
        CheckOneSided(o, n, *report);
        // Both ways of bringing the graphs to one order: the policies' own
        // graphs when they agree, else the new policy compiled again.
        auto agree = analysis::OrdersAgree(o, internal::DataOf(o).graph, n, internal::DataOf(n).graph);
        REQUIRE(agree);
        ++(*agree ? agreeing : recompiled);
        if (*agree) {
          auto graph = analysis::CompileForDiff(o, internal::DataOf(o).graph, n);
          REQUIRE(graph);
          auto again = analysis::DiffGraphs(o, internal::DataOf(o).graph, n, *graph, options);
          REQUIRE(again);
          CheckReport(o, n, options, *again);
        }
        ++compared;
        with_changes += report->regions.empty() ? 0 : 1;
      }
    }
  }
  CHECK(compared == 600);
  CHECK(with_changes > 200);  // the generator does produce changes
  CHECK(agreeing > 50);
  CHECK(recompiled > 50);
}

TEST_CASE("a policy diffed against itself on one date changes nothing", "[diff]") {
  for (std::uint32_t seed = 1000; seed < 1020; ++seed) {
    diff_testing::PolicyPair gen(seed);
    const auto model = gen.Random();
    const Policy p = MustLoad(gen.Yaml(model));
    DiffOptions options;
    options.date = *Date::Parse(gen.Date());
    options.by = DiffBy::kDecisive;
    auto report = Diff(p, p, options);
    REQUIRE(report);
    CHECK(report->regions.empty());
    CHECK(report->changed == 0);
  }
}

Policy LoadRule(const std::string& path) {
  auto p = LoadPolicy(std::string(CLEARANCE_SOURCE_DIR) + "/" + path);
  if (!p) FAIL(p.error().ToString());
  return *p;
}

TEST_CASE("the allied defensive carve-out is one region", "[diff][seed]") {
  const Policy base = LoadRule("tests/data/seed/frontier-2026/base.yaml");
  const Policy allies = LoadRule("tests/data/seed/frontier-2026/allies-defensive.yaml");
  DiffOptions options;
  options.date = *Date::Parse("2027-01-01");
  auto report = Diff(base, allies, options);
  REQUIRE(report);
  REQUIRE(report->regions.size() == 1);
  const DiffRegion& r = report->regions[0];
  CHECK(r.from == Effect::kDeny);
  CHECK(r.to == Effect::kAllow);
  CHECK(r.count == 2 * 18 * 3);
  CHECK(report->changed == 108);
  CHECK(report->queries == 249 * 4 * 9);
  CHECK(r.old_decisive == std::vector<std::string>{"frontier-foreign-ban"});
  CHECK(r.new_decisive == std::vector<std::string>{"allied-defensive-carve-out"});
  const auto dim = [&](const std::string& name) {
    const auto it = std::find(report->dimensions.begin(), report->dimensions.end(), name);
    REQUIRE(it != report->dimensions.end());
    return r.values[static_cast<std::size_t>(it - report->dimensions.begin())];
  };
  CHECK(dim("model") == std::vector<std::string>{"fable-5", "mythos-5"});
  CHECK(dim("use") ==
        std::vector<std::string>{"intrusion-detection", "vulnerability-analysis", "threat-response"});
  const auto tier1 = dim("country");
  CHECK(tier1 == std::vector<std::string>{"AU", "BE", "CA", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IT",
                                          "JP", "KR", "NL", "NO", "NZ", "SE", "TW"});
  CheckReport(base, allies, options, *report);
}

TEST_CASE("diff over time shows the rules that expire", "[diff]") {
  const Policy p = MustLoad(testing_support::kDims + R"(rules:
  - id: temporary-licence
    effect: allow
    when: model in frontier
    expires: 2025-05-01
)");
  DiffOptions options;
  options.date = *Date::Parse("2025-03-01");
  options.to_date = Date::Parse("2025-06-01");
  auto report = Diff(p, p, options);
  REQUIRE(report);
  REQUIRE(report->regions.size() == 1);
  CHECK(report->regions[0].from == Effect::kAllow);
  CHECK(report->regions[0].to == Effect::kDeny);  // the default
  CHECK(report->regions[0].old_decisive == std::vector<std::string>{"temporary-licence"});
  CHECK(report->regions[0].new_decisive.empty());
  CHECK(report->changed == 2 * 5 * 4);
  CheckReport(p, p, options, *report);
}

TEST_CASE("a dimension one side declares without a default is an error", "[diff]") {
  const Policy a = MustLoad(testing_support::kDims + "rules: []\n");
  const Policy b = MustLoad(testing_support::kDims + R"(  tier:
    values: [t1, t2]
rules: []
)");
  auto report = Diff(a, b);
  REQUIRE_FALSE(report);
  CHECK(report.error().message() ==
        "p.yaml:21:3: error: dimension 'tier' is declared only by the new policy 't' and has no default "
        "there, so the "
        "two policies cannot be compared (DSL.md §9) [diff]");
  auto reverse = Diff(b, a);
  REQUIRE_FALSE(reverse);
  CHECK(reverse.error().message().find("only by the old policy") != std::string::npos);
}

TEST_CASE("a one-sided dimension with a default is fixed to it", "[diff]") {
  const Policy a = MustLoad(testing_support::kDims + "rules: []\n");
  const Policy b = MustLoad(testing_support::kDims + R"(  tier:
    values: [t1, t2]
    default: t2
rules:
  - id: t2-only
    effect: allow
    when: tier == t2 and country == DE
)");
  auto report = Diff(a, b);
  REQUIRE(report);
  REQUIRE(report->regions.size() == 1);
  CHECK(report->regions[0].count == 3 * 4);
  CHECK(report->fixed_new == std::vector<std::pair<std::string, std::string>>{{"tier", "t2"}});
  CHECK(report->only_new.back() == std::pair<std::string, std::vector<std::string>>{"tier", {"t1", "t2"}});
  CHECK(report->only_old.back() == std::pair<std::string, std::vector<std::string>>{"tier", {}});
}

TEST_CASE("diff limits are errors", "[diff]") {
  const Policy a = LoadRule("tests/data/seed/frontier-2026/base.yaml");
  const Policy b = LoadRule("tests/data/seed/frontier-2026/allies-defensive.yaml");
  DiffOptions options;
  options.max_steps = 1;
  auto steps = Diff(a, b, options);
  REQUIRE_FALSE(steps);
  CHECK(steps.error().diagnostics().front().code == "limit");
  CHECK(steps.error().diagnostics().front().message.find("DiffOptions::max_steps") != std::string::npos);
  options = {};
  options.max_regions = 0;
  auto regions = Diff(a, b, options);
  REQUIRE_FALSE(regions);
  CHECK(regions.error().diagnostics().front().message.find("DiffOptions::max_regions") != std::string::npos);
}

}  // namespace
}  // namespace clearance
