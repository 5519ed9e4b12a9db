// Checks made on a file while its YAML tree is built, so that no input can
// crash or exhaust the loader: UTF-8 validity, then one pass of yaml-cpp's
// event parser that builds the YamlTree and stops at the first syntax error,
// at nesting deeper than the depth limit (yaml-cpp recurses once per level:
// stopping there bounds its stack, whatever the input), at more nodes than
// the node budget, or at a second document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/source.hpp"
#include "clearance/policy.hpp"
#include "load/text_columns.hpp"
#include "load/yaml_tree.hpp"

namespace clearance::load {

struct PrescanFault {
  std::uint32_t line = 1;
  std::uint32_t col = 1;
  std::string code;  // "utf8", "yaml" or "limit"
  std::string message;
};

// The first invalid UTF-8 sequence or NUL byte, if any.
std::optional<PrescanFault> FindInvalidUtf8(std::string_view text);

// The first structural fault of the YAML text, if any (see above). Aliases
// count as one node here; the reader counts them again where it expands them.
std::optional<PrescanFault> CheckYamlStructure(std::string_view text, const TextColumns& columns,
                                               const Limits& limits);

// The depth fault of CheckYamlStructure alone, if any (kept for callers
// written against the earlier textual scan; ParseYamlFile does every check).
std::optional<PrescanFault> FindExcessiveNesting(std::string_view text, int max_depth);

// Size, UTF-8 and structure, each fault reported at its location; the
// file's document when none was found. `columns` are the file's.
std::optional<YamlTree> ParseYamlFile(const SourceTable& sources, std::uint32_t file,
                                      const TextColumns& columns, const Limits& limits,
                                      Diagnostics& diagnostics);

// The messages shared with the reader.
std::string TooManyNodesMessage(std::size_t max_nodes);
std::string TooDeepMessage(int max_depth);

}  // namespace clearance::load
