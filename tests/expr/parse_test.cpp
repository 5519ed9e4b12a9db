#include "expr/parse.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "clearance/date.hpp"
#include "expr/print.hpp"

namespace clearance::expr {
namespace {

const Expr& Ok(const ParseResult& result) {
  if (const auto* error = std::get_if<ParseError>(&result)) {
    FAIL("parse error at " << error->offset << ": " << error->message);
  }
  return std::get<Expr>(result);
}

ParseError Err(std::string_view text, const ParseLimits& limits = {}) {
  ParseResult result = Parse(text, limits);
  if (const auto* expr = std::get_if<Expr>(&result)) {
    FAIL("parsed as " << ToCanonicalString(*expr));
  }
  return std::get<ParseError>(result);
}

template <typename T>
const T& As(const Expr& e) {
  if constexpr (std::is_same_v<T, Not> || std::is_same_v<T, And> || std::is_same_v<T, Or>) {
    REQUIRE(std::holds_alternative<std::unique_ptr<T>>(e));
    return *std::get<std::unique_ptr<T>>(e);
  } else {
    REQUIRE(std::holds_alternative<T>(e));
    return std::get<T>(e);
  }
}

std::string Canon(std::string_view text) { return ToCanonicalString(Ok(Parse(text))); }

std::string_view Slice(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

const Literal& LiteralOf(const ParseResult& result) { return As<AttrTest>(Ok(result)).literal; }

// --- Productions -----------------------------------------------------------

TEST_CASE("DIM in name is an unbracketed one-name set", "[expr]") {
  const auto result = Parse("country in US");
  const auto& t = As<InTest>(Ok(result));
  CHECK(t.dim.text == "country");
  CHECK_FALSE(t.dim.quoted);
  CHECK_FALSE(t.negated);
  CHECK_FALSE(t.bracketed);
  REQUIRE(t.set.size() == 1);
  CHECK(t.set[0].text == "US");
}

TEST_CASE("DIM in [list] keeps the names in order", "[expr]") {
  const auto result = Parse("country in [US, DE,FR]");
  const auto& t = As<InTest>(Ok(result));
  CHECK(t.bracketed);
  CHECK_FALSE(t.negated);
  REQUIRE(t.set.size() == 3);
  CHECK(t.set[0].text == "US");
  CHECK(t.set[1].text == "DE");
  CHECK(t.set[2].text == "FR");
}

TEST_CASE("DIM not in set is a negated membership test", "[expr]") {
  const auto result = Parse("country not in [CN, RU]");
  const auto& t = As<InTest>(Ok(result));
  CHECK(t.negated);
  CHECK(t.bracketed);
  CHECK(t.set.size() == 2);
  CHECK(As<InTest>(Ok(Parse("use not in cyber"))).negated);
}

TEST_CASE("DIM == name and DIM != name are one-name membership tests", "[expr]") {
  const auto eq = Parse("country == US");
  const auto& t = As<InTest>(Ok(eq));
  CHECK_FALSE(t.negated);
  CHECK_FALSE(t.bracketed);
  REQUIRE(t.set.size() == 1);
  CHECK(t.set[0].text == "US");

  const auto ne = Parse("country != US");
  const auto& u = As<InTest>(Ok(ne));
  CHECK(u.negated);
  CHECK_FALSE(u.bracketed);
  REQUIRE(u.set.size() == 1);
  CHECK(u.set[0].text == "US");
}

TEST_CASE("DIM.ATTR op literal reads every comparison operator", "[expr]") {
  auto [text, op] = GENERATE(table<std::string, CmpOp>({
      {"model.ops == 1", CmpOp::kEq},
      {"model.ops != 1", CmpOp::kNe},
      {"model.ops < 1", CmpOp::kLt},
      {"model.ops <= 1", CmpOp::kLe},
      {"model.ops > 1", CmpOp::kGt},
      {"model.ops >= 1", CmpOp::kGe},
  }));
  const auto result = Parse(text);
  const auto& t = As<AttrTest>(Ok(result));
  CHECK(t.dim.text == "model");
  CHECK(t.attr.text == "ops");
  CHECK(t.op == op);
  CHECK(t.literal.kind == Literal::Kind::kNumber);
  CHECK(t.literal.number == 1);
}

TEST_CASE("true and false are constants", "[expr]") {
  CHECK(As<BoolConst>(Ok(Parse("true"))).value);
  CHECK_FALSE(As<BoolConst>(Ok(Parse("false"))).value);
  CHECK(As<BoolConst>(Ok(Parse(" ( true ) "))).value);
}

TEST_CASE("Parentheses group without adding a node", "[expr]") {
  const auto result = Parse("((country in US))");
  const auto& t = As<InTest>(Ok(result));
  CHECK(t.span.begin == 2);
  CHECK(t.span.end == 15);
}

TEST_CASE("not applies to the unary that follows it", "[expr]") {
  const auto result = Parse("not not country in US");
  const auto& outer = As<Not>(Ok(result));
  const auto& inner = As<Not>(outer.operand);
  CHECK(As<InTest>(inner.operand).dim.text == "country");
}

TEST_CASE("and/or chains are flat lists of two or more operands", "[expr]") {
  const auto result = Parse("a in x and b in y and c in z");
  const auto& chain = As<And>(Ok(result));
  REQUIRE(chain.operands.size() == 3);
  CHECK(As<InTest>(chain.operands[2]).dim.text == "c");

  const auto ors = Parse("a in x or b in y or true");
  CHECK(As<Or>(Ok(ors)).operands.size() == 3);
}

TEST_CASE("Parenthesised chains stay nested", "[expr]") {
  const auto result = Parse("(a in x and b in y) and c in z");
  const auto& outer = As<And>(Ok(result));
  REQUIRE(outer.operands.size() == 2);
  CHECK(As<And>(outer.operands[0]).operands.size() == 2);
}

// --- Precedence ------------------------------------------------------------

TEST_CASE("and binds tighter than or", "[expr][precedence]") {
  const auto result = Parse("a in x or b in y and c in z");
  const auto& top = As<Or>(Ok(result));
  REQUIRE(top.operands.size() == 2);
  CHECK(As<InTest>(top.operands[0]).dim.text == "a");
  const auto& conj = As<And>(top.operands[1]);
  CHECK(As<InTest>(conj.operands[0]).dim.text == "b");
  CHECK(As<InTest>(conj.operands[1]).dim.text == "c");

  const auto left = Parse("a in x and b in y or c in z");
  const auto& top2 = As<Or>(Ok(left));
  CHECK(As<And>(top2.operands[0]).operands.size() == 2);
  CHECK(As<InTest>(top2.operands[1]).dim.text == "c");
}

TEST_CASE("not binds tighter than and", "[expr][precedence]") {
  const auto result = Parse("not a in x and b in y");
  const auto& conj = As<And>(Ok(result));
  CHECK(As<InTest>(As<Not>(conj.operands[0]).operand).dim.text == "a");
  CHECK(As<InTest>(conj.operands[1]).dim.text == "b");

  const auto grouped = Parse("not (a in x and b in y)");
  CHECK(As<And>(As<Not>(Ok(grouped)).operand).operands.size() == 2);
}

TEST_CASE("Precedence as canonical text", "[expr][precedence]") {
  auto [text, canonical] = GENERATE(table<std::string, std::string>({
      {"a in x or b in y and c in z", "a in [x] or (b in [y] and c in [z])"},
      {"(a in x or b in y) and c in z", "(a in [x] or b in [y]) and c in [z]"},
      {"not a in x or b in y", "not a in [x] or b in [y]"},
      {"not (a in x or b in y)", "not (a in [x] or b in [y])"},
      {"not a in x and not b in y or c in z", "(not a in [x] and not b in [y]) or c in [z]"},
      {"true or false and not true", "true or (false and not true)"},
  }));
  CHECK(Canon(text) == canonical);
}

// --- Keywords and tokens ---------------------------------------------------

TEST_CASE("A keyword is a keyword only as a whole token", "[expr][tokens]") {
  auto [text, canonical] = GENERATE(table<std::string, std::string>({
      {"android in x", "android in [x]"},
      {"order in x", "order in [x]"},
      {"notice not in x", "notice not in [x]"},
      {"inn in [in_, in-x, in1]", "inn in [in_, in-x, in1]"},
      {"and-x in y", "and-x in [y]"},
      {"x in [anything, any_, any-1, any:2]", "x in [anything, any_, any-1, any:2]"},
      {"truth.false_ == trueish", "truth.false_ == trueish"},
      {"a in x or(b in y)", "a in [x] or b in [y]"},
      {"a in x and(b in y)", "a in [x] and b in [y]"},
      {"not(a in x)", "not a in [x]"},
  }));
  CHECK(Canon(text) == canonical);
}

TEST_CASE("Tokens are found by longest match without whitespace", "[expr][tokens]") {
  auto [text, canonical] = GENERATE(table<std::string, std::string>({
      {"country!=US", "country not in [US]"},
      {"country==US", "country in [US]"},
      {"model.training_ops>=1e26", "model.training_ops >= 1e+26"},
      {"model.training_ops<=-1", "model.training_ops <= -1"},
      {"model.training_ops<-1", "model.training_ops < -1"},
      {"model.training_ops>+1", "model.training_ops > 1"},
      {"m.d<2025-01-13", "m.d < 2025-01-13"},
      {"(a in[b,c])and(d==e)", "a in [b, c] and d in [e]"},
      {"x in'a b'", "x in ['a b']"},
      {"m.w=='closed'or m.w==open", "m.w == closed or m.w == open"},
  }));
  CHECK(Canon(text) == canonical);
}

TEST_CASE("Whitespace is free: spaces, tabs and line breaks", "[expr][tokens]") {
  CHECK(Canon("\n  country\tin\r\n [ US ,\n DE ]\n and\tmodel . ops >= 3 \n") ==
        "country in [US, DE] and model.ops >= 3");
}

TEST_CASE("Identifiers may contain ':' and '-' but not end in them", "[expr][tokens]") {
  auto name = GENERATE(as<std::string>{}, "A:1", "defensive-cyber", "tier_2", "_x", "a::b", "a--b",
                       "x-1:y_2", "Z");
  const auto result = Parse(name + " in [" + name + "]");
  const auto& t = As<InTest>(Ok(result));
  CHECK(t.dim.text == name);
  CHECK(t.set[0].text == name);
  CHECK_FALSE(t.set[0].quoted);
}

TEST_CASE("Quoted names use either quote and have no escapes", "[expr][tokens]") {
  auto [text, name] = GENERATE(table<std::string, std::string>({
      {"x in '4E091'", "4E091"},
      {"x in \"4E091\"", "4E091"},
      {"x in \"it's\"", "it's"},
      {"x in 'say \"hi\"'", "say \"hi\""},
      {"x in 'a b'", "a b"},
      {"x in 'back\\slash'", "back\\slash"},
      {"x in 'and'", "and"},
      {"x in 'any'", "any"},
      {"x in 'ünïcode'", "ünïcode"},
      {"x == 'US'", "US"},
  }));
  const auto result = Parse(text);
  const auto& t = As<InTest>(Ok(result));
  REQUIRE(t.set.size() == 1);
  CHECK(t.set[0].text == name);
  CHECK(t.set[0].quoted);
}

TEST_CASE("'any' is a set member name, never a DIM or ATTR", "[expr][tokens]") {
  auto text = GENERATE(as<std::string>{}, "country in any", "country in [any]", "country == any",
                       "country != any", "country not in [US, any]");
  const auto result = Parse(text);
  const auto& t = As<InTest>(Ok(result));
  CHECK(t.set.back().text == "any");
  CHECK_FALSE(t.set.back().quoted);

  CHECK(Err("any in [x]").message == "'any' is a keyword, not a dimension name");
  CHECK(Err("model.any > 1").message == "'any' is a keyword, not an attribute name");
}

TEST_CASE("Other keywords are never names", "[expr][tokens]") {
  auto kw = GENERATE(as<std::string>{}, "and", "or", "not", "in", "true", "false");
  const ParseError in_set = Err("x in [a, " + kw + "]");
  CHECK(in_set.offset == 9);
  CHECK(in_set.message == "'" + kw + "' is a keyword, not a name");
  const ParseError after_eq = Err("x == " + kw);
  CHECK(after_eq.offset == 5);
  CHECK(after_eq.message == "'" + kw + "' is a keyword, not a name");
}

// --- Literals --------------------------------------------------------------

TEST_CASE("Numbers follow the plain-scalar syntax, sign included", "[expr][literal]") {
  auto [token, value] = GENERATE(table<std::string, double>({
      {"-1", -1.0},
      {"+2.5e-3", 0.0025},
      {"007", 7.0},
      {"1e26", 1e26},
      {"3.1E+26", 3.1e26},
      {"0.5", 0.5},
      {"-0", 0.0},
      {"4E091", 4e91},
      {"1e-310", 1e-310},
  }));
  const auto result = Parse("m.x == " + token);
  const Literal& lit = LiteralOf(result);
  CHECK(lit.kind == Literal::Kind::kNumber);
  CHECK(lit.number == value);
  CHECK(lit.text == token);
}

TEST_CASE("A number out of a double's range is an error", "[expr][literal]") {
  auto token = GENERATE(as<std::string>{}, "1e999", "-1e999", "1e-400", "1.8e308");
  const ParseError e = Err("m.x > " + token);
  CHECK(e.offset == 6);
  CHECK(e.message == "number out of range");
}

TEST_CASE("Dates are literals with days since the epoch", "[expr][literal]") {
  auto token = GENERATE(as<std::string>{}, "2025-01-13", "2024-02-29", "1970-01-01", "0001-01-01",
                        "9999-12-31");
  const auto result = Parse("model.released >= " + token);
  const Literal& lit = LiteralOf(result);
  CHECK(lit.kind == Literal::Kind::kDate);
  CHECK(lit.date == Date::Parse(token)->days());
  CHECK(lit.text == token);
}

TEST_CASE("A date must be a real calendar day", "[expr][literal]") {
  auto token = GENERATE(as<std::string>{}, "2026-02-30", "2025-02-29", "2025-13-01", "0000-01-01",
                        "2025-00-10");
  const ParseError e = Err("model.released < " + token);
  CHECK(e.offset == 17);
  CHECK(e.message == "'" + token + "' is not a calendar date");
}

TEST_CASE("Booleans, identifiers and quoted text as literals", "[expr][literal]") {
  auto [text, kind, string] = GENERATE(table<std::string, Literal::Kind, std::string>({
      {"m.open == true", Literal::Kind::kBool, "true"},
      {"m.open == false", Literal::Kind::kBool, "false"},
      {"m.weights == closed", Literal::Kind::kString, "closed"},
      {"m.weights == 'closed'", Literal::Kind::kString, "closed"},
      {"m.weights == \"true\"", Literal::Kind::kString, "true"},
      {"m.weights == '2025-01-13'", Literal::Kind::kString, "2025-01-13"},
      {"m.weights == ''", Literal::Kind::kString, ""},
      {"m.dev == A:1", Literal::Kind::kString, "A:1"},
  }));
  const auto result = Parse(text);
  const Literal& lit = LiteralOf(result);
  CHECK(lit.kind == kind);
  CHECK(lit.text == string);
  if (kind == Literal::Kind::kBool) CHECK(lit.boolean == (string == "true"));
}

TEST_CASE("Ordering a string or boolean is left to the resolver", "[expr][literal]") {
  CHECK(LiteralOf(Parse("m.weights < closed")).kind == Literal::Kind::kString);
  CHECK(LiteralOf(Parse("m.open >= true")).kind == Literal::Kind::kBool);
}

// --- Spans -----------------------------------------------------------------

TEST_CASE("Spans are byte offsets covering each node", "[expr][span]") {
  const std::string text = "  not (country in [US, 'D E']) or model.ops >= 1e26";
  const auto result = Parse(text);
  const auto& top = As<Or>(Ok(result));
  CHECK(Slice(text, top.span) == "not (country in [US, 'D E']) or model.ops >= 1e26");
  CHECK(Slice(text, SpanOf(Ok(result))) == Slice(text, top.span));

  const auto& negation = As<Not>(top.operands[0]);
  CHECK(Slice(text, negation.span) == "not (country in [US, 'D E'])");
  const auto& in = As<InTest>(negation.operand);
  CHECK(Slice(text, in.span) == "country in [US, 'D E']");
  CHECK(Slice(text, in.dim.span) == "country");
  CHECK(Slice(text, in.set[0].span) == "US");
  CHECK(Slice(text, in.set[1].span) == "'D E'");

  const auto& cmp = As<AttrTest>(top.operands[1]);
  CHECK(Slice(text, cmp.span) == "model.ops >= 1e26");
  CHECK(Slice(text, cmp.attr.span) == "ops");
  CHECK(Slice(text, cmp.literal.span) == "1e26");
}

TEST_CASE("Spans of nested not chains and constants", "[expr][span]") {
  const std::string text = "not  not x != y and false";
  const auto result = Parse(text);
  const auto& conj = As<And>(Ok(result));
  const auto& outer = As<Not>(conj.operands[0]);
  CHECK(Slice(text, outer.span) == "not  not x != y");
  CHECK(Slice(text, As<Not>(outer.operand).span) == "not x != y");
  CHECK(Slice(text, As<BoolConst>(conj.operands[1]).span) == "false");
}

// --- Errors ----------------------------------------------------------------

TEST_CASE("Malformed expressions report where and what", "[expr][errors]") {
  auto [text, offset, message] = GENERATE(table<std::string, std::uint32_t, std::string>({
      {"", 0, "empty expression"},
      {" \n\t", 0, "empty expression"},
      // Parentheses.
      {"(a in b", 7, "expected ')'"},
      {"a in b and (c in d", 18, "expected ')'"},
      {"a in b)", 6, "unexpected ')'"},
      {"a in b and c in d))", 17, "unexpected ')'"},
      {")", 0, "unexpected ')'"},
      {"()", 1, "unexpected ')'"},
      {"(", 1, "expected a test, '(', 'true' or 'false' after '('"},
      // Sets.
      {"country in", 10, "expected a set after 'in'"},
      {"country in ", 11, "expected a set after 'in'"},
      {"country in []", 12, "a set may not be empty"},
      {"country in [ ]", 13, "a set may not be empty"},
      {"country in [US,]", 15, "expected a name after ','"},
      {"country in [US,,DE]", 15, "expected a name after ','"},
      {"country in [US DE]", 15, "expected ',' or ']'"},
      {"country in [US", 14, "expected ',' or ']'"},
      {"country in US]", 13, "unexpected ']'"},
      {"country in US, DE", 13, "unexpected ','; write a list of names as [a, b]"},
      {"country in 4E091", 11,
       "expected a set after 'in' (quote a name that is not an identifier)"},
      {"country == [US]", 11, "'==' and '!=' take one name; write a list as 'in [a, b]'"},
      {"country ==", 10, "expected a name after '=='"},
      {"country in ''", 11, "a name is never empty"},
      {"country in [\"\"]", 12, "a name is never empty"},
      // Quotes.
      {"country in 'US", 11, "unterminated quoted name"},
      {"country in [US, \"DE]", 16, "unterminated quoted name"},
      {"m.w == 'closed", 7, "unterminated quoted name"},
      {"a in b '", 7, "unterminated quoted name"},
      {"'country' in US", 0, "a dimension name is never quoted"},
      // After the dimension.
      {"country", 7, "expected 'in', '==', '!=' or '.' after dimension name"},
      {"country = US", 8, "expected 'in', '==', '!=' or '.' after dimension name"},
      {"country US", 8, "expected 'in', '==', '!=' or '.' after dimension name"},
      {"country- in US", 7, "a name cannot end in '-'"},
      {"A: in US", 1, "a name cannot end in ':'"},
      {"country not US", 12, "expected 'in' after 'not'"},
      {"country not", 11, "expected 'in' after 'not'"},
      // Attributes.
      {"model.", 6, "expected an attribute name after '.'"},
      {"model.1 > 2", 6, "expected an attribute name after '.'"},
      {"model.ops", 9, "expected '==', '!=', '<', '<=', '>' or '>=' after attribute name"},
      {"model.ops in [a]", 10, "expected '==', '!=', '<', '<=', '>' or '>=' after attribute name"},
      {"model.ops = 1", 10, "expected '==', '!=', '<', '<=', '>' or '>=' after attribute name"},
      {"model.ops >", 11, "expected a literal (a number, date, true, false, name or quoted text)"},
      {"model.ops > .5", 12, "a number needs a digit before '.'"},
      {"model.ops > any", 12, "'any' is a keyword; quote it to use it as text"},
      {"model.ops > 1.", 13, "expected end of expression"},
      {"model.ops > 1e", 13, "expected end of expression"},
      {"model.ops > 12abc", 14, "expected end of expression"},
      {"model.d > 2025-1-13", 14, "expected end of expression"},
      // Operators and operands.
      {"a in b and", 10, "expected a test, '(', 'true' or 'false' after 'and'"},
      {"a in b or ", 10, "expected a test, '(', 'true' or 'false' after 'or'"},
      {"not", 3, "expected a test, '(', 'true' or 'false' after 'not'"},
      {"a in b and and c in d", 11, "unexpected 'and'"},
      {"or a in b", 0, "unexpected 'or'"},
      {"in x", 0, "unexpected 'in'"},
      {"[a]", 0, "expected a test, '(', 'true' or 'false'"},
      {"1 in x", 0, "expected a test, '(', 'true' or 'false'"},
      {"a in b c in d", 7, "expected end of expression"},
      {"a in b not", 7, "expected end of expression"},
      {"true false", 5, "expected end of expression"},
  }));
  CAPTURE(text);
  const ParseError e = Err(text);
  CHECK(e.offset == offset);
  CHECK(e.message == message);
}

// --- Limits ----------------------------------------------------------------

TEST_CASE("Deep nesting is an error, not a stack overflow", "[expr][limits]") {
  const ParseLimits roomy{1u << 20, 128};
  const ParseError parens = Err(std::string(100000, '('), roomy);
  CHECK(parens.offset == 128);
  CHECK(parens.message ==
        "expression nested too deeply (more than 128 levels of parentheses and 'not')");

  std::string nots;
  for (int i = 0; i < 100000; ++i) nots += "not ";
  CHECK(Err(nots + "a in b", roomy).offset == 128 * 4);

  std::string mixed;
  for (int i = 0; i < 50000; ++i) mixed += "not (";
  CHECK(Err(mixed, roomy).offset == 64 * 5);
}

TEST_CASE("Nesting up to the limit parses", "[expr][limits]") {
  auto depth = GENERATE(1, 8, 128);
  const std::string text = std::string(depth, '(') + "a in b" + std::string(depth, ')');
  CHECK(std::holds_alternative<Expr>(Parse(text)));
  const std::string too_deep = std::string(129 - depth, '(') + text + std::string(129 - depth, ')');
  CHECK(Err(too_deep).offset == 128u);

  std::string nots;
  for (int i = 0; i < depth; ++i) nots += "not ";
  CHECK(std::holds_alternative<Expr>(Parse(nots + "a in b")));
  CHECK(std::holds_alternative<ParseError>(Parse("not " + nots + "(a in b)")) == (depth == 128));
}

TEST_CASE("Depth counts only the not and parentheses that enclose", "[expr][limits]") {
  const ParseLimits tight{1024, 2};
  CHECK(std::holds_alternative<Expr>(Parse("not (a in b) and not (c not in d)", tight)));
  CHECK(std::holds_alternative<Expr>(Parse("(not a in b) or ((c in d))", tight)));
  CHECK(std::holds_alternative<Expr>(Parse("x not in y and (not z not in w)", tight)));
  CHECK(std::holds_alternative<Expr>(Parse("x in '(((' and y in \"not not not\"", tight)));
  CHECK(Err("not (not (a in b))", tight).offset == 5);
  CHECK(Err("((not a in b))", tight).offset == 2);
  CHECK(std::holds_alternative<Expr>(Parse("a in b", ParseLimits{1024, 0})));
  CHECK(Err("(a in b)", ParseLimits{1024, 0}).offset == 0);
}

TEST_CASE("Text longer than max_bytes is an error", "[expr][limits]") {
  const ParseLimits limits{16, 128};
  CHECK(std::holds_alternative<Expr>(Parse("country in [US] ", limits)));
  const ParseError e = Err("country in [US]  ", limits);
  CHECK(e.offset == 16);
  CHECK(e.message == "expression longer than 16 bytes");
  CHECK(Err(std::string(70000, ' ')).message == "expression longer than 65536 bytes");
}

// --- Lexical predicates ----------------------------------------------------

TEST_CASE("IsIdentifier follows IDENT and excludes keywords", "[expr][lexical]") {
  auto [text, expected] = GENERATE(table<std::string, bool>({
      {"A:1", true},    {"defensive-cyber", true},
      {"tier_2", true}, {"_", true},
      {"a--b", true},   {"any_", true},
      {"x", true},      {"", false},
      {"a-", false},    {"a:", false},
      {"1a", false},    {"-a", false},
      {"a b", false},   {"a.b", false},
      {"é", false},     {"'a'", false},
      {"and", false},   {"or", false},
      {"not", false},   {"in", false},
      {"true", false},  {"false", false},
      {"any", false},   {"And", true},
  }));
  CAPTURE(text);
  CHECK(IsIdentifier(text) == expected);
}

TEST_CASE("IsKeyword knows the seven keywords", "[expr][lexical]") {
  for (const char* kw : {"and", "or", "not", "in", "true", "false", "any"}) CHECK(IsKeyword(kw));
  for (const char* word : {"AND", "True", "anything", "", "nil", "null"})
    CHECK_FALSE(IsKeyword(word));
}

TEST_CASE("IsNumber follows the plain-scalar number syntax", "[expr][lexical]") {
  auto [text, expected] = GENERATE(table<std::string, bool>({
      {"0", true},       {"007", true},   {"-1", true},   {"+2.5e-3", true}, {"1e26", true},
      {"3.1E+26", true}, {"1.0", true},   {"", false},    {".5", false},     {"5.", false},
      {"1_000", false},  {"0x10", false}, {"inf", false}, {"nan", false},    {"1e", false},
      {"1e+", false},    {"+", false},    {"--1", false}, {"1.5.2", false},  {" 1", false},
  }));
  CAPTURE(text);
  CHECK(IsNumber(text) == expected);
}

// --- Robustness ------------------------------------------------------------

// Random token soup with a fixed seed: Parse never throws, errors point into
// the text, and whatever parses prints to a fixed point.
TEST_CASE("Parse never throws and round-trips what it accepts", "[expr][property]") {
  static const std::vector<std::string> kPieces = {
      "a",     "b",  "US",     "and",    "or",         "not",  "in",    "==",  "!=",
      "<",     ">=", "(",      ")",      "[",          "]",    ",",     ".",   "'x y'",
      "\"q\"", "'",  "1",      "-2.5e3", "2025-01-13", "true", "false", "any", " ",
      "\n",    "x-", "tier_2", "A:1",    "=",          "!",    "é"};
  std::mt19937 rng(20250113);
  int parsed = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int j = 0; j < n; ++j) {
      text += kPieces[rng() % kPieces.size()];
      if (rng() % 2) text += ' ';
    }
    CAPTURE(text);
    ParseResult result;
    REQUIRE_NOTHROW(result = Parse(text));
    if (const auto* e = std::get_if<ParseError>(&result)) {
      CHECK(e->offset <= text.size());
      CHECK_FALSE(e->message.empty());
      continue;
    }
    ++parsed;
    const std::string once = ToCanonicalString(std::get<Expr>(result));
    CHECK(Canon(once) == once);
  }
  CHECK(parsed > 0);
}

}  // namespace
}  // namespace clearance::expr
