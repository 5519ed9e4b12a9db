// A table of decisions: one dimension down, one across, every other
// dimension fixed (by the caller or to its default). Rows and columns may be
// folded into groups; a folded cell is the common effect of the queries it
// covers, or "mixed". A dimension fixed to a group (`--where use=cyber`)
// stands for each of its members: a cell then covers one query per member
// and is mixed unless they all agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clearance/policy.hpp"

namespace clearance {

enum class MatrixCell : std::uint8_t { kAllow, kDeny, kMixed };
std::string_view ToString(MatrixCell cell);  // "allow", "deny", "mixed"

struct MatrixLine {
  std::string label;                  // a value, or a group name
  std::vector<std::uint32_t> values;  // value indices it covers, declaration order
  bool group = false;
  std::string name;  // a value's display name ("Germany"), or ""
};

// What a cell shows besides its colour (the effect, always there).
enum class MatrixShow : std::uint8_t {
  kEffect,   // allow, deny or mixed
  kOutcome,  // the decisive rules' outcomes ("license-required"), "none" without one
  kRule,     // the decisive rule ids ("a + b"), "default" when no rule matched
};

struct MatrixAxis {
  std::string dimension;
  std::vector<MatrixLine> lines;
};

struct Matrix {
  std::string policy;
  std::string digest;
  Date date;
  MatrixAxis rows;
  MatrixAxis cols;
  std::vector<std::pair<std::string, std::string>> fixed;  // the other dimensions, declaration order
  std::vector<std::string> fixed_names;                    // parallel to fixed: display names, or ""
  std::vector<MatrixCell> cells;                           // row-major
  MatrixShow show = MatrixShow::kEffect;
  // With kOutcome or kRule, each cell's text (row-major): the common one of
  // the queries it covers, or "mixed". Empty with kEffect.
  std::vector<std::string> texts;

  MatrixCell at(std::size_t row, std::size_t col) const { return cells[row * cols.lines.size() + col]; }
  // The cell's text: its effect ("allow", "deny", "mixed") or its entry of `texts`.
  std::string_view text(std::size_t row, std::size_t col) const;
};

enum class FoldMode : std::uint8_t {
  kNone,      // one line per value
  kGroups,    // the named groups (in the order given), then the values in none of them
  kLossless,  // the largest groups whose lines are identical, so no cell is mixed
};

struct MatrixOptions {
  std::string rows;
  std::string cols;
  Assignments where;  // fixes other dimensions, each to a value or a group (or "any")
  Date date;
  FoldMode fold_rows = FoldMode::kNone;
  FoldMode fold_cols = FoldMode::kNone;
  std::vector<std::string> row_groups;  // for kGroups
  std::vector<std::string> col_groups;
  MatrixShow show = MatrixShow::kEffect;
};

// Errors name the option at fault: an unknown dimension, value or group
// (with suggestions), rows equal to cols, a --where on the rows or columns
// dimension or given twice, a dimension neither fixed nor with a default,
// more than kMaxMatrixQueries queries to decide.
inline constexpr std::size_t kMaxMatrixQueries = 50'000'000;
Result<Matrix> BuildMatrix(const Policy& policy, const MatrixOptions& options);

}  // namespace clearance
