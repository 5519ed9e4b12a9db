// Batch JSONL end to end, per line as `clearance batch` does it (parse the
// JSON object, resolve names, explain, render the decision JSON): the fast
// path with the matching trace and without a trace, beside the reference
// (DOM) path and the pre-parsed batch (DecideBatch) in the same run. Items
// are lines.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <mutex>

#include "fixture.hpp"
#include "clearance/batch.hpp"
#include "report/batch_line.hpp"
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

void RunBatch(benchmark::State& state, bool trace) {
  static std::map<std::pair<const Workload*, bool>, std::unique_ptr<BatchDecider>> deciders;
  static std::mutex mutex;
  const BatchDecider* decider = nullptr;
  std::vector<std::string> lines;
  {
    std::lock_guard lock(mutex);  // the fixture builds on first use
    const Workload& w = GetWorkload(state.range(0));
    lines = JsonLines(w);
    auto& made = deciders[{&w, trace}];
    if (!made) made = std::make_unique<BatchDecider>(*w.policy, BatchOptions{.trace = trace, .as_of = Date::TodayUtc()});
    decider = made.get();
  }
  const BatchDecider& batch = *decider;
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = batch.Decide(i + 1, lines[i & 4095]).output;
    ++i;
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_Batch_Jsonl_EndToEnd(benchmark::State& state) { RunBatch(state, true); }
void BM_Batch_Jsonl_TraceNone(benchmark::State& state) { RunBatch(state, false); }

// The reference the fast path is tested against: nlohmann's DOM per line.
void BM_Batch_Jsonl_Reference(benchmark::State& state) {
  const Workload& w = GetWorkload(state.range(0));
  const std::vector<std::string> lines = JsonLines(w);
  report::LineOptions options{.as_of = Date::TodayUtc()};
  for (const RuleInfo& r : w.policy->rules()) options.sources.push_back(r.where.file + ':' + std::to_string(r.where.line));
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string out = report::ReferenceJsonlLine(*w.policy, options, i + 1, lines[i & 4095]).output;
    ++i;
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
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

BENCHMARK(BM_Batch_Jsonl_EndToEnd)->Arg(10)->Arg(10000)->Threads(1)->Threads(2);
BENCHMARK(BM_Batch_Jsonl_TraceNone)->Arg(10)->Arg(10000)->Threads(1)->Threads(2);
BENCHMARK(BM_Batch_Jsonl_Reference)->Arg(10)->Arg(10000);
BENCHMARK(BM_Batch_PreParsed)->Arg(10)->Arg(10000);

}  // namespace
}  // namespace clearance::bench
