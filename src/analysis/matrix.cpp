#include "clearance/matrix.hpp"

#include <algorithm>
#include <numeric>

#include "base/source.hpp"

namespace clearance {

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

// The values of `name` a --where names: one value, or a group's members on
// the report's date (`any`: every value).
Result<std::vector<std::uint32_t>> WhereValues(const DimensionInfo& dim, std::size_t d, const Policy& policy,
                                               const std::string& value, Date date) {
  if (const auto v = policy.FindValue(d, value)) return std::vector<std::uint32_t>{*v};
  if (value == "any") {
    std::vector<std::uint32_t> all(dim.values.size());
    std::iota(all.begin(), all.end(), 0u);
    return all;
  }
  for (const GroupInfo& g : dim.groups) {
    if (g.name != value) continue;
    if (g.MembersOn(date).empty()) {
      return Usage("--where: group '" + value + "' of dimension '" + dim.name + "' has no value on " +
                   date.ToString());
    }
    return g.MembersOn(date);
  }
  std::vector<std::string> known = dim.values;
  for (const GroupInfo& g : dim.groups) known.push_back(g.name);
  return Usage("--where: unknown value or group '" + value + "' of dimension '" + dim.name + "'" +
               DidYouMean(value, known));
}

// The values of every dimension but rows and cols: --where (a value or a
// group's members), else the default.
Result<std::vector<std::vector<std::uint32_t>>> FixedValues(const Policy& policy, const MatrixOptions& o,
                                                            std::size_t rows, std::size_t cols) {
  const auto& dims = policy.dimensions();
  std::vector<std::vector<std::uint32_t>> values(dims.size());
  for (const auto& [name, value] : o.where) {
    auto d = FindDim(policy, "--where", name);
    if (!d) return d.error();
    if (*d == rows || *d == cols) {
      return Usage("--where: '" + name + "' is the " + (*d == rows ? "rows" : "columns") + " dimension");
    }
    if (!values[*d].empty()) return Usage("--where: dimension '" + name + "' is given twice");
    auto members = WhereValues(dims[*d], *d, policy, value, o.date);
    if (!members) return members.error();
    values[*d] = std::move(*members);
  }
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (d == rows || d == cols || !values[d].empty()) continue;
    if (!dims[d].default_value) {
      return Usage("dimension '" + dims[d].name +
                   "' is neither --rows nor --cols, has no default, and no --where " + dims[d].name +
                   "=VALUE fixes it");
    }
    values[d] = {*dims[d].default_value};
  }
  return values;
}

// What one (row value, column value) pair decides, over every combination
// of the fixed values: the effects seen and the common text (kOutcome,
// kRule), or mixed.
struct RawCell {
  bool allow = false, deny = false;
  std::string text;
  bool mixed_text = false;

  void Add(Effect effect, std::string cell_text, bool first) {
    (effect == Effect::kAllow ? allow : deny) = true;
    if (first) {
      text = std::move(cell_text);
    } else if (text != cell_text) {
      mixed_text = true;
    }
  }
  bool operator==(const RawCell&) const = default;
};

std::string CellText(const Policy& policy, const Verdict& verdict, MatrixShow show) {
  if (show == MatrixShow::kEffect) return {};
  if (verdict.decisive.empty()) return show == MatrixShow::kRule ? "default" : "none";
  std::vector<std::string> items;
  for (std::uint32_t r : verdict.decisive) {
    const RuleInfo& rule = policy.rules()[r];
    const std::string& item = show == MatrixShow::kRule ? rule.id : rule.outcome;
    if (!item.empty() && std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
  }
  if (items.empty()) return "none";
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : " + ") + item;
  return out;
}

// Decides every (row value, column value) pair under every combination of
// the fixed values (an odometer over the --where groups).
Result<std::vector<RawCell>> DecideAll(const Policy& policy,
                                       const std::vector<std::vector<std::uint32_t>>& fixed, std::size_t rows,
                                       std::size_t cols, const MatrixOptions& o) {
  const std::size_t nr = policy.dimensions()[rows].values.size();
  const std::size_t nc = policy.dimensions()[cols].values.size();
  std::size_t combinations = 1;
  for (std::size_t d = 0; d < fixed.size(); ++d) {
    if (d != rows && d != cols) combinations *= fixed[d].size();
    if (combinations * nr * nc > kMaxMatrixQueries) {
      return Usage("--where: the groups make more than " + std::to_string(kMaxMatrixQueries) +
                   " queries to decide; fix some dimension to a value");
    }
  }
  std::vector<RawCell> raw(nr * nc);
  std::vector<std::size_t> digit(fixed.size(), 0);
  Query query{std::vector<std::uint32_t>(fixed.size(), 0), o.date, ""};
  for (std::size_t k = 0; k < combinations; ++k) {
    for (std::size_t d = 0; d < fixed.size(); ++d) {
      if (d != rows && d != cols) query.values[d] = fixed[d][digit[d]];
    }
    for (std::uint32_t r = 0; r < nr; ++r) {
      for (std::uint32_t c = 0; c < nc; ++c) {
        query.values[rows] = r;
        query.values[cols] = c;
        const Verdict verdict = policy.Decide(query);
        raw[r * nc + c].Add(verdict.effect, CellText(policy, verdict, o.show), k == 0);
      }
    }
    for (std::size_t d = 0; d < fixed.size(); ++d) {  // next combination
      if (d == rows || d == cols) continue;
      if (++digit[d] < fixed[d].size()) break;
      digit[d] = 0;
    }
  }
  return raw;
}

