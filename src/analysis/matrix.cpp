#include "analysis/matrix.hpp"

#include <algorithm>
#include <numeric>

#include "base/source.hpp"

namespace clearance::analysis {

namespace {

Error Usage(std::string message) { return Error::Message(std::move(message), "usage"); }

std::vector<std::string> DimensionNames(const Policy& policy) {
  std::vector<std::string> out;
  for (const DimensionInfo& d : policy.dimensions()) out.push_back(d.name);
  return out;
}

Result<std::size_t> FindDim(const Policy& policy, const std::string& flag, const std::string& name) {
  if (auto d = policy.FindDimension(name)) return *d;
  return Usage(flag + ": unknown dimension '" + name + "'" + DidYouMean(name, DimensionNames(policy)));
}

// The value of every dimension but rows and cols: --where, else the default.
Result<std::vector<std::uint32_t>> FixedValues(const Policy& policy, const MatrixOptions& o, std::size_t rows,
                                               std::size_t cols) {
  const auto& dims = policy.dimensions();
  std::vector<std::uint32_t> values(dims.size(), UINT32_MAX);
  for (const auto& [name, value] : o.where) {
    auto d = FindDim(policy, "--where", name);
    if (!d) return d.error();
    if (*d == rows || *d == cols) {
      return Usage("--where: '" + name + "' is the " + (*d == rows ? "rows" : "columns") + " dimension");
    }
    if (values[*d] != UINT32_MAX) return Usage("--where: dimension '" + name + "' is given twice");
    const auto v = policy.FindValue(*d, value);
    if (!v) {
      return Usage("--where: unknown value '" + value + "' of dimension '" + name + "'" +
                   DidYouMean(value, dims[*d].values));
    }
    values[*d] = *v;
  }
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (d == rows || d == cols || values[d] != UINT32_MAX) continue;
    if (!dims[d].default_value) {
      return Usage("dimension '" + dims[d].name +
                   "' is neither --rows nor --cols, has no default, and no --where " + dims[d].name +
                   "=VALUE fixes it");
    }
    values[d] = *dims[d].default_value;
  }
  return values;
}

std::vector<MatrixLine> ValueLines(const DimensionInfo& dim) {
  std::vector<MatrixLine> out;
  for (std::uint32_t v = 0; v < dim.values.size(); ++v) out.push_back({dim.values[v], {v}, false});
  return out;
}

// Groups are expanded on the report's date (DSL.md §2.2).
MatrixLine GroupLine(const DimensionInfo& dim, std::size_t g, Date date) {
  return {dim.groups[g].name, dim.groups[g].MembersOn(date), true};
}

// The named groups, then every value none of them holds.
Result<std::vector<MatrixLine>> NamedGroups(const DimensionInfo& dim, const std::vector<std::string>& names,
                                            const std::string& flag, Date date) {
  std::vector<MatrixLine> out;
  std::vector<bool> covered(dim.values.size(), false);
  for (const std::string& name : names) {
    MatrixLine line;
    if (name == "any") {
      line = {"any", {}, true};
      line.values.resize(dim.values.size());
      std::iota(line.values.begin(), line.values.end(), 0u);
    } else {
      const auto it = std::find_if(dim.groups.begin(), dim.groups.end(),
                                   [&](const GroupInfo& g) { return g.name == name; });
      if (it == dim.groups.end()) {
        std::vector<std::string> known;
        for (const GroupInfo& g : dim.groups) known.push_back(g.name);
        return Usage(flag + ": unknown group '" + name + "' of dimension '" + dim.name + "'" +
                     DidYouMean(name, known));
      }
      line = GroupLine(dim, static_cast<std::size_t>(it - dim.groups.begin()), date);
      if (line.values.empty())
        return Usage(flag + ": group '" + name + "' of dimension '" + dim.name + "' is empty");
    }
    for (std::uint32_t v : line.values) covered[v] = true;
    out.push_back(std::move(line));
  }
  for (std::uint32_t v = 0; v < dim.values.size(); ++v) {
    if (!covered[v]) out.push_back({dim.values[v], {v}, false});
  }
  return out;
}

// Largest groups first whose members' lines are all equal (same_line(a, b)),
// disjoint; the other values keep a line each, in declaration order.
template <class SameLine>
std::vector<MatrixLine> LosslessGroups(const DimensionInfo& dim, SameLine same_line, Date date) {
  std::vector<std::size_t> order(dim.groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return dim.groups[a].MembersOn(date).size() > dim.groups[b].MembersOn(date).size();
  });
  std::vector<bool> covered(dim.values.size(), false);
  std::vector<MatrixLine> out;
  for (std::size_t g : order) {
    const auto& members = dim.groups[g].MembersOn(date);
    if (members.size() < 2) break;
    const bool usable = std::all_of(members.begin(), members.end(), [&](std::uint32_t m) {
      return !covered[m] && same_line(members.front(), m);
    });
    if (!usable) continue;
    for (std::uint32_t m : members) covered[m] = true;
    out.push_back(GroupLine(dim, g, date));
  }
  for (std::uint32_t v = 0; v < dim.values.size(); ++v) {
    if (!covered[v]) out.push_back({dim.values[v], {v}, false});
  }
  return out;
}

}  // namespace

