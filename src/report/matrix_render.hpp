// A decision matrix in each format of `clearance matrix --format`.
#pragma once

#include <string>

#include "clearance/matrix.hpp"

namespace clearance::report {

// Folded lines are labelled "group (N)".
std::string MatrixLabel(const MatrixLine& line);

std::string MatrixText(const Matrix& m);      // aligned columns
std::string MatrixMarkdown(const Matrix& m);  // a table under a short header
std::string MatrixCsv(const Matrix& m);       // header: "<rows>\<cols>", column labels
std::string MatrixHtml(const Matrix& m);      // one self-contained page
std::string MatrixSvg(const Matrix& m);       // a standalone SVG image

}  // namespace clearance::report
