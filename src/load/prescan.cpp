#include "load/prescan.hpp"

#include <vector>

namespace clearance::load {
namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when invalid.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n;
  unsigned min;
  unsigned cp;
  if ((b & 0xE0) == 0xC0) { n = 2; cp = b & 0x1F; min = 0x80; }
  else if ((b & 0xF0) == 0xE0) { n = 3; cp = b & 0x0F; min = 0x800; }
  else if ((b & 0xF8) == 0xF0) { n = 4; cp = b & 0x07; min = 0x10000; }
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::optional<PrescanFault> FindInvalidUtf8(std::string_view text) {
  std::uint32_t line = 1;
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return PrescanFault{line, col, "the file is not valid UTF-8"};
    if (text[i] == '\0') return PrescanFault{line, col, "the file contains a NUL byte"};
    if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
    i += n;
  }
  return std::nullopt;
}

namespace {

class NestingScanner {
 public:
  NestingScanner(std::string_view text, int max_depth) : text_(text), max_(max_depth) {}

  std::optional<PrescanFault> Run() {
    while (pos_ < text_.size()) {
      if (auto fault = ScanLine()) return fault;
      ++line_;
    }
    return std::nullopt;
  }

 private:
  std::optional<PrescanFault> ScanLine() {
    const std::size_t begin = pos_;
    std::size_t end = text_.find('\n', begin);
    if (end == std::string_view::npos) end = text_.size();
    pos_ = end + 1;
    std::size_t i = begin;
    while (i < end && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    if (i == end || text_[i] == '#') return std::nullopt;
    int block = 0;
    if (flow_ == 0 && quote_ == 0) block = BlockDepth(i - begin, i, end);
    for (; i < end; ++i) {
      const char c = text_[i];
      if (quote_ != 0) {
        if (c == quote_) quote_ = 0;
        continue;
      }
      if (c == '#' && (i == begin || text_[i - 1] == ' ' || text_[i - 1] == '\t')) break;
      if ((c == '\'' || c == '"') && (i == begin || IsQuoteStart(text_[i - 1]))) {
        quote_ = c;
      } else if (c == '[' || c == '{') {
        ++flow_;
      } else if ((c == ']' || c == '}') && flow_ > 0) {
        --flow_;
      }
      if (block + flow_ > max_) {
        return PrescanFault{line_, static_cast<std::uint32_t>(i - begin + 1),
                            "nesting deeper than the limit of " + std::to_string(max_)};
      }
    }
    if (block > max_) {
      return PrescanFault{line_, 1, "nesting deeper than the limit of " + std::to_string(max_)};
    }
    return std::nullopt;
  }

  static bool IsQuoteStart(char prev) {
    return prev == ' ' || prev == '\t' || prev == '[' || prev == '{' || prev == ',' || prev == ':' ||
           prev == '-';
  }

  // Indentation levels open at this line, plus compact sequence entries.
  int BlockDepth(std::size_t indent, std::size_t i, std::size_t end) {
    while (!indents_.empty() && indents_.back() >= indent) indents_.pop_back();
    indents_.push_back(indent);
    int compact = 0;
    while (i + 1 < end && (text_[i] == '-' || text_[i] == '?') && text_[i + 1] == ' ') {
      ++compact;
      i += 2;
      while (i < end && text_[i] == ' ') ++i;
    }
    return static_cast<int>(indents_.size()) + compact;
  }

  std::string_view text_;
  int max_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  int flow_ = 0;
  char quote_ = 0;
  std::vector<std::size_t> indents_;
};

}  // namespace

std::optional<PrescanFault> FindExcessiveNesting(std::string_view text, int max_depth) {
  return NestingScanner(text, max_depth).Run();
}

}  // namespace clearance::load
