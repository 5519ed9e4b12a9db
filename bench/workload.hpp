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

// Root file text of the workload policy (no includes).
std::string MakeWorkloadYaml(const WorkloadOptions& options);

const std::vector<std::string>& Countries();  // ISO alpha-2, as in rules/common/countries.yaml
const std::vector<std::string>& Uses();

// Uniformly random queries over every dimension, dated across the rules'
// date bounds.
std::vector<Query> MakeQueries(const Policy& policy, std::size_t count, std::uint32_t seed);

}  // namespace clearance::bench
