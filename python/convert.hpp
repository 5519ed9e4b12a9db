// Conversions between the library's values and Python objects, and the
// module's exceptions (PolicyError, QueryError).
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "clearance/date.hpp"
#include "clearance/diagnostic.hpp"
#include "report/decision_json.hpp"

namespace clearance::python {

namespace py = pybind11;

// Thrown by the bindings, turned into the Python exceptions by the
// translator that RegisterExceptions installs.
struct PolicyFailure {
  Error error;
};
struct QueryFailure {
  std::string message;
};

// Creates clearance.Error, clearance.PolicyError (subclass of Error) and
// clearance.QueryError (subclass of Error and ValueError) in `module`.
void RegisterExceptions(py::module_& module);

// JSON objects keep their key order as dicts.
py::object ToPython(const report::OrderedJson& json);

// The as-of date argument: None (today, UTC), "YYYY-MM-DD", or a
// datetime.date. A bad string raises QueryError; another type, TypeError.
Date AsOfDate(const py::object& date);

}  // namespace clearance::python
