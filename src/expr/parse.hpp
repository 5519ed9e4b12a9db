// Parsing condition expressions (docs/language.md §9 and §9) with Boost.Spirit X3.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "expr/ast.hpp"

namespace clearance::expr {

struct ParseLimits {
  std::size_t max_bytes = 64u << 10;
  int max_depth = 128;  // nesting of parentheses and `not`
};

struct ParseError {
  std::uint32_t offset = 0;  // byte offset of the fault in the text
  std::string message;       // e.g. "expected a set after 'in'"
};

// Exactly one of the two.
using ParseResult = std::variant<Expr, ParseError>;

ParseResult Parse(std::string_view text, const ParseLimits& limits = {});

// True when text is an IDENT of §4 and not a keyword.
bool IsIdentifier(std::string_view text);
bool IsKeyword(std::string_view text);
// True when text is a plain-scalar NUMBER of §9 ([-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?).
bool IsNumber(std::string_view text);

}  // namespace clearance::expr
