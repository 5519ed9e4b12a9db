// The colours every HTML and SVG report shares: the Okabe–Ito palette, safe
// for the common kinds of colour blindness (blue against orange, never red
// against green). Colour is never the only channel: cells also carry text,
// a glyph or a hatch pattern, and legends list only what occurs.
#pragma once

#include <string_view>

#include "clearance/matrix.hpp"

namespace clearance::report {

inline constexpr std::string_view kAllowFill = "#0072B2";  // Okabe–Ito blue
inline constexpr std::string_view kAllowInk = "#ffffff";
inline constexpr std::string_view kDenyFill = "#E69F00";  // Okabe–Ito orange
inline constexpr std::string_view kDenyInk = "#1d2430";
inline constexpr std::string_view kMixedFill = "#CC79A7";  // Okabe–Ito reddish purple, hatched
inline constexpr std::string_view kMixedInk = "#1d2430";
inline constexpr std::string_view kNeutralFill = "#999999";  // Okabe–Ito grey

inline std::string_view CellFill(MatrixCell cell) {
  return cell == MatrixCell::kAllow ? kAllowFill : cell == MatrixCell::kDeny ? kDenyFill : kMixedFill;
}
inline std::string_view CellInk(MatrixCell cell) {
  return cell == MatrixCell::kAllow ? kAllowInk : cell == MatrixCell::kDeny ? kDenyInk : kMixedInk;
}
// A glyph for a cell too small for a word: ✓ allow, ✗ deny, ± mixed.
inline std::string_view CellGlyph(MatrixCell cell) {
  return cell == MatrixCell::kAllow ? "\u2713" : cell == MatrixCell::kDeny ? "\u2717" : "\u00b1";
}

}  // namespace clearance::report
