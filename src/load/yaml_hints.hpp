// Likely causes of yaml-cpp's syntax errors. Its messages ("end of map not
// found", "illegal map value") say what the parser saw, not what the author
// did; the usual causes are few (a tab, a line indented to no level, a key
// with no space after ':', a value holding ': ') and can be read off the
// lines around the error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace clearance::load {

// "; likely cause: ..." for yaml-cpp's `message` at 1-based `line`, the
// error's byte offset in `text` being `pos`; "" when no cause stands out.
std::string YamlErrorHint(std::string_view text, std::string_view message, std::uint32_t line,
                          std::size_t pos);

// For a map key that holds ':' with no space after it (`effect:deny`):
// " (a key needs a space after ':': 'effect: deny')", else "".
std::string MissingSpaceHint(std::string_view key);

}  // namespace clearance::load
