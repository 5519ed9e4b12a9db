// The benchmark workload: a deterministic policy of realistic shape and
// size, as YAML text, so that loading is measured along with deciding.
//
// The seed policy denies the frontier models (fable-5, mythos-5) everywhere
// but the US and embargoes Country Groups E:1 and E:2; N synthetic rules
// then each allow one model in a random set of countries for one use, with
// deny rules, overrides, dated rules and the map form of `when` mixed in.
// Dimensions: 1000 models, the 249 ISO 3166-1 countries, 9 uses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "clearance/policy.hpp"

namespace clearance::bench {

struct WorkloadOptions {
  std::size_t rules = 1000;  // synthetic rules, on top of the seed policy's
  std::size_t models = 1000;
  std::uint32_t seed = 42;
};

// The rule counts of every per-size benchmark: 10, 100, 1 000, 10 000, and
// 100 000 when the environment variable CLEARANCE_BENCH_100K is set (it adds
// minutes to a run and ~1 GiB of peak memory: see bench/README.md).
std::vector<std::int64_t> RuleSizes();

// The default limits, with the per-file ones raised to fit the workload at
// `rules` (at 100 000 rules the file is 20 MiB with ~2 M YAML nodes, past
// the defaults of 8 MiB and 2 M nodes).
LoadOptions WorkloadLoadOptions(std::size_t rules);

// Root file text of the workload policy (no includes).
std::string MakeWorkloadYaml(const WorkloadOptions& options);

const std::vector<std::string>& Countries();  // ISO alpha-2, as in rules/common/countries.yaml
const std::vector<std::string>& Uses();

// Uniformly random queries over every dimension, dated across the rules'
// date bounds.
std::vector<Query> MakeQueries(const Policy& policy, std::size_t count, std::uint32_t seed);

}  // namespace clearance::bench
