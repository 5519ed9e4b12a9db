#include "report/batch_input.hpp"

#include <algorithm>

namespace clearance::report {
namespace {

bool Kept(const std::vector<std::string>& keep, std::string_view name) {
  return std::find(keep.begin(), keep.end(), name) != keep.end();
}

}  // namespace

BatchRecord ParseJsonLine(std::string_view line, const std::vector<std::string>& keep) {
  BatchRecord r;
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
    r.error = "empty line";
    r.malformed = true;
    return r;
  }
  // nlohmann copies and prints nested values recursively, so a line of 100 000
  // nested brackets would overflow the stack: deeper values are dropped while
  // parsing, and the line is an error. A query is flat.
  constexpr int kMaxJsonDepth = 64;
  bool too_deep = false;
  // nlohmann keeps the last of duplicate keys; a query naming a dimension
  // twice is ambiguous, so it is an error record instead.
  std::vector<std::string> top_keys;
  std::string duplicate;
  auto check = [&](int depth, nlohmann::ordered_json::parse_event_t event, nlohmann::ordered_json& parsed) {
    if (depth > kMaxJsonDepth) too_deep = true;
    if (event == nlohmann::ordered_json::parse_event_t::key && depth == 1 && parsed.is_string()) {
      const std::string& key = parsed.get_ref<const std::string&>();
      if (std::find(top_keys.begin(), top_keys.end(), key) != top_keys.end()) duplicate = key;
      top_keys.push_back(key);
    }
    return depth <= kMaxJsonDepth;
  };
  nlohmann::ordered_json json = nlohmann::ordered_json::parse(line, check, false);
  if (json.is_discarded()) {
    r.error = "malformed JSON";
    r.malformed = true;
    return r;
  }
  if (too_deep) {
    r.error = "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return r;
  }
  if (!duplicate.empty()) {
    r.error = "key '" + duplicate + "' is given twice";
    return r;
  }
  if (!json.is_object()) {
    r.error = "a query must be a JSON object of dimension -> value";
    return r;
  }
  if (auto id = json.find("id"); id != json.end()) r.id = *id;
  for (const auto& [key, value] : json.items()) {
    if (key == "id") continue;
    if (Kept(keep, key)) {
      r.kept[key] = value;
      continue;
    }
    if (!value.is_string()) {
      r.error = "the value of '" + key + "' must be a string";
      return r;
    }
    if (key == "date") {
      r.date = value.get<std::string>();
      if (r.date.empty()) r.error = "bad date '' (expected a calendar date YYYY-MM-DD)";
    } else {
      r.assignments.emplace_back(key, value.get<std::string>());
    }
  }
  return r;
}

std::optional<std::vector<std::string>> SplitCsvLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ',') {
      fields.emplace_back();
    } else if (c == '"' && fields.back().empty()) {
      std::size_t j = i + 1;
      for (;; ++j) {
        if (j >= line.size()) return std::nullopt;  // unterminated
        if (line[j] == '"') {
          if (j + 1 < line.size() && line[j + 1] == '"') {
            fields.back() += '"';
            ++j;
          } else {
            break;
          }
        } else {
          fields.back() += line[j];
        }
      }
      i = j;
      if (i + 1 < line.size() && line[i + 1] != ',') return std::nullopt;
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

BatchRecord ParseCsvRow(const std::vector<std::string>& header, std::string_view line,
                        const std::vector<std::string>& keep) {
  BatchRecord r;
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
    r.error = "empty line";
    r.malformed = true;
    return r;
  }
  auto fields = SplitCsvLine(line);
  if (!fields) {
    r.error = "malformed CSV quoting";
    r.malformed = true;
    return r;
  }
  if (fields->size() != header.size()) {
    r.error = "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(fields->size());
    // What the row does give still identifies it in the error record.
    for (std::size_t i = 0; i < header.size() && i < fields->size(); ++i) {
      if (header[i] == "id") r.id = (*fields)[i];
      if (Kept(keep, header[i])) r.kept[header[i]] = (*fields)[i];
    }
    return r;
  }
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& value = (*fields)[i];
    if (header[i] == "id") {
      r.id = value;
    } else if (Kept(keep, header[i])) {
      r.kept[header[i]] = value;
    } else if (header[i] == "date") {
      r.date = value;
    } else if (!value.empty()) {
      r.assignments.emplace_back(header[i], value);
    }
  }
  return r;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace clearance::report
