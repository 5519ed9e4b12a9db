// Reading one parsed YAML document into our own types: the typed access
// every file format of the project shares (policy files, test files). It
// turns yaml-cpp's view into diagnostics at file:line:col (character
// columns), enforces the DSL's null and name rules (docs/language.md), rejects
// duplicate and merge keys, and bounds alias expansion: every node reached
// counts against Limits::max_nodes and every scalar's text against
// Limits::max_expanded_bytes, each time an alias leads to it.
//
// Use: derive, and walk the tree from the root node with the helpers. The
// tree (load/yaml_tree.hpp: yaml-cpp's events, kept in our own form) lives
// as long as the reader; yaml-cpp's types stay inside src/load.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.hpp"
#include "clearance/policy.hpp"
#include "load/document.hpp"
#include "load/text_columns.hpp"
#include "load/yaml_tree.hpp"

namespace clearance::load {

class YamlReader {
 public:
  YamlReader(const SourceTable& sources, std::uint32_t file, const Limits& limits, Diagnostics& diags);

  // The file's single document, after the prescan's checks (size, UTF-8,
  // structure), or nothing after reporting why not. Call once.
  std::optional<YamlNode> ParseDocument();

  // After this many errors in one file the reader stops: one mistake
  // repeated a million times must not take a million diagnostics.
  static constexpr std::size_t kMaxErrors = 100;

 protected:
  using PairFn = std::function<void(const Text& key, const YamlNode& value)>;
  using ItemFn = std::function<void(const YamlNode& item)>;

  Mark MarkOf(const YamlNode& node) const;
  void Error(Mark mark, std::string code, std::string message);
  // False once a budget is spent or too many errors were found: the caller
  // stops walking.
  bool Visit(const YamlNode& node);
  bool stopped() const { return stopped_; }

  // yaml-cpp reads plain `Null` and `NULL` as null; the DSL does not.
  bool IsNull(const YamlNode& node) const { return node.IsNull() && !NullWord(node); }
  static bool IsPlain(const YamlNode& node) { return node.Tag() == "?" || node.IsNull(); }
  static std::string KindName(const YamlNode& node);

  // A scalar's text. `where` locates a null, whose own mark yaml-cpp puts
  // after it. `what` names the node in messages ("'because'").
  std::optional<Text> Scalar(const YamlNode& node, Mark where, std::string_view what);
  // A value or group name; `any` only where it may stand for every value.
  std::optional<Text> Name(const YamlNode& node, Mark where, std::string_view what, bool any_allowed = false);
  bool CheckName(const Text& name, std::string_view what, bool any_allowed = false);
  std::optional<Text> Identifier(const YamlNode& node, Mark where, std::string_view what);

  bool ExpectMap(const YamlNode& node, Mark where, std::string_view what);
  bool ExpectList(const YamlNode& node, Mark where, std::string_view what);

  // Each key of a map, rejecting duplicate, non-scalar and merge (<<) keys.
  void ForEachPair(const YamlNode& map, const PairFn& fn);
  void ForEachItem(const YamlNode& list, const ItemFn& fn);

  enum class Names { kIdentifiers, kMembers };
  std::vector<Text> NameList(const YamlNode& node, Mark where, std::string_view what, Names kind);

  void UnknownKey(const Text& key, std::string_view where, const std::vector<std::string>& known);

  const SourceTable& sources_;
  const std::uint32_t file_;
  const Limits& limits_;
  Diagnostics& diags_;

 private:
  std::optional<std::string> NullWord(const YamlNode& node) const;
  void Exhausted(const YamlNode& node, std::string message);

  TextColumns columns_;
  std::optional<YamlTree> tree_;
  std::size_t visited_ = 0;
  std::size_t bytes_ = 0;
  std::size_t errors_ = 0;
  bool stopped_ = false;
};

}  // namespace clearance::load
