// The module's one door into the library's internals (src/). Everything
// else in python/native includes only the public headers `clearance/...`.
// What passes through here, and why it is not public API yet:
//   - capi::NameIndex: flat name tables for the decide() fast path;
//   - report::DecisionJson / report::DiffJson: the exact JSON of CLI.md
//     (the public DecisionToJson has no id and always a trace);
//   - analysis::BuildMatrix: `clearance matrix` (src/analysis/matrix.hpp);
//   - ClosestNames: the "did you mean" suggestions of QueryError;
//   - report::ParseJsonLine / ParseCsvRow / SplitCsvLine / CsvField: batch
//     input lines parsed, and output lines written, as `clearance batch`
//     does (BatchRenderer).
// No type from src/ appears in this header. When the library makes these
// public (a batch line decider, the matrix), the bindings should call that
// API and the matching part of this file should go.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clearance/diff.hpp"
#include "clearance/policy.hpp"

namespace clearance::capi {
class NameIndex;
}

namespace clearance::python::internal {

// Dimension and value names of one policy, resolved without allocating.
// Points into the policy, which must outlive it; read-only once built.
class NameLookup {
 public:
  explicit NameLookup(const Policy& policy);
  ~NameLookup();
  NameLookup(const NameLookup&) = delete;
  NameLookup& operator=(const NameLookup&) = delete;
  std::optional<std::uint32_t> Dimension(std::string_view name) const;
  std::optional<std::uint32_t> Value(std::size_t dimension, std::string_view name) const;

 private:
  std::unique_ptr<capi::NameIndex> index_;
};

// The decision JSON of CLI.md on one line, as `clearance batch` writes it:
// `id_json` (a JSON text, or empty for none) first, "trace" left out when
// !with_trace.
std::string DecisionJsonText(const Policy& policy, const Query& query, const Decision& decision,
                             bool with_trace, std::string_view id_json);

// The closest names by edit distance, at most three.
std::vector<std::string> Suggestions(std::string_view name, const std::vector<std::string>& candidates);

// The diff JSON of CLI.md on one line.
std::string DiffJsonText(const DiffReport& report);

struct MatrixRequest {
  std::string rows;
  std::string cols;
  Assignments where;
  Date date;
  std::string fold_rows = "none";  // "none", "groups" or "lossless"
  std::string fold_cols = "none";
};
struct MatrixTable {
  std::string rows;  // dimension names
  std::string cols;
  std::vector<std::string> row_labels;
  std::vector<bool> row_is_group;
  std::vector<std::string> col_labels;
  std::vector<bool> col_is_group;
  std::vector<std::pair<std::string, std::string>> fixed;
  std::vector<std::string> cells;  // row-major: "allow", "deny", "mixed"
};
Result<MatrixTable> BuildMatrix(const Policy& policy, const MatrixRequest& request);

// One output line of `clearance batch` per input line, byte for byte as
// src/cli/batch.cpp writes it (same parsers, same JSON and CSV writers).
// Read-only once made: Render may run on several threads at once.
class BatchRenderer {
 public:
  // `csv_header`: the input's header fields (CSV), empty for JSONL.
  BatchRenderer(Policy policy, bool csv, std::vector<std::string> csv_header, Date as_of, TraceDetail detail,
                bool with_trace);
  // `number`: the line's 1-based number in its input (a CSV header is line 1).
  std::string Render(std::size_t number, std::string_view line, bool& failed) const;
  // The CSV output's header line, without the newline.
  std::string CsvHeader() const;

 private:
  Policy policy_;
  bool csv_;
  std::vector<std::string> header_;
  Date as_of_;
  TraceDetail detail_;
  bool with_trace_;
};

// The fields of a CSV line (RFC 4180); nullopt when the quoting is malformed.
std::optional<std::vector<std::string>> SplitCsvLine(std::string_view line);

}  // namespace clearance::python::internal
