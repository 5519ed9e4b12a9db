// FlatNames finds exactly the names of its list, whatever their length and
// however they collide, as a std::unordered_map over the same list does.
#include <catch2/catch.hpp>
#include <random>
#include <unordered_map>

#include "base/flat_names.hpp"

namespace clearance {
namespace {

TEST_CASE("FlatNames agrees with a hash map on random names and misses", "[base]") {
  std::mt19937 rng(7);
  for (const std::size_t n : {0u, 1u, 3u, 17u, 249u, 5000u}) {
    std::vector<std::string> names;
    std::unordered_map<std::string, std::uint32_t> expected;
    while (names.size() < n) {
      std::string name(1 + rng() % 24, 'a');
      for (char& c : name) c = static_cast<char>('a' + rng() % 3);  // few letters: many near-collisions
      if (expected.emplace(name, static_cast<std::uint32_t>(names.size())).second) names.push_back(name);
    }
    const FlatNames index(names);
    for (const std::string& name : names) CHECK(index.Find(names, name) == expected.at(name));
    for (int i = 0; i < 2000; ++i) {
      std::string probe(rng() % 26, 'a');
      for (char& c : probe) c = static_cast<char>('a' + rng() % 3);
      const auto it = expected.find(probe);
      CHECK(index.Find(names, probe) == (it == expected.end() ? std::nullopt : std::optional(it->second)));
    }
  }
  CHECK_FALSE(FlatNames().Find({}, "x"));
}

}  // namespace
}  // namespace clearance
