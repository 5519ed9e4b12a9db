#include "load/yaml_hints.hpp"

#include <cctype>
#include <optional>
#include <vector>

namespace clearance::load {
namespace {

// The file's lines, without their line breaks; lines[0] is line 1.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::size_t Indent(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

bool TabIndented(std::string_view line) {
  for (char c : line) {
    if (c == '\t') return true;
    if (c != ' ') return false;
  }
  return false;
}

bool IsContent(std::string_view line) {
  const std::size_t i = line.find_first_not_of(" \t");
  return i != std::string_view::npos && line[i] != '#';
}

bool IsListEntry(std::string_view line) {
  const std::string_view rest = line.substr(Indent(line));
  return rest == "-" || rest.starts_with("- ");
}

// The 1-based column where the line's key starts: after a leading "- ".
std::size_t KeyColumn(std::string_view line) {
  const std::size_t indent = Indent(line);
  return IsListEntry(line) ? indent + 3 : indent + 1;
}

std::string Line(std::size_t number) { return "line " + std::to_string(number); }

class Hinter {
 public:
  Hinter(std::string_view text, std::uint32_t line, std::size_t pos) : lines_(Lines(text)), line_(line) {
    std::size_t start = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = start == std::string_view::npos ? 0 : start + 1;
    column_ = pos >= start ? pos - start : 0;
    if (line_ == 0 || line_ > lines_.size()) line_ = static_cast<std::uint32_t>(lines_.size());
  }

  std::string For(std::string_view message) const;

 private:
  std::string_view At(std::size_t number) const { return lines_[number - 1]; }
  std::optional<std::size_t> PreviousContent(std::size_t before) const;
  std::optional<std::size_t> PreviousListEntry(std::size_t before) const;
  std::optional<std::size_t> TabLine() const;
  std::optional<std::size_t> NoSpaceAfterColon() const;
  std::string MapValue() const;
  std::string Misaligned(const char* what) const;
  std::string ListEntryInMap() const;

