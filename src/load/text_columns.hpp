// Byte offsets to 1-based character columns. yaml-cpp counts columns in
// bytes; people and editors count characters (UTF-8 code points), and so do
// our diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace clearance::load {

class TextColumns {
 public:
  // `text` must outlive this object.
  explicit TextColumns(std::string_view text);

  // The column of byte offset `pos`, whose 0-based byte column on its line
  // is `byte_column`. Constant time for ASCII text, bounded work otherwise
  // (one 64-byte block scanned per end), so a long single-line file with
  // many marks stays linear.
  std::uint32_t Column(std::size_t pos, std::size_t byte_column) const;

 private:
  std::size_t ContinuationBytesBefore(std::size_t pos) const;

  std::string_view text_;
  // Continuation bytes (10xxxxxx) before each 64-byte block; empty when the
  // text is plain ASCII.
  std::vector<std::uint32_t> blocks_;
};

}  // namespace clearance::load
