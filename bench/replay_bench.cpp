// Replay of a decision log (JSONL as `clearance batch` writes it, trace of
// matching rules included) under the workload policy, beside the baseline in
// the same run: each line parsed into a JSON tree, its query resolved by
// name and decided through Policy::Decide, effect and decisive ids compared.
// Items are records.
#include <benchmark/benchmark.h>

#include <map>

#include "analysis/replay.hpp"
#include "fixture.hpp"
#include "report/decision_json.hpp"

namespace clearance::bench {
namespace {

constexpr std::size_t kRecords = 1 << 15;

const std::string& Log(const Workload& w) {
  static std::map<const Workload*, std::string> logs;
  std::string& log = logs[&w];
  if (!log.empty()) return log;
  for (std::size_t i = 0; i < kRecords; ++i) {
    Query q = w.queries[i];
    q.id = std::to_string(i);
    log += report::DecisionJson(*w.policy, q, w.policy->Explain(q)).dump() + "\n";
  }
  return log;
}

void BM_Replay(benchmark::State& state) {
  const Workload& w = GetWorkload(static_cast<std::size_t>(state.range(0)));
  const std::string& log = Log(w);
  for (auto _ : state) {
    const analysis::ReplayReport r = analysis::Replay(log, *w.policy);
    benchmark::DoNotOptimize(r.changed);
    state.counters["changed"] = static_cast<double>(r.changed);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kRecords));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(log.size()));
}

void BM_Replay_Baseline(benchmark::State& state) {
  const Workload& w = GetWorkload(static_cast<std::size_t>(state.range(0)));
  const std::string& log = Log(w);
  for (auto _ : state) {
    std::uint64_t changed = 0;
    std::size_t begin = 0;
    while (begin < log.size()) {
      const std::size_t end = log.find('\n', begin);
      const auto record = nlohmann::json::parse(std::string_view(log).substr(begin, end - begin));
      begin = end + 1;
      Assignments a;
      for (const auto& [dim, value] : record["query"].items()) {
        if (dim != "date") a.emplace_back(dim, value.get<std::string>());
      }
      const auto date = Date::Parse(record["query"]["date"].get<std::string>());
      auto q = w.policy->MakeQuery(a, *date);
      const Verdict v = w.policy->Decide(*q);
      std::vector<std::string> ids;
      for (std::uint32_t r : v.decisive) ids.push_back(w.policy->rules()[r].id);
      changed += record["effect"].get<std::string>() != ToString(v.effect) ||
                 record["decisive"].get<std::vector<std::string>>() != ids;
    }
    benchmark::DoNotOptimize(changed);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kRecords));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(log.size()));
}

BENCHMARK(BM_Replay)->Arg(10)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Replay_Baseline)->Arg(10)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace clearance::bench
