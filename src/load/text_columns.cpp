#include "load/text_columns.hpp"

#include <algorithm>

namespace clearance::load {
namespace {

constexpr std::size_t kBlock = 64;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

TextColumns::TextColumns(std::string_view text) : text_(text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return;
  blocks_.reserve(text.size() / kBlock + 1);
  std::uint32_t count = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i % kBlock == 0) blocks_.push_back(count);
    if (i < text.size() && IsContinuation(text[i])) ++count;
  }
}

std::size_t TextColumns::ContinuationBytesBefore(std::size_t pos) const {
  const std::size_t block = pos / kBlock;
  std::size_t count = blocks_[block];
  for (std::size_t i = block * kBlock; i < pos; ++i) count += IsContinuation(text_[i]) ? 1 : 0;
  return count;
}

std::uint32_t TextColumns::Column(std::size_t pos, std::size_t byte_column) const {
  if (blocks_.empty() || pos > text_.size() || byte_column > pos) {
    return static_cast<std::uint32_t>(byte_column + 1);
  }
  const std::size_t continuation = ContinuationBytesBefore(pos) - ContinuationBytesBefore(pos - byte_column);
  return static_cast<std::uint32_t>(byte_column - continuation + 1);
}

}  // namespace clearance::load
