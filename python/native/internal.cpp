#include "internal.hpp"

#include "analysis/matrix.hpp"
#include "base/source.hpp"
#include "capi/name_index.hpp"
#include "report/batch_input.hpp"
#include "report/decision_json.hpp"
#include "report/diff_render.hpp"

namespace clearance::python::internal {

NameLookup::NameLookup(const Policy& policy) : index_(std::make_unique<capi::NameIndex>(policy)) {}
NameLookup::~NameLookup() = default;

std::optional<std::uint32_t> NameLookup::Dimension(std::string_view name) const {
  return index_->Dimension(name);
}

std::optional<std::uint32_t> NameLookup::Value(std::size_t dimension, std::string_view name) const {
  return index_->Value(dimension, name);
}

std::string DecisionJsonText(const Policy& policy, const Query& query, const Decision& decision,
                             bool with_trace, std::string_view id_json) {
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

namespace {

// As src/cli/batch.cpp: the id as a CSV field's text.
std::string IdText(const nlohmann::ordered_json& id) {
  return id.is_null() ? "" : id.is_string() ? id.get<std::string>() : id.dump();
}

std::string JoinedField(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ";") + s;
  return report::CsvField(out);
}

std::string Dumped(const report::OrderedJson& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

BatchRenderer::BatchRenderer(Policy policy, bool csv, std::vector<std::string> csv_header, Date as_of,
                             TraceDetail detail, bool with_trace)
    : policy_(std::move(policy)),
      csv_(csv),
      header_(std::move(csv_header)),
      as_of_(as_of),
      detail_(detail),
      with_trace_(with_trace) {}

std::string BatchRenderer::CsvHeader() const {
  std::string out = "line,id";
  for (const DimensionInfo& d : policy_.dimensions()) out += ',' + report::CsvField(d.name);
  return out + ",date,effect,basis,decisive,outcomes,obligations,error";
}

std::string BatchRenderer::Render(std::size_t number, std::string_view line, bool& failed) const {
  const report::BatchRecord record = csv_ ? report::ParseCsvRow(header_, line) : report::ParseJsonLine(line);
  std::string message = record.error;
  std::optional<Query> query;
  if (message.empty()) {
    Result<Query> made = policy_.MakeQuery(record.assignments, as_of_, record.date);
    if (made) {
      query = std::move(*made);
    } else {
      message = made.error().diagnostics().front().message;
    }
  }
  failed = !query;
  if (failed && csv_) {
    std::string out = std::to_string(number) + ',' + report::CsvField(IdText(record.id));
    for (std::size_t d = 0; d < policy_.dimensions().size(); ++d) out += ',';
    return out + ",,,,,," + report::CsvField(message);
  }
  if (failed) return Dumped({{"line", number}, {"id", record.id}, {"error", message}});
  const Decision d = policy_.Explain(*query, detail_);
  if (csv_) {
    std::string out = std::to_string(number) + ',' + report::CsvField(IdText(record.id));
    const auto& dims = policy_.dimensions();
    for (std::size_t i = 0; i < dims.size(); ++i)
      out += ',' + report::CsvField(dims[i].values[query->values[i]]);
    return out + ',' + query->date.ToString() + ',' + std::string(ToString(d.effect)) + ',' +
           std::string(ToString(d.basis)) + ',' + JoinedField(d.decisive) + ',' + JoinedField(d.outcomes) +
           ',' + JoinedField(d.obligations) + ',';
  }
  report::OrderedJson json = report::DecisionJson(policy_, *query, d);
  if (!with_trace_) json.erase("trace");
  if (record.id.is_null()) return Dumped(json);
  report::OrderedJson with_id = {{"id", record.id}};
  for (auto& [key, value] : json.items()) with_id[key] = std::move(value);
  return Dumped(with_id);
}

std::optional<std::vector<std::string>> SplitCsvLine(std::string_view line) {
  return report::SplitCsvLine(line);
}

}  // namespace clearance::python::internal
