// Renderers: decisions, diffs and decision tables as the text the CLI prints
// (for a person, JSON, CSV, Markdown, HTML, SVG). Each is a pure function of
// its arguments, safe from any number of threads; output is deterministic.
//
//   auto d = policy->Explain(*query);
//   std::cout << clearance::DecisionToText(*policy, *query, d);
//
// JSON for one decision and for lint diagnostics is declared in
// clearance/json.hpp and clearance/lint.hpp; DOT in clearance/graph.hpp.
#pragma once

#include <string>

#include "clearance/diff.hpp"
#include "clearance/json.hpp"
#include "clearance/matrix.hpp"
#include "clearance/policy.hpp"

namespace clearance {

// The effect first, then the decisive rules with their reasons, then the
// rules that lost.
std::string DecisionToText(const Policy& policy, const Query& query, const Decision& decision);

// `check --alternatives`: what would have to differ for the other effect
// (per dimension, the dates on which the decision changes, else the
// smallest set of dimensions), read off the decision graph. As text for the
// end of DecisionToText, and as the decision JSON with "alternatives" added
// before "policy".
std::string AlternativesToText(const Policy& policy, const Query& query);
std::string DecisionWithAlternativesToJson(const Policy& policy, const Query& query, const Decision& decision,
                                           int indent = -1);

// A DiffReport in each format of `clearance diff --format`. The policies are
// the two the report compared: they give the group names that value lists
// fold into (the old policy's) and the rules' because/cite/source.
std::string DiffToText(const DiffReport& report, const Policy& old_policy, const Policy& new_policy);
std::string DiffToMarkdown(const DiffReport& report, const Policy& old_policy, const Policy& new_policy);
std::string DiffToHtml(const DiffReport& report, const Policy& old_policy, const Policy& new_policy);
// {"old", "new", "date", "to_date"?, "queries", "changed", "regions",
// "only_old", "only_new"}; indent < 0: one line.
std::string DiffToJson(const DiffReport& report, int indent = -1);
// One row per changed query, ordered by its values.
std::string DiffToCsv(const DiffReport& report);

// A decision table in each format of `clearance matrix --format`; folded
// lines are labelled "group (N)".
std::string MatrixToText(const Matrix& matrix);      // aligned columns
std::string MatrixToMarkdown(const Matrix& matrix);  // a table under a short header
std::string MatrixToCsv(const Matrix& matrix);       // header "<rows>\<cols>", then column labels
std::string MatrixToHtml(const Matrix& matrix);      // one self-contained page
std::string MatrixToSvg(const Matrix& matrix);       // a standalone SVG image

}  // namespace clearance
