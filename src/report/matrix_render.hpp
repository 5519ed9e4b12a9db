// A decision matrix in each format of `clearance matrix --format`.
#pragma once

#include <string>

#include "analysis/matrix.hpp"

namespace clearance::report {

// Folded lines are labelled "group (N)".
std::string MatrixLabel(const analysis::MatrixLine& line);

std::string MatrixText(const analysis::Matrix& m);      // aligned columns
std::string MatrixMarkdown(const analysis::Matrix& m);  // a table under a short header
std::string MatrixCsv(const analysis::Matrix& m);       // header: "<rows>\<cols>", column labels
std::string MatrixHtml(const analysis::Matrix& m);      // one self-contained page
std::string MatrixSvg(const analysis::Matrix& m);       // a standalone SVG image

}  // namespace clearance::report
