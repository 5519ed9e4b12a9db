// Matrix as a standalone SVG image, sized to its content: label widths are
// estimated from their length, each cell carries a glyph or its text as
// well as a colour (mixed cells are hatched), and the legend lists only the
// kinds of cell that occur.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "report/diff_common.hpp"
#include "report/matrix_render.hpp"
#include "report/palette.hpp"

namespace clearance::report {

namespace {

// 11px sans-serif averages about 6.2px a character; a little over, so that
// text never runs past the space kept for it.
constexpr double kCharWidth = 6.6;
constexpr std::size_t kRow = 18, kPad = 8, kHead = 56, kLegend = 30;

std::size_t Chars(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::size_t TextWidth(std::string_view text, double char_width = kCharWidth) {
  return static_cast<std::size_t>(std::ceil(static_cast<double>(Chars(text)) * char_width));
}

std::string LegendLabel(MatrixCell cell, std::size_t n) {
  return std::string(ToString(cell)) + ": " + std::to_string(n) + (n == 1 ? " cell" : " cells");
}

std::size_t CountOf(const Matrix& m, MatrixCell cell) {
  return static_cast<std::size_t>(std::count(m.cells.begin(), m.cells.end(), cell));
}

std::size_t LegendWidth(const Matrix& m) {
  std::size_t width = kPad;
  for (MatrixCell cell : {MatrixCell::kAllow, MatrixCell::kDeny, MatrixCell::kMixed}) {
    if (const std::size_t n = CountOf(m, cell)) width += 22 + TextWidth(LegendLabel(cell, n)) + 16;
  }
  return width;
}

struct Layout {
  std::size_t left = 0, top = 0, cell = kRow, width = 0, height = 0;
};

Layout Measure(const Matrix& m, const std::string& caption, const std::string& digest) {
  Layout l;
  for (const auto& row : m.rows.lines) l.left = std::max(l.left, TextWidth(MatrixNamedLabel(row)));
  l.left += 2 * kPad;
  std::size_t tallest = 0;
  for (const auto& col : m.cols.lines) tallest = std::max(tallest, TextWidth(MatrixNamedLabel(col)));
  l.top = kHead + tallest + kPad;
  if (m.show != MatrixShow::kEffect) {
    for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
      for (std::size_t c = 0; c < m.cols.lines.size(); ++c)
        l.cell = std::max(l.cell, TextWidth(m.text(r, c)) + 10);
    }
  }
  const std::size_t grid = l.left + m.cols.lines.size() * l.cell + kPad;
  l.width =
      std::max({grid, TextWidth(caption, 6.2) + 2 * kPad, TextWidth(digest, 6.2) + 2 * kPad, LegendWidth(m)});
  l.height = l.top + m.rows.lines.size() * kRow + kLegend;
  return l;
}

void Header(std::ostream& out, const Matrix& m, const Layout& l, const std::string& caption,
            const std::string& digest) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << l.width << "\" height=\"" << l.height
      << "\" viewBox=\"0 0 " << l.width << " " << l.height
      << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
      << "<title>" << XmlEscape("Decisions of " + m.policy) << "</title>\n"
      << "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f3d9e7\"/><rect width=\"3\" "
         "height=\"6\" fill=\""
      << kMixedFill << "\"/></pattern></defs>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
      << "<text x=\"" << kPad << "\" y=\"18\" font-size=\"14\" font-weight=\"bold\">"
      << XmlEscape("Decisions of " + m.policy) << "</text>\n<text x=\"" << kPad << "\" y=\"34\">"
      << XmlEscape(caption) << "</text>\n<text x=\"" << kPad << "\" y=\"48\" fill=\"#5a6472\">"
      << XmlEscape(digest) << "</text>\n";
}

std::string Fill(MatrixCell cell) {
  return cell == MatrixCell::kMixed ? "url(#hatch)" : std::string(CellFill(cell));
}

void Cells(std::ostream& out, const Matrix& m, const Layout& l) {
  for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
    const std::size_t x = l.left + c * l.cell + l.cell / 2 + 4, y = l.top - kPad;
    out << "<text x=\"" << x << "\" y=\"" << y << "\" transform=\"rotate(-90 " << x << " " << y << ")\">"
        << XmlEscape(MatrixNamedLabel(m.cols.lines[c])) << "</text>\n";
  }
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    const std::size_t y = l.top + r * kRow;
    const std::string row = MatrixNamedLabel(m.rows.lines[r]);
    out << "<text x=\"" << kPad << "\" y=\"" << y + kRow / 2 + 4 << "\">" << XmlEscape(row) << "</text>\n";
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
      const MatrixCell cell = m.at(r, c);
      const std::string effect(ToString(cell));
      const std::string text =
          m.show == MatrixShow::kEffect ? std::string(CellGlyph(cell)) : std::string(m.text(r, c));
      const std::size_t x = l.left + c * l.cell;
      out << "<rect x=\"" << x << "\" y=\"" << y << "\" width=\"" << l.cell - 2 << "\" height=\"" << kRow - 2
          << "\" fill=\"" << Fill(cell) << "\"><title>"
          << XmlEscape(row + " × " + MatrixNamedLabel(m.cols.lines[c]) + ": " + effect +
                       (m.show == MatrixShow::kEffect ? "" : " (" + std::string(m.text(r, c)) + ")"))
          << "</title></rect><text x=\"" << x + (l.cell - 2) / 2 << "\" y=\"" << y + kRow / 2 + 3
          << "\" text-anchor=\"middle\" fill=\"" << CellInk(cell) << "\" pointer-events=\"none\">"
          << XmlEscape(text) << "</text>\n";
    }
  }
}

void Legend(std::ostream& out, const Matrix& m, const Layout& l) {
  std::size_t x = kPad;
  const std::size_t y = l.height - 12;
  for (MatrixCell cell : {MatrixCell::kAllow, MatrixCell::kDeny, MatrixCell::kMixed}) {
    const std::size_t n = CountOf(m, cell);
    if (n == 0) continue;
    const std::string label = LegendLabel(cell, n);
    out << "<rect x=\"" << x << "\" y=\"" << y - 12 << "\" width=\"16\" height=\"16\" fill=\"" << Fill(cell)
        << "\"/><text x=\"" << x + 8 << "\" y=\"" << y << "\" text-anchor=\"middle\" fill=\"" << CellInk(cell)
        << "\">" << CellGlyph(cell) << "</text><text x=\"" << x + 22 << "\" y=\"" << y << "\">" << label
        << "</text>\n";
    x += 22 + TextWidth(label) + 16;
  }
}

}  // namespace

std::string MatrixSvg(const Matrix& m) {
  const std::string caption = MatrixCaption(m) + "; rows " + m.rows.dimension + ", columns " +
                              m.cols.dimension + ", cells " + std::string(MatrixShowText(m.show));
  const std::string digest = "digest " + m.digest;
  const Layout l = Measure(m, caption, digest);
  std::ostringstream out;
  Header(out, m, l, caption, digest);
  Cells(out, m, l);
  Legend(out, m, l);
  out << "</svg>\n";
  return out.str();
}

}  // namespace clearance::report