MatrixLine ValueLine(const DimensionInfo& dim, std::uint32_t v) {
  return {dim.values[v], {v}, false, v < dim.value_names.size() ? dim.value_names[v] : std::string()};
}

std::vector<MatrixLine> ValueLines(const DimensionInfo& dim) {
  std::vector<MatrixLine> out;
  for (std::uint32_t v = 0; v < dim.values.size(); ++v) out.push_back(ValueLine(dim, v));
  return out;
}

// Groups are expanded on the report's date (docs/language.md §7).
MatrixLine GroupLine(const DimensionInfo& dim, std::size_t g, Date date) {
  return {dim.groups[g].name, dim.groups[g].MembersOn(date), true, ""};
}

// The named groups, then every value none of them holds.
Result<std::vector<MatrixLine>> NamedGroups(const DimensionInfo& dim, const std::vector<std::string>& names,
                                            const std::string& flag, Date date) {
  std::vector<MatrixLine> out;
  std::vector<bool> covered(dim.values.size(), false);
  for (const std::string& name : names) {
    MatrixLine line;
    if (name == "any") {
      line = {"any", {}, true, ""};
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
    if (!covered[v]) out.push_back(ValueLine(dim, v));
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
    if (!covered[v]) out.push_back(ValueLine(dim, v));
  }
  return out;
}

// The fixed dimensions as the caption shows them: a value (with its
// display name) or the group --where named.
void AddFixed(const Policy& policy, const MatrixOptions& o,
              const std::vector<std::vector<std::uint32_t>>& fixed, std::size_t rows, std::size_t cols,
              Matrix& m) {
  for (std::size_t d = 0; d < policy.dimensions().size(); ++d) {
    if (d == rows || d == cols) continue;
    const DimensionInfo& dim = policy.dimensions()[d];
    const auto where =
        std::find_if(o.where.begin(), o.where.end(), [&](const auto& w) { return w.first == dim.name; });
    if (where != o.where.end() && !policy.FindValue(d, where->second)) {
      m.fixed.emplace_back(dim.name, where->second);  // a group: each member in turn
      const std::size_t n = fixed[d].size();
      m.fixed_names.push_back("group of " + std::to_string(n) + (n == 1 ? " value" : " values"));
      continue;
    }
    const std::uint32_t v = fixed[d].front();
    m.fixed.emplace_back(dim.name, dim.values[v]);
    m.fixed_names.push_back(v < dim.value_names.size() ? dim.value_names[v] : std::string());
  }
}

// One cell of the table: the raw cells its row and column cover, merged.
void AddCell(const std::vector<RawCell>& raw, std::size_t nc, const MatrixLine& row, const MatrixLine& col,
             Matrix& m) {
  RawCell merged;
  bool first = true;
  for (std::uint32_t r : row.values) {
    for (std::uint32_t c : col.values) {
      const RawCell& cell = raw[r * nc + c];
      merged.allow = merged.allow || cell.allow;
      merged.deny = merged.deny || cell.deny;
      merged.mixed_text = merged.mixed_text || cell.mixed_text || (!first && cell.text != merged.text);
      if (first) merged.text = cell.text;
      first = false;
    }
  }
  m.cells.push_back(merged.allow && merged.deny ? MatrixCell::kMixed
                    : merged.allow              ? MatrixCell::kAllow
                                                : MatrixCell::kDeny);
  if (m.show != MatrixShow::kEffect) m.texts.push_back(merged.mixed_text ? "mixed" : merged.text);
}

}  // namespace

std::string_view Matrix::text(std::size_t row, std::size_t col) const {
  if (show == MatrixShow::kEffect || texts.empty()) return ToString(at(row, col));
  return texts[row * cols.lines.size() + col];
}

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

  const std::size_t nc = col_dim.values.size();
  auto decided = DecideAll(policy, *fixed, *rows, *cols, o);
  if (!decided) return decided.error();
  const std::vector<RawCell>& raw = *decided;
  const auto same_row = [&](std::uint32_t a, std::uint32_t b) {
    return std::equal(raw.begin() + a * nc, raw.begin() + (a + 1) * nc, raw.begin() + b * nc);
  };
  const auto same_col = [&](std::uint32_t a, std::uint32_t b) {
    for (std::size_t r = 0; r < row_dim.values.size(); ++r) {
      if (!(raw[r * nc + a] == raw[r * nc + b])) return false;
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
  m.show = o.show;
  AddFixed(policy, o, *fixed, *rows, *cols, m);
  for (const MatrixLine& row : m.rows.lines) {
    for (const MatrixLine& col : m.cols.lines) AddCell(raw, nc, row, col, m);
  }
  return m;
}

}  // namespace clearance
