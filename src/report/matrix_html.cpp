// Matrix as a self-contained HTML page: cells carry their text (effect,
// outcome or deciding rules) as well as a colour, the legend lists only the
// kinds of cell that occur, and values show their display names.
#include <sstream>

#include "report/diff_common.hpp"
#include "report/matrix_render.hpp"
#include "report/palette.hpp"

namespace clearance::report {

namespace {

std::string Style() {
  std::ostringstream css;
  css << "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1d2430}\n"
      << "h1{font-size:1.5em;margin-bottom:.2em}code{font:12px ui-monospace,monospace}\n"
      << "table{border-collapse:collapse;font-size:12px}th{font-weight:500;text-align:left;white-space:"
         "nowrap;padding:.2em .5em}\n"
      << "thead th{writing-mode:vertical-rl;transform:rotate(180deg);vertical-align:bottom;max-height:16em}\n"
      << "td{border:1px solid #fff;text-align:center;padding:.2em .4em}td span{white-space:nowrap}\n"
      << ".scroll{overflow-x:auto;max-width:100%}\n"
      << "td.allow,.legend .allow{background:" << kAllowFill << ";color:" << kAllowInk << "}\n"
      << "td.deny,.legend .deny{background:" << kDenyFill << ";color:" << kDenyInk << "}\n"
      << "td.mixed,.legend .mixed{background:repeating-linear-gradient(45deg," << kMixedFill << " 0 4px,"
      << "#f3d9e7 4px 8px);color:" << kMixedInk << "}\n"
      << ".legend span{display:inline-block;padding:.1em .6em;margin-right:.6em;border-radius:3px}\n";
  return css.str();
}

void Legend(std::ostream& out, const Matrix& m) {
  std::size_t counts[3] = {0, 0, 0};
  for (MatrixCell cell : m.cells) ++counts[static_cast<int>(cell)];
  out << "<p class=\"legend\">";
  for (MatrixCell cell : {MatrixCell::kAllow, MatrixCell::kDeny, MatrixCell::kMixed}) {
    const std::size_t n = counts[static_cast<int>(cell)];
    if (n == 0) continue;
    const std::string name(ToString(cell));
    out << "<span class=\"" << name << "\">" << name << ": " << n << (n == 1 ? " cell" : " cells")
        << "</span>";
  }
  out << "</p>\n";
}

// "a + b" may wrap between the items but not inside one (rule ids have
// hyphens).
std::string CellHtml(const std::string& text) {
  std::string out = "<span>";
  std::size_t from = 0;
  for (std::size_t plus = text.find(" + "); plus != std::string::npos; plus = text.find(" + ", from)) {
    out += HtmlEscape(text.substr(from, plus - from)) + "</span> + <span>";
    from = plus + 3;
  }
  return out + HtmlEscape(text.substr(from)) + "</span>";
}

}  // namespace

std::string MatrixHtml(const Matrix& m) {
  std::ostringstream out;
  const std::string title = "Decisions of " + m.policy;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
      << HtmlEscape(title) << "</title>\n<style>\n"
      << Style() << "</style>\n</head>\n<body>\n<h1>" << HtmlEscape(title) << "</h1>\n<p>"
      << HtmlEscape(MatrixCaption(m)) << ". Rows: " << HtmlEscape(m.rows.dimension)
      << "; columns: " << HtmlEscape(m.cols.dimension) << "; cells: " << MatrixShowText(m.show)
      << ". A folded line shows what all its queries share, <i>mixed</i> otherwise.<br/>Digest <code>"
      << HtmlEscape(m.digest) << "</code></p>\n";
  Legend(out, m);
  out << "<div class=\"scroll\">\n<table>\n<thead><tr><th>"
      << HtmlEscape(m.rows.dimension + " \\ " + m.cols.dimension) << "</th>";
  for (const auto& col : m.cols.lines) out << "<th>" << HtmlEscape(MatrixNamedLabel(col)) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    const std::string row = MatrixNamedLabel(m.rows.lines[r]);
    out << "<tr><th>" << HtmlEscape(row) << "</th>";
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
      const std::string effect(ToString(m.at(r, c)));
      const std::string text(m.text(r, c));
      out << "<td class=\"" << effect << "\" title=\"" << HtmlEscape(row) << " × "
          << HtmlEscape(MatrixNamedLabel(m.cols.lines[c])) << ": " << effect
          << (text == effect ? "" : " (" + HtmlEscape(text) + ")") << "\">" << CellHtml(text) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n</div>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace clearance::report
