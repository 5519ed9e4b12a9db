// Parse(): limits, then the X3 grammar, then conversion of X3's syntax tree
// into ast.hpp. X3's expectation failures are turned into ParseErrors here
// and never leave this file.
#include "expr/parse.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "clearance/date.hpp"
#include "expr/grammar.hpp"

namespace clearance::expr {
namespace {

namespace x3 = boost::spirit::x3;

constexpr std::string_view kKeywords[] = {"and", "or", "not", "in", "true", "false", "any"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentHead(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsWordChar(char c) { return IsIdentHead(c) || IsDigit(c); }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsQuote(char c) { return c == '\'' || c == '"'; }

// The length of the longest run at `pos` shaped like an IDENT body: word
// chars, with runs of ':' and '-' only between word chars. 0 if none.
std::size_t WordLength(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  std::size_t i = pos;
  while (i < text.size()) {
    if (IsWordChar(text[i])) {
      end = ++i;
    } else if (text[i] == ':' || text[i] == '-') {
      ++i;  // kept only if a word char follows the run
    } else {
      break;
    }
  }
  return end - pos;
}

// The IDENT-shaped word at `pos` (empty if none starts there).
std::string_view WordAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !IsIdentHead(text[pos])) return {};
  return text.substr(pos, WordLength(text, pos));
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// ---------------------------------------------------------------------------
// Depth. The grammar recurses once per parenthesis, and the AST nests once
// per parenthesis and per `not`, so both are bounded before X3 runs. The scan
// mirrors the grammar's tokens: the depth at a point is the number of open
// parentheses plus the `not`s still waiting for their operand; `and`/`or`
// at a level end every such `not` at that level.

class DepthScan {
 public:
  DepthScan(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  std::optional<ParseError> Run() {
    for (std::size_t pos = 0; pos < text_.size();) {
      const char c = text_[pos];
      if (IsQuote(c)) {
        const std::size_t close = text_.find(c, pos + 1);
        if (close == std::string_view::npos) break;  // the grammar reports it
        pos = close + 1;
        after_name_ = false;
      } else if (IsWordChar(c)) {
        const std::size_t len = std::max<std::size_t>(WordLength(text_, pos), 1);
        if (auto error = Word(text_.substr(pos, len), pos)) return error;
        pos += len;
      } else {
        if (auto error = Punct(c, pos)) return error;
        if (!IsSpace(c)) after_name_ = false;
        ++pos;
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<ParseError> Word(std::string_view word, std::size_t pos) {
    if (word == "not" && !after_name_) {  // after a name it is `DIM not in`
      ++levels_.back();
      ++nots_;
      if (auto error = Check(pos)) return error;
    } else if (word == "and" || word == "or") {
      nots_ -= levels_.back();
      levels_.back() = 0;
    }
    after_name_ = !IsKeyword(word);
    return std::nullopt;
  }

  std::optional<ParseError> Punct(char c, std::size_t pos) {
    if (c == '(') {
      levels_.push_back(0);
      return Check(pos);
    }
    if (c == ')' && levels_.size() > 1) {
      nots_ -= levels_.back();
      levels_.pop_back();
    }
    return std::nullopt;
  }

  std::optional<ParseError> Check(std::size_t pos) const {
    const std::size_t depth = levels_.size() - 1 + nots_;
    if (depth <= static_cast<std::size_t>(std::max(max_depth_, 0))) return std::nullopt;
    return ParseError{static_cast<std::uint32_t>(pos), "expression nested too deeply (more than " +
                                                           std::to_string(max_depth_) +
                                                           " levels of parentheses and 'not')"};
  }

  std::string_view text_;
  int max_depth_;
  std::vector<std::size_t> levels_{0};  // per open parenthesis: `not`s pending
  std::size_t nots_ = 0;                // sum of levels_
  bool after_name_ = false;
};

// ---------------------------------------------------------------------------
// Error messages. X3 says what it expected and where; the text at that place
// usually says more (a keyword where a name belongs, a stray bracket).

std::size_t SkipSpaceBack(std::string_view text, std::size_t at) {
  while (at > 0 && IsSpace(text[at - 1])) --at;
  return at;
}

// " after 'and'" when the token before `at` is one worth naming.
std::string After(std::string_view text, std::size_t at) {
  const std::size_t end = SkipSpaceBack(text, at);
  for (std::string_view op : {"==", "!=", "(", "[", ","}) {
    if (end >= op.size() && text.substr(end - op.size(), op.size()) == op)
      return " after " + Quote(op);
  }
  for (std::string_view kw : {"and", "or", "not"}) {
    const std::size_t n = kw.size();
    if (end >= n && text.substr(end - n, n) == kw &&
        (end == n || !(IsWordChar(text[end - n - 1]) || text[end - n - 1] == ':' ||
                       text[end - n - 1] == '-'))) {
      return " after " + Quote(kw);
    }
  }
  return "";
}

bool Unterminated(std::string_view text, std::size_t at) {
  return at < text.size() && IsQuote(text[at]) &&
         text.find(text[at], at + 1) == std::string_view::npos;
}

bool EmptyQuotes(std::string_view text, std::size_t at) {
  return at + 1 < text.size() && IsQuote(text[at]) && text[at + 1] == text[at];
}

std::string ExplainOperand(std::string_view text, std::size_t at, std::string_view keyword) {
  if (keyword == "any") return "'any' is a keyword, not a dimension name";
  if (!keyword.empty()) return "unexpected " + Quote(keyword);
  if (at < text.size() && IsQuote(text[at])) return "a dimension name is never quoted";
  if (at < text.size() && (text[at] == ')' || text[at] == ']' || text[at] == ','))
    return "unexpected " + Quote(text.substr(at, 1));
  return std::string("expected ") + grammar::kWhatOperand + After(text, at);
}

std::string ExplainName(std::string_view text, std::size_t at, std::string_view keyword,
                        std::string_view what) {
  if (!keyword.empty()) return Quote(keyword) + " is a keyword, not a name";
  if (EmptyQuotes(text, at)) return "a name is never empty";
  if (what == grammar::kWhatName && at < text.size() && text[at] == ']' &&
      SkipSpaceBack(text, at) > 0 && text[SkipSpaceBack(text, at) - 1] == '[') {
    return "a set may not be empty";
  }
  if (at < text.size() && text[at] == '[' && what == grammar::kWhatName)
    return "'==' and '!=' take one name; write a list as 'in [a, b]'";
  std::string message =
      "expected " + std::string(what) + (what == grammar::kWhatName ? After(text, at) : "");
  if (at < text.size() && std::string_view("()[],").find(text[at]) == std::string_view::npos)
    message += " (quote a name that is not an identifier)";
  return message;
}

std::string ExplainLiteral(std::string_view text, std::size_t at, std::string_view keyword) {
  if (!keyword.empty()) return Quote(keyword) + " is a keyword; quote it to use it as text";
  if (at + 1 < text.size() && text[at] == '.' && IsDigit(text[at + 1]))
    return "a number needs a digit before '.'";
  return "expected a literal (a number, date, true, false, name or quoted text)";
}

ParseError Explain(std::string_view text, std::size_t at, std::string_view what) {
  if (text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos)
    return {0, "empty expression"};
  while (at < text.size() && IsSpace(text[at])) ++at;  // X3 fails before skipping
  const auto offset = static_cast<std::uint32_t>(at);
  if (Unterminated(text, at)) return {offset, "unterminated quoted name"};
  const std::string_view word = WordAt(text, at);
  const std::string_view keyword = IsKeyword(word) ? word : std::string_view();
  std::optional<std::string> message;
  if (what == grammar::kWhatOperand) {
    message = ExplainOperand(text, at, keyword);
  } else if (what == grammar::kWhatSet || what == grammar::kWhatName) {
    message = ExplainName(text, at, keyword, what);
  } else if (what == grammar::kWhatAttr && !keyword.empty()) {
    message = Quote(keyword) + " is a keyword, not an attribute name";
  } else if (what == grammar::kWhatLiteral) {
    message = ExplainLiteral(text, at, keyword);
  } else if (what == grammar::kWhatTail && at > 0 && at < text.size() && IsWordChar(text[at - 1]) &&
             (text[at] == '-' || text[at] == ':')) {
    message = "a name cannot end in " + Quote(text.substr(at, 1));
  } else if (what == grammar::kWhatCmpOp) {
    message = std::string("expected ") + grammar::kWhatCmpOp + " after attribute name";
  }
  return {offset, message ? *message : "expected " + std::string(what)};
}

ParseError ExplainTrailing(std::string_view text, std::size_t at) {
  const auto offset = static_cast<std::uint32_t>(at);
  if (Unterminated(text, at)) return {offset, "unterminated quoted name"};
  switch (text[at]) {
    case ')':
    case ']':
      return {offset, "unexpected " + Quote(text.substr(at, 1))};
    case ',':
      return {offset, "unexpected ','; write a list of names as [a, b]"};
    default:
      return {offset, "expected end of expression"};
  }
}

// ---------------------------------------------------------------------------
// Conversion of X3's syntax tree into ast.hpp. The tree is as deep as the
// depth scan allowed, so recursion here is bounded too.

class Converter {
 public:
  explicit Converter(std::string_view text) : text_(text) {}

  // The first (leftmost) literal that is well-formed but not a value.
  const std::optional<ParseError>& error() const { return error_; }

  Expr Convert(const syntax::Or& node) {
    if (node.rest.empty()) return Convert(node.first);
    auto out = std::make_unique<Or>();
    out->operands.push_back(Convert(node.first));
    for (const auto& operand : node.rest) out->operands.push_back(Convert(operand));
    out->span = SpanOf(node);
    return out;
  }

 private:
  Expr Convert(const syntax::And& node) {
    if (node.rest.empty()) return Convert(node.first);
    auto out = std::make_unique<And>();
    out->operands.push_back(Convert(node.first));
    for (const auto& operand : node.rest) out->operands.push_back(Convert(operand));
    out->span = SpanOf(node);
    return out;
  }

  Expr Convert(const syntax::Unary& node) {
    Expr inner =
        boost::apply_visitor([this](const auto& p) { return Primary(p); }, node.primary.get());
    for (auto it = node.nots.rbegin(); it != node.nots.rend(); ++it) {
      auto wrapped = std::make_unique<Not>();
      wrapped->operand = std::move(inner);
      wrapped->span = Span{Offset(it->from), Offset(node.to)};
      inner = std::move(wrapped);
    }
    return inner;
  }

  Expr Primary(const syntax::Token& token) {
    return BoolConst{TextOf(token) == "true", SpanOf(token)};
  }
  Expr Primary(const x3::forward_ast<syntax::Or>& nested) { return Convert(nested.get()); }

  Expr Primary(const syntax::Test& test) {
    const syntax::Tail::variant_type& tail = test.tail.get();
    if (const auto* in = boost::get<syntax::InTail>(&tail)) {
      InTest out{NameOf(test.dim), in->negated, false, {}, SpanOf(test)};
      if (const auto* list = boost::get<std::vector<syntax::Token>>(&in->set.get())) {
        out.bracketed = true;
        for (const auto& name : *list) out.set.push_back(NameOf(name));
      } else {
        out.set.push_back(NameOf(boost::get<syntax::Token>(in->set.get())));
      }
      return out;
    }
    if (const auto* eq = boost::get<syntax::EqTail>(&tail)) {
      return InTest{
          NameOf(test.dim), TextOf(eq->op) == "!=", false, {NameOf(eq->name)}, SpanOf(test)};
    }
    const auto& cmp = boost::get<syntax::AttrTail>(tail);
    return AttrTest{NameOf(test.dim), NameOf(cmp.attr), OpOf(cmp.op), LiteralOf(cmp.literal),
                    SpanOf(test)};
  }

  static CmpOp OpOf(const syntax::Token& token) {
    const std::string_view op(token.from, static_cast<std::size_t>(token.to - token.from));
    if (op == "==") return CmpOp::kEq;
    if (op == "!=") return CmpOp::kNe;
    if (op == "<") return CmpOp::kLt;
    if (op == "<=") return CmpOp::kLe;
    if (op == ">") return CmpOp::kGt;
    return CmpOp::kGe;
  }

  Name NameOf(const syntax::Token& token) const {
    const std::string_view text = TextOf(token);
    if (!text.empty() && IsQuote(text.front()))
      return Name{std::string(text.substr(1, text.size() - 2)), true, SpanOf(token)};
    return Name{std::string(text), false, SpanOf(token)};
  }

  Literal LiteralOf(const syntax::Token& token);

  void Fail(const syntax::Tagged& at, std::string message) {
    if (!error_) error_ = ParseError{Offset(at.from), std::move(message)};
  }

  std::uint32_t Offset(const char* p) const { return static_cast<std::uint32_t>(p - text_.data()); }
  Span SpanOf(const syntax::Tagged& node) const { return Span{Offset(node.from), Offset(node.to)}; }
  std::string_view TextOf(const syntax::Tagged& node) const {
    return text_.substr(Offset(node.from), static_cast<std::size_t>(node.to - node.from));
  }

  std::string_view text_;
  std::optional<ParseError> error_;
};

Literal Converter::LiteralOf(const syntax::Token& token) {
  const std::string_view text = TextOf(token);
  Literal out;
  out.span = SpanOf(token);
  out.text = std::string(text);
  if (IsQuote(text.front())) {
    out.text = std::string(text.substr(1, text.size() - 2));
  } else if (text == "true" || text == "false") {
    out.kind = Literal::Kind::kBool;
    out.boolean = text == "true";
  } else if (Date::LooksLikeDate(text)) {
    out.kind = Literal::Kind::kDate;
    if (auto date = Date::Parse(text)) {
      out.date = date->days();
    } else {
      Fail(token, Quote(text) + " is not a calendar date");
    }
  } else if (IsNumber(text)) {
    out.kind = Literal::Kind::kNumber;
    // from_chars is locale-independent; it takes no leading '+'.
    const std::string_view digits = text.front() == '+' ? text.substr(1) : text;
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), out.number);
    if (result.ec != std::errc()) Fail(token, "number out of range");
  }
  return out;
}

}  // namespace

bool IsKeyword(std::string_view text) {
  return std::find(std::begin(kKeywords), std::end(kKeywords), text) != std::end(kKeywords);
}

bool IsIdentifier(std::string_view text) {
  return !text.empty() && IsIdentHead(text[0]) && WordLength(text, 0) == text.size() &&
         !IsKeyword(text);
}

bool IsNumber(std::string_view text) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    return i > start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  if (!digits()) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

ParseResult Parse(std::string_view text, const ParseLimits& limits) {
  const std::size_t max_bytes =
      std::min<std::size_t>(limits.max_bytes, std::numeric_limits<std::uint32_t>::max());
  if (text.size() > max_bytes) {
    return ParseError{static_cast<std::uint32_t>(max_bytes),
                      "expression longer than " + std::to_string(max_bytes) + " bytes"};
  }
  if (auto error = DepthScan(text, limits.max_depth).Run()) return *error;

  syntax::Or tree;
  const char* first = text.data();
  const char* const last = text.data() + text.size();
  try {
    if (!x3::phrase_parse(first, last, grammar::Expression(), grammar::Whitespace(), tree))
      return Explain(text, static_cast<std::size_t>(first - text.data()), grammar::kWhatOperand);
  } catch (const x3::expectation_failure<grammar::Iterator>& failure) {
    return Explain(text, static_cast<std::size_t>(failure.where() - text.data()), failure.which());
  }
  if (first != last) return ExplainTrailing(text, static_cast<std::size_t>(first - text.data()));

  Converter converter(text);
  Expr expr = converter.Convert(tree);
  if (converter.error()) return *converter.error();
  return expr;
}

}  // namespace clearance::expr