  std::vector<std::string_view> lines_;
  std::uint32_t line_;
  std::size_t column_ = 0;  // bytes into the error's line
};

std::optional<std::size_t> Hinter::PreviousContent(std::size_t before) const {
  for (std::size_t n = before; n-- > 1;) {
    if (IsContent(At(n))) return n;
  }
  return std::nullopt;
}

std::optional<std::size_t> Hinter::PreviousListEntry(std::size_t before) const {
  for (std::size_t n = before; n-- > 1;) {
    if (IsContent(At(n)) && IsListEntry(At(n))) return n;
  }
  return std::nullopt;
}

// The error's line or the content line above it, when indented with a tab.
std::optional<std::size_t> Hinter::TabLine() const {
  if (line_ > 0 && TabIndented(At(line_))) return line_;
  auto previous = PreviousContent(line_);
  if (previous && TabIndented(At(*previous))) return previous;
  return std::nullopt;
}

// A line just above the error (or the error's) whose first word runs into a
// ':' with no space after it (`effect:deny`): YAML reads that as one word.
std::optional<std::size_t> Hinter::NoSpaceAfterColon() const {
  for (std::size_t n = line_; n >= 1 && n + 3 >= line_; --n) {
    std::string_view rest = At(n).substr(Indent(At(n)));
    if (rest.starts_with("- ")) rest.remove_prefix(2);
    if (!MissingSpaceHint(rest.substr(0, rest.find(' '))).empty()) return n;
  }
  return std::nullopt;
}

std::string Hinter::MapValue() const {
  const std::string_view line = At(line_);
  const std::size_t first = line.find(": ");
  if (column_ < line.size() && line[column_] == ':' && first != std::string_view::npos && first < column_) {
    const std::string key(line.substr(KeyColumn(line) - 1, first - (KeyColumn(line) - 1)));
    return "a value that holds ': ' must be quoted: " + key + ": \"" + std::string(line.substr(first + 2)) +
           "\"";
  }
  auto previous = PreviousContent(line_);
  if (previous && Indent(line) > Indent(At(*previous)) && !At(*previous).ends_with(":")) {
    return Line(line_) + " is indented more than " + Line(*previous) +
           ", whose key already has a value; keys of one map start in the same column (column " +
           std::to_string(KeyColumn(At(*previous))) + ")";
  }
  return "a ':' where no key can start: check the indentation of " + Line(line_) +
         " and the line above, or quote a value that holds ': '";
}

// `what`: "key" or "list entry".
std::string Hinter::Misaligned(const char* what) const {
  const std::size_t indent = Indent(At(line_));
  for (std::size_t n = line_; n-- > 1;) {
    if (!IsContent(At(n)) || Indent(At(n)) > indent) continue;
    return Line(line_) + " starts in column " + std::to_string(indent + 1) + ", which lines up with no " +
           what + " above it (the " + what + " on " + Line(n) + " starts in column " +
           std::to_string(std::string_view(what) == "key" ? KeyColumn(At(n)) : Indent(At(n)) + 1) +
           "); indent the entries of one map or list alike, with spaces";
  }
  return Line(line_) +
         " is indented to no level above it; indent the entries of one map or list alike, with spaces";
}

std::string Hinter::ListEntryInMap() const {
  auto entry = PreviousListEntry(line_);
  std::string out = Line(line_) + " starts a list entry ('- ') where a key of a map is expected; ";
  if (entry) {
    out += "to continue the list of " + Line(*entry) + ", start it in column " +
           std::to_string(Indent(At(*entry)) + 1) + "; ";
  }
  return out + "a list that is a value goes under a key ending in ':', indented";
}

std::string Hinter::For(std::string_view message) const {
  if (lines_.empty() || line_ == 0) return "";
  if (auto tab = TabLine()) return Line(*tab) + " is indented with a tab; YAML indents with spaces only";
  if (message.starts_with("illegal tab")) return "a tab in the indentation; YAML indents with spaces only";
  const bool structural = message == "illegal map value" || message == "end of map not found" ||
                          message == "end of sequence not found" || message == "illegal block entry";
  if (structural) {
    if (auto n = NoSpaceAfterColon()) {
      std::string_view rest = At(*n).substr(Indent(At(*n)));
      if (rest.starts_with("- ")) rest.remove_prefix(2);
      const std::string word(rest.substr(0, rest.find(' ')));
      return "'" + word + "' on " + Line(*n) + " has no space after ':', so it is not a key and its value" +
             MissingSpaceHint(word);
    }
  }
  if (message == "illegal map value") return MapValue();
  if (message == "end of map not found") {
    return IsListEntry(At(line_)) ? ListEntryInMap() : Misaligned("key");
  }
  if (message == "end of sequence not found") return Misaligned("list entry");
  if (message == "illegal block entry") {
    return "a list entry ('- ') after a key that already has a value on its line; a list that is a value "
           "goes "
           "under a key ending in ':', indented";
  }
  if (message.find("flow") != std::string_view::npos) {
    return "a '[' or '{' is not closed, or is closed by the other bracket; each '[' needs its ']' and each "
           "'{' "
           "its '}' (quote a value that holds one)";
  }
  if (message.starts_with("unknown escape character")) {
    return "inside double quotes a backslash starts an escape (\\n, \\\"); write \\\\ for a backslash, or "
           "use "
           "single quotes";
  }
  return "";
}

}  // namespace

std::string YamlErrorHint(std::string_view text, std::string_view message, std::uint32_t line,
                          std::size_t pos) {
  const std::string hint = Hinter(text, line, pos).For(message);
  return hint.empty() ? "" : "; likely cause: " + hint;
}

std::string MissingSpaceHint(std::string_view key) {
  const std::size_t colon = key.find(':');
  // Two letters at least before ':' and none after the value: `E:1` and
  // `E:1:` are group names (a key, with its space) of the language.
  if (colon == std::string_view::npos || colon < 2 || colon + 1 >= key.size() || key.back() == ':') return "";
  if (!std::isalpha(static_cast<unsigned char>(key[0])) || key[colon + 1] == '/' || key[colon + 1] == ':')
    return "";
  for (std::size_t i = 0; i < colon; ++i) {
    const unsigned char c = static_cast<unsigned char>(key[i]);
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return "";
  }
  return " (a key needs a space after ':': '" + std::string(key.substr(0, colon)) + ": " +
         std::string(key.substr(colon + 1)) + "')";
}

}  // namespace clearance::load
