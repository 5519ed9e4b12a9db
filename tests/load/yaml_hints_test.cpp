// The likely causes added to yaml-cpp's syntax errors (issue #14): each
// common mistake gets its hint; names of the language that hold ':' do not.
#include "load/yaml_hints.hpp"

#include <catch2/catch.hpp>

#include "load/prescan.hpp"

namespace clearance::load {
namespace {

std::string FirstError(const std::string& text) {
  Limits limits;
  auto fault = CheckYamlStructure(text, TextColumns(text), limits);
  return fault ? std::to_string(fault->line) + ":" + std::to_string(fault->col) + ": " + fault->message : "";
}

TEST_CASE("each common YAML mistake gets its likely cause, at yaml-cpp's position", "[load][yaml_hints]") {
  struct Row {
    const char* text;
    const char* expected;
  };
  const Row rows[] = {
      {"a: 1\nb:\n\tc: 2\n",
       "3:3: malformed YAML: illegal map value; likely cause: line 3 is indented with a tab"},
      {"a: 1\nrules:\n  - id: r1\n    effect:deny\n    when: x\n",
       "5:9: malformed YAML: illegal map value; likely cause: 'effect:deny' on line 4 has no space after "
       "':'"},
      {"a:\n  cite: see: 15 CFR\n",
       "2:12: malformed YAML: illegal map value; likely cause: a value that holds ': ' must be quoted: cite: "
       "\"see: "
       "15 CFR\""},
      {"a: 1\n  b: 2\n",
       "2:4: malformed YAML: illegal map value; likely cause: line 2 is indented more than line 1"},
      {"a:\n  b:\n    c: 1\n   d: 2\n",
       "4:4: malformed YAML: end of map not found; likely cause: line 4 starts in column 4, which lines up "
       "with no "
       "key above it (the key on line 2 starts in column 3)"},
      {"l:\n  - a: 1\n   - b: 2\n",
       "3:4: malformed YAML: end of sequence not found; likely cause: line 3 starts in column 4, which lines "
       "up with "
       "no list entry above it"},
      {"l:\n- a: 1\n  b: 2\n  - c: 3\n",
       "4:3: malformed YAML: end of map not found; likely cause: line 4 starts a list entry ('- ') where a "
       "key of a "
       "map is expected; to continue the list of line 2, start it in column 1"},
      {"a: [1, 2\n",
       "2:1: malformed YAML: end of sequence flow not found; likely cause: a '[' or '{' is not closed"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(FirstError(row.text).starts_with(row.expected));
  }
}

TEST_CASE("a key with no space after ':' is named, but group names such as E:1 are not",
          "[load][yaml_hints]") {
  CHECK(MissingSpaceHint("policy:corpus") == " (a key needs a space after ':': 'policy: corpus')");
  CHECK(MissingSpaceHint("clearance:1") == " (a key needs a space after ':': 'clearance: 1')");
  CHECK(MissingSpaceHint("E:1").empty());
  CHECK(MissingSpaceHint("E:1:").empty());
  CHECK(MissingSpaceHint("https://example.org").empty());
  CHECK(MissingSpaceHint("policy").empty());
  CHECK(MissingSpaceHint("policy:").empty());
}

TEST_CASE("a mistake with no usual cause keeps yaml-cpp's message alone", "[load][yaml_hints]") {
  CHECK(YamlErrorHint("a: *nothing\n", "the referenced anchor is not defined", 1, 3).empty());
}

}  // namespace
}  // namespace clearance::load
