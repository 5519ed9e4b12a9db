// The native part of the Python package `clearance` (docs/python.md), imported
// as clearance._clearance; python/clearance/*.py builds the public face on it.
//
//   import clearance
//   p = clearance.load("rules/frontier-2026/base.yaml")
//   d = p.decide({"model": "fable-5", "country": "DE", "use": "research"}, date="2027-01-15")
//   d.effect, d.allowed, d.decisive, d.trace, d.policy_digest, d["effect"]
//
// A Policy is immutable; its methods may be called from several Python
// threads, and they release the GIL while the library works.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "batch.hpp"
#include "clearance/diff.hpp"
#include "clearance/json.hpp"
#include "clearance/lint.hpp"
#include "clearance/policy.hpp"
#include "clearance/testing.hpp"
#include "clearance/version.hpp"
#include "convert.hpp"
#include "decision.hpp"
#include "handle.hpp"
#include "clearance/matrix.hpp"
#include "clearance/report.hpp"
#include "clearance/snapshot.hpp"

namespace clearance::python {
namespace {

std::string OptionalPath(py::handle path, std::string_view what) {
  return path.is_none() ? std::string() : PathArgument(path, what);
}

std::string Text(py::handle text, std::string_view what) {
  if (!py::isinstance<py::str>(text))
    throw py::type_error(std::string(what) + " must be a str, not " + TypeName(text));
  return text.cast<std::string>();
}

py::object OptionalDate(const std::optional<Date>& date) {
  return date ? py::object(py::str(date->ToString())) : py::object(py::none());
}

std::string Where(const SourceLocation& where) { return where.file + ":" + std::to_string(where.line); }

// [(name, values, [(group, members, source)], default, like)], for _types.py.
py::list DimensionsRaw(const PolicyHandle& h) {
  py::list out;
  for (const DimensionInfo& d : h.policy.dimensions()) {
    py::list groups;
    for (const GroupInfo& g : d.groups) {
      std::vector<std::string> members;
      for (std::uint32_t v : g.members) members.push_back(d.values[v]);
      groups.append(py::make_tuple(g.name, members, Where(g.where)));
    }
    py::object fallback =
        d.default_value ? py::object(py::str(d.values[*d.default_value])) : py::object(py::none());
    out.append(py::make_tuple(d.name, d.values, groups, fallback,
                              d.like.empty() ? py::object(py::none()) : py::str(d.like)));
  }
  return out;
}

py::list RulesRaw(const PolicyHandle& h) {
  py::list out;
  const auto& rules = h.policy.rules();
  for (const RuleInfo& r : rules) {
    std::vector<std::string> overrides;
    for (std::uint32_t o : r.overrides) overrides.push_back(rules[o].id);
    py::dict item;
    item["id"] = r.id;
    item["effect"] = ToString(r.effect);
    item["when"] = r.when;
    item["overrides"] = overrides;
    item["effective"] = OptionalDate(r.effective);
    item["expires"] = OptionalDate(r.expires);
    item["because"] = r.because;
    item["cite"] = r.cite;
    item["outcome"] = r.outcome;
    item["obligations"] = r.obligations;
    item["tags"] = r.tags;
    item["source"] = Where(r.where);
    out.append(std::move(item));
  }
  return out;
}

std::string LintJson(const PolicyHandle& h, py::handle date) {
  LintOptions options;
  options.as_of = AsOfDate(date);
  std::vector<Diagnostic> found;
  {
    py::gil_scoped_release unlocked;
    found = Lint(h.policy, options);
  }
  return LintToJson(found);
}

// As `clearance lint PATH`: load errors come back as diagnostics.
std::string LintFileJson(py::handle path_arg, py::handle date) {
  const std::string path = PathArgument(path_arg, "path");
  LintOptions options;
  options.as_of = AsOfDate(date);
  Result<std::vector<Diagnostic>> found = [&] {
    py::gil_scoped_release unlocked;
    return LintPolicyFile(path, options);
  }();
  if (!found) throw PolicyFailure{found.error()};
  return LintToJson(*found);
}

std::string DiffJson(py::handle old_arg, py::handle new_arg, py::handle date, const std::string& by,
                     bool all_dates) {
  if (!py::isinstance<PolicyHandle>(old_arg) || !py::isinstance<PolicyHandle>(new_arg)) {
    throw py::type_error("diff compares two clearance.Policy objects, not " + TypeName(old_arg) + " and " +
                         TypeName(new_arg));
  }
  DiffOptions options;
  options.date = AsOfDate(date);
  options.all_dates = all_dates;
  if (by == "decisive") {
    options.by = DiffBy::kDecisive;
  } else if (by == "outcome") {
    options.by = DiffBy::kOutcome;
  } else if (by == "effect") {
    options.by = DiffBy::kEffect;
  } else {
    throw py::value_error("by must be 'effect', 'outcome' or 'decisive', not '" + by + "'");
  }
  const Policy& old_policy = old_arg.cast<const PolicyHandle&>().policy;
  const Policy& new_policy = new_arg.cast<const PolicyHandle&>().policy;
  Result<DiffReport> report = [&] {
    py::gil_scoped_release unlocked;
    return Diff(old_policy, new_policy, options);
  }();
  if (!report) throw PolicyFailure{report.error()};
  return DiffToJson(*report);
}

FoldMode Fold(const std::string& mode) {
  if (mode == "none") return FoldMode::kNone;
  if (mode == "groups") return FoldMode::kGroups;
  if (mode == "lossless") return FoldMode::kLossless;
  throw py::value_error("fold must be 'none', 'groups' or 'lossless', not '" + mode + "'");
}

void AxisInto(const MatrixAxis& axis, py::dict& out, const char* labels, const char* groups) {
  std::vector<std::string> names;
  std::vector<bool> is_group;
  for (const MatrixLine& line : axis.lines) {
    names.push_back(line.label);
    is_group.push_back(line.group);
  }
  out[labels] = names;
  out[groups] = is_group;
}

py::dict MatrixRaw(const PolicyHandle& h, const std::string& rows, const std::string& cols,
                   const std::vector<std::pair<std::string, std::string>>& where, py::handle date,
                   const std::string& fold_rows, const std::string& fold_cols) {
  MatrixOptions options;
  options.rows = rows;
  options.cols = cols;
  options.where = where;
  options.date = AsOfDate(date);
  options.fold_rows = Fold(fold_rows);
  options.fold_cols = Fold(fold_cols);
  Result<Matrix> matrix = [&] {
    py::gil_scoped_release unlocked;
    return BuildMatrix(h.policy, options);
  }();
  if (!matrix) throw QueryFailure{matrix.error().diagnostics().front().message};
  py::dict out;
  out["rows"] = matrix->rows.dimension;
  out["cols"] = matrix->cols.dimension;
  AxisInto(matrix->rows, out, "row_labels", "row_is_group");
  AxisInto(matrix->cols, out, "col_labels", "col_is_group");
  out["fixed"] = matrix->fixed;
  std::vector<std::string> cells;
  for (MatrixCell cell : matrix->cells) cells.emplace_back(ToString(cell));
  out["cells"] = cells;
  out["date"] = options.date.ToString();
  return out;
}

py::dict FailureDict(const TestFailure& f) {
  py::dict query;
  for (const auto& [dim, value] : f.query) query[py::str(dim)] = value;
  py::dict out;
  out["file"] = f.where.file;
  out["line"] = f.where.line;
  out["col"] = f.where.col;
  out["case"] = f.case_name;
  out["query"] = std::move(query);
  out["date"] = f.date.ToString();
  out["expected"] = std::string(ToString(f.expected));
  out["expected_decisive"] = f.expected_decisive ? py::cast(*f.expected_decisive) : py::none();
  out["actual"] = std::string(ToString(f.actual));
  out["actual_decisive"] = f.actual_decisive;
  out["message"] = f.ToString();
  return out;
}

py::dict ReportDict(const TestReport& report) {
  py::list failures;
  for (const TestFileResult& file : report.files) {
    for (const TestCaseResult& c : file.cases) {
      for (const TestFailure& f : c.failures) failures.append(FailureDict(f));
    }
  }
  py::list coverage;
  for (const PolicyCoverage& p : report.coverage) {
    py::dict item;
    item["policy"] = p.policy;
    item["name"] = p.name;
    item["rules"] = p.rules;
    item["uncovered"] = p.uncovered;
    coverage.append(std::move(item));
  }
  py::dict out;
  out["passed"] = report.passed;
  out["failed"] = report.failed;
  out["failures"] = std::move(failures);
  out["coverage"] = std::move(coverage);
  return out;
}

// `paths`: one path, or an iterable of them.
py::dict RunTests(py::handle paths_arg, py::handle date) {
  std::vector<std::string> paths;
  if (py::isinstance<py::str>(paths_arg) || py::hasattr(paths_arg, "__fspath__")) {
    paths.push_back(PathArgument(paths_arg, "paths"));
  } else if (py::hasattr(paths_arg, "__iter__")) {
    for (py::handle p : paths_arg) paths.push_back(PathArgument(p, "each of paths"));
  } else {
    throw py::type_error("paths must be a path or an iterable of paths, not " + TypeName(paths_arg));
  }
  TestOptions options;
  if (!date.is_none()) options.as_of = AsOfDate(date);
  Result<TestReport> report = [&] {
    py::gil_scoped_release unlocked;
    return RunTestFiles(paths, options);
  }();
  if (!report) throw PolicyFailure{report.error()};
  return ReportDict(*report);
}

// Pickled as the texts of its files, or (read from a snapshot) as an
// unsigned snapshot: a worker never reads a path and never needs a key.
py::tuple PolicyState(const PolicyHandle& h) {
  if (h.compiled) return py::make_tuple(2, h.sources->root, py::bytes(SaveCompiledToString(h.policy)));
  py::list located;
  for (const auto& [key, name] : h.sources->located)
    located.append(py::make_tuple(key.first, key.second, name));
  return py::make_tuple(1, h.sources->root, located, h.sources->files);
}

PolicyHandle PolicyFromState(const py::tuple& state) {
  if (state.size() == 3 && state[0].cast<int>() == 2) {
    return LoadCompiledBytes(state[2].cast<std::string>(), state[1].cast<std::string>());
  }
  if (state.size() != 4 || state[0].cast<int>() != 1)
    throw py::value_error("not a pickled clearance.Policy (version 1 or 2)");
  Sources sources;
  sources.root = state[1].cast<std::string>();
  for (py::handle item : state[2]) {
    auto [from, path, name] = item.cast<std::tuple<std::string, std::string, std::string>>();
    sources.located.push_back({{from, path}, name});
  }
  sources.files = state[3].cast<std::vector<std::pair<std::string, std::string>>>();
  return LoadFromSources(std::move(sources));
}

void BindPolicy(py::module_& m) {
  py::class_<PolicyHandle>(m, "Policy",
                           "A loaded, immutable policy; make one with load() or loads(). Equal (and hashing "
                           "equal) to another with the same digest. Pickled as the text of its files, so an "
                           "unpickled policy never reads a path.")
      .def_property_readonly(
          "name", [](const PolicyHandle& h) { return h.policy.name(); },
          "The policy's name (its `policy:` key).")
      .def_property_readonly(
          "digest", [](const PolicyHandle& h) { return h.policy.digest(); },
          "\"sha256:...\", a hash of the policy's meaning.")
      .def_property_readonly(
          "description", [](const PolicyHandle& h) { return h.policy.description(); },
          "The policy's description, or ''.")
      .def_property_readonly(
          "files",
          [](const PolicyHandle& h) {
            std::vector<std::string> names;
            for (const auto& file : h.sources->files) names.push_back(file.first);
            return py::tuple(py::cast(names));
          },
          "The names of the files it was loaded from, root first.")
      .def("decide", &DecideOne, py::arg("query") = py::none(), py::pos_only(), py::kw_only(),
           py::arg("date") = py::none(), py::arg("explain") = false, py::arg("alternatives") = false,
           "decide(query=None, /, *, date=None, explain=False, alternatives=False, **dims) -> Decision\n\n"
           "Decides one query: a mapping {dimension: value, 'date'?: ..., 'id'?: ...} and/or dimensions as "
           "keywords. Dimensions left out take their default. `date` is the as-of date when the query names "
           "none (None: today, UTC; 'YYYY-MM-DD' or a datetime.date). explain=True records every rule in the "
           "trace; alternatives=True adds 'alternatives' to the JSON (what would have to differ for the other "
           "effect, as `clearance check --alternatives`). Raises QueryError (a ValueError) for unknown names, a group as a value, a missing "
           "dimension, a bad date; TypeError for a query that is not a mapping or a key that is not a str.")
      .def(
          "save_compiled",
          [](const PolicyHandle& h, py::handle path, py::handle key) {
            const std::string file = PathArgument(path, "path");
            const std::string secret = key.is_none() ? std::string() : Text(key, "key");
            Result<SnapshotInfo> info = [&] {
              py::gil_scoped_release unlocked;
              return SaveCompiled(h.policy, file, {secret});
            }();
            if (!info) throw PolicyFailure{info.error()};
            py::list sources;
            for (const SnapshotSource& s : info->sources) sources.append(py::make_tuple(s.name, s.sha256));
            py::dict out;
            out["bytes"] = info->bytes;
            out["format_version"] = info->format_version;
            out["digest"] = info->digest;
            out["signed"] = info->keyed;
            out["sources"] = sources;
            return out;
          },
          py::arg("path"), py::kw_only(), py::arg("key") = py::none(),
          "save_compiled(path, *, key=None) -> dict\n\n"
          "Writes the policy as a compiled snapshot (what `clearance compile` writes), which load_compiled() "
          "reads back in milliseconds; signed with `key` (str) when given. Returns bytes, format_version, "
          "digest, signed and sources ((name, sha256) pairs). Raises PolicyError when the file cannot be "
          "written.")
      .def("_decide_mappings", &DecideMappings)
      .def("_decide_columns", &DecideColumns)
      .def("_dimensions_raw", &DimensionsRaw)
      .def("_rules_raw", &RulesRaw)
      .def("_lint_json", &LintJson)
      .def("_matrix_raw", &MatrixRaw)
      .def("__eq__",
           [](const PolicyHandle& h, py::handle other) -> py::object {
             if (!py::isinstance<PolicyHandle>(other))
               return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             return py::bool_(h.policy.digest() == other.cast<const PolicyHandle&>().policy.digest());
           })
      .def("__hash__", [](const PolicyHandle& h) { return py::hash(py::str(h.policy.digest())); })
      .def("__repr__",
           [](const PolicyHandle& h) {
             return "<clearance.Policy '" + h.policy.name() + "' " + h.policy.digest().substr(0, 19) +
                    "... from '" + h.sources->root + "'>";
           })
      .def(py::pickle(&PolicyState, &PolicyFromState));
}

}  // namespace
}  // namespace clearance::python

