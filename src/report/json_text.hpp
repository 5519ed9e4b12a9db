// JSON text without a DOM, byte for byte as nlohmann's dump(-1) writes it
// (no spaces, UTF-8 kept, invalid UTF-8 replaced): for the batch fast path,
// which must equal the DOM path it is tested against.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clearance::report {

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF), as nlohmann's parser requires.
bool ValidUtf8(std::string_view text);

// Appends `text` as a JSON string literal.
void AppendJsonString(std::string& out, std::string_view text);
// The same, as a new string.
std::string JsonString(std::string_view text);

// Appends ["a","b",...].
void AppendJsonStrings(std::string& out, const std::vector<std::string>& items);

// A flat JSON object of the simple kind batch lines almost always are:
// keys and string values without backslashes, integer values without
// exponent or fraction. `raw` is the text between the quotes of a string,
// or the digits of an integer.
struct FlatField {
  std::string_view key;
  std::string_view raw;
  bool is_string = true;
};

// Fills `fields` and returns true when `line` is such an object (and valid
// JSON); false for anything else, which the caller then parses in full.
bool ScanFlatObject(std::string_view line, std::vector<FlatField>& fields);

}  // namespace clearance::report
