// A parsed YAML document in a compact form of our own, built from yaml-cpp's
// event parser in the same pass as the prescan's checks (load/prescan.hpp).
// yaml-cpp's own node tree cost a second parse of every file and a heap
// node, a shared_ptr and a std::string per YAML node; this is one array of
// entries, one of child indices and one arena of scalar text. It keeps what
// the events say, with yaml-cpp's meaning: marks, tags, nulls, key order
// and duplicate keys, aliases as shared nodes. Readers see it through
// YamlNode; no tree outlives the reader that parsed it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clearance::load {

// yaml-cpp's position of a node: 0-based line, byte column and byte offset;
// -1 where there is none (an empty document).
struct YamlMark {
  int line = -1;
  int column = -1;
  int pos = -1;
};

enum class YamlKind : std::uint8_t { kUndefined, kNull, kScalar, kSequence, kMap };

class YamlTree;

// A handle on one node of a YamlTree (which must outlive it): the part of
// yaml-cpp's Node interface the readers use, with the same answers.
class YamlNode {
 public:
  YamlNode() = default;  // undefined: what a missing key gives

  bool IsDefined() const { return kind() != YamlKind::kUndefined; }
  bool IsNull() const { return kind() == YamlKind::kNull; }
  bool IsScalar() const { return kind() == YamlKind::kScalar; }
  bool IsSequence() const { return kind() == YamlKind::kSequence; }
  bool IsMap() const { return kind() == YamlKind::kMap; }
  explicit operator bool() const { return IsDefined(); }

  // Items of a list, pairs of a map, else 0.
  std::size_t size() const;
  std::string_view Scalar() const;
  // "?" for a plain scalar, "!" for a quoted one, empty for a null, else
  // the explicit tag.
  std::string_view Tag() const;
  YamlMark Mark() const;

  YamlNode item(std::size_t i) const;  // of a list
  YamlNode key(std::size_t i) const;   // of a map
  YamlNode value(std::size_t i) const;
  // The value of the first scalar key equal to `name`; undefined when none
  // (or when this is not a map).
  YamlNode operator[](std::string_view name) const;

 private:
  friend class YamlTree;
  YamlNode(const YamlTree* tree, std::uint32_t index) : tree_(tree), index_(index) {}
  YamlKind kind() const;
  YamlNode child(std::size_t i) const;

  const YamlTree* tree_ = nullptr;
  std::uint32_t index_ = 0;
};

class YamlTree {
 public:
  // The document's root; undefined when the document is empty.
  YamlNode root() const { return has_root_ ? YamlNode(this, root_) : YamlNode(); }

  // Building, in the parser's event order (the structure check in
  // prescan.cpp).
  // `anchor` is yaml-cpp's anchor id, 0 for none.
  void AddNull(YamlMark mark, std::size_t anchor);
  void AddScalar(YamlMark mark, std::string_view tag, std::size_t anchor, std::string_view value);
  void AddAlias(std::size_t anchor);
  void Open(YamlKind kind, YamlMark mark, std::string_view tag, std::size_t anchor);
  void Close();

 private:
  friend class YamlNode;
  struct Entry {
    YamlKind kind = YamlKind::kUndefined;
    YamlMark mark;
    std::uint32_t tag_begin = 0;  // in text_
    std::uint32_t tag_size = 0;
    std::uint32_t begin = 0;  // a scalar's text in text_; a collection's first child in children_
    std::uint32_t size = 0;   // bytes of text, or children (a map: keys and values alternating)
  };

  std::uint32_t NewEntry(YamlKind kind, YamlMark mark, std::string_view tag, std::size_t anchor);
  std::uint32_t Append(std::string_view bytes);
  void Attach(std::uint32_t index);

  std::vector<Entry> entries_;
  std::vector<std::uint32_t> children_;
  std::string text_;
  std::uint32_t root_ = 0;
  bool has_root_ = false;
  // While building: the open collections, each one's children so far (one
  // scratch list per depth, reused), and the entry of each anchor id.
  std::vector<std::uint32_t> open_;
  std::vector<std::vector<std::uint32_t>> pending_;
  std::vector<std::uint32_t> anchors_;
};

}  // namespace clearance::load
