// What each fuzz target does with one input, shared with the regression test
// (tests/load/regressions_test.cpp) so that a saved crash input replays the
// same code under the ordinary test suite. Every function must return
// normally on any input; a broken invariant traps.
//
// Multi-file inputs (policies, test files): a line "#%file NAME" starts the
// file NAME; text before the first such line is the file `first_name`. The
// first file is the root. Seeds are built this way from rules/ (see
// fuzz/make_seeds.py).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/snapshot_seal.hpp"
#include "suite/file.hpp"
#include "clearance/diff.hpp"
#include "clearance/lint.hpp"
#include "clearance/policy.hpp"
#include "clearance/snapshot.hpp"
#include "clearance/testing.hpp"
#include "expr/parse.hpp"
#include "expr/print.hpp"
#include "report/batch_input.hpp"

namespace clearance::fuzz {

using Files = std::vector<std::pair<std::string, std::string>>;

inline Files SplitFiles(std::string_view data, const std::string& first_name) {
  constexpr std::string_view kMarker = "#%file ";
  Files files = {{first_name, ""}};
  std::size_t pos = 0;
  while (pos <= data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view line = data.substr(pos, end - pos);
    if (line.substr(0, kMarker.size()) == kMarker) {
      if (files.size() == 1 && files[0].second.empty()) files.clear();
      files.push_back({std::string(line.substr(kMarker.size())), ""});
    } else {
      files.back().second.append(line);
      if (end < data.size()) files.back().second += '\n';
    }
    pos = end + 1;
  }
  return files;
}

// Budgets small enough that one input stays far below the fuzzer's timeout.
inline Limits FuzzLimits() {
  Limits limits;
  limits.max_files = 20;
  limits.max_nodes = 200'000;
  limits.max_expanded_bytes = 4u << 20;
  limits.max_domain = 100'000;
  return limits;
}

inline void Require(bool condition) {
  if (!condition) __builtin_trap();
}

// Loads a policy; when it loads, decides its first query both ways.
inline void LoadPolicyInput(std::string_view data) {
  const Files files = SplitFiles(data, "root.yaml");
  LoadOptions options;
  options.limits = FuzzLimits();
  options.resolver = MakeMemoryResolver(files);
  Result<Policy> policy = LoadPolicy(files.front().first, options);
  if (!policy) {
    Require(!policy.error().diagnostics().empty());
    (void)policy.error().ToString();
    return;
  }
  Assignments first;
  for (const DimensionInfo& d : policy->dimensions()) first.emplace_back(d.name, d.values.front());
  Result<Query> query = policy->MakeQuery(first, Date::FromDays(20000));
  Require(query.ok());
  Require(policy->Decide(*query).effect == policy->Interpret(*query).effect);
  (void)policy->Explain(*query, TraceDetail::kAll);
}

// A snapshot payload behind a correct header and checksum, so that what is
// fuzzed is the reader's checking of every structure; whatever loads must
// decide, explain, interpret and lint without leaving its bounds.
inline void SnapshotInput(std::string_view payload) {
  Result<Policy> policy = LoadCompiledFromString("fuzz.clearance", internal::SealSnapshot(payload));
  if (!policy) {
    Require(!policy.error().diagnostics().empty());
    return;
  }
  Query query;
  query.values.assign(policy->dimensions().size(), 0);  // every dimension has a value 0 (checked)
  for (Date date : {Date::Min(), Date::FromDays(20000), Date::Max()}) {
    query.date = date;
    (void)policy->Decide(query);
    (void)policy->Explain(query, TraceDetail::kAll);
    (void)policy->Interpret(query, TraceDetail::kAll);
  }
  (void)Lint(*policy);
  (void)SaveCompiledToString(*policy);
  if (Result<Policy> small = LoadPolicyFromString("fuzz.yaml", "clearance: 1\npolicy: small\n")) {
    (void)Diff(*policy, *small);  // every value of `policy` one-sided, its graph walked
  }
  (void)Diff(*policy, *policy);
}

// Parses an expression; printing is a fixed point of parse-then-print.
inline void ExpressionInput(std::string_view data) {
  expr::ParseResult parsed = expr::Parse(data);
  const auto* e = std::get_if<expr::Expr>(&parsed);
  if (!e) return;
  const std::string printed = expr::ToCanonicalString(*e);
  expr::ParseResult again = expr::Parse(printed);
  const auto* e2 = std::get_if<expr::Expr>(&again);
  Require(e2 != nullptr);
  Require(expr::ToCanonicalString(*e2) == printed);
}

// A batch line as JSONL, and as a CSV row under the input's first line as
// header; good records are turned into queries of a small policy.
inline void BatchLineInput(std::string_view data) {
  static const Policy policy = [] {
    auto p = LoadPolicyFromString("fuzz.yaml",
                                  "clearance: 1\npolicy: fuzz\ndimensions:\n"
                                  "  model: {values: [m1, m2], groups: {big: [m1]}}\n"
                                  "  country: {values: [US, DE], default: US}\n"
                                  "rules:\n  - {id: r1, effect: allow, when: model in big}\n");
    Require(p.ok());
    return std::move(*p);
  }();
  auto decide = [&](const report::BatchRecord& record) {
    // A CSV id is raw bytes (the CLI writes it back as CSV); only JSON
    // output would need it valid UTF-8.
    (void)record.id.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    if (!record.error.empty()) return;
    Result<Query> query = policy.MakeQuery(record.assignments, Date::FromDays(20000));
    if (!query) return;
    if (!record.date.empty()) {
      Result<Date> date = ParseQueryDate(record.date);
      if (!date) return;
      query->date = *date;
    }
    (void)policy.Decide(*query);
  };
  decide(report::ParseJsonLine(data));
  const std::size_t newline = data.find('\n');
  const std::string_view header_line = data.substr(0, newline);
  auto header = report::SplitCsvLine(header_line);
  if (!header || newline == std::string_view::npos) return;
  decide(report::ParseCsvRow(*header, data.substr(newline + 1)));
}

// Runs a test file against the policies that come with it.
inline void TestFileInput(std::string_view data) {
  const Files files = SplitFiles(data, "t.test.yaml");
  TestOptions options;
  options.load.limits = FuzzLimits();
  options.load.resolver = MakeMemoryResolver(files);
  options.as_of = Date::FromDays(20000);
  Result<TestReport> report = RunTestFiles({files.front().first}, options);
  if (report) (void)SummaryLine(*report);
}

}  // namespace clearance::fuzz
