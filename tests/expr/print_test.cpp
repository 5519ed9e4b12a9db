#include "expr/print.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <random>
#include <string>

#include "expr/parse.hpp"

namespace clearance::expr {
namespace {

std::string Canon(std::string_view text) {
  ParseResult result = Parse(text);
  if (const auto* error = std::get_if<ParseError>(&result)) {
    FAIL("parse error at " << error->offset << ": " << error->message);
  }
  return ToCanonicalString(std::get<Expr>(result));
}

TEST_CASE("Canonical text normalises spelling that means the same", "[expr][print]") {
  auto [text, canonical] = GENERATE(table<std::string, std::string>({
      {"country in US", "country in [US]"},
      {"country==US", "country in [US]"},
      {"country  in  [ US ]", "country in [US]"},
      {"country != 'US'", "country not in [US]"},
      {"country not in [\"US\", 'D E']", "country not in [US, 'D E']"},
      {"x in \"it's\"", "x in [\"it's\"]"},
      {"x in [any, 'any']", "x in [any, any]"},
      {"m.w == 'any'", "m.w == 'any'"},
      {"x in ['and', '4E091', 'A:1']", "x in ['and', '4E091', A:1]"},
      {"m.ops>=3.1E+26", "m.ops >= 3.1e+26"},
      {"m.ops == 007", "m.ops == 7"},
      {"m.ops < +2.5e-3", "m.ops < 0.0025"},
      {"m.d < 2025-01-13", "m.d < 2025-01-13"},
      {"m.w == \"closed\"", "m.w == closed"},
      {"m.w == 'true'", "m.w == 'true'"},
      {"m.w == true", "m.w == true"},
      {"m.w != '2025-01-13'", "m.w != '2025-01-13'"},
      {"m.w == ''", "m.w == ''"},
      {"((true))", "true"},
      {"not not (a in b)", "not not a in [b]"},
      {"not (a in b and c in d)", "not (a in [b] and c in [d])"},
  }));
  CHECK(Canon(text) == canonical);
}

TEST_CASE("Canonical text keeps the tree's shape", "[expr][print]") {
  CHECK(Canon("a in x and b in y and c in z") == "a in [x] and b in [y] and c in [z]");
  CHECK(Canon("(a in x and b in y) and c in z") == "(a in [x] and b in [y]) and c in [z]");
  CHECK(Canon("a in x and (b in y and c in z)") == "a in [x] and (b in [y] and c in [z])");
  CHECK(Canon("a in x or (b in y or c in z)") == "a in [x] or (b in [y] or c in [z])");
}

// Random well-formed expressions with a fixed seed: the canonical text parses
// back to a tree that prints the same.
TEST_CASE("Canonical text is a fixed point of parse and print", "[expr][print][property]") {
  std::mt19937 rng(7);
  auto pick = [&](std::initializer_list<const char*> options) {
    return std::string(options.begin()[rng() % options.size()]);
  };
  std::function<std::string(int)> expr = [&](int depth) -> std::string {
    switch (depth <= 0 ? rng() % 3 : rng() % 7) {
      case 0:
        return pick({"country in US", "use not in [cyber, 'r&d']", "country!=any", "x == 'A B'"});
      case 1:
        return pick(
            {"m.ops>=1e26", "m.d < 2025-01-13", "m.w == closed", "m.w != 'true'", "m.n<-0.5"});
      case 2:
        return pick({"true", "false"});
      case 3:
        return "not " + expr(depth - 1);
      case 4:
        return "(" + expr(depth - 1) + ")";
      case 5:
        return expr(depth - 1) + " and " + expr(depth - 1);
      default:
        return expr(depth - 1) + " or " + expr(depth - 1);
    }
  };
  for (int i = 0; i < 500; ++i) {
    const std::string text = expr(5);
    CAPTURE(text);
    const std::string once = Canon(text);
    CHECK(Canon(once) == once);
  }
}

}  // namespace
}  // namespace clearance::expr
