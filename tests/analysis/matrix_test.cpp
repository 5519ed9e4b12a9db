// `clearance matrix`: cells against single decisions, folding by named
// groups (mixed cells) and lossless folding (none), every format against
// golden files, and the SVG parsed as XML.
#include "clearance/matrix.hpp"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "report/diff_golden.hpp"
#include "report/diff_xml_check.hpp"
#include "report/matrix_render.hpp"
#include "support/fixtures.hpp"

namespace clearance {
namespace {

Policy LoadRule(const std::string& path) {
  diff_testing::AtRepositoryRoot();
  auto p = LoadPolicy(path);
  if (!p) FAIL(p.error().ToString());
  return *p;
}

MatrixOptions Options(const std::string& rows, const std::string& cols, Assignments where) {
  MatrixOptions o;
  o.rows = rows;
  o.cols = cols;
  o.where = std::move(where);
  o.date = *Date::Parse("2027-01-01");
  return o;
}

Matrix Must(const Policy& p, const MatrixOptions& o) {
  auto m = BuildMatrix(p, o);
  if (!m) FAIL(m.error().message());
  return *m;
}

TEST_CASE("matrix cells are the policy's decisions", "[matrix]") {
  const Policy p = LoadRule("tests/data/seed/frontier-2026/allies-defensive.yaml");
  const auto m = Must(p, Options("country", "use", {{"model", "mythos-5"}}));
  REQUIRE(m.rows.lines.size() == 249);
  REQUIRE(m.cols.lines.size() == 9);
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
      const Decision d = testing_support::Decide(
          p, {{"model", "mythos-5"}, {"country", m.rows.lines[r].label}, {"use", m.cols.lines[c].label}},
          "2027-01-01");
      CHECK(m.at(r, c) == (d.effect == Effect::kAllow ? MatrixCell::kAllow : MatrixCell::kDeny));
    }
  }
  CHECK(m.fixed == std::vector<std::pair<std::string, std::string>>{{"model", "mythos-5"}});
}

TEST_CASE("matrix folded by named groups shows mixed where they disagree", "[matrix]") {
  const Policy p = LoadRule("tests/data/seed/frontier-2026/allies-defensive.yaml");
  auto o = Options("country", "use", {{"model", "fable-5"}});
  o.fold_rows = FoldMode::kGroups;
  o.row_groups = {"tier-1", "E:1"};
  o.fold_cols = FoldMode::kGroups;
  o.col_groups = {"cyber"};
  const auto m = Must(p, o);
  REQUIRE(m.rows.lines.size() == 2 + 249 - 18 - 3);
  CHECK(m.rows.lines[0].label == "tier-1");
  CHECK(m.rows.lines[0].values.size() == 18);
  CHECK(m.cols.lines[0].label == "cyber");
  CHECK(m.at(0, 0) == MatrixCell::kMixed);  // defensive allowed, offensive denied
  CHECK(m.at(1, 0) == MatrixCell::kDeny);   // E:1: embargoed
  CHECK(m.cols.lines[1].label == "research");
  CHECK(m.at(0, 1) == MatrixCell::kDeny);
}

TEST_CASE("lossless folding leaves no cell mixed", "[matrix]") {
  const Policy p = LoadRule("tests/data/seed/frontier-2026/allies-defensive.yaml");
  auto o = Options("country", "use", {{"model", "fable-5"}});
  o.fold_rows = o.fold_cols = FoldMode::kLossless;
  const auto m = Must(p, o);
  const auto plain = Must(p, Options("country", "use", {{"model", "fable-5"}}));
  CHECK(m.rows.lines.size() < 20);
  CHECK(m.cols.lines.size() == 7);  // defensive-cyber folds, nothing else does
  for (std::size_t r = 0; r < m.rows.lines.size(); ++r) {
    for (std::size_t c = 0; c < m.cols.lines.size(); ++c) {
      REQUIRE(m.at(r, c) != MatrixCell::kMixed);
      // Every value under a folded line decides as the line says.
      for (std::uint32_t rv : m.rows.lines[r].values) {
        for (std::uint32_t cv : m.cols.lines[c].values) CHECK(plain.at(rv, cv) == m.at(r, c));
      }
    }
  }
}

