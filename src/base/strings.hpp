// The one way to join names into text: "a, b, c".
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace clearance {

// The items (each through `project`, which must give something a
// std::string can append) with `separator` between them.
template <class Range, class Project = std::identity>
std::string Join(const Range& items, std::string_view separator, Project project = {}) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += separator;
    first = false;
    out += std::invoke(project, item);
  }
  return out;
}

}  // namespace clearance
