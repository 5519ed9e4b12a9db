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
#include "clearance/report.hpp"
#include "support/fixtures.hpp"

namespace clearance {
namespace {

using testing_support::LoadText;
using testing_support::MustLoad;

struct Expected {
  Effect from, to;
  std::set<std::string> old_decisive, new_decisive;
  std::vector<std::string> old_outcomes, new_outcomes, old_obligations, new_obligations;
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

// The dates compared, one pair (old date, new date) per interval: one pair
// without all_dates; with it, a day of each interval between consecutive
// effective/expires dates of either policy's rules.
std::vector<std::pair<Date, Date>> DatePairs(const Policy& o, const Policy& n, const DiffOptions& options,
                                              std::vector<Date>& cuts) {
  cuts.clear();
  if (!options.all_dates) return {{options.date, options.to_date.value_or(options.date)}};
  for (const Policy* p : {&o, &n}) {
    for (const RuleInfo& r : p->rules()) {
      if (r.effective) cuts.push_back(*r.effective);
      if (r.expires) cuts.push_back(*r.expires);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<std::pair<Date, Date>> out;
  const Date first = cuts.empty() ? Date::Min() : Date::FromDays(cuts.front().days() - 1);
  out.emplace_back(first, first);
  for (Date c : cuts) out.emplace_back(c, c);
  return out;
}

std::set<std::string> Sorted(const std::vector<std::string>& items) { return {items.begin(), items.end()}; }

// docs/cli.md "Diff regions", `--by`, read directly off two decisions.
bool Differs(const Policy& o, const Policy& n, const Decision& before, const Decision& after, DiffBy by) {
  if (before.effect != after.effect) return true;
  if (by == DiffBy::kEffect) return false;
  if (by == DiffBy::kOutcome) {
    return Sorted(before.outcomes) != Sorted(after.outcomes) ||
           Sorted(before.obligations) != Sorted(after.obligations);
  }
  if (AsSet(before.decisive) != AsSet(after.decisive)) return true;
  for (const std::string& id : before.decisive) {
    const RuleInfo& a = o.rules()[*o.FindRule(id)];
    const RuleInfo& b = n.rules()[*n.FindRule(id)];
    if (a.because != b.because || a.cite != b.cite || a.outcome != b.outcome || a.obligations != b.obligations ||
        a.tags != b.tags)
      return true;
  }
  return false;
}

// Every changed query, by its values (compared dimensions, old order) and,
// last, the index of its date interval.
std::map<std::vector<std::string>, Expected> BruteForce(const Policy& o, const Policy& n,
                                                        const DiffOptions& options, std::uint64_t& queries) {
  const auto dims = Compared(o, n);
  std::vector<Date> cuts;
  const auto dates = DatePairs(o, n, options, cuts);
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
    for (std::size_t i = 0; i < dates.size(); ++i) {
      ++queries;
      const Decision before = Interpret(o, a, dates[i].first);
      const Decision after = Interpret(n, a, dates[i].second);
      if (!Differs(o, n, before, after, options.by)) continue;
      std::vector<std::string> dated = key;
      dated.push_back(std::to_string(i));
      changed[dated] = {before.effect,         after.effect,         AsSet(before.decisive),
                        AsSet(after.decisive), before.outcomes,      after.outcomes,
                        before.obligations,    after.obligations};
    }
    std::size_t d = 0;
    while (d < dims.size() && ++at[d] == dims[d].second.size()) at[d++] = 0;
    if (d == dims.size()) return changed;
  }
}

// The interval indices a region covers.
std::vector<std::size_t> RegionIntervals(const DiffOptions& options, const std::vector<Date>& cuts,
                                         const DiffRegion& r) {
  if (!options.all_dates) return {0};
  const auto index = [&](Date d) {
    const auto it = std::find(cuts.begin(), cuts.end(), d);
    REQUIRE(it != cuts.end());  // bounds are cuts: whole intervals
    return static_cast<std::size_t>(it - cuts.begin()) + 1;
  };
  const std::size_t first = r.dates_from ? index(*r.dates_from) : 0;
  const std::size_t end = r.dates_to ? index(*r.dates_to) : cuts.size() + 1;
  REQUIRE(first < end);
  std::vector<std::size_t> out;
  for (std::size_t i = first; i < end; ++i) out.push_back(i);
  return out;
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
  std::vector<Date> cuts;
  DatePairs(o, n, options, cuts);
  REQUIRE(report.queries == queries);
  REQUIRE(report.intervals == (options.all_dates ? cuts.size() + 1 : 1));
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
    const std::vector<std::size_t> intervals = RegionIntervals(options, cuts, r);
    count *= intervals.size();
    REQUIRE(r.count == count);
    REQUIRE(InPolicyOrder(o, r.old_decisive));
    REQUIRE(InPolicyOrder(n, r.new_decisive));
    total += count;
    std::vector<std::size_t> at(dims.size(), 0);
    for (bool more = true; more;) {
      for (std::size_t interval : intervals) {
        std::vector<std::string> key;
        for (std::size_t d = 0; d < dims.size(); ++d) key.push_back(r.values[d][at[d]]);
        key.push_back(std::to_string(interval));
        INFO("query " << ::Catch::Detail::stringify(key));
        REQUIRE(seen.insert(key).second);  // disjoint
        const auto it = expected.find(key);
        REQUIRE(it != expected.end());  // only changed queries
        CHECK(it->second.from == r.from);
        CHECK(it->second.to == r.to);
        CHECK(it->second.old_decisive == AsSet(r.old_decisive));
        CHECK(it->second.new_decisive == AsSet(r.new_decisive));
        CHECK(it->second.old_outcomes == r.old_outcomes);
        CHECK(it->second.new_outcomes == r.new_outcomes);
        CHECK(it->second.old_obligations == r.old_obligations);
        CHECK(it->second.new_obligations == r.new_obligations);
      }
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

// The queries of `side` outside the compared space, decided by `side` on
// each of `dates` (old or new member of each pair).
OneSidedQueries BruteOneSided(const Policy& side, const Policy& other, const std::vector<Date>& dates) {
  OneSidedQueries out;
  const auto& dims = side.dimensions();
  std::vector<std::size_t> at(dims.size(), 0);
  while (true) {
    Assignments a;
    bool compared = true;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      const std::string& value = dims[d].values[at[d]];
      a.emplace_back(dims[d].name, value);
      const auto od = other.FindDimension(dims[d].name);
      compared = compared && (od ? other.FindValue(*od, value).has_value() : dims[d].default_value == at[d]);
    }
    if (!compared) {
      for (Date date : dates) {
        ++out.queries;
        ++(Interpret(side, a, date).effect == Effect::kAllow ? out.allow : out.deny);
      }
    }
    std::size_t d = 0;
    while (d < dims.size() && ++at[d] == dims[d].values.size()) at[d++] = 0;
    if (d == dims.size()) return out;
  }
}

void CheckOneSidedCounts(const Policy& o, const Policy& n, const DiffOptions& options, const DiffReport& report) {
  std::vector<Date> cuts;
  std::vector<Date> old_dates, new_dates;
  for (const auto& [a, b] : DatePairs(o, n, options, cuts)) old_dates.push_back(a), new_dates.push_back(b);
  const OneSidedQueries old_side = BruteOneSided(o, n, old_dates);
  const OneSidedQueries new_side = BruteOneSided(n, o, new_dates);
  CHECK(report.old_only_queries.queries == old_side.queries);
  CHECK(report.old_only_queries.allow == old_side.allow);
  CHECK(report.old_only_queries.deny == old_side.deny);
  CHECK(report.new_only_queries.queries == new_side.queries);
  CHECK(report.new_only_queries.allow == new_side.allow);
  CHECK(report.new_only_queries.deny == new_side.deny);
  CHECK(report.Differs() == (!report.regions.empty() || report.HasOneSidedValues()));
}

TEST_CASE("diff --all-dates regions equal brute force on random policy pairs", "[diff][property]") {
  int compared = 0, with_changes = 0, dated = 0;
  for (std::uint32_t seed = 2001; seed <= 2100; ++seed) {
    diff_testing::PolicyPair gen(seed);
    const auto old_model = gen.Random();
    const auto new_model = gen.Mutate(old_model);
    const Policy a = MustLoad(gen.Yaml(old_model));
    const Policy b = MustLoad(gen.Yaml(new_model));
    DiffOptions options;
    options.all_dates = true;
    for (DiffBy by : {DiffBy::kEffect, DiffBy::kOutcome, DiffBy::kDecisive}) {
      options.by = by;
      for (bool swap : {false, true}) {
        const Policy& o = swap ? b : a;
        const Policy& n = swap ? a : b;
        INFO("seed " << seed << (swap ? " swapped" : "") << " by " << static_cast<int>(by));
        auto report = Diff(o, n, options);
        REQUIRE(report);
        CHECK(report->all_dates);
        CheckReport(o, n, options, *report);
        CheckOneSidedCounts(o, n, options, *report);
        ++compared;
        with_changes += report->regions.empty() ? 0 : 1;
        for (const DiffRegion& r : report->regions) dated += r.dates_from || r.dates_to ? 1 : 0;
      }
    }
  }
  CHECK(compared == 600);
  CHECK(with_changes > 200);
  CHECK(dated > 50);  // regions with date ranges do occur
}

TEST_CASE("what --by counts grows from effect to outcome to decisive", "[diff][property]") {
  for (std::uint32_t seed = 3001; seed <= 3060; ++seed) {
    diff_testing::PolicyPair gen(seed);
    const auto old_model = gen.Random();
    const Policy a = MustLoad(gen.Yaml(old_model));
    const Policy b = MustLoad(gen.Yaml(gen.Mutate(old_model)));
    DiffOptions options;
    options.date = *Date::Parse("2026-06-01");
    std::uint64_t last = 0;
    for (DiffBy by : {DiffBy::kEffect, DiffBy::kOutcome, DiffBy::kDecisive}) {
      options.by = by;
      auto report = Diff(a, b, options);
      REQUIRE(report);
      INFO("seed " << seed << " by " << static_cast<int>(by));
      CHECK(report->changed >= last);
      last = report->changed;
    }
  }
}

TEST_CASE("a shortened obligation is an outcome change, a reworded because a decisive one", "[diff]") {
  const std::string rule = R"(rules:
  - id: report
    effect: allow
    when: country == DE
)";
  const Policy a = MustLoad(testing_support::kDims + rule + "    obligations: [Report within 30 days.]\n");
  const Policy b = MustLoad(testing_support::kDims + rule + "    obligations: [Report within 7 days.]\n");
  const Policy c = MustLoad(testing_support::kDims + rule +
                            "    obligations: [Report within 30 days.]\n    because: Reworded.\n");
  DiffOptions options;
  options.date = *Date::Parse("2027-01-01");
  for (DiffBy by : {DiffBy::kEffect, DiffBy::kOutcome, DiffBy::kDecisive}) {
    options.by = by;
    auto obligations = Diff(a, b, options);
    auto because = Diff(a, c, options);
    REQUIRE(obligations);
    REQUIRE(because);
    CHECK(obligations->regions.empty() == (by == DiffBy::kEffect));
    CHECK(because->regions.empty() == (by != DiffBy::kDecisive));
  }
  options.by = DiffBy::kOutcome;
  auto report = Diff(a, b, options);
  REQUIRE(report->regions.size() == 1);
  CHECK(report->regions[0].from == Effect::kAllow);
  CHECK(report->regions[0].to == Effect::kAllow);
  CHECK(report->regions[0].old_obligations == std::vector<std::string>{"Report within 30 days."});
  CHECK(report->regions[0].new_obligations == std::vector<std::string>{"Report within 7 days."});
  CHECK(report->Differs());
}

TEST_CASE("values declared by one side make the policies differ", "[diff]") {
  const Policy a = MustLoad(testing_support::kDims + "rules: []\n");
  std::string more = testing_support::kDims;
  const auto at = more.find("values: [US");
  REQUIRE(at != std::string::npos);
  more.insert(at + std::string("values: [").size(), "XX, ");
  const Policy b = MustLoad(more + R"(rules:
  - id: xx
    effect: allow
    when: country == XX
)");
  DiffOptions options;
  options.date = *Date::Parse("2027-01-01");
  auto report = Diff(a, b, options);
  REQUIRE(report);
  CHECK(report->regions.empty());
  CHECK(report->HasOneSidedValues());
  CHECK(report->Differs());
  CHECK(report->new_only_queries.queries == report->queries / 5);
  CHECK(report->new_only_queries.allow == report->new_only_queries.queries);
  CHECK(report->old_only_queries.queries == 0);
  CheckOneSidedCounts(a, b, options, *report);
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
    for (DiffBy by : {DiffBy::kEffect, DiffBy::kOutcome, DiffBy::kDecisive}) {
      options.by = by;
      for (bool swap : {false, true}) {  // the mutation's values and dimensions on either side
        const Policy& o = swap ? *b : *a;
        const Policy& n = swap ? *a : *b;
        INFO("seed " << seed << (swap ? " swapped" : "") << " by " << static_cast<int>(by));
        auto report = Diff(o, n, options);
        if (!report) {
          // Only a one-sided dimension without a default may fail; the
          // generator always gives its extra dimension a default.
          FAIL(report.error().ToString());
        }
        CheckReport(o, n, options, *report);
        CheckOneSided(o, n, *report);
        CheckOneSidedCounts(o, n, options, *report);
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
  CHECK(compared == 900);
  CHECK(with_changes > 300);  // the generator does produce changes
  CHECK(agreeing > 50);
  CHECK(recompiled > 50);
}

// The policy with its rules' content ids cleared: the diff then compares
// every rule field by field (resolve::SameContent never holds).
Policy WithoutContentIds(const Policy& policy) {
  auto data = std::make_shared<internal::PolicyData>(internal::DataOf(policy));
  for (resolve::Rule& r : data->resolved.rules) r.content_id = {};
  return internal::PolicyAccess::Make(std::move(data));
}

// How many rules of `o` have a rule of the same content in `n`.
int SameContentRules(const Policy& o, const Policy& n) {
  const auto& old_rules = internal::DataOf(o).resolved.rules;
  const auto& new_resolved = internal::DataOf(n).resolved;
  int same = 0;
  for (const resolve::Rule& r : old_rules) {
    const auto it = new_resolved.rule_index.find(r.info.id);
    same += it != new_resolved.rule_index.end() && resolve::SameContent(r, new_resolved.rules[it->second]);
  }
  return same;
}

TEST_CASE("diff skipping rules of equal content ids equals the field-by-field diff", "[diff][property]") {
  int compared = 0, skipped_rules = 0, with_changes = 0;
  for (std::uint32_t seed = 4001; seed <= 4150; ++seed) {
    diff_testing::PolicyPair gen(seed);
    const auto old_model = gen.Random();
    const Policy a = MustLoad(gen.Yaml(old_model));
    const Policy b = MustLoad(gen.Yaml(gen.Mutate(old_model)));
    const Policy slow_a = WithoutContentIds(a);
    const Policy slow_b = WithoutContentIds(b);
    DiffOptions options;
    options.date = *Date::Parse(gen.Date());
    if (gen.Chance(4)) options.to_date = Date::Parse(gen.Date());
    if (gen.Chance(4)) options = DiffOptions{.all_dates = true};
    skipped_rules += SameContentRules(a, b);
    for (DiffBy by : {DiffBy::kEffect, DiffBy::kOutcome, DiffBy::kDecisive}) {
      options.by = by;
      for (bool swap : {false, true}) {
        INFO("seed " << seed << (swap ? " swapped" : "") << " by " << static_cast<int>(by));
        auto fast = Diff(swap ? b : a, swap ? a : b, options);
        auto slow = Diff(swap ? slow_b : slow_a, swap ? slow_a : slow_b, options);
        REQUIRE(fast);
        REQUIRE(slow);
        CHECK(DiffToJson(*fast) == DiffToJson(*slow));
        ++compared;
        with_changes += fast->regions.empty() ? 0 : 1;
      }
    }
  }
  CHECK(compared == 900);
  CHECK(skipped_rules > 200);  // the fast path is taken
  CHECK(with_changes > 300);
}

TEST_CASE("a change to one field of one rule among many unchanged ones is found", "[diff]") {
  // One rule of twenty changed in one field at a time: everything else
  // has equal content ids and is skipped, the changed rule must not be.
  std::string rules;
  for (int i = 0; i < 20; ++i) {
    rules += "  - id: r" + std::to_string(i) + "\n    effect: allow\n    when: country == C" + std::to_string(i % 5) +
             " and model == m" + std::to_string(i % 3) + "\n    because: B" + std::to_string(i) + "\n";
  }
  // `base` meets r7 only where an override can matter.
  const auto head = [](const std::string& base_when) {
    return R"(clearance: 1
policy: p
dimensions:
  model:
    values: [m0, m1, m2]
  country:
    values: [C0, C1, C2, C3, C4]
rules:
  - id: base
    effect: deny
    when: )" + base_when + R"(
    outcome: held
)";
  };
  const std::string target = "  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B7\n";
  REQUIRE(rules.find(target) != std::string::npos);
  struct Edit {
    std::string replacement;
    DiffBy by;
    std::string base_when = "model == m0";
  };
  const std::vector<Edit> edits = {
      {"  - id: r7\n    effect: deny\n    when: country == C2 and model == m1\n    because: B7\n", DiffBy::kEffect},
      {"  - id: r7\n    effect: allow\n    when: country == C3 and model == m1\n    because: B7\n", DiffBy::kEffect},
      {"  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B8\n", DiffBy::kDecisive},
      {"  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B7\n    cite: X\n",
       DiffBy::kDecisive},
      {"  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B7\n    outcome: o\n",
       DiffBy::kOutcome},
      {"  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B7\n"
       "    obligations: [x]\n",
       DiffBy::kOutcome},
      {"  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B7\n    tags: [x]\n",
       DiffBy::kDecisive},
      {"  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B7\n"
       "    expires: 2020-01-01\n",
       DiffBy::kEffect},
      {"  - id: r7\n    effect: allow\n    when: country == C2 and model == m1\n    because: B7\n"
       "    overrides: [base]\n",
       DiffBy::kEffect, "country == C2"},
  };
  for (const Edit& edit : edits) {
    INFO(edit.replacement);
    std::string changed = rules;
    changed.replace(changed.find(target), target.size(), edit.replacement);
    const Policy a = MustLoad(head(edit.base_when) + rules);
    const Policy b = MustLoad(head(edit.base_when) + changed);
    CHECK(SameContentRules(a, b) == 20);  // all but r7
    DiffOptions options;
    options.date = *Date::Parse("2026-06-01");
    options.by = edit.by;
    auto fast = Diff(a, b, options);
    auto slow = Diff(WithoutContentIds(a), WithoutContentIds(b), options);
    REQUIRE(fast);
    REQUIRE(slow);
    CHECK(DiffToJson(*fast) == DiffToJson(*slow));
    CHECK_FALSE(fast->regions.empty());
    CheckReport(a, b, options, *fast);
  }
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
        "two policies cannot be compared (docs/language.md) [diff]");
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
