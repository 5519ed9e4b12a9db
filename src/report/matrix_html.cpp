// Matrix as a self-contained HTML page and as a standalone SVG image.
#include <algorithm>
#include <sstream>

#include "report/diff_common.hpp"
#include "report/matrix_render.hpp"

namespace clearance::report {

namespace {

const char* Fill(analysis::MatrixCell cell) {
  switch (cell) {
    case analysis::MatrixCell::kAllow:
      return "#2e9d55";
    case analysis::MatrixCell::kDeny:
      return "#c8453c";
    case analysis::MatrixCell::kMixed:
      return "#e3a33b";
  }
  return "#888888";
}

std::string Caption(const analysis::Matrix& m) {
  std::string out = m.policy + " on " + m.date.ToString();
  for (const auto& [dim, value] : m.fixed) out += ", " + dim + " = " + value;
  return out;
}

std::size_t Chars(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

std::string MatrixHtml(const analysis::Matrix& m) {
  std::ostringstream out;
  const std::string title = "Decisions of " + m.policy;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
      << HtmlEscape(title) << "</title>\n<style>\n"
      << "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1d2430}\n"
      << "table{border-collapse:collapse;font-size:12px}th{font-weight:500;text-align:left;white-space:"
         "nowrap;padding:.2em .5em}\n"
      << "thead th{writing-mode:vertical-rl;transform:rotate(180deg);height:9em}\n"
      << "td{border:1px solid #fff;text-align:center;color:#fff;padding:.2em .4em}\n"
      << "td.allow{background:#2e9d55}td.deny{background:#c8453c}td.mixed{background:#e3a33b}\n"
      << "</style>\n</head>\n<body>\n<h1>" << HtmlEscape(title) << "</h1>\n<p>" << HtmlEscape(Caption(m))
      << ". Rows: " << HtmlEscape(m.rows.dimension) << "; columns: " << HtmlEscape(m.cols.dimension)
      << ". A folded line shows its effect when all its queries agree, <i>mixed</i> otherwise.</p>\n"
      << "<table>\n<thead><tr><th>" << HtmlEscape(m.rows.dimension + " \\ " + m.cols.dimension) << "</th>";
  for (const auto& col : m.cols.lines) out << "<th>" << HtmlEscape(MatrixLabel(col)) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    out << "<tr><th>" << HtmlEscape(MatrixLabel(m.rows.lines[r])) << "</th>";
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
      const std::string effect(analysis::ToString(m.at(r, c)));
      out << "<td class=\"" << effect << "\" title=\"" << HtmlEscape(MatrixLabel(m.rows.lines[r])) << " × "
          << HtmlEscape(MatrixLabel(m.cols.lines[c])) << ": " << effect << "\">" << effect << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n</body>\n</html>\n";
  return out.str();
}

std::string MatrixSvg(const analysis::Matrix& m) {
  constexpr std::size_t kCell = 22, kChar = 7, kPad = 8, kTitle = 40;
  std::size_t left = 0, top = 0;
  for (const auto& row : m.rows.lines) left = std::max(left, Chars(MatrixLabel(row)));
  for (const auto& col : m.cols.lines) top = std::max(top, Chars(MatrixLabel(col)));
  left = left * kChar + 2 * kPad;
  top = top * kChar + 2 * kPad + kTitle;
  const std::string caption = Caption(m) + "; rows " + m.rows.dimension + ", columns " + m.cols.dimension;
  const std::size_t width =
      std::max({left + m.cols.lines.size() * kCell + kPad, Chars(caption) * 6 + 2 * kPad, std::size_t{240}});
  const std::size_t height = top + m.rows.lines.size() * kCell + kPad + 24;
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << " " << height << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
      << "<title>" << HtmlEscape("Decisions of " + m.policy) << "</title>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
      << "<text x=\"" << kPad << "\" y=\"18\" font-size=\"14\" font-weight=\"bold\">"
      << HtmlEscape("Decisions of " + m.policy) << "</text>\n<text x=\"" << kPad << "\" y=\"34\">"
      << HtmlEscape(caption) << "</text>\n";
  for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
    const std::size_t x = left + c * kCell + kCell / 2 + 4, y = top - kPad;
    out << "<text x=\"" << x << "\" y=\"" << y << "\" transform=\"rotate(-90 " << x << " " << y << ")\">"
        << HtmlEscape(MatrixLabel(m.cols.lines[c])) << "</text>\n";
  }
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    const std::size_t y = top + r * kCell;
    out << "<text x=\"" << kPad << "\" y=\"" << y + kCell / 2 + 4 << "\">"
        << HtmlEscape(MatrixLabel(m.rows.lines[r])) << "</text>\n";
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
      const std::string effect(analysis::ToString(m.at(r, c)));
      out << "<rect x=\"" << left + c * kCell << "\" y=\"" << y << "\" width=\"" << kCell - 2
          << "\" height=\"" << kCell - 2 << "\" fill=\"" << Fill(m.at(r, c)) << "\"><title>"
          << HtmlEscape(MatrixLabel(m.rows.lines[r]) + " × " + MatrixLabel(m.cols.lines[c]) + ": " + effect)
          << "</title></rect>\n";
    }
  }
  std::size_t x = kPad;
  const std::size_t y = height - 14;
  for (auto cell :
       {analysis::MatrixCell::kAllow, analysis::MatrixCell::kDeny, analysis::MatrixCell::kMixed}) {
    out << "<rect x=\"" << x << "\" y=\"" << y - 10 << "\" width=\"12\" height=\"12\" fill=\"" << Fill(cell)
        << "\"/><text x=\"" << x + 16 << "\" y=\"" << y << "\">" << analysis::ToString(cell) << "</text>\n";
    x += 70;
  }
  out << "</svg>\n";
  return out.str();
}

}  // namespace clearance::report
