// Loading policies from text for the load tests: several files in memory,
// their diagnostics as "FILE:LINE:COL: error: MESSAGE [code]" lines.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "clearance/policy.hpp"

namespace clearance::load_test {

using Files = std::vector<std::pair<std::string, std::string>>;

inline Result<Policy> LoadFiles(const Files& files, const Limits& limits = {}) {
  LoadOptions options;
  options.limits = limits;
  options.resolver = MakeMemoryResolver(files);
  return LoadPolicy(files.front().first, options);
}

inline std::vector<std::string> Errors(const Files& files, const Limits& limits = {}) {
  auto policy = LoadFiles(files, limits);
  std::vector<std::string> out;
  if (policy) return out;
  for (const Diagnostic& d : policy.error().diagnostics()) out.push_back(d.ToString());
  return out;
}

inline std::string FirstError(const Files& files, const Limits& limits = {}) {
  auto errors = Errors(files, limits);
  return errors.empty() ? std::string("<loaded>") : errors.front();
}

inline std::string FirstError(const std::string& yaml, const Limits& limits = {}) {
  return FirstError(Files{{"p.yaml", yaml}}, limits);
}

// A small valid policy to vary.
inline const std::string kPolicy =
    "clearance: 1\n"
    "policy: p\n"
    "dimensions:\n"
    "  model: {values: [m1, m2]}\n"
    "  country: {values: [US, DE]}\n"
    "rules:\n"
    "  - id: r1\n"
    "    effect: deny\n"
    "    when: model == m1\n";

}  // namespace clearance::load_test