std::string_view ToString(MatrixCell cell) {
  switch (cell) {
    case MatrixCell::kAllow:
      return "allow";
    case MatrixCell::kDeny:
      return "deny";
    case MatrixCell::kMixed:
      return "mixed";
  }
  return "mixed";
}

Result<Matrix> BuildMatrix(const Policy& policy, const MatrixOptions& o) {
  auto rows = FindDim(policy, "--rows", o.rows);
  if (!rows) return rows.error();
  auto cols = FindDim(policy, "--cols", o.cols);
  if (!cols) return cols.error();
  if (*rows == *cols) return Usage("--rows and --cols both name dimension '" + o.rows + "'");
  auto fixed = FixedValues(policy, o, *rows, *cols);
  if (!fixed) return fixed.error();
  const DimensionInfo& row_dim = policy.dimensions()[*rows];
  const DimensionInfo& col_dim = policy.dimensions()[*cols];

  // Every (row value, column value) decided once.
  const std::size_t nr = row_dim.values.size();
  const std::size_t nc = col_dim.values.size();
  std::vector<Effect> raw(nr * nc);
  Query query{*fixed, o.date, ""};
  for (std::uint32_t r = 0; r < nr; ++r) {
    for (std::uint32_t c = 0; c < nc; ++c) {
      query.values[*rows] = r;
      query.values[*cols] = c;
      raw[r * nc + c] = policy.Decide(query).effect;
    }
  }
  const auto same_row = [&](std::uint32_t a, std::uint32_t b) {
    return std::equal(raw.begin() + a * nc, raw.begin() + (a + 1) * nc, raw.begin() + b * nc);
  };
  const auto same_col = [&](std::uint32_t a, std::uint32_t b) {
    for (std::size_t r = 0; r < nr; ++r) {
      if (raw[r * nc + a] != raw[r * nc + b]) return false;
    }
    return true;
  };

  Matrix m;
  m.policy = policy.name();
  m.digest = policy.digest();
  m.date = o.date;
  m.rows.dimension = row_dim.name;
  m.cols.dimension = col_dim.name;
  const auto lines = [&](const DimensionInfo& dim, FoldMode mode, const std::vector<std::string>& groups,
                         const std::string& flag, auto same) -> Result<std::vector<MatrixLine>> {
    if (mode == FoldMode::kGroups) return NamedGroups(dim, groups, flag, o.date);
    if (mode == FoldMode::kLossless) return LosslessGroups(dim, same, o.date);
    return ValueLines(dim);
  };
  auto row_lines = lines(row_dim, o.fold_rows, o.row_groups, "--fold-rows", same_row);
  if (!row_lines) return row_lines.error();
  auto col_lines = lines(col_dim, o.fold_cols, o.col_groups, "--fold-cols", same_col);
  if (!col_lines) return col_lines.error();
  m.rows.lines = std::move(*row_lines);
  m.cols.lines = std::move(*col_lines);
  for (std::size_t d = 0; d < policy.dimensions().size(); ++d) {
    if (d == *rows || d == *cols) continue;
    m.fixed.emplace_back(policy.dimensions()[d].name, policy.dimensions()[d].values[(*fixed)[d]]);
  }
  for (const MatrixLine& row : m.rows.lines) {
    for (const MatrixLine& col : m.cols.lines) {
      const Effect first = raw[row.values.front() * nc + col.values.front()];
      bool uniform = true;
      for (std::uint32_t r : row.values) {
        for (std::uint32_t c : col.values) uniform = uniform && raw[r * nc + c] == first;
      }
      m.cells.push_back(!uniform                  ? MatrixCell::kMixed
                        : first == Effect::kAllow ? MatrixCell::kAllow
                                                  : MatrixCell::kDeny);
    }
  }
  return m;
}

}  // namespace clearance::analysis
