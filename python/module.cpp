// The Python module `clearance` (README.md "Embedding"; the rule language:
// docs/language.md):
//
//   import clearance
//   p = clearance.load("rules/frontier-2026/base.yaml")
//   d = p.decide({"model": "fable-5", "country": "DE", "use": "research"}, date="2027-01-15")
//   d["effect"], d["decisive"], d["trace"], d["policy"]["digest"]
//   clearance.run_tests(["rules/frontier-2026/base.test.yaml"])
//
// A Policy is immutable; its methods may be called from several Python
// threads, and they release the GIL while the library works.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "clearance/diff.hpp"
#include "clearance/json.hpp"
#include "clearance/lint.hpp"
#include "clearance/policy.hpp"
#include "clearance/report.hpp"
#include "clearance/testing.hpp"
#include "clearance/version.hpp"
#include "convert.hpp"

namespace clearance::python {
namespace {

Policy Loaded(Result<Policy> policy) {
  if (!policy) throw PolicyFailure{policy.error()};
  return std::move(*policy);
}

Policy Load(const std::string& path, const std::string& root, bool allow_absolute) {
  LoadOptions options;
  options.resolver = MakeFileResolver({root, allow_absolute});
  py::gil_scoped_release unlocked;
  return Loaded(LoadPolicy(path, options));
}

// A single-file policy from text: nothing is read from disk.
Policy Loads(const std::string& text, const std::string& name) {
  LoadOptions options;
  options.resolver = MakeMemoryResolver({{name, text}});
  py::gil_scoped_release unlocked;
  return Loaded(LoadPolicyFromString(name, text, options));
}

// The query goes through the batch line format, so that it is checked and
// decided exactly as `clearance batch` and clearance_decide_json do.
py::object Decide(const Policy& policy, const py::dict& query, const py::object& date, bool alternatives) {
  const Date as_of = AsOfDate(date);
  const std::string text = py::module_::import("json").attr("dumps")(query).cast<std::string>();
  Result<std::string> decision = [&] {
    py::gil_scoped_release unlocked;
    return DecideQueryJson(policy, text, as_of, alternatives);
  }();
  if (!decision) throw QueryFailure{decision.error().diagnostics().front().message};
  return FromJson(*decision);
}

py::object LintDict(const Policy& policy, const py::object& date) {
  LintOptions options;
  options.as_of = AsOfDate(date);
  std::vector<Diagnostic> found;
  {
    py::gil_scoped_release unlocked;
    found = Lint(policy, options);
  }
  return FromJson(LintToJson(found));
}

// As `clearance lint PATH`: load errors come back as diagnostics.
py::object LintFile(const std::string& path, const py::object& date) {
  LintOptions options;
  options.as_of = AsOfDate(date);
  Result<std::vector<Diagnostic>> found = [&] {
    py::gil_scoped_release unlocked;
    return LintPolicyFile(path, options);
  }();
  if (!found) throw PolicyFailure{found.error()};
  return FromJson(LintToJson(*found));
}

py::object DiffDict(const Policy& old_policy, const Policy& new_policy, const py::object& date,
                    const std::string& by) {
  DiffOptions options;
  options.date = AsOfDate(date);
  if (by == "decisive") {
    options.by = DiffBy::kDecisive;
  } else if (by == "effect") {
    options.by = DiffBy::kEffect;
  } else if (by != "outcome") {
    throw py::value_error("by must be 'effect', 'outcome' or 'decisive', not '" + by + "'");
  }
  Result<DiffReport> report = [&] {
    py::gil_scoped_release unlocked;
    return Diff(old_policy, new_policy, options);
  }();
  if (!report) throw PolicyFailure{report.error()};
  return FromJson(DiffToJson(*report));
}

py::dict DimensionsDict(const Policy& policy) {
  py::dict out;
  for (const DimensionInfo& d : policy.dimensions()) out[py::str(d.name)] = d.values;
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

// `paths`: a list of paths, or one path.
py::dict RunTests(const py::object& paths_arg, const py::object& date) {
  const std::vector<std::string> paths = py::isinstance<py::str>(paths_arg)
                                             ? std::vector<std::string>{paths_arg.cast<std::string>()}
                                             : paths_arg.cast<std::vector<std::string>>();
  TestOptions options;
  if (!date.is_none()) options.as_of = AsOfDate(date);
  Result<TestReport> report = [&] {
    py::gil_scoped_release unlocked;
    return RunTestFiles(paths, options);
  }();
  if (!report) throw PolicyFailure{report.error()};
  return ReportDict(*report);
}

void BindPolicy(py::module_& m) {
  py::class_<Policy>(m, "Policy", "A loaded, immutable policy. Make one with load() or loads().")
      .def_property_readonly("name", &Policy::name, "The policy's name (its `policy:` key).")
      .def_property_readonly("digest", &Policy::digest, "\"sha256:...\", a hash of the policy's meaning.")
      .def_property_readonly("description", &Policy::description)
      .def_property_readonly("dimensions", &DimensionsDict, "Dimension name -> its values, declaration order.")
      .def_property_readonly(
          "rules", [](const Policy& p) {
            std::vector<std::string> ids;
            for (const RuleInfo& r : p.rules()) ids.push_back(r.id);
            return ids;
          },
          "Rule ids in policy order.")
      .def("decide", &Decide, py::arg("query"), py::arg("date") = py::none(), py::arg("alternatives") = false,
           "Decides a query {dimension: value, 'date'?: 'YYYY-MM-DD', 'id'?: any}; `date` is the as-of date "
           "for a query without its own (default: today, UTC). Returns the decision JSON of `clearance check --format json` as a dict, "
           "with the trace of matching rules (and, with alternatives=True, the 'alternatives' of `check "
           "--alternatives`). Raises QueryError on a bad query.")
      .def("lint", &LintDict, py::arg("date") = py::none(),
           "The lint JSON of `clearance lint --format json` as a dict: {'diagnostics': [...]}; "
           "`date` is the as-of date for "
           "`expired` (default: today, UTC).")
      .def("__repr__", [](const Policy& p) { return "<clearance.Policy '" + p.name() + "' " + p.digest() + ">"; });
}

}  // namespace
}  // namespace clearance::python

PYBIND11_MODULE(clearance, m) {
  using namespace clearance;
  using namespace clearance::python;
  m.doc() =
      "clearance: may this AI model be served in this country for this use? The rule language: "
      "docs/language.md.";
  m.attr("__version__") = std::string(LibraryVersion());
  RegisterExceptions(m);
  BindPolicy(m);
  m.def("load", &Load, py::arg("path"), py::kw_only(), py::arg("root") = "", py::arg("allow_absolute") = false,
        "Loads a policy from its root file. `root` confines every file to that folder; absolute include "
        "paths need allow_absolute. Raises PolicyError (file, line, col, message).");
  m.def("loads", &Loads, py::arg("text"), py::arg("name") = "<string>",
        "Loads a single-file policy from YAML text; `name` stands for its file in messages. Nothing is read "
        "from disk. Raises PolicyError.");
  m.def("diff", &DiffDict, py::arg("old"), py::arg("new"), py::arg("date") = py::none(), py::arg("by") = "outcome",
        "The diff JSON of `clearance diff --format json` as a dict: the queries whose decision differs between two policies, as "
        "regions. `by`: 'effect' or 'decisive'. Raises PolicyError when the policies cannot be compared.");
  m.def("lint_file", &LintFile, py::arg("path"), py::arg("date") = py::none(),
        "As `clearance lint PATH`: the lint JSON as a dict, a policy that fails to load giving its load "
        "errors as diagnostics. Raises PolicyError only when the root file cannot be read.");
  m.def("run_tests", &RunTests, py::arg("paths"), py::arg("date") = py::none(),
        "Runs test files (a folder: every *.test.yaml beneath it). Returns {'passed', 'failed', 'failures', "
        "'coverage'}; counts are expanded queries. Raises PolicyError for a bad test file or policy.");
}
