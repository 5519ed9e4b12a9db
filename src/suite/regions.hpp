// The failing queries of one case grouped into regions: queries that failed
// the same way (same actual effect and decisive rules) share a region, so a
// wrong `each` reads as one line per reason rather than one per query.
#pragma once

#include <vector>

#include "clearance/testing.hpp"

namespace clearance::analysis {

// In order of each region's first failure; each region's example is its first.
std::vector<TestFailureRegion> GroupFailures(const std::vector<TestFailure>& failures);

}  // namespace clearance::analysis