TEST_CASE("matrix errors", "[matrix]") {
  const Policy p = LoadRule("tests/data/seed/frontier-2026/base.yaml");
  const auto error = [&](const MatrixOptions& o) {
    auto m = BuildMatrix(p, o);
    REQUIRE_FALSE(m);
    return m.error().diagnostics().front().message;
  };
  CHECK(error(Options("country", "use", {{"model", "fable-5"}, {"model", "mythos-5"}})) ==
        "--where: dimension 'model' is given twice");
  CHECK(error(Options("country", "use", {{"modl", "fable-5"}})) ==
        "--where: unknown dimension 'modl' (did you mean 'model'?)");
  CHECK(error(Options("country", "use", {{"model", "frontir"}})) ==
        "--where: unknown value or group 'frontir' of dimension 'model' (did you mean 'frontier'?)");
  auto o = Options("country", "use", {{"model", "fable-5"}});
  o.fold_cols = FoldMode::kGroups;
  o.col_groups = {"nope"};
  CHECK(error(o).rfind("--fold-cols: unknown group 'nope' of dimension 'use'", 0) == 0);
}

std::string MatrixFormatName(int format) {
  return std::vector<std::string>{"txt", "md", "csv", "html", "svg"}[static_cast<std::size_t>(format)];
}

TEST_CASE("matrix formats", "[matrix][golden]") {
  const Policy p = LoadRule("tests/data/seed/frontier-2026/allies-defensive.yaml");
  auto o = Options("country", "use", {{"model", "fable-5"}});
  o.fold_rows = o.fold_cols = FoldMode::kLossless;
  const auto m = Must(p, o);
  const std::vector<std::string> outputs = {report::MatrixText(m), report::MatrixMarkdown(m), report::MatrixCsv(m),
                                            report::MatrixHtml(m), report::MatrixSvg(m)};
  for (int f = 0; f < 5; ++f) diff_testing::CheckGolden("matrix-allies." + MatrixFormatName(f), outputs[f]);
}

TEST_CASE("matrix SVG and HTML are well-formed XML", "[matrix][svg]") {
  const Policy p = LoadRule("tests/data/seed/frontier-2026/hawks.yaml");
  const auto m = Must(p, Options("model", "country", {{"use", "research"}}));
  const std::string svg = report::MatrixSvg(m);
  std::string root;
  REQUIRE(diff_testing::CheckXml(svg, &root) == "");
  CHECK(root == "svg");
  // A real XML parser reads it too: one rect per cell, plus the background
  // and one legend swatch per kind of cell that occurs (no mixed here).
  boost::property_tree::ptree tree;
  std::istringstream in(svg);
  boost::property_tree::read_xml(in, tree);
  std::size_t rects = 0;
  for (const auto& child : tree.get_child("svg")) rects += child.first == "rect";
  CHECK(rects == 4 * 249 + 1 + 2);
  CHECK(tree.get<std::string>("svg.<xmlattr>.xmlns") == "http://www.w3.org/2000/svg");
  REQUIRE(diff_testing::CheckXml(report::MatrixHtml(m), &root) == "");
  CHECK(root == "html");
  // The checker itself rejects what it should.
  CHECK(diff_testing::CheckXml("<a><b></a></b>") != "");
  CHECK(diff_testing::CheckXml("<a x=1></a>") != "");
  CHECK(diff_testing::CheckXml("<a>&nbsp;</a>") != "");
  CHECK(diff_testing::CheckXml("<a/><b/>") != "");
  CHECK(diff_testing::CheckXml("<a>") != "");
}

}  // namespace
}  // namespace clearance
