#include "suite/regions.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace clearance::analysis {
namespace {

// The decisive rules are ids, so (effect, ids) identifies "failed the same way".
using Reason = std::pair<Effect, std::vector<std::string>>;

// Per dimension, the distinct values seen in a region's queries.
using ValuesSeen = std::vector<std::set<std::string>>;

std::vector<std::pair<std::string, std::size_t>> Varying(const TestFailure& example, const ValuesSeen& seen) {
  std::vector<std::pair<std::string, std::size_t>> out;
  for (std::size_t d = 0; d < seen.size(); ++d) {
    if (seen[d].size() > 1) out.emplace_back(example.query[d].first, seen[d].size());
  }
  return out;
}

}  // namespace

std::vector<TestFailureRegion> GroupFailures(const std::vector<TestFailure>& failures) {
  std::vector<TestFailureRegion> regions;
  std::vector<ValuesSeen> seen;
  std::map<Reason, std::size_t> index;
  for (const TestFailure& f : failures) {
    auto [it, added] = index.try_emplace(Reason{f.actual, f.actual_decisive}, regions.size());
    if (added) {
      regions.push_back({0, f, {}});
      seen.emplace_back(f.query.size());
    }
    ++regions[it->second].count;
    ValuesSeen& values = seen[it->second];
    for (std::size_t d = 0; d < f.query.size() && d < values.size(); ++d) values[d].insert(f.query[d].second);
  }
  for (std::size_t i = 0; i < regions.size(); ++i) regions[i].varying = Varying(regions[i].example, seen[i]);
  return regions;
}

}  // namespace clearance::analysis
