#include "load/prescan.hpp"
#include "load/yaml_hints.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>
#include <vector>

#include "base/utf8.hpp"

namespace clearance::load {
namespace {

// An istream over the text without copying it.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read-only: only the get area is set
    setg(begin, begin, begin + text.size());
  }
};

// Thrown from inside yaml-cpp's parser to stop it at the first fault.
struct Stop {
  PrescanFault fault;
};

class StructureCheck final : public YAML::EventHandler {
 public:
  // Builds `tree` too, when given.
  StructureCheck(std::string_view text, const TextColumns& columns, const Limits& limits, YamlTree* tree)
      : text_(text), columns_(columns), limits_(limits), tree_(tree) {}

  PrescanFault FaultAt(const YAML::Mark& mark, std::string code, std::string message) const {
    const int line = std::max(mark.line, 0);
    const int column = std::max(mark.column, 0);
    return {static_cast<std::uint32_t>(line + 1),
            columns_.Column(static_cast<std::size_t>(std::max(mark.pos, 0)), static_cast<std::size_t>(column)),
            std::move(code), std::move(message)};
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) throw Stop{FaultAt(mark, "yaml", "the file holds more than one YAML document")};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node(mark);
    if (tree_) tree_->AddNull(Convert(mark), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node(mark);
    if (tree_) tree_->AddAlias(anchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node(mark);
    CheckQuoteClosed(mark);
    if (tree_) tree_->AddScalar(Convert(mark), tag, anchor, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark);
    if (tree_) tree_->Open(YamlKind::kSequence, Convert(mark), tag, anchor);
  }
  void OnSequenceEnd() override {
    Close();
    if (tree_) tree_->Close();
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark);
    if (tree_) tree_->Open(YamlKind::kMap, Convert(mark), tag, anchor);
  }
  void OnMapEnd() override {
    Close();
    if (tree_) tree_->Close();
  }

 private:
  static YamlMark Convert(const YAML::Mark& mark) { return {mark.line, mark.column, mark.pos}; }
  void Node(const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes) throw Stop{FaultAt(mark, "limit", TooManyNodesMessage(limits_.max_nodes))};
  }
  // A collection opening where the previous one opened is one level: yaml-cpp
  // wraps a flow entry that may turn out to be a key (`[[a]: b]`, or any
  // `[` of an unterminated `[[[`) in a map starting at the same place.
  // Counting it would report half the brackets there are; the recursion it
  // saves stays within twice the limit.
  void Open(const YAML::Mark& mark) {
    Node(mark);
    const bool counted = mark.pos != last_open_pos_;
    last_open_pos_ = mark.pos;
    opens_.push_back(counted);
    if (counted && ++depth_ > limits_.max_depth) {
      throw Stop{FaultAt(mark, "limit", TooDeepMessage(limits_.max_depth))};
    }
  }
  void Close() {
    if (opens_.empty()) return;
    if (opens_.back()) --depth_;
    opens_.pop_back();
    last_open_pos_ = -1;
  }

  // yaml-cpp accepts a quoted scalar left open at the end of the stream and
  // lets it swallow every line after it; a missing quote must not delete
  // rules without a word, so it is an error at the opening quote.
  void CheckQuoteClosed(const YAML::Mark& mark) const {
    if (mark.pos < 0) return;
    const auto start = static_cast<std::size_t>(mark.pos);
    if (start >= text_.size() || (text_[start] != '"' && text_[start] != '\'')) return;
    const char quote = text_[start];
    for (std::size_t i = start + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is a quote inside single quotes
          continue;
        }
        return;
      }
    }
    const char* name = quote == '"' ? "double" : "single";
    throw Stop{FaultAt(mark, "yaml",
                       std::string("unterminated ") + name + "-quoted text: the closing " + quote +
                           " is missing, so everything after it up to the end of the file would be read as this "
                           "one string")};
  }

  std::string_view text_;
  const TextColumns& columns_;
  const Limits& limits_;
  int documents_ = 0;
  int depth_ = 0;
  int last_open_pos_ = -1;
  std::vector<bool> opens_;  // per open collection: whether it counted
  std::size_t nodes_ = 0;
  YamlTree* tree_;
};

// One pass of yaml-cpp's event parser over `text` with every structural
// check, filling `tree` when given.
std::optional<PrescanFault> Scan(std::string_view text, const TextColumns& columns, const Limits& limits,
                                 YamlTree* tree) {
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  StructureCheck check(text, columns, limits, tree);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(check)) {
    }
  } catch (const Stop& stop) {
    return stop.fault;
  } catch (const YAML::DeepRecursion& e) {
    // Only reachable when max_depth is set above yaml-cpp's own bound.
    return check.FaultAt(e.mark, "limit", "nesting deeper than the YAML parser's limit");
  } catch (const YAML::Exception& e) {
    const std::string hint =
        YamlErrorHint(text, e.msg, static_cast<std::uint32_t>(std::max(e.mark.line, 0) + 1),
                      static_cast<std::size_t>(std::max(e.mark.pos, 0)));
    return check.FaultAt(e.mark, "yaml", "malformed YAML: " + e.msg + hint);
  }
  return std::nullopt;
}

}  // namespace

std::string TooManyNodesMessage(std::size_t max_nodes) {
  return "the document has more than " + std::to_string(max_nodes) + " nodes once aliases are expanded";
}

std::string TooDeepMessage(int max_depth) {
  return "nesting deeper than the limit of " + std::to_string(max_depth);
}

std::optional<PrescanFault> FindInvalidUtf8(std::string_view text) {
  std::uint32_t line = 1;
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return PrescanFault{line, col, "utf8", "the file is not valid UTF-8"};
    if (text[i] == '\0') return PrescanFault{line, col, "utf8", "the file contains a NUL byte"};
    if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
    i += n;
  }
  return std::nullopt;
}

std::optional<PrescanFault> CheckYamlStructure(std::string_view text, const TextColumns& columns,
                                               const Limits& limits) {
  return Scan(text, columns, limits, nullptr);
}

std::optional<PrescanFault> FindExcessiveNesting(std::string_view text, int max_depth) {
  Limits limits;
  limits.max_depth = max_depth;
  limits.max_nodes = static_cast<std::size_t>(-1);
  auto fault = CheckYamlStructure(text, TextColumns(text), limits);
  if (fault && fault->code == "limit") return fault;
  return std::nullopt;
}

std::optional<YamlTree> ParseYamlFile(const SourceTable& sources, std::uint32_t file,
                                      const TextColumns& columns, const Limits& limits,
                                      Diagnostics& diagnostics) {
  const std::string& text = sources.file(file).text;
  if (text.size() > limits.max_file_bytes) {
    diagnostics.Error({file, 1, 1}, "limit",
                      "the file is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes");
    return std::nullopt;
  }
  std::optional<PrescanFault> fault = FindInvalidUtf8(text);
  YamlTree tree;
  if (!fault) fault = Scan(text, columns, limits, &tree);
  if (!fault) return tree;
  diagnostics.Error({file, fault->line, fault->col}, fault->code, fault->message);
  return std::nullopt;
}

}  // namespace clearance::load
