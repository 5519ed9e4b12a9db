// A small well-formedness checker for the XML the renderers write (SVG, and
// HTML written as XHTML-compatible markup): balanced and properly nested
// tags, quoted attributes, known entities, one root element. Returns "" or
// the first problem.
#pragma once

#include <cctype>
#include <string>
#include <vector>

namespace clearance::diff_testing {

inline std::string CheckEntities(const std::string& text) {
  for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 1)) {
    const std::size_t end = text.find(';', at);
    if (end == std::string::npos) return "unterminated entity";
    const std::string name = text.substr(at + 1, end - at - 1);
    const bool numeric =
        name.size() > 1 && name[0] == '#' && name.find_first_not_of("0123456789", 1) == std::string::npos;
    if (!numeric && name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos") {
      return "unknown entity &" + name + ";";
    }
  }
  return "";
}

// Attributes of a start tag: name="value" pairs.
inline std::string CheckAttributes(const std::string& body) {
  std::size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
    if (i == body.size()) break;
    const std::size_t eq = body.find('=', i);
    if (eq == std::string::npos || eq + 1 >= body.size()) return "attribute without value in <" + body + ">";
    const char quote = body[eq + 1];
    if (quote != '"' && quote != '\'') return "unquoted attribute in <" + body + ">";
    const std::size_t close = body.find(quote, eq + 2);
    if (close == std::string::npos) return "unterminated attribute in <" + body + ">";
    if (body.substr(eq + 2, close - eq - 2).find('<') != std::string::npos) return "'<' in an attribute";
    if (auto e = CheckEntities(body.substr(eq + 2, close - eq - 2)); !e.empty()) return e;
    i = close + 1;
  }
  return "";
}

inline std::string CheckXml(const std::string& doc, std::string* root = nullptr) {
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  while (i < doc.size()) {
    const std::size_t lt = doc.find('<', i);
    const std::string text = doc.substr(i, (lt == std::string::npos ? doc.size() : lt) - i);
    if (text.find('>') != std::string::npos) return "stray '>' in text";
    if (auto e = CheckEntities(text); !e.empty()) return e;
    if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string::npos)
      return "text outside the root";
    if (lt == std::string::npos) break;
    if (doc.compare(lt, 4, "<!--") == 0 || doc.compare(lt, 2, "<?") == 0 || doc.compare(lt, 2, "<!") == 0) {
      const std::size_t end = doc.find('>', lt);  // comments, declarations, doctype
      if (end == std::string::npos) return "unterminated declaration";
      i = end + 1;
      continue;
    }
    const std::size_t gt = doc.find('>', lt);
    if (gt == std::string::npos) return "unterminated tag";
    std::string tag = doc.substr(lt + 1, gt - lt - 1);
    if (!tag.empty() && tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return "mismatched </" + tag.substr(1) + ">";
      open.pop_back();
    } else {
      const bool self_closing = !tag.empty() && tag.back() == '/';
      if (self_closing) tag.pop_back();
      const std::size_t space = tag.find_first_of(" \t\r\n");
      const std::string name = tag.substr(0, space);
      if (name.empty()) return "empty tag name";
      if (auto e = CheckAttributes(space == std::string::npos ? "" : tag.substr(space)); !e.empty()) return e;
      if (open.empty()) {
        ++roots;
        if (root) *root = name;
      }
      if (!self_closing) open.push_back(name);
    }
    i = gt + 1;
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (roots != 1) return "expected one root element, found " + std::to_string(roots);
  return "";
}

}  // namespace clearance::diff_testing