PYBIND11_MODULE(_clearance, m) {
  using namespace clearance;
  using namespace clearance::python;
  m.doc() = "The native part of clearance; use the package `clearance`.";
  m.attr("__version__") = std::string(LibraryVersion());
  RegisterExceptions(m);
  BindPolicy(m);
  BindDecision(m);
  BindBatch(m);
  m.def(
      "load",
      [](py::handle path, py::handle root, bool allow_absolute) {
        return LoadFromFiles(PathArgument(path, "path"), OptionalPath(root, "root"), allow_absolute);
      },
      py::arg("path"), py::kw_only(), py::arg("root") = py::none(), py::arg("allow_absolute") = false);
  m.def("_is_snapshot_file", [](py::handle path) { return IsSnapshotFile(PathArgument(path, "path")); });
  m.def(
      "load_compiled",
      [](py::handle path, py::handle key) {
        return LoadCompiledFile(PathArgument(path, "path"), key.is_none() ? std::string() : Text(key, "key"));
      },
      py::arg("path"), py::kw_only(), py::arg("key") = py::none());
  m.def(
      "loads",
      [](py::handle text, py::handle name) { return LoadFromText(Text(text, "text"), Text(name, "name")); },
      py::arg("text"), py::arg("name") = "<string>");
  // Pickles and reprs name the package, where these classes are found.
  for (const char* name : {"Policy", "Decision", "TraceEntry"}) m.attr(name).attr("__module__") = "clearance";
  m.def("_diff_json", &DiffJson);
  m.def("_lint_file_json", &LintFileJson);
  m.def("_run_tests", &RunTests);
}
