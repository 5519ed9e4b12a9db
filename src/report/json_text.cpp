#include "report/json_text.hpp"

#include <nlohmann/json.hpp>

#include "base/utf8.hpp"

namespace clearance::report {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t SkipSpace(std::string_view s, std::size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

// A string without escapes starting at s[i] == '"'; its end past the quote.
bool ScanString(std::string_view s, std::size_t& i, std::string_view& raw) {
  const std::size_t begin = ++i;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      raw = s.substr(begin, i - begin);
      ++i;
      return true;
    }
    if (c == '\\' || c < 0x20) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return false;
}

// -?(0|[1-9][0-9]*) with at most 18 digits, not "-0": it prints back the same.
bool ScanInteger(std::string_view s, std::size_t& i, std::string_view& raw) {
  const std::size_t begin = i;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t digits = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  const std::size_t n = i - digits;
  if (n == 0 || n > 18 || (n > 1 && s[digits] == '0')) return false;
  if (s[begin] == '-' && n == 1 && s[digits] == '0') return false;
  if (i < s.size() && (s[i] == '.' || s[i] == 'e' || s[i] == 'E')) return false;
  raw = s.substr(begin, i - begin);
  return true;
}

}  // namespace

bool ValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void AppendJsonString(std::string& out, std::string_view text) {
  if (!ValidUtf8(text)) {  // rare: let nlohmann write its replacement characters
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

void AppendJsonStrings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, items[i]);
  }
  out += ']';
}

bool ScanFlatObject(std::string_view s, std::vector<FlatField>& fields) {
  fields.clear();
  std::size_t i = SkipSpace(s, 0);
  if (i >= s.size() || s[i] != '{') return false;
  i = SkipSpace(s, i + 1);
  if (i < s.size() && s[i] == '}') return false;  // {}: the full parser says what is missing
  for (;;) {
    FlatField field;
    if (i >= s.size() || s[i] != '"' || !ScanString(s, i, field.key)) return false;
    i = SkipSpace(s, i);
    if (i >= s.size() || s[i] != ':') return false;
    i = SkipSpace(s, i + 1);
    if (i >= s.size()) return false;
    if (s[i] == '"') {
      if (!ScanString(s, i, field.raw)) return false;
    } else {
      field.is_string = false;
      if (!ScanInteger(s, i, field.raw)) return false;
    }
    fields.push_back(field);
    i = SkipSpace(s, i);
    if (i < s.size() && s[i] == ',') {
      i = SkipSpace(s, i + 1);
      continue;
    }
    if (i >= s.size() || s[i] != '}') return false;
    return SkipSpace(s, i + 1) == s.size();
  }
}

}  // namespace clearance::report
