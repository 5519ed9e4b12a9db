// Decisions for Python: the fast decide() path from a mapping, the lazy
// Decision object, and decide_many over many queries or columns.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "clearance/policy.hpp"
#include "handle.hpp"

namespace clearance::python {

namespace py = pybind11;

enum class TraceLevel : std::uint8_t { kNone, kMatching, kAll };
// "none", "matching" or "all"; ValueError otherwise.
TraceLevel ParseTraceLevel(const std::string& text);

// One decision. Made with the verdict only; the full decision (outcomes,
// obligations, trace) and the JSON are computed when first asked for, with
// the GIL held, and kept. Frozen: Python sees no setters.
struct DecisionObject {
  Policy policy;
  Query query;
  Verdict verdict;
  TraceLevel level = TraceLevel::kMatching;
  std::string id_json;  // the query's "id" as JSON text, "" when none
  bool alternatives = false;  // the JSON carries "alternatives" (`check --alternatives`)
  py::object id = py::none();
  std::optional<Decision> full;
  py::object dict;  // to_dict(), once made

  const Decision& Full();
  std::string Json();
  py::object Dict();
};

void BindDecision(py::module_& module);

// policy.decide(query=None, /, *, date=None, explain=False, alternatives=False, **dims)
py::object DecideOne(const PolicyHandle& self, py::handle query, py::handle date, bool explain, bool alternatives,
                     const py::kwargs& dims);
// policy._decide_mappings(queries, date, trace, threads) -> list[Decision]
py::list DecideMappings(const PolicyHandle& self, py::handle queries, py::handle date,
                        const std::string& trace, unsigned threads);
// policy._decide_columns(names, columns, date, threads) -> (effects, decisive)
py::tuple DecideColumns(const PolicyHandle& self, py::handle names, py::handle columns, py::handle date,
                        unsigned threads);

}  // namespace clearance::python
