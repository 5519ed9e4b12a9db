// A decision matrix in each format of `clearance matrix --format`.
#pragma once

#include <string>

#include "clearance/matrix.hpp"

namespace clearance::report {

// Folded lines are labelled "group (N)".
std::string MatrixLabel(const MatrixLine& line);
// For people: a value with its display name, "DE (Germany)".
std::string MatrixNamedLabel(const MatrixLine& line);
// "frontier-2026 on 2027-01-01, model = fable-5, nationality = DE (Germany)".
std::string MatrixCaption(const Matrix& m);
// "effect", "outcome" or "deciding rules": what the cells show.
std::string_view MatrixShowText(MatrixShow show);

std::string MatrixText(const Matrix& m);      // aligned columns
std::string MatrixMarkdown(const Matrix& m);  // a table under a short header
std::string MatrixCsv(const Matrix& m);       // header: "<rows>\<cols>", column labels
std::string MatrixHtml(const Matrix& m);      // one self-contained page
std::string MatrixSvg(const Matrix& m);       // a standalone SVG image

}  // namespace clearance::report
