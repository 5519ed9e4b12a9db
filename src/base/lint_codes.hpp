// The warning codes of `lint` (docs/cli.md "Lint diagnostics"), in the table's
// order. A policy may silence them on a rule or a group (`lint: {ignore:
// [...]}`), so the loader checks the names and the analysis orders its
// findings by them.
#pragma once

#include <array>
#include <string_view>

namespace clearance {

inline constexpr std::array<std::string_view, 6> kLintWarningCodes = {
    "never-matches", "never-decisive", "redundant", "expired", "empty-group", "unused"};

}  // namespace clearance
