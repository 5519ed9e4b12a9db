#include "load/yaml_reader.hpp"

#include <set>

#include "expr/parse.hpp"
#include "load/prescan.hpp"
#include "load/yaml_hints.hpp"

namespace clearance::load {

YamlReader::YamlReader(const SourceTable& sources, std::uint32_t file, const Limits& limits, Diagnostics& diags)
    : sources_(sources), file_(file), limits_(limits), diags_(diags), columns_(sources.file(file).text) {}

std::optional<YamlNode> YamlReader::ParseDocument() {
  tree_ = ParseYamlFile(sources_, file_, columns_, limits_, diags_);
  if (!tree_) return std::nullopt;
  return tree_->root();
}

Mark YamlReader::MarkOf(const YamlNode& node) const {
  const YamlMark m = node.Mark();
  if (m.line < 0 || m.pos < 0 || m.column < 0) return {file_, 1, 1};
  return {file_, static_cast<std::uint32_t>(m.line + 1),
          columns_.Column(static_cast<std::size_t>(m.pos), static_cast<std::size_t>(m.column))};
}

void YamlReader::Error(Mark mark, std::string code, std::string message) {
  if (stopped_) return;
  diags_.Error(mark, std::move(code), std::move(message));
  if (++errors_ >= kMaxErrors) {
    diags_.Error(mark, "limit", "too many errors in this file (" + std::to_string(kMaxErrors) + "); stopping");
    stopped_ = true;
  }
}

void YamlReader::Exhausted(const YamlNode& node, std::string message) {
  Error(MarkOf(node), "limit", std::move(message));
  stopped_ = true;
}

bool YamlReader::Visit(const YamlNode& node) {
  if (stopped_) return false;
  if (++visited_ > limits_.max_nodes) {
    Exhausted(node, TooManyNodesMessage(limits_.max_nodes));
    return false;
  }
  if (node.IsScalar()) {
    bytes_ += node.Scalar().size();
    if (bytes_ > limits_.max_expanded_bytes) {
      Exhausted(node, "the document has more than " + std::to_string(limits_.max_expanded_bytes) +
                          " bytes of text once aliases are expanded");
      return false;
    }
  }
  return true;
}

std::optional<std::string> YamlReader::NullWord(const YamlNode& node) const {
  const YamlMark m = node.Mark();
  if (m.pos < 0) return std::nullopt;
  std::string_view text = sources_.file(file_).text;
  const auto pos = static_cast<std::size_t>(m.pos);
  for (std::string_view word : {"Null", "NULL"}) {
    if (text.substr(pos, word.size()) != word) continue;
    const std::size_t after = pos + word.size();
    if (after >= text.size() || std::string_view(" \t\r\n,]}#").find(text[after]) != std::string_view::npos) {
      return std::string(word);
    }
  }
  return std::nullopt;
}

std::string YamlReader::KindName(const YamlNode& node) {
  if (node.IsMap()) return "map";
  if (node.IsSequence()) return "list";
  if (node.IsNull()) return "null";
  return "scalar";
}

std::optional<Text> YamlReader::Scalar(const YamlNode& node, Mark where, std::string_view what) {
  if (!Visit(node)) return std::nullopt;
  if (node.IsScalar()) return Text{std::string(node.Scalar()), MarkOf(node)};
  if (node.IsNull()) {
    if (auto word = NullWord(node)) return Text{*word, MarkOf(node)};
    Error(where, "type", std::string(what) + " is missing (null)");
    return std::nullopt;
  }
  Error(MarkOf(node), "type", std::string(what) + " must be a scalar, not a " + KindName(node));
  return std::nullopt;
}

std::optional<Text> YamlReader::Name(const YamlNode& node, Mark where, std::string_view what,
                                     bool any_allowed) {
  std::optional<Text> text = Scalar(node, where, what);
  if (text && !CheckName(*text, what, any_allowed)) return std::nullopt;
  return text;
}

bool YamlReader::CheckName(const Text& name, std::string_view what, bool any_allowed) {
  if (name.text.empty()) {
    Error(name.mark, "name", std::string(what) + " may not be empty");
    return false;
  }
  if (expr::IsKeyword(name.text) && !(any_allowed && name.text == "any")) {
    Error(name.mark, "name", "'" + name.text + "' is a keyword and cannot be " + std::string(what));
    return false;
  }
  return true;
}

std::optional<Text> YamlReader::Identifier(const YamlNode& node, Mark where, std::string_view what) {
  std::optional<Text> text = Name(node, where, what);
  if (text && !expr::IsIdentifier(text->text)) {
    Error(text->mark, "name", std::string(what) + " must be an identifier, not '" + text->text + "'");
    return std::nullopt;
  }
  return text;
}

bool YamlReader::ExpectMap(const YamlNode& node, Mark where, std::string_view what) {
  if (node.IsMap()) return true;
  if (IsNull(node)) {
    Error(where, "type", std::string(what) + " is missing (null); expected a map");
  } else {
    Error(MarkOf(node), "type", std::string(what) + " must be a map, not a " + KindName(node));
  }
  return false;
}

bool YamlReader::ExpectList(const YamlNode& node, Mark where, std::string_view what) {
  if (node.IsSequence()) return true;
  if (IsNull(node)) {
    Error(where, "type", std::string(what) + " is missing (null); expected a list");
  } else {
    Error(MarkOf(node), "type", std::string(what) + " must be a list, not a " + KindName(node));
  }
  return false;
}

void YamlReader::ForEachPair(const YamlNode& map, const PairFn& fn) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < map.size(); ++i) {
    const YamlNode key = map.key(i);
    const YamlNode value = map.value(i);
    if (!Visit(key)) return;
    if (!key.IsScalar()) {
      Error(MarkOf(key), "type", "a key must be a scalar, not a " + KindName(key));
      continue;
    }
    Text k{std::string(key.Scalar()), MarkOf(key)};
    if (k.text == "<<" && IsPlain(key)) {
      Error(k.mark, "yaml", "the merge key '<<' is not supported");
      continue;
    }
    if (!seen.insert(k.text).second) {
      Error(k.mark, "duplicate", "duplicate key '" + k.text + "'");
      continue;
    }
    fn(k, value);
    if (stopped_) return;
  }
}

void YamlReader::ForEachItem(const YamlNode& list, const ItemFn& fn) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YamlNode item = list.item(i);
    // Scalars are counted where they are read; a list of aliased maps or
    // lists is counted here.
    if (stopped_ || (!item.IsScalar() && !Visit(item))) return;
    fn(item);
  }
}

std::vector<Text> YamlReader::NameList(const YamlNode& node, Mark where, std::string_view what, Names kind) {
  std::vector<Text> out;
  if (!ExpectList(node, where, what)) return out;
  const std::string entry = "an entry of " + std::string(what);
  ForEachItem(node, [&](const YamlNode& item) {
    auto name = kind == Names::kIdentifiers ? Identifier(item, MarkOf(item), entry)
                                            : Name(item, MarkOf(item), entry, true);
    if (name) out.push_back(std::move(*name));
  });
  return out;
}

void YamlReader::UnknownKey(const Text& key, std::string_view where, const std::vector<std::string>& known) {
  const std::string space = MissingSpaceHint(key.text);  // `policy:corpus` is one word to YAML
  Error(key.mark, "unknown-key",
        "unknown key '" + key.text + "' in " + std::string(where) + (space.empty() ? DidYouMean(key.text, known) : space));
}

}  // namespace clearance::load
