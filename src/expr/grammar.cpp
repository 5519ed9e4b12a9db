// The one translation unit that instantiates the X3 grammar.
#include "expr/grammar_def.hpp"

namespace clearance::expr::grammar {

BOOST_SPIRIT_INSTANTIATE(ExpressionRule, Iterator, Context)

const ExpressionRule& Expression() { return expression; }

const Skipper& Whitespace() {
  static const Skipper kWhitespace = x3::char_(" \t\n\r\f\v");
  return kWhitespace;
}

}  // namespace clearance::expr::grammar
