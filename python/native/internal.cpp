#include "internal.hpp"

#include "analysis/matrix.hpp"
#include "base/source.hpp"
#include "capi/name_index.hpp"
#include "report/decision_json.hpp"
#include "report/diff_render.hpp"

namespace clearance::python::internal {

NameLookup::NameLookup(const Policy& policy) : index_(std::make_unique<capi::NameIndex>(policy)) {}
NameLookup::~NameLookup() = default;

std::optional<std::uint32_t> NameLookup::Dimension(std::string_view name) const { return index_->Dimension(name); }

std::optional<std::uint32_t> NameLookup::Value(std::size_t dimension, std::string_view name) const {
  return index_->Value(dimension, name);
}

std::string DecisionJsonText(const Policy& policy, const Query& query, const Decision& decision, bool with_trace,
                             std::string_view id_json) {
  report::OrderedJson json = report::DecisionJson(policy, query, decision);
  if (!with_trace) json.erase("trace");
  if (!id_json.empty()) {
    // The id leads, as in a batch output line.
    report::OrderedJson with_id = {{"id", report::OrderedJson::parse(id_json)}};
    for (auto& [key, value] : json.items()) with_id[key] = std::move(value);
    json = std::move(with_id);
  }
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> Suggestions(std::string_view name, const std::vector<std::string>& candidates) {
  return ClosestNames(name, candidates);
}

std::string DiffJsonText(const DiffReport& report) {
  return report::DiffJson(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

std::optional<analysis::FoldMode> Fold(const std::string& mode) {
  if (mode == "none") return analysis::FoldMode::kNone;
  if (mode == "groups") return analysis::FoldMode::kGroups;
  if (mode == "lossless") return analysis::FoldMode::kLossless;
  return std::nullopt;
}

void Lines(const analysis::MatrixAxis& axis, std::vector<std::string>& labels, std::vector<bool>& groups) {
  for (const analysis::MatrixLine& line : axis.lines) {
    labels.push_back(line.label);
    groups.push_back(line.group);
  }
}

}  // namespace

Result<MatrixTable> BuildMatrix(const Policy& policy, const MatrixRequest& request) {
  analysis::MatrixOptions options;
  options.rows = request.rows;
  options.cols = request.cols;
  options.where = request.where;
  options.date = request.date;
  const auto fold_rows = Fold(request.fold_rows);
  const auto fold_cols = Fold(request.fold_cols);
  if (!fold_rows || !fold_cols) return Error::Message("fold must be 'none', 'groups' or 'lossless'", "fold");
  options.fold_rows = *fold_rows;
  options.fold_cols = *fold_cols;
  Result<analysis::Matrix> matrix = analysis::BuildMatrix(policy, options);
  if (!matrix) return matrix.error();
  MatrixTable table;
  table.rows = matrix->rows.dimension;
  table.cols = matrix->cols.dimension;
  Lines(matrix->rows, table.row_labels, table.row_is_group);
  Lines(matrix->cols, table.col_labels, table.col_is_group);
  table.fixed = matrix->fixed;
  for (analysis::MatrixCell cell : matrix->cells) table.cells.emplace_back(analysis::ToString(cell));
  return table;
}

}  // namespace clearance::python::internal
