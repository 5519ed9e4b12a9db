// Batch JSONL end to end, per line as `clearance batch` does it (parse the
// JSON object, resolve names, explain, render the decision JSON), beside the
// pre-parsed batch (DecideBatch) in the same run. Items are lines.
#include <benchmark/benchmark.h>

#include "fixture.hpp"
#include "report/batch_input.hpp"
#include "report/decision_json.hpp"

namespace clearance::bench {
namespace {

std::vector<std::string> JsonLines(const Workload& w) {
  std::vector<std::string> lines;
  const auto& dims = w.policy->dimensions();
  for (std::size_t i = 0; i < 4096; ++i) {
    const Query& q = w.queries[i];
    report::OrderedJson line = report::OrderedJson::object();
    for (std::size_t d = 0; d < dims.size(); ++d) line[dims[d].name] = dims[d].values[q.values[d]];
    line["date"] = q.date.ToString();
    line["id"] = i;
    lines.push_back(line.dump());
  }
  return lines;
}

std::string DecideLine(const Policy& policy, const std::string& text) {
  const report::BatchRecord record = report::ParseJsonLine(text);
  Result<Query> query = policy.MakeQuery(record.assignments, Date::TodayUtc(), record.date);
  if (!query) return query.error().message();
  return report::DecisionJson(policy, *query, policy.Explain(*query)).dump();
}

void BM_Batch_Jsonl_EndToEnd(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  const std::vector<std::string> lines = JsonLines(w);
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = DecideLine(*w.policy, lines[i++ & 4095]);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_Batch_PreParsed(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  std::vector<Verdict> out(4096);
  std::size_t offset = 0;
  for (auto _ : state) {
    w.policy->DecideBatch(std::span(w.queries).subspan(offset, 4096), out);
    offset = (offset + 4096) & (kQueryCount - 1);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}

BENCHMARK(BM_Batch_Jsonl_EndToEnd)->Arg(10)->Arg(10000);
BENCHMARK(BM_Batch_PreParsed)->Arg(10)->Arg(10000);

}  // namespace
}  // namespace clearance::bench
