// Printing a condition back as text.
#pragma once

#include <string>

#include "expr/ast.hpp"

namespace clearance::expr {

// A deterministic text for the expression, used to hash a policy's meaning:
// spelling that does not change the AST is normalised, the tree's shape is
// kept. Parsing the result gives the same tree (up to spans and quoting).
//
// - one space around operators; `and`/`or` chains as parsed, and a chain
//   inside another chain or under `not` always in parentheses (so
//   `a or b and c` prints `a or (b and c)`, and `(a and b) and c` keeps its
//   parentheses); no other parentheses;
// - every set in brackets, `==`/`!=` on a DIM written as `in`/`not in`:
//   `country != US` prints `country not in [US]`;
// - names quoted only when they are not identifiers, with ' unless the name
//   contains it; `any` is always bare in a name (the resolver reads 'any'
//   and any alike) and always quoted as a string literal;
// - numbers in shortest round-trip form (`1e+26`), dates as YYYY-MM-DD.
std::string ToCanonicalString(const Expr& e);

}  // namespace clearance::expr
