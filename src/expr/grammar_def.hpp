// The definition of the grammar declared in grammar.hpp. Include it in
// grammar.cpp only: every other file sees the declarations.
//
// It reads like docs/language.md §9:
//
//   expr    := and ( "or" and )*
//   and     := unary ( "and" unary )*
//   unary   := "not"* primary
//   primary := "(" expr ")" | "true" | "false" | test
//   test    := DIM ( "in" set | "not" "in" set | ("==" | "!=") name
//                  | "." ATTR op literal )
//   set     := name | "[" name ( "," name )* "]"
//
// Tokens are found by longest match and need no whitespace between them: a
// keyword is a keyword only when no longer identifier starts at the same
// place (`and-x` is a name), and an IDENT never ends in ':' or '-'.
#pragma once

#include <string_view>
#include <type_traits>

#include "expr/grammar.hpp"
#include "expr/parse.hpp"

namespace clearance::expr::grammar {

// Records each node's extent in the text; the leading whitespace is already
// skipped when X3 calls it.
struct Annotate {
  template <typename It, typename Attr, typename Ctx>
  void on_success(const It& first, const It& last, Attr& attr, const Ctx&) const {
    if constexpr (std::is_base_of_v<syntax::Tagged, Attr>) {
      attr.from = first;
      attr.to = last;
    }
  }
};

namespace lexical {

inline const auto word_char = x3::char_("A-Za-z0-9_");
// What may follow inside an IDENT: a run of ':' or '-' only before a word char.
inline const auto ident_tail = word_char | (+x3::char_(":-") >> word_char);
inline const auto ident_shape = x3::lexeme[x3::char_("A-Za-z_") >> *ident_tail];

template <std::size_t N>
auto Keyword(const char (&word)[N]) {
  return x3::lexeme[x3::lit(word) >> !ident_tail];
}

inline const auto kw_and = Keyword("and");
inline const auto kw_or = Keyword("or");
inline const auto kw_not = Keyword("not");
inline const auto kw_in = Keyword("in");
inline const auto kw_true = Keyword("true");
inline const auto kw_false = Keyword("false");

inline const auto digit = x3::char_("0-9");
inline const auto sign = x3::char_("+-");

inline const auto reject_keywords = [](auto& ctx) {
  const auto& range = x3::_attr(ctx);
  x3::_pass(ctx) = !IsKeyword(std::string_view(range.begin(), range.size()));
};
inline const auto reject_keywords_but_any = [](auto& ctx) {
  const auto& range = x3::_attr(ctx);
  const std::string_view word(range.begin(), range.size());
  x3::_pass(ctx) = word == "any" || !IsKeyword(word);
};

}  // namespace lexical

// Rule ids. Every rule records its extent.
struct IdentClass : Annotate {};
struct NameIdentClass : Annotate {};
struct QuotedNameClass : Annotate {};
struct QuotedTextClass : Annotate {};
struct NameClass : Annotate {};
struct NumberClass : Annotate {};
struct DateClass : Annotate {};
struct BoolClass : Annotate {};
struct LiteralClass : Annotate {};
struct EqOpClass : Annotate {};
struct CmpOpClass : Annotate {};
struct AttrNameClass : Annotate {};
struct NotClass : Annotate {};
struct InAfterNotClass : Annotate {};
struct ListCloseClass : Annotate {};
struct ListClass : Annotate {};
struct SetClass : Annotate {};
struct InTailClass : Annotate {};
struct EqTailClass : Annotate {};
struct AttrTailClass : Annotate {};
struct TailClass : Annotate {};
struct TestClass : Annotate {};
struct CloseParenClass : Annotate {};
struct PrimaryClass : Annotate {};
struct UnaryClass : Annotate {};
struct AndClass : Annotate {};
struct ExpressionClass : Annotate {};

using syntax::Token;

// Tokens. The two with a semantic action force their attribute, or X3 would
// hand on_success an unused one.
const x3::rule<IdentClass, Token, true> ident = "an identifier";
const x3::rule<NameIdentClass, Token, true> name_ident = "a name";
const x3::rule<QuotedNameClass, Token> quoted_name = "a quoted name";
const x3::rule<QuotedTextClass, Token> quoted_text = "quoted text";
const x3::rule<NameClass, Token> name = kWhatName;
const x3::rule<NumberClass, Token> number = "a number";
const x3::rule<DateClass, Token> date = "a date";
const x3::rule<BoolClass, Token> bool_const = "'true' or 'false'";
const x3::rule<LiteralClass, Token> literal = kWhatLiteral;
const x3::rule<EqOpClass, Token> eq_op = "'==' or '!='";
const x3::rule<CmpOpClass, Token> cmp_op = kWhatCmpOp;
const x3::rule<AttrNameClass, Token> attr_name = kWhatAttr;
const x3::rule<NotClass, Token> not_token = "'not'";

// Phrases.
const x3::rule<InAfterNotClass> in_after_not = kWhatInAfterNot;
const x3::rule<ListCloseClass> list_close = kWhatListNext;
const x3::rule<ListClass, std::vector<Token>> list = "a list of names";
const x3::rule<SetClass, syntax::Set> set = kWhatSet;
const x3::rule<InTailClass, syntax::InTail> in_tail = "'in' or 'not in'";
const x3::rule<EqTailClass, syntax::EqTail> eq_tail = "'==' or '!='";
const x3::rule<AttrTailClass, syntax::AttrTail> attr_tail = "'.'";
const x3::rule<TailClass, syntax::Tail> tail = kWhatTail;
const x3::rule<TestClass, syntax::Test> test = "a test";
const x3::rule<CloseParenClass> close_paren = kWhatCloseParen;
const x3::rule<PrimaryClass, syntax::Primary> primary = kWhatOperand;
const x3::rule<UnaryClass, syntax::Unary> unary = kWhatOperand;
const x3::rule<AndClass, syntax::And> and_expr = kWhatOperand;
const ExpressionRule expression = kWhatOperand;

using namespace lexical;

// A bare IDENT; `any` counts as a name of a set member, never as a DIM or ATTR.
const auto ident_def = x3::omit[x3::raw[ident_shape][reject_keywords]];
const auto name_ident_def = x3::omit[x3::raw[ident_shape][reject_keywords_but_any]];
// QUOTED has no escapes; a name is never empty, a string literal may be.
const auto quoted_name_def =
    x3::omit[x3::lexeme[('\'' >> +~x3::char_('\'') >> '\'') | ('"' >> +~x3::char_('"') >> '"')]];
const auto quoted_text_def =
    x3::omit[x3::lexeme[('\'' >> *~x3::char_('\'') >> '\'') | ('"' >> *~x3::char_('"') >> '"')]];
const auto name_def = name_ident | quoted_name;
// §9: [-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?
const auto number_def = x3::omit[x3::lexeme[-sign >> +digit >> -('.' >> +digit) >>
                                            -(x3::char_("eE") >> -sign >> +digit)]];
const auto date_def = x3::omit[x3::lexeme[x3::repeat(4)[digit] >> '-' >> x3::repeat(2)[digit] >>
                                          '-' >> x3::repeat(2)[digit]]];
const auto bool_const_def = x3::omit[kw_true | kw_false];
// A DATE is longer than the NUMBER it starts with, so it is tried first.
const auto literal_def = date | number | quoted_text | bool_const | ident;
const auto eq_op_def = x3::omit[x3::lit("==") | "!="];
const auto cmp_op_def = x3::omit[x3::lit("==") | "!=" | "<=" | ">=" | '<' | '>'];
const auto attr_name_def = ident;
const auto not_token_def = x3::omit[kw_not];

const auto in_after_not_def = kw_in;
const auto list_close_def = x3::lit(']');
const auto list_def = '[' > name > *(',' > name) > list_close;
const auto set_def = list | name;
const auto in_tail_def =
    ((kw_in >> x3::attr(false)) | ((kw_not > in_after_not) >> x3::attr(true))) > set;
const auto eq_tail_def = eq_op > name;
const auto attr_tail_def = '.' > attr_name > cmp_op > literal;
const auto tail_def = in_tail | eq_tail | attr_tail;
const auto test_def = ident > tail;
const auto close_paren_def = x3::lit(')');
const auto primary_def = ('(' > expression > close_paren) | bool_const | test;
const auto unary_def = *not_token > primary;
const auto and_expr_def = unary >> *(kw_and > unary);
const auto expression_def = and_expr >> *(kw_or > and_expr);

BOOST_SPIRIT_DEFINE(ident, name_ident, quoted_name, quoted_text, name, number, date, bool_const,
                    literal, eq_op, cmp_op, attr_name, not_token, in_after_not, list_close, list,
                    set, in_tail, eq_tail, attr_tail, tail, test, close_paren, primary, unary,
                    and_expr, expression)

}  // namespace clearance::expr::grammar
