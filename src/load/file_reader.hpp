// One policy file: bytes -> yaml-cpp's events -> YamlTree -> FileDoc, with every shape and type
// error of docs/language.md §2-§3, §8 and §9 reported at its file:line:col.
#pragma once

#include <optional>

#include "clearance/policy.hpp"
#include "load/document.hpp"

namespace clearance::load {

enum class FileRole {
  kLayerRoot,  // a policy's root file, or the root of an extends base
  kIncluded,
};

// Reads sources.file(file). Returns nothing when the file could not be
// parsed at all; shape errors inside a parsed file are reported and the
// rest of the file is still read.
std::optional<FileDoc> ReadFile(const SourceTable& sources, std::uint32_t file, FileRole role,
                                const Limits& limits, Diagnostics& diagnostics);

}  // namespace clearance::load
