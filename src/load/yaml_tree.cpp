#include "load/yaml_tree.hpp"

#include <cassert>

namespace clearance::load {

YamlKind YamlNode::kind() const { return tree_ ? tree_->entries_[index_].kind : YamlKind::kUndefined; }

std::size_t YamlNode::size() const {
  if (!IsSequence() && !IsMap()) return 0;
  const std::uint32_t n = tree_->entries_[index_].size;
  return IsMap() ? n / 2 : n;
}

std::string_view YamlNode::Scalar() const {
  if (!IsScalar()) return {};
  const YamlTree::Entry& e = tree_->entries_[index_];
  return std::string_view(tree_->text_).substr(e.begin, e.size);
}

std::string_view YamlNode::Tag() const {
  if (!tree_) return {};
  const YamlTree::Entry& e = tree_->entries_[index_];
  return std::string_view(tree_->text_).substr(e.tag_begin, e.tag_size);
}

YamlMark YamlNode::Mark() const { return tree_ ? tree_->entries_[index_].mark : YamlMark{}; }

YamlNode YamlNode::child(std::size_t i) const {
  const YamlTree::Entry& e = tree_->entries_[index_];
  assert(i < e.size);
  return YamlNode(tree_, tree_->children_[e.begin + i]);
}

YamlNode YamlNode::item(std::size_t i) const { return child(i); }
YamlNode YamlNode::key(std::size_t i) const { return child(2 * i); }
YamlNode YamlNode::value(std::size_t i) const { return child(2 * i + 1); }

YamlNode YamlNode::operator[](std::string_view name) const {
  if (!IsMap()) return {};
  for (std::size_t i = 0; i < size(); ++i) {
    const YamlNode k = key(i);
    if (k.IsScalar() && k.Scalar() == name) return value(i);
  }
  return {};
}

std::uint32_t YamlTree::Append(std::string_view bytes) {
  const auto begin = static_cast<std::uint32_t>(text_.size());
  text_.append(bytes);
  return begin;
}

std::uint32_t YamlTree::NewEntry(YamlKind kind, YamlMark mark, std::string_view tag, std::size_t anchor) {
  const auto index = static_cast<std::uint32_t>(entries_.size());
  Entry e;
  e.kind = kind;
  e.mark = mark;
  e.tag_begin = Append(tag);
  e.tag_size = static_cast<std::uint32_t>(tag.size());
  entries_.push_back(e);
  // Registered when the node opens, as yaml-cpp's builder does, so an alias
  // inside a collection may name the collection itself.
  if (anchor != 0) {
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = index;
  }
  return index;
}

void YamlTree::Attach(std::uint32_t index) {
  if (!open_.empty()) {
    pending_[open_.size() - 1].push_back(index);
  } else if (!has_root_) {
    root_ = index;
    has_root_ = true;
  }
}

void YamlTree::AddNull(YamlMark mark, std::size_t anchor) {
  Attach(NewEntry(YamlKind::kNull, mark, {}, anchor));
}

void YamlTree::AddScalar(YamlMark mark, std::string_view tag, std::size_t anchor, std::string_view value) {
  const std::uint32_t index = NewEntry(YamlKind::kScalar, mark, tag, anchor);
  entries_[index].begin = Append(value);
  entries_[index].size = static_cast<std::uint32_t>(value.size());
  Attach(index);
}

// The parser refuses an alias to an undefined anchor before it gets here.
void YamlTree::AddAlias(std::size_t anchor) { Attach(anchors_.at(anchor)); }

void YamlTree::Open(YamlKind kind, YamlMark mark, std::string_view tag, std::size_t anchor) {
  open_.push_back(NewEntry(kind, mark, tag, anchor));
  if (pending_.size() < open_.size()) pending_.resize(open_.size());
}

void YamlTree::Close() {
  const std::uint32_t index = open_.back();
  open_.pop_back();
  std::vector<std::uint32_t>& kids = pending_[open_.size()];
  entries_[index].begin = static_cast<std::uint32_t>(children_.size());
  entries_[index].size = static_cast<std::uint32_t>(kids.size());
  children_.insert(children_.end(), kids.begin(), kids.end());
  kids.clear();
  Attach(index);
}

}  // namespace clearance::load
