// Matrix as text, markdown and CSV.
#include <algorithm>
#include <sstream>

#include "report/diff_common.hpp"
#include "report/matrix_render.hpp"

namespace clearance::report {

namespace {

std::string Corner(const Matrix& m) { return m.rows.dimension + " \\ " + m.cols.dimension; }

// With names (markdown): "nationality = DE (Germany)".
std::string FixedText(const Matrix& m, bool names = false) {
  std::string out;
  for (std::size_t i = 0; i < m.fixed.size(); ++i) {
    out += (out.empty() ? "" : ", ") + m.fixed[i].first + " = " + m.fixed[i].second;
    if (names && i < m.fixed_names.size() && !m.fixed_names[i].empty()) out += " (" + m.fixed_names[i] + ")";
  }
  return out.empty() ? "nothing else" : out;
}

// Display width: UTF-8 code points (enough for the names policies use).
std::size_t Width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Pad(const std::string& text, std::size_t width) {
  return text + std::string(width > Width(text) ? width - Width(text) : 0, ' ');
}

std::string MdCell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::string MatrixLabel(const MatrixLine& line) {
  return line.group ? line.label + " (" + std::to_string(line.values.size()) + ")" : line.label;
}

std::string MatrixNamedLabel(const MatrixLine& line) {
  return line.name.empty() ? MatrixLabel(line) : line.label + " (" + line.name + ")";
}

std::string MatrixCaption(const Matrix& m) {
  std::string out = m.policy + " on " + m.date.ToString();
  for (std::size_t i = 0; i < m.fixed.size(); ++i) {
    out += ", " + m.fixed[i].first + " = " + m.fixed[i].second;
    if (i < m.fixed_names.size() && !m.fixed_names[i].empty()) out += " (" + m.fixed_names[i] + ")";
  }
  return out;
}

std::string_view MatrixShowText(MatrixShow show) {
  switch (show) {
    case MatrixShow::kEffect:
      return "effect";
    case MatrixShow::kOutcome:
      return "outcome";
    case MatrixShow::kRule:
      return "deciding rules";
  }
  return "effect";
}

std::string MatrixText(const Matrix& m) {
  std::ostringstream out;
  out << "policy: " << m.policy << "\ndate: " << m.date.ToString() << "\nfixed: " << FixedText(m) << "\n\n";
  std::size_t first = Width(Corner(m));
  for (const auto& row : m.rows.lines) first = std::max(first, Width(MatrixLabel(row)));
  std::vector<std::size_t> widths;
  for (const auto& col : m.cols.lines) widths.push_back(std::max<std::size_t>(Width(MatrixLabel(col)), 5));
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    for (std::size_t c = 0; c < widths.size(); ++c)
      widths[c] = std::max(widths[c], Width(std::string(m.text(r, c))));
  }
  const auto line = [&](const std::string& head, const auto& cell) {
    std::string text = Pad(head, first);
    for (std::size_t c = 0; c < widths.size(); ++c) text += "  " + Pad(cell(c), widths[c]);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  };
  line(Corner(m), [&](std::size_t c) { return MatrixLabel(m.cols.lines[c]); });
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    line(MatrixLabel(m.rows.lines[r]), [&](std::size_t c) { return std::string(m.text(r, c)); });
  }
  return out.str();
}

std::string MatrixMarkdown(const Matrix& m) {
  std::ostringstream out;
  out << "# Decisions of `" << m.policy << "`\n\nDate " << m.date.ToString() << "; "
      << MdCell(FixedText(m, true))
      << (m.show == MatrixShow::kEffect ? "" : "; cells: " + std::string(MatrixShowText(m.show))) << ".\n\n| "
      << MdCell(Corner(m)) << " |";
  for (const auto& col : m.cols.lines) out << " " << MdCell(MatrixNamedLabel(col)) << " |";
  out << "\n|---|";
  for (std::size_t c = 0; c < m.cols.lines.size(); ++c) out << "---|";
  out << "\n";
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    out << "| " << MdCell(MatrixNamedLabel(m.rows.lines[r])) << " |";
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c)
      out << " " << MdCell(std::string(m.text(r, c))) << " |";
    out << "\n";
  }
  return out.str();
}

std::string MatrixCsv(const Matrix& m) {
  std::ostringstream out;
  out << CsvField(Corner(m));
  for (const auto& col : m.cols.lines) out << ',' << CsvField(MatrixLabel(col));
  out << '\n';
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    out << CsvField(MatrixLabel(m.rows.lines[r]));
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c) out << ',' << CsvField(std::string(m.text(r, c)));
    out << '\n';
  }
  return out.str();
}

}  // namespace clearance::report
