// The X3 grammar of condition expressions (docs/language.md §9), declared here, defined
// in grammar_def.hpp and instantiated once in grammar.cpp (the X3 calc9 and
// rexpr layout). Only parse.cpp uses it.
//
// The grammar stops at the end of the longest expression it can read; the
// caller checks that nothing but whitespace follows. Any syntax error past
// the first token is an x3::expectation_failure whose which() is one of the
// kWhat* strings below, so the caller can phrase the message.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "expr/grammar_ast.hpp"

namespace clearance::expr::grammar {

namespace x3 = boost::spirit::x3;

using Iterator = const char*;
using Skipper = x3::char_set<boost::spirit::char_encoding::standard>;
using Context = x3::phrase_parse_context<Skipper>::type;

// What the grammar expected where it failed (expectation_failure::which()).
inline constexpr char kWhatOperand[] = "a test, '(', 'true' or 'false'";
inline constexpr char kWhatTail[] = "'in', '==', '!=' or '.' after dimension name";
inline constexpr char kWhatInAfterNot[] = "'in' after 'not'";
inline constexpr char kWhatSet[] = "a set after 'in'";
inline constexpr char kWhatName[] = "a name";
inline constexpr char kWhatListNext[] = "',' or ']'";
inline constexpr char kWhatAttr[] = "an attribute name after '.'";
inline constexpr char kWhatCmpOp[] = "'==', '!=', '<', '<=', '>' or '>='";
inline constexpr char kWhatLiteral[] = "a literal";
inline constexpr char kWhatCloseParen[] = "')'";

struct ExpressionClass;
using ExpressionRule = x3::rule<ExpressionClass, syntax::Or>;
BOOST_SPIRIT_DECLARE(ExpressionRule)

// The whole expression, to be run with phrase_parse and Whitespace().
const ExpressionRule& Expression();
// Spaces, tabs and line breaks: expressions may come from multi-line scalars.
const Skipper& Whitespace();

}  // namespace clearance::expr::grammar
