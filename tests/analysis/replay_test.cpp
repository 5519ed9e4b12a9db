// Replay against brute force: decision logs written by one random policy
// (every query on several dates, some with values the other side lacks),
// replayed under its mutation and checked record by record with the
// interpreter; and every kind of bad line, each reported and counted.
#include "analysis/replay.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "analysis/diff_random_policies.hpp"
#include "report/decision_json.hpp"
#include "report/record_scan.hpp"
#include "support/fixtures.hpp"

namespace clearance {
namespace {

using analysis::Replay;
using analysis::ReplayReport;
using testing_support::MustLoad;

std::set<std::string> Set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

struct Logged {
  std::string text;
  std::vector<Assignments> queries;  // per line
  std::vector<Decision> decisions;
  std::vector<Date> dates;
};

// Every query of `p` on each date, as decision records.
Logged WriteLog(const Policy& p, const std::vector<Date>& dates) {
  Logged log;
  const auto& dims = p.dimensions();
  std::vector<std::size_t> at(dims.size(), 0);
  for (bool more = true; more;) {
    Assignments a;
    for (std::size_t d = 0; d < dims.size(); ++d) a.emplace_back(dims[d].name, dims[d].values[at[d]]);
    for (Date date : dates) {
      const Query q = *p.MakeQuery(a, date);
      const Decision d = p.Explain(q);
      log.text += report::DecisionJson(p, q, d).dump() + "\n";
      log.queries.push_back(a);
      log.decisions.push_back(d);
      log.dates.push_back(date);
    }
    std::size_t d = 0;
    while (d < dims.size() && ++at[d] == dims[d].values.size()) at[d++] = 0;
    more = d < dims.size();
  }
  return log;
}

bool Changed(const Decision& before, const Decision& after, DiffBy by) {
  if (before.effect != after.effect) return true;
  if (by == DiffBy::kEffect) return false;
  if (Set(before.outcomes) != Set(after.outcomes) || Set(before.obligations) != Set(after.obligations))
    return true;
  return by == DiffBy::kDecisive && Set(before.decisive) != Set(after.decisive);
}

TEST_CASE("replay equals deciding every record again with the interpreter", "[replay][property]") {
  int with_changes = 0, with_undecidable = 0;
  for (std::uint32_t seed = 4001; seed <= 4060; ++seed) {
    diff_testing::PolicyPair gen(seed);
    const auto model = gen.Random();
    const Policy old_policy = MustLoad(gen.Yaml(model));
    const Policy new_policy = MustLoad(gen.Yaml(gen.Mutate(model)));
    const Logged log = WriteLog(old_policy, {*Date::Parse(gen.Date()), *Date::Parse(gen.Date())});
    for (DiffBy by : {DiffBy::kEffect, DiffBy::kOutcome, DiffBy::kDecisive}) {
      INFO("seed " << seed << " by " << static_cast<int>(by));
      analysis::ReplayOptions options;
      options.by = by;
      options.max_examples = 1000000;
      const ReplayReport report = Replay(log.text, new_policy, options);
      std::uint64_t changed = 0;
      std::set<std::size_t> undecidable;
      std::map<std::size_t, Decision> after_of;
      for (std::size_t i = 0; i < log.queries.size(); ++i) {
        auto q = new_policy.MakeQuery(log.queries[i], log.dates[i]);
        if (!q) {
          undecidable.insert(i + 1);
          continue;
        }
        const Decision after = new_policy.Interpret(*q);
        if (Changed(log.decisions[i], after, by)) {
          ++changed;
          after_of[i + 1] = after;
        }
      }
      CHECK(report.lines == log.queries.size());
      CHECK(report.records == log.queries.size());
      CHECK(report.bad.empty());
      CHECK(report.changed == changed);
      CHECK(report.decided == log.queries.size() - undecidable.size());
      std::set<std::size_t> reported;
      for (const auto& p : report.undecidable) reported.insert(p.record.line);
      CHECK(reported == undecidable);
      std::uint64_t total = 0;
      for (const analysis::ReplayGroup& g : report.groups) {
        total += g.count;
        CHECK(g.examples.size() == g.count);
        for (const analysis::ReplayRecordRef& e : g.examples) {
          REQUIRE(after_of.count(e.line) == 1);
          const Decision& before = log.decisions[e.line - 1];
          const Decision& after = after_of[e.line];
          CHECK(g.from == before.effect);
          CHECK(g.to == after.effect);
          CHECK(g.old_decisive == before.decisive);
          CHECK(g.new_decisive == after.decisive);
          CHECK(g.old_outcomes == before.outcomes);
          CHECK(g.new_outcomes == after.outcomes);
          CHECK(g.old_obligations == before.obligations);
          CHECK(g.new_obligations == after.obligations);
        }
      }
      CHECK(total == changed);
      with_changes += changed > 0;
      with_undecidable += !undecidable.empty();
    }
  }
  CHECK(with_changes > 40);
  CHECK(with_undecidable > 10);
}

TEST_CASE("replay reports every bad line with its number and goes on", "[replay]") {
  const Policy p = MustLoad(testing_support::kDims + R"(rules:
  - id: ban
    effect: deny
    when: model in frontier
)");
  const Query q = *p.MakeQuery({{"model", "fable-5"}, {"country", "DE"}, {"use", "research"}},
                               *Date::Parse("2027-01-01"));
  const std::string good = report::DecisionJson(p, q, p.Explain(q)).dump();
  std::string flipped = good;
  flipped.replace(flipped.find("\"effect\":\"deny\""), 15, "\"effect\":\"allow\"");
  const std::string log =
      good + "\n" +                             // 1
      good.substr(0, good.size() / 2) + "\n" +  // 2 truncated
      "not json\n" +                            // 3
      "\n" +                                    // 4 empty
      R"({"line": 7, "id": "x", "error": "bad"})"
      "\n" +  // 5 error record
      R"({"query": {"model": "fable-5"}, "decisive": []})"
      "\n" +  // 6 no effect
      R"({"query": {"model": 5}, "effect": "deny", "decisive": []})"
      "\n" +  // 7
      R"({"query": {"model": "fable-5", "country": "DE", "use": "research", "date": "2027-02-30"}, "effect": "deny", "decisive": ["ban"]})"
      "\n" +  // 8
      R"({"id": 9, "query": {"model": "nova-9", "country": "DE", "use": "research", "date": "2027-01-01"}, "effect": "deny", "decisive": []})"
      "\n" +  // 9 undecidable
      R"({"query": {"model": "fable-5", "country": "DE", "use": "research", "date": "2027-01-01"}, "effect": "maybe", "decisive": []})"
      "\n" +  // 10
      flipped +
      "\n";  // 11 changed
  const ReplayReport r = Replay(log, p);
  CHECK(r.lines == 11);
  std::vector<std::size_t> bad;
  for (const auto& b : r.bad) bad.push_back(b.record.line);
  CHECK(bad == std::vector<std::size_t>{2, 3, 4, 5, 6, 7, 8, 10});
  CHECK(r.bad[0].error.find("truncated") != std::string::npos);
  CHECK(r.bad[3].error == "an error record, not a decision");
  CHECK(r.bad[3].record.id == "\"x\"");
  REQUIRE(r.undecidable.size() == 1);
  CHECK(r.undecidable[0].record.line == 9);
  CHECK(r.undecidable[0].record.id == "9");
  CHECK(r.undecidable[0].error == "unknown value 'nova-9' of dimension 'model'");
  CHECK(r.records == 3);
  CHECK(r.decided == 2);
  CHECK(r.changed == 1);
  REQUIRE(r.groups.size() == 1);
  CHECK(r.groups[0].from == Effect::kAllow);
  CHECK(r.groups[0].to == Effect::kDeny);
  CHECK(r.groups[0].examples[0].line == 11);
  CHECK(r.Differs());
  CHECK_FALSE(Replay(good + "\n", p).Differs());
}

TEST_CASE("the record scanner decodes escapes and skips what it does not need", "[replay]") {
  report::RecordScanner scanner;
  report::RecordView view;
  std::string error;
  REQUIRE(scanner.Scan(R"( {"trace": [{"a": [1, -2.5e3, true, null, {"b": "c\"]}"}]}], "id": {"k": [1]},)"
                       R"( "query": {"country": "D\u00c9", "date": "2027-01-01"}, "effect": "deny",)"
                       R"( "decisive": [], "policy": {"name": "p", "digest": "sha256:x"}} )",
                       view, error));
  CHECK(view.id == R"({"k": [1]})");
  REQUIRE(view.query.size() == 1);
  CHECK(view.query[0].second == "D\xc3\x89");
  CHECK(view.date == "2027-01-01");
  CHECK(view.digest == "sha256:x");
  CHECK(view.decisive == "[]");
  CHECK_FALSE(scanner.Scan(R"({"effect": "deny"} x)", view, error));
  CHECK(error == "text after the record at column 20");
  CHECK_FALSE(scanner.Scan(R"({"a": [)", view, error));
  CHECK(error.find("truncated") == 0);
}

}  // namespace
}  // namespace clearance
