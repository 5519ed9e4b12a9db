// The checks made before a YAML tree is built: UTF-8, nesting depth (which
// bounds yaml-cpp's recursion), node budget, single document, columns.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "load/prescan.hpp"
#include "load/text_columns.hpp"

namespace clearance::load {
namespace {

std::optional<PrescanFault> Structure(const std::string& text, Limits limits = {}) {
  return CheckYamlStructure(text, TextColumns(text), limits);
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("invalid UTF-8 is found at its line and character column") {
  struct Row {
    std::string text;
    std::uint32_t line, col;
    std::string message;
  };
  auto row = GENERATE(values<Row>({
      {"a: caf\xe9\n", 1, 7, "the file is not valid UTF-8"},             // Latin-1
      {"a: b\nc: \xc0\xaf\n", 2, 4, "the file is not valid UTF-8"},      // overlong '/'
      {"\xc3\xa9t\xc3\xa9: \xed\xa0\x80\n", 1, 6, "the file is not valid UTF-8"},  // surrogate, after 2-byte chars
      {"a: \xf4\x90\x80\x80\n", 1, 4, "the file is not valid UTF-8"},  // past U+10FFFF
      {"a: \xe2\x82", 1, 4, "the file is not valid UTF-8"},            // truncated at the end
      {"a: \x80\n", 1, 4, "the file is not valid UTF-8"},              // stray continuation
      {std::string("a: b\0c\n", 7), 1, 5, "the file contains a NUL byte"},
  }));
  INFO(row.message << " at " << row.line << ":" << row.col);
  auto fault = FindInvalidUtf8(row.text);
  REQUIRE(fault);
  CHECK(fault->line == row.line);
  CHECK(fault->col == row.col);
  CHECK(fault->code == "utf8");
  CHECK(fault->message == row.message);
}

TEST_CASE("valid UTF-8 of every length passes") {
  CHECK_FALSE(FindInvalidUtf8("a: \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n"));  // é € 😀
  CHECK_FALSE(FindInvalidUtf8("\xef\xbb\xbf" "a: 1\n"));                          // BOM
  CHECK_FALSE(FindInvalidUtf8(""));
}

TEST_CASE("nesting up to the limit passes and one more level is an error at that level") {
  Limits limits;
  limits.max_depth = 5;
  struct Shape {
    std::string name;
    std::string ok;       // depth 5
    std::string too_deep; // depth 6
    std::uint32_t line, col;
  };
  auto shape = GENERATE(values<Shape>({
      {"flow lists", "[[[[[x]]]]]", "[[[[[[x]]]]]]", 1, 6},
      {"flow maps", "{a: {a: {a: {a: {a: x}}}}}", "{a: {a: {a: {a: {a: {a: x}}}}}}", 1, 21},
      {"compact lists", "- - - - - x\n", "- - - - - - x\n", 1, 11},
      {"block maps", "a:\n b:\n  c:\n   d:\n    e: x\n", "a:\n b:\n  c:\n   d:\n    e:\n     f: x\n", 6, 6},
      {"mixed", "a: [{b: [{c: x}]}]", "a: [{b: [{c: [x]}]}]", 1, 14},
  }));
  INFO(shape.name);
  CHECK_FALSE(Structure(shape.ok, limits));
  auto fault = Structure(shape.too_deep, limits);
  REQUIRE(fault);
  CHECK(fault->code == "limit");
  CHECK(fault->message == "nesting deeper than the limit of 5");
  CHECK(fault->line == shape.line);
  CHECK(fault->col == shape.col);
}

TEST_CASE("100 000 levels of nesting are an error, quickly and without deep recursion") {
  auto shape = GENERATE(as<std::string>{}, "[", "{a: ", "- ");
  const std::string text = Repeat(shape, 100'000) + "x\n";
  const auto start = std::chrono::steady_clock::now();
  auto fault = Structure(text);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("shape '" << shape << "'");
  REQUIRE(fault);
  CHECK(fault->message == "nesting deeper than the limit of 128");
  CHECK(fault->line == 1);
  CHECK(fault->col == 128 * shape.size() + 1);
  CHECK(seconds < 5.0);
}

TEST_CASE("an unterminated flow list counts each bracket once") {
  // yaml-cpp wraps each such entry in a map opened at the same place.
  Limits limits;
  limits.max_depth = 10;
  auto fault = Structure(std::string(11, '['), limits);
  REQUIRE(fault);
  CHECK(fault->col == 11);
  CHECK(fault->message == "nesting deeper than the limit of 10");
}

TEST_CASE("a collection opening where another opened counts once") {
  // `[[a]]: x` opens a map and a list at its first byte; counting both would
  // make the flow case above report half its brackets. The recursion this
  // leaves uncounted is at most one level per counted one.
  Limits limits;
  limits.max_depth = 2;
  CHECK_FALSE(Structure("[[a]]: x\n", limits));
  auto fault = Structure("[[[a]]]: x\n", limits);
  REQUIRE(fault);
  CHECK(fault->col == 3);
}

TEST_CASE("the node budget stops the parser at the first node over it") {
  Limits limits;
  limits.max_nodes = 7;
  CHECK_FALSE(Structure("a: [1, 2]\nb: 3\n", limits));  // map, a, seq, 1, 2, b, 3
  auto fault = Structure("a: [1, 2]\nb: 3\nc: 4\n", limits);
  REQUIRE(fault);
  CHECK(fault->message == "the document has more than 7 nodes once aliases are expanded");
  CHECK(fault->line == 3);
  CHECK(fault->col == 1);
}

TEST_CASE("a second document is an error at its start") {
  auto fault = Structure("a: 1\n---\nb: 2\n");
  REQUIRE(fault);
  CHECK(fault->code == "yaml");
  CHECK(fault->message == "the file holds more than one YAML document");
  CHECK(fault->line == 2);
  CHECK(fault->col == 1);
  CHECK_FALSE(Structure("---\na: 1\n...\n"));  // explicit markers around one document
}

TEST_CASE("a syntax error is reported with yaml-cpp's message at its character column") {
  auto fault = Structure("\xc3\xa9t\xc3\xa9: [a, b}\n");
  REQUIRE(fault);
  CHECK(fault->code == "yaml");
  CHECK(fault->message.starts_with("malformed YAML: illegal flow end; likely cause: a '[' or '{' is not closed"));
  CHECK(fault->line == 1);
  CHECK(fault->col == 11);  // 'été: [a, b' is 10 characters, 12 bytes
}

TEST_CASE("character columns count code points, not bytes") {
  const std::string ascii = "abc\ndef";
  CHECK(TextColumns(ascii).Column(5, 1) == 2);
  const std::string text = "\xc3\xa9\xc3\xa9x\n\xe2\x82\xac y";  // "ééx" then "€ y"
  TextColumns columns(text);
  CHECK(columns.Column(4, 4) == 3);   // x
  CHECK(columns.Column(10, 4) == 3);  // y: after a 3-byte character
  // A long line with non-ASCII text spread over many 64-byte blocks.
  std::string line;
  for (int i = 0; i < 1000; ++i) line += "\xc3\xa9";
  line += "z";
  CHECK(TextColumns(line).Column(2000, 2000) == 1001);
}

TEST_CASE("the earlier depth-only entry point reports only depth") {
  CHECK(FindExcessiveNesting(std::string(200, '['), 128));
  CHECK_FALSE(FindExcessiveNesting("a: [b\n", 128));  // a syntax error is not its business
}

}  // namespace
}  // namespace clearance::load
