// The condition language's abstract syntax (docs/language.md §9), as parsed: names are
// not yet resolved. Spans are byte offsets into the expression text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace clearance::expr {

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;  // one past the last byte
};

struct Name {
  std::string text;  // without quotes
  bool quoted = false;
  Span span;
};

enum class CmpOp : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

struct Literal {
  enum class Kind : std::uint8_t { kNumber, kDate, kBool, kString };
  Kind kind = Kind::kString;
  double number = 0;       // kNumber
  std::int32_t date = 0;   // kDate: days since 1970-01-01
  bool boolean = false;    // kBool
  std::string text;        // kString: the string; otherwise the token as written
  Span span;
};

struct BoolConst {
  bool value = true;
  Span span;
};

// DIM in set / DIM not in set / DIM == name / DIM != name.
struct InTest {
  Name dim;
  bool negated = false;
  bool bracketed = false;  // the set was written as [ ... ]
  std::vector<Name> set;
  Span span;
};

// DIM.ATTR op literal
struct AttrTest {
  Name dim;
  Name attr;
  CmpOp op = CmpOp::kEq;
  Literal literal;
  Span span;
};

struct Not;
struct And;
struct Or;

using Expr = std::variant<BoolConst, InTest, AttrTest, std::unique_ptr<Not>,
                          std::unique_ptr<And>, std::unique_ptr<Or>>;

struct Not {
  Expr operand;
  Span span;
};
struct And {
  std::vector<Expr> operands;  // two or more
  Span span;
};
struct Or {
  std::vector<Expr> operands;  // two or more
  Span span;
};

Span SpanOf(const Expr& e);

}  // namespace clearance::expr
