// Loading policies from text for the load tests: several files in memory,
// their diagnostics as "FILE:LINE:COL: error: MESSAGE [code]" lines.
#pragma once

#include <string>

#include "support/fixtures.hpp"

namespace clearance::load_test {

using testing_support::Errors;
using testing_support::Files;
using testing_support::FirstError;
using testing_support::LoadFiles;

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
