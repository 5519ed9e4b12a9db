#include "report/record_scan.hpp"

#include <cctype>
#include <cstring>

namespace clearance::report {

namespace {

constexpr int kMaxDepth = 64;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Appends code point `cp` as UTF-8.
void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool RecordScanner::Fail(const char* what) {
  error_ = std::string(what) + " at column " + std::to_string(at_ + 1);
  return false;
}

void RecordScanner::SkipSpace() {
  // Records written by clearance have few spaces: the first test usually ends it.
  while (at_ < text_.size() && static_cast<unsigned char>(text_[at_]) <= ' ' && IsSpace(text_[at_])) ++at_;
}

bool RecordScanner::Expect(char c) {
  SkipSpace();
  if (at_ >= text_.size()) return Fail(("truncated: expected '" + std::string(1, c) + "'").c_str());
  if (text_[at_] != c) return Fail(("expected '" + std::string(1, c) + "'").c_str());
  ++at_;
  return true;
}

bool RecordScanner::String(std::string_view& out) {
  SkipSpace();
  if (at_ >= text_.size()) return Fail("truncated: expected a string");
  if (text_[at_] != '"') return Fail("expected a string");
  const std::size_t begin = ++at_;
  // The common case in one pass: no escapes, the string ends on this line.
  for (std::size_t i = begin; i < text_.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c == '"') {
      out = text_.substr(begin, i - begin);
      at_ = i + 1;
      return true;
    }
    if (c == '\\') break;
    if (c < 0x20) {
      at_ = i;
      return Fail("control character in a string");
    }
  }
  std::string& decoded = decoded_.emplace_back();
  while (at_ < text_.size()) {
    const char c = text_[at_++];
    if (c == '"') {
      out = decoded;
      return true;
    }
    if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in a string");
    if (c != '\\') {
      decoded += c;
      continue;
    }
    if (at_ >= text_.size()) break;
    const char e = text_[at_++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        decoded += e;
        break;
      case 'b':
        decoded += '\b';
        break;
      case 'f':
        decoded += '\f';
        break;
      case 'n':
        decoded += '\n';
        break;
      case 'r':
        decoded += '\r';
        break;
      case 't':
        decoded += '\t';
        break;
      case 'u': {
        std::uint32_t cp = 0;
        for (int k = 0; k < 4; ++k) {
          const int h = at_ < text_.size() ? Hex(text_[at_++]) : -1;
          if (h < 0) return Fail("bad \\u escape");
          cp = cp * 16 + static_cast<std::uint32_t>(h);
        }
        AppendUtf8(decoded, cp);  // surrogates are kept as they come
        break;
      }
      default:
        return Fail("bad escape in a string");
    }
  }
  return Fail("truncated: unterminated string");
}

bool RecordScanner::Skip(int depth) {
  if (depth > kMaxDepth) return Fail("nested too deep");
  SkipSpace();
  if (at_ >= text_.size()) return Fail("truncated: expected a value");
  const char c = text_[at_];
  if (c == '"') {
    std::string_view ignored;
    return String(ignored);
  }
  if (c == '{' || c == '[') {
    const char close = c == '{' ? '}' : ']';
    ++at_;
    SkipSpace();
    if (at_ < text_.size() && text_[at_] == close) return ++at_, true;
    while (true) {
      if (c == '{') {
        std::string_view key;
        if (!String(key) || !Expect(':')) return false;
      }
      if (!Skip(depth + 1)) return false;
      SkipSpace();
      if (at_ >= text_.size()) return Fail("truncated: unclosed object or array");
      if (text_[at_] == close) return ++at_, true;
      if (text_[at_] != ',') return Fail("expected ',' or the closing bracket");
      ++at_;
    }
  }
  for (const char* literal : {"true", "false", "null"}) {
    const std::size_t n = std::strlen(literal);
    if (text_.substr(at_, n) == literal) return at_ += n, true;
  }
  const std::size_t begin = at_;
  if (at_ < text_.size() && text_[at_] == '-') ++at_;
  bool digits = false;
  while (at_ < text_.size() &&
         (std::isdigit(static_cast<unsigned char>(text_[at_])) || text_[at_] == '.' || text_[at_] == 'e' ||
          text_[at_] == 'E' || text_[at_] == '+' || text_[at_] == '-')) {
    digits = true;
    ++at_;
  }
  if (!digits) {
    at_ = begin;
    return Fail("expected a value");
  }
  return true;
}

bool RecordScanner::Raw(std::string_view& out, int depth) {
  SkipSpace();
  const std::size_t begin = at_;
  if (!Skip(depth)) return false;
  out = text_.substr(begin, at_ - begin);
  return true;
}

bool RecordScanner::Query(RecordView& out) {
  if (!Expect('{')) return false;
  out.has_query = true;
  SkipSpace();
  if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
  while (true) {
    std::string_view key, value;
    if (!String(key) || !Expect(':')) return false;
    SkipSpace();
    if (at_ < text_.size() && text_[at_] != '"')
      return Fail(("query value of '" + std::string(key) + "' is not a string").c_str());
    if (!String(value)) return false;
    if (key == "date") {
      out.date = value;
    } else {
      out.query.emplace_back(key, value);
    }
    SkipSpace();
    if (at_ >= text_.size()) return Fail("truncated: unclosed query");
    if (text_[at_] == '}') return ++at_, true;
    if (text_[at_] != ',') return Fail("expected ',' or '}'");
    ++at_;
  }
}

bool RecordScanner::Policy(RecordView& out) {
  if (!Expect('{')) return false;
  SkipSpace();
  if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
  while (true) {
    std::string_view key;
    if (!String(key) || !Expect(':')) return false;
    if (key == "digest") {
      if (!String(out.digest)) return false;
    } else if (!Skip(2)) {
      return false;
    }
    SkipSpace();
    if (at_ >= text_.size()) return Fail("truncated: unclosed policy");
    if (text_[at_] == '}') return ++at_, true;
    if (text_[at_] != ',') return Fail("expected ',' or '}'");
    ++at_;
  }
}

bool RecordScanner::Scan(std::string_view line, RecordView& out, std::string& error) {
  text_ = line;
  at_ = 0;
  decoded_.clear();
  out = RecordView{{}, std::move(out.query), {}, {}, {}, {}, {}, {}, false, false};
  out.query.clear();
  const auto done = [&](bool ok) {
    if (!ok) error = error_;
    return ok;
  };
  if (!Expect('{')) return done(false);
  SkipSpace();
  if (at_ < text_.size() && text_[at_] == '}') {
    ++at_;
  } else {
    while (true) {
      std::string_view key;
      if (!String(key) || !Expect(':')) return done(false);
      bool ok = true;
      if (key == "id") {
        ok = Raw(out.id, 1);
      } else if (key == "query") {
        ok = Query(out);
      } else if (key == "effect") {
        ok = String(out.effect);
      } else if (key == "decisive") {
        ok = Raw(out.decisive, 1);
      } else if (key == "outcomes") {
        ok = Raw(out.outcomes, 1);
      } else if (key == "obligations") {
        ok = Raw(out.obligations, 1);
      } else if (key == "policy") {
        ok = Policy(out);
      } else {
        out.error_record = out.error_record || key == "error";
        ok = Skip(1);
      }
      if (!ok) return done(false);
      SkipSpace();
      if (at_ >= text_.size()) return done(Fail("truncated: unclosed record"));
      if (text_[at_] == '}') {
        ++at_;
        break;
      }
      if (text_[at_] != ',') return done(Fail("expected ',' or '}'"));
      ++at_;
    }
  }
  SkipSpace();
  if (at_ != text_.size()) return done(Fail("text after the record"));
  return true;
}

}  // namespace clearance::report
