// The one hash mixer for the library's own hash tables (decision-graph
// levels, BDD nodes, diff walk memo): boost::hash_combine, whose 64-bit form
// is MurmurHash2's mixing step.
#pragma once

#include <boost/container_hash/hash.hpp>
#include <cstddef>
#include <cstdint>

namespace clearance {

inline std::size_t HashCombine(std::size_t seed, std::uint64_t value) {
  boost::hash_combine(seed, value);
  return seed;
}

}  // namespace clearance
