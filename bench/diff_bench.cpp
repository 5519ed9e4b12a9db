// Diffing two workload policies that differ in 1% of their synthetic rules
// (1000 models × 249 countries × 9 uses), beside the baseline in the same
// run: deciding every query on both sides with the decision graphs and
// comparing. Items are compared queries.
//
//   BM_Diff_Policy            clearance::Diff on the loaded policies (their
//                             own graphs test the dimensions in one order)
//   BM_Diff_Recompile         the same when the orders differ: the new
//                             policy compiled again, then the diff
//   BM_Diff_BruteForce        every query decided on both sides with the
//                             graphs, effects and decisive rules compared
//   BM_Diff_BruteForcePolicy  the same through Policy::Decide
//   BM_Diff_AllDates          clearance::Diff with all_dates: every date
//                             interval of both policies (items: query ×
//                             interval pairs)
//   BM_Diff_AllDatesBruteForce  its baseline: every query decided on both
//                             sides with the graphs, on one day of each
//                             interval
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>

#include "analysis/diff.hpp"
#include "api/policy_access.hpp"
#include "workload.hpp"

namespace clearance::bench {
namespace {

const Date kDate = *Date::Parse("2026-06-01");

// The workload's YAML with `percent`% of its synthetic rules changed: every
// other one has its effect flipped, the rest a new country list.
std::string Mutate(std::string yaml, std::size_t rules, std::size_t percent, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::size_t> picks(rules);
  for (std::size_t i = 0; i < rules; ++i) picks[i] = i;
  std::shuffle(picks.begin(), picks.end(), rng);
  picks.resize(rules * percent / 100);
  for (std::size_t k = 0; k < picks.size(); ++k) {
    const std::size_t begin = yaml.find("  - id: syn-" + std::to_string(picks[k]) + "\n");
    const std::size_t end = std::min(yaml.find("  - id: ", begin + 1), yaml.size());
    std::string block = yaml.substr(begin, end - begin);
    if (k % 2 == 0) {
      const bool allow = block.find("effect: allow") != std::string::npos;
      block.replace(block.find(allow ? "effect: allow" : "effect: deny"), allow ? 13 : 12,
                    allow ? "effect: deny" : "effect: allow");
    } else {
      const std::size_t open = block.find('[', block.find("country"));
      const std::size_t close = block.find(']', open);
      std::string list;
      for (std::size_t i = 0, n = 1 + rng() % 24; i < n; ++i) {
        list += (i ? ", \"" : "\"") + Countries()[rng() % Countries().size()] + "\"";
      }
      block.replace(open + 1, close - open - 1, list);
    }
    yaml.replace(begin, end - begin, block);
  }
  return yaml;
}

struct DiffWorkload {
  std::unique_ptr<Policy> old_policy, new_policy;
  std::unique_ptr<compile::DecisionGraph> old_graph, new_graph;
};

Policy MustLoad(const std::string& yaml) {
  auto p = LoadPolicyFromString("bench.yaml", yaml);
  if (!p) {
    std::fprintf(stderr, "workload does not load: %s\n", p.error().ToString().c_str());
    std::abort();
  }
  return std::move(*p);
}

const DiffWorkload& GetDiffWorkload(std::size_t rules) {
  static std::mutex mutex;
  static std::map<std::size_t, std::unique_ptr<DiffWorkload>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[rules];
  if (slot) return *slot;
  const std::string yaml = MakeWorkloadYaml({.rules = rules});
  slot = std::make_unique<DiffWorkload>();
  slot->old_policy = std::make_unique<Policy>(MustLoad(yaml));
  slot->new_policy = std::make_unique<Policy>(MustLoad(Mutate(yaml, rules, 1, 99)));
  auto old_graph = compile::Compile(internal::DataOf(*slot->old_policy).resolved);
  auto new_graph = old_graph ? analysis::CompileForDiff(*slot->old_policy, *old_graph, *slot->new_policy)
                             : Result<compile::DecisionGraph>(old_graph.error());
  if (!new_graph) {
    std::fprintf(stderr, "workload does not compile: %s\n", new_graph.error().ToString().c_str());
    std::abort();
  }
  slot->old_graph = std::make_unique<compile::DecisionGraph>(std::move(*old_graph));
  slot->new_graph = std::make_unique<compile::DecisionGraph>(std::move(*new_graph));
  return *slot;
}

std::int64_t QueryCount(const Policy& p) {
  std::int64_t n = 1;
  for (const DimensionInfo& d : p.dimensions()) n *= static_cast<std::int64_t>(d.values.size());
  return n;
}

void SetReportCounters(benchmark::State& state, const DiffReport& report) {
  state.counters["regions"] = static_cast<double>(report.regions.size());
  state.counters["changed"] = static_cast<double>(report.changed);
}

void BM_Diff_Policy(benchmark::State& state) {
  const DiffWorkload& w = GetDiffWorkload(static_cast<std::size_t>(state.range(0)));
  DiffOptions options;
  options.date = kDate;
  for (auto _ : state) {
    auto report = Diff(*w.old_policy, *w.new_policy, options);
    benchmark::DoNotOptimize(report->changed);
    SetReportCounters(state, *report);
  }
  state.SetItemsProcessed(state.iterations() * QueryCount(*w.old_policy));
}

void BM_Diff_Recompile(benchmark::State& state) {
  const DiffWorkload& w = GetDiffWorkload(static_cast<std::size_t>(state.range(0)));
  DiffOptions options;
  options.date = kDate;
  for (auto _ : state) {
    auto graph = analysis::CompileForDiff(*w.old_policy, *w.old_graph, *w.new_policy);
    auto report = analysis::DiffGraphs(*w.old_policy, *w.old_graph, *w.new_policy, *graph, options);
    benchmark::DoNotOptimize(report->changed);
    SetReportCounters(state, *report);
  }
  state.SetItemsProcessed(state.iterations() * QueryCount(*w.old_policy));
}

// Both graphs' Find on every query: the fastest way to decide them all.
void BM_Diff_BruteForce(benchmark::State& state) {
  const DiffWorkload& w = GetDiffWorkload(static_cast<std::size_t>(state.range(0)));
  const auto& dims = w.old_policy->dimensions();
  for (auto _ : state) {
    std::uint64_t changed = 0;
    std::vector<std::uint32_t> values(dims.size(), 0);
    for (bool more = true; more;) {
      const auto& a = w.old_graph->terminal(w.old_graph->Find(values, kDate)).outcome;
      const auto& b = w.new_graph->terminal(w.new_graph->Find(values, kDate)).outcome;
      changed += a.effect != b.effect || a.decisive != b.decisive;
      std::size_t d = 0;
      while (d < dims.size() && ++values[d] == dims[d].values.size()) values[d++] = 0;
      more = d < dims.size();
    }
    benchmark::DoNotOptimize(changed);
    state.counters["changed_or_decisive"] = static_cast<double>(changed);
  }
  state.SetItemsProcessed(state.iterations() * QueryCount(*w.old_policy));
}

void BM_Diff_BruteForcePolicy(benchmark::State& state) {
  const DiffWorkload& w = GetDiffWorkload(static_cast<std::size_t>(state.range(0)));
  const auto& dims = w.old_policy->dimensions();
  for (auto _ : state) {
    std::uint64_t changed = 0;
    Query q{std::vector<std::uint32_t>(dims.size(), 0), kDate, ""};
    for (bool more = true; more;) {
      const Verdict a = w.old_policy->Decide(q);
      const Verdict b = w.new_policy->Decide(q);
      changed += a.effect != b.effect ||
                 !std::equal(a.decisive.begin(), a.decisive.end(), b.decisive.begin(), b.decisive.end());
      std::size_t d = 0;
      while (d < dims.size() && ++q.values[d] == dims[d].values.size()) q.values[d++] = 0;
      more = d < dims.size();
    }
    benchmark::DoNotOptimize(changed);
  }
  state.SetItemsProcessed(state.iterations() * QueryCount(*w.old_policy));
}

std::vector<Date> IntervalDays(const DiffWorkload& w) {
  compile::Partition joint;
  joint.cuts = w.old_graph->partition().cuts;
  joint.cuts.insert(joint.cuts.end(), w.new_graph->partition().cuts.begin(), w.new_graph->partition().cuts.end());
  std::sort(joint.cuts.begin(), joint.cuts.end());
  joint.cuts.erase(std::unique(joint.cuts.begin(), joint.cuts.end()), joint.cuts.end());
  std::vector<Date> days;
  for (std::uint32_t i = 0; i < joint.interval_count(); ++i) days.push_back(joint.IntervalStart(i));
  return days;
}

void BM_Diff_AllDates(benchmark::State& state) {
  const DiffWorkload& w = GetDiffWorkload(static_cast<std::size_t>(state.range(0)));
  DiffOptions options;
  options.all_dates = true;
  std::uint64_t intervals = 1;
  for (auto _ : state) {
    auto report = Diff(*w.old_policy, *w.new_policy, options);
    benchmark::DoNotOptimize(report->changed);
    SetReportCounters(state, *report);
    intervals = report->intervals;
  }
  state.counters["intervals"] = static_cast<double>(intervals);
  state.SetItemsProcessed(state.iterations() * QueryCount(*w.old_policy) * static_cast<std::int64_t>(intervals));
}

void BM_Diff_AllDatesBruteForce(benchmark::State& state) {
  const DiffWorkload& w = GetDiffWorkload(static_cast<std::size_t>(state.range(0)));
  const auto& dims = w.old_policy->dimensions();
  const std::vector<Date> days = IntervalDays(w);
  for (auto _ : state) {
    std::uint64_t changed = 0;
    for (Date day : days) {
      std::vector<std::uint32_t> values(dims.size(), 0);
      for (bool more = true; more;) {
        const auto& a = w.old_graph->terminal(w.old_graph->Find(values, day)).outcome;
        const auto& b = w.new_graph->terminal(w.new_graph->Find(values, day)).outcome;
        changed += a.effect != b.effect;
        std::size_t d = 0;
        while (d < dims.size() && ++values[d] == dims[d].values.size()) values[d++] = 0;
        more = d < dims.size();
      }
    }
    benchmark::DoNotOptimize(changed);
  }
  state.counters["intervals"] = static_cast<double>(days.size());
  state.SetItemsProcessed(state.iterations() * QueryCount(*w.old_policy) * static_cast<std::int64_t>(days.size()));
}

void Sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t n : {1000, 10000}) b->Arg(n);
  b->ArgName("rules")->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_Diff_Policy)->Apply(Sizes);
BENCHMARK(BM_Diff_Recompile)->Apply(Sizes);
BENCHMARK(BM_Diff_BruteForce)->Apply(Sizes);
BENCHMARK(BM_Diff_BruteForcePolicy)->Apply(Sizes);
BENCHMARK(BM_Diff_AllDates)->Apply(Sizes);
BENCHMARK(BM_Diff_AllDatesBruteForce)->Apply(Sizes);

}  // namespace
}  // namespace clearance::bench
