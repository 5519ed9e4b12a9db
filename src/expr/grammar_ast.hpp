// The syntax tree that the X3 grammar synthesises, shaped for X3's attribute
// rules (x3::variant, fusion-adapted structs). Parse() converts it into the
// ast.hpp types; nothing outside src/expr/ sees it.
//
// Leaves are Tokens: the grammar records where a token lies and parse.cpp
// reads and classifies its text. Every node records its own extent (set by
// the rules' on_success handler), which becomes its Span.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <vector>

namespace clearance::expr::syntax {

namespace x3 = boost::spirit::x3;

// [first, last) in the expression text; filled in by grammar::Annotate.
struct Tagged {
  const char* from = nullptr;
  const char* to = nullptr;
};

// One token: a name (quotes included), a literal, an operator or a keyword.
struct Token : Tagged {};

// `name` or `[ name, ... ]`.
using Set = x3::variant<Token, std::vector<Token>>;

// The three ways a test continues after its DIM.
struct InTail : Tagged {
  bool negated = false;
  Set set;
};
struct EqTail : Tagged {
  Token op;
  Token name;
};
struct AttrTail : Tagged {
  Token attr;
  Token op;
  Token literal;
};
using Tail = x3::variant<InTail, EqTail, AttrTail>;

struct Test : Tagged {
  Token dim;
  Tail tail;
};

struct Or;

// `true` / `false` (a Token), a test, or a parenthesised expression.
using Primary = x3::variant<Token, Test, x3::forward_ast<Or>>;

// `not`* primary: a chain of `not`s is a list, so it costs no recursion.
struct Unary : Tagged {
  std::vector<Token> nots;
  Primary primary;
};

struct And : Tagged {
  Unary first;
  std::vector<Unary> rest;
};

struct Or : Tagged {
  And first;
  std::vector<And> rest;
};

}  // namespace clearance::expr::syntax

BOOST_FUSION_ADAPT_STRUCT(clearance::expr::syntax::InTail, negated, set)
BOOST_FUSION_ADAPT_STRUCT(clearance::expr::syntax::EqTail, op, name)
BOOST_FUSION_ADAPT_STRUCT(clearance::expr::syntax::AttrTail, attr, op, literal)
BOOST_FUSION_ADAPT_STRUCT(clearance::expr::syntax::Test, dim, tail)
BOOST_FUSION_ADAPT_STRUCT(clearance::expr::syntax::Unary, nots, primary)
BOOST_FUSION_ADAPT_STRUCT(clearance::expr::syntax::And, first, rest)
BOOST_FUSION_ADAPT_STRUCT(clearance::expr::syntax::Or, first, rest)
