// Batch records and JSON queries: parsing a line, resolving it to a Query,
// and rendering the decision record, in one place for the CLI's `batch`,
// clearance_decide_json and the Python module, so all answer alike.
#include "clearance/batch.hpp"

#include "analysis/alternatives.hpp"
#include "base/strings.hpp"
#include "clearance/json.hpp"
#include "report/alternatives_render.hpp"
#include "report/batch_input.hpp"
#include "report/decision_json.hpp"

namespace clearance {
namespace {

std::string Dump(const report::OrderedJson& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The record's query: its names on its date, or on `as_of` when it names none.
Result<Query> RecordQuery(const Policy& policy, const report::BatchRecord& record, Date as_of) {
  Result<Query> query = policy.MakeQuery(record.assignments, as_of);
  if (!query || record.date.empty()) return query;
  Result<Date> date = ParseQueryDate(record.date);
  if (!date) return date.error();
  query->date = *date;
  return query;
}

// The decision record, with the id leading when the line gave one.
report::OrderedJson DecisionRecord(const Policy& policy, const Query& query, const Decision& decision,
                                   const nlohmann::ordered_json& id) {
  report::OrderedJson json = report::DecisionJson(policy, query, decision);
  if (id.is_null()) return json;
  report::OrderedJson with_id = {{"id", id}};
  for (auto& [key, value] : json.items()) with_id[key] = std::move(value);
  return with_id;
}

std::string Joined(const std::vector<std::string>& items) { return report::CsvField(Join(items, ";")); }

std::string IdText(const nlohmann::ordered_json& id) {
  return id.is_null() ? "" : id.is_string() ? id.get<std::string>() : id.dump();
}

}  // namespace

std::string DecisionToBatchLine(const Policy& policy, const Query& query, const Decision& decision, bool trace,
                                std::string_view id_json, bool alternatives) {
  nlohmann::ordered_json id;
  if (!id_json.empty()) id = nlohmann::ordered_json::parse(id_json, nullptr, false);
  if (id.is_discarded()) id = nullptr;
  report::OrderedJson json = DecisionRecord(policy, query, decision, id);
  if (!trace) json.erase("trace");
  if (alternatives) report::AddAlternatives(json, policy, analysis::FindAlternatives(policy, query));
  return Dump(json);
}

Result<std::string> DecideQueryJson(const Policy& policy, std::string_view query_json, Date as_of,
                                    bool alternatives) {
  const report::BatchRecord record = report::ParseJsonLine(query_json);
  if (!record.error.empty()) return Error::Message(record.error, "query");
  Result<Query> query = RecordQuery(policy, record, as_of);
  if (!query) return query.error();
  report::OrderedJson json = DecisionRecord(policy, *query, policy.Explain(*query, TraceDetail::kMatching), record.id);
  if (alternatives) report::AddAlternatives(json, policy, analysis::FindAlternatives(policy, *query));
  return Dump(json);
}

BatchDecider::BatchDecider(Policy policy, BatchOptions options)
    : policy_(std::move(policy)), options_(options) {}

Result<std::string> BatchDecider::ReadCsvHeader(std::string_view line) {
  auto fields = report::SplitCsvLine(line);
  if (!fields) return Error::Message("line 1: malformed CSV header", "usage");
  header_ = std::move(*fields);
  std::string out = "line,id";
  for (const DimensionInfo& d : policy_.dimensions()) out += ',' + report::CsvField(d.name);
  return out + ",date,effect,basis,decisive,outcomes,obligations,error";
}

BatchRecord BatchDecider::Decide(std::size_t number, std::string_view line) const {
  const bool csv = options_.format == BatchFormat::kCsv;
  const report::BatchRecord record = csv ? report::ParseCsvRow(header_, line) : report::ParseJsonLine(line);
  auto failure = [&](const std::string& message, bool malformed) {
    BatchRecord failed{.failed = true, .malformed = malformed, .error = message};
    if (csv) {
      failed.output = std::to_string(number) + ',' + report::CsvField(IdText(record.id));
      for (std::size_t d = 0; d < policy_.dimensions().size(); ++d) failed.output += ',';
      failed.output += ",,,,,," + report::CsvField(message);
    } else {
      failed.output = Dump(report::OrderedJson{{"line", number}, {"id", record.id}, {"error", message}});
    }
    return failed;
  };
  if (!record.error.empty()) return failure(record.error, record.malformed);
  Result<Query> query = RecordQuery(policy_, record, options_.as_of);
  if (!query) return failure(query.error().diagnostics().front().message, false);
  const Decision d = policy_.Explain(*query, options_.detail);
  if (!csv) {
    report::OrderedJson json = DecisionRecord(policy_, *query, d, record.id);
    if (!options_.trace) json.erase("trace");
    return {.output = Dump(json), .effect = d.effect};
  }
  std::string out = std::to_string(number) + ',' + report::CsvField(IdText(record.id));
  const auto& dims = policy_.dimensions();
  for (std::size_t i = 0; i < dims.size(); ++i) out += ',' + report::CsvField(dims[i].values[query->values[i]]);
  out += ',' + query->date.ToString() + ',' + std::string(ToString(d.effect)) + ',' +
         std::string(ToString(d.basis)) + ',' + Joined(d.decisive) + ',' + Joined(d.outcomes) + ',' +
         Joined(d.obligations) + ',';
  return {.output = std::move(out), .effect = d.effect};
}

}  // namespace clearance
