// Test helpers: policies from YAML text (one file, or several in memory),
// their diagnostics as "FILE:LINE:COL: error: MESSAGE [code]" lines, and
// queries by name.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "clearance/policy.hpp"

namespace clearance::testing_support {

using Files = std::vector<std::pair<std::string, std::string>>;

inline Result<Policy> LoadFiles(const Files& files, const Limits& limits = {}) {
  LoadOptions options;
  options.limits = limits;
  options.resolver = MakeMemoryResolver(files);
  return LoadPolicy(files.front().first, options);
}

inline Result<Policy> LoadText(const std::string& yaml) { return LoadFiles({{"p.yaml", yaml}}); }

inline Policy MustLoad(const Files& files) {
  auto policy = LoadFiles(files);
  if (!policy) FAIL(policy.error().ToString());
  return std::move(*policy);
}

inline Policy MustLoad(const std::string& yaml) { return MustLoad(Files{{"p.yaml", yaml}}); }

// Every diagnostic of a failed load, one line each (no context lines).
inline std::vector<std::string> Errors(const Files& files, const Limits& limits = {}) {
  auto policy = LoadFiles(files, limits);
  if (policy) return {};
  std::vector<std::string> out;
  for (const Diagnostic& d : policy.error().diagnostics()) out.push_back(d.ToString());
  return out;
}

inline std::vector<std::string> Errors(const std::string& yaml) { return Errors(Files{{"p.yaml", yaml}}); }

inline std::string FirstError(const Files& files, const Limits& limits = {}) {
  auto errors = Errors(files, limits);
  return errors.empty() ? std::string("<loaded>") : errors.front();
}

inline std::string FirstError(const std::string& yaml, const Limits& limits = {}) {
  return FirstError(Files{{"p.yaml", yaml}}, limits);
}

inline Query MustQuery(const Policy& policy, const Assignments& assignments, const std::string& date = "2026-06-01") {
  auto day = ParseQueryDate(date);
  if (!day) FAIL(day.error().message());
  auto q = policy.MakeQuery(assignments, *day);
  if (!q) FAIL(q.error().message());
  return *q;
}

inline Decision Decide(const Policy& policy, const Assignments& assignments, const std::string& date = "2026-06-01",
                       TraceDetail detail = TraceDetail::kMatching) {
  return policy.Explain(MustQuery(policy, assignments, date), detail);
}

// A small policy in the spirit of docs/language.md §4-§3, prefixed to rule lists.
inline const std::string kDims = R"(clearance: 1
policy: t
dimensions:
  model:
    values:
      fable-5:  { developer: anthropic, training_ops: 3.1e26, weights: closed, released: 2026-02-01 }
      mythos-5: { developer: anthropic, training_ops: 2.0e26, weights: closed }
      open-7b:  { training_ops: 8.0e23, weights: open, open_source: true }
    groups:
      frontier: [fable-5, mythos-5]
  country:
    values: [US, DE, FR, CN, RU]
    groups:
      allies: [DE, FR]
      embargoed: [RU]
      non-us: { include: [any], exclude: [US] }
  use:
    values: [defensive-cyber, offensive-cyber, research, commercial]
    groups:
      cyber: [defensive-cyber, offensive-cyber]
)";

}  // namespace clearance::testing_support
