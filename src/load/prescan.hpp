// Checks made on a file's bytes before yaml-cpp sees them, so that no input
// can make the parser recurse without bound: size, UTF-8, nesting depth.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/source.hpp"

namespace clearance::load {

struct PrescanFault {
  std::uint32_t line = 1;
  std::uint32_t col = 1;
  std::string message;
};

// The first invalid UTF-8 sequence, if any.
std::optional<PrescanFault> FindInvalidUtf8(std::string_view text);

// An upper bound on the YAML nesting depth at each point (flow brackets plus
// block indentation levels plus compact "- - " entries); the first point
// where it exceeds max_depth, if any.
std::optional<PrescanFault> FindExcessiveNesting(std::string_view text, int max_depth);

}  // namespace clearance::load
