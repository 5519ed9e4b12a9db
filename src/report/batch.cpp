// Batch records and JSON queries: parsing a line, resolving it to a Query,
// and rendering the decision record, in one place for the CLI's `batch`,
// `serve`, clearance_decide_json and the Python module, so all answer alike.
#include "clearance/batch.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "analysis/alternatives.hpp"
#include "clearance/json.hpp"
#include "report/alternatives_render.hpp"
#include "report/batch_input.hpp"
#include "report/batch_line.hpp"
#include "report/decision_json.hpp"
#include "report/json_text.hpp"

namespace clearance {
namespace {

std::string Dump(const report::OrderedJson& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A CSV list field: a JSON array of strings, quoted per RFC 4180.
std::string ListField(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  std::string json;
  report::AppendJsonStrings(json, items);
  return report::CsvField(json);
}

std::string IdText(const nlohmann::ordered_json& id) {
  return id.is_null() ? "" : id.is_string() ? id.get<std::string>() : id.dump();
}

std::string KeptText(const report::BatchRecord& record, const std::string& name) {
  const auto it = record.kept.is_object() ? record.kept.find(name) : record.kept.end();
  return it == record.kept.end() ? "" : IdText(*it);
}

// "FILE:LINE" of each rule, FILE relative to `base` when given.
std::vector<std::string> RuleSources(const Policy& policy, const std::string& base) {
  namespace fs = std::filesystem;
  std::vector<std::string> sources;
  std::error_code error;
  const fs::path from = base.empty() ? fs::path() : fs::absolute(base, error).lexically_normal();
  for (const RuleInfo& rule : policy.rules()) {
    std::string file = rule.where.file;
    if (!base.empty()) {
      const fs::path relative = fs::absolute(file, error).lexically_normal().lexically_relative(from);
      if (!relative.empty()) file = relative.generic_string();
    }
    sources.push_back(file + ':' + std::to_string(rule.where.line));
  }
  return sources;
}

// The kept columns that are not a dimension, "date" or "id".
std::vector<std::string> PassedThrough(const Policy& policy, const std::vector<std::string>& keep) {
  std::vector<std::string> out;
  for (const std::string& name : keep) {
    if (name == "id" || name == "date" || policy.FindDimension(name)) continue;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

}  // namespace

struct BatchDecider::State {
  State(Policy p, BatchOptions o)
      : policy(std::move(p)),
        options(std::move(o)),
        line{.detail = options.detail,
             .trace = options.trace,
             .rule_texts_in_header = options.rule_texts_in_header,
             .sources = RuleSources(policy, options.source_base),
             .keep = PassedThrough(policy, options.keep_columns),
             .as_of = options.as_of} {
    if (options.format == BatchFormat::kJsonl) fast.emplace(policy, line);  // CSV has no use for it
  }

  BatchRecord Csv(std::size_t number, std::string_view text) const;

  Policy policy;
  BatchOptions options;
  report::LineOptions line;
  std::optional<report::FastJsonl> fast;
  std::vector<std::string> header;
};

BatchDecider::BatchDecider(Policy policy, BatchOptions options)
    : state_(std::make_unique<State>(std::move(policy), std::move(options))) {}
BatchDecider::~BatchDecider() = default;
BatchDecider::BatchDecider(BatchDecider&&) noexcept = default;
BatchDecider& BatchDecider::operator=(BatchDecider&&) noexcept = default;

Result<std::string> BatchDecider::ReadCsvHeader(std::string_view text) {
  auto fields = report::SplitCsvLine(text);
  if (!fields) return Error::Message("line 1: malformed CSV header", "usage");
  const Policy& policy = state_->policy;
  std::vector<std::string> known = {"id", "date"};
  for (const DimensionInfo& d : policy.dimensions()) known.push_back(d.name);
  for (const std::string& k : state_->line.keep) known.push_back(k);
  for (std::size_t i = 0; i < fields->size(); ++i) {
    const std::string& name = (*fields)[i];
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string dimensions;
      for (const DimensionInfo& d : policy.dimensions()) dimensions += (dimensions.empty() ? "" : ", ") + d.name;
      return Error::Message("line 1: unknown column '" + name + "'" + DidYouMean(name, known) +
                                "; a column is a dimension (" + dimensions + "), date, id or a kept column",
                            "usage");
    }
    if (std::find(fields->begin(), fields->begin() + static_cast<std::ptrdiff_t>(i), name) !=
        fields->begin() + static_cast<std::ptrdiff_t>(i)) {
      return Error::Message("line 1: column '" + name + "' is named twice", "usage");
    }
  }
  for (const DimensionInfo& d : policy.dimensions()) {
    if (!d.default_value && std::find(fields->begin(), fields->end(), d.name) == fields->end()) {
      return Error::Message("line 1: no column for dimension '" + d.name + "', which has no default", "usage");
    }
  }
  state_->header = std::move(*fields);
  std::string out = "line,id";
  for (const std::string& k : state_->line.keep) out += ',' + report::CsvField(k);
  for (const DimensionInfo& d : policy.dimensions()) out += ',' + report::CsvField(d.name);
  return out + ",date,effect,basis,decisive,outcomes,obligations,error";
}

std::string BatchDecider::HeaderRecord() const {
  if (!state_->options.rule_texts_in_header || state_->options.format != BatchFormat::kJsonl) return "";
  report::OrderedJson rules = report::OrderedJson::object();
  for (const RuleInfo& rule : state_->policy.rules()) {
    report::OrderedJson texts = report::OrderedJson::object();
    if (!rule.because.empty()) texts["because"] = rule.because;
    if (!rule.cite.empty()) texts["cite"] = rule.cite;
    if (!texts.empty()) rules[rule.id] = std::move(texts);
  }
  return Dump({{"rules", std::move(rules)}, {"policy", report::PolicyRefJson(state_->policy)}});
}

BatchRecord BatchDecider::State::Csv(std::size_t number, std::string_view text) const {
  const report::BatchRecord record = report::ParseCsvRow(header, text, line.keep);
  std::string out = std::to_string(number) + ',' + report::CsvField(IdText(record.id));
  for (const std::string& k : line.keep) out += ',' + report::CsvField(KeptText(record, k));
  auto failure = [&](const std::string& message, bool malformed) {
    for (std::size_t d = 0; d < policy.dimensions().size(); ++d) out += ',';
    out += ",,,,,,," + report::CsvField(message);  // date, effect, basis, decisive, outcomes, obligations
    return BatchRecord{.output = std::move(out), .failed = true, .malformed = malformed, .error = message};
  };
  if (!record.error.empty()) return failure(record.error, record.malformed);
  Result<Query> query = report::RecordQuery(policy, record, options.as_of);
  if (!query) return failure(query.error().diagnostics().front().message, false);
  const Decision d = policy.Explain(*query, TraceDetail::kMatching);
  const auto& dims = policy.dimensions();
  for (std::size_t i = 0; i < dims.size(); ++i) out += ',' + report::CsvField(dims[i].values[query->values[i]]);
  out += ',' + query->date.ToString() + ',' + std::string(ToString(d.effect)) + ',' +
         std::string(ToString(d.basis)) + ',' + ListField(d.decisive) + ',' + ListField(d.outcomes) + ',' +
         ListField(d.obligations) + ',';
  return {.output = std::move(out), .effect = d.effect};
}

BatchRecord BatchDecider::Decide(std::size_t number, std::string_view text) const {
  if (state_->options.format == BatchFormat::kCsv) return state_->Csv(number, text);
  BatchRecord record;
  if (state_->fast->TryDecide(text, record.output, record.effect)) return record;
  return report::ReferenceJsonlLine(state_->policy, state_->line, number, text);
}

namespace {

// The record of a decision with its id (null: none), as one line, with
// "alternatives" when asked.
std::string DecisionLine(const Policy& policy, const Query& query, const Decision& decision, bool trace,
                         const nlohmann::ordered_json& id, bool alternatives) {
  report::BatchRecord record;
  record.id = id;
  const report::LineOptions options{.trace = trace};  // sources as loaded
  report::OrderedJson json = report::ReferenceDecisionJson(policy, options, query, decision, record);
  if (alternatives) report::AddAlternatives(json, policy, analysis::FindAlternatives(policy, query));
  return Dump(json);
}

}  // namespace

std::string DecisionToBatchLine(const Policy& policy, const Query& query, const Decision& decision, bool trace,
                                std::string_view id_json, bool alternatives) {
  nlohmann::ordered_json id;
  if (!id_json.empty()) id = nlohmann::ordered_json::parse(id_json, nullptr, false);
  if (id.is_discarded()) id = nullptr;
  return DecisionLine(policy, query, decision, trace, id, alternatives);
}

Result<std::string> DecideQueryJson(const Policy& policy, std::string_view query_json, Date as_of,
                                    bool alternatives) {
  const report::BatchRecord record = report::ParseJsonLine(query_json);
  if (!record.error.empty()) return Error::Message(record.error, "query");
  Result<Query> query = report::RecordQuery(policy, record, as_of);
  if (!query) return query.error();
  const Decision d = policy.Explain(*query, TraceDetail::kMatching);
  return DecisionLine(policy, *query, d, true, record.id, alternatives);
}

}  // namespace clearance
