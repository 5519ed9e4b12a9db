// The module's exceptions and the conversions every binding shares.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>
#include <vector>

#include "clearance/date.hpp"
#include "clearance/diagnostic.hpp"

namespace clearance::python {

namespace py = pybind11;

// Thrown by the bindings, turned into the Python exceptions by the
// translator that RegisterExceptions installs.
struct PolicyFailure {
  Error error;
};
struct QueryFailure {
  std::string message;
  std::string dimension;                 // "" when the error is not about one
  py::object value = py::none();         // the offending value, or None
  std::vector<std::string> suggestions;  // closest known names
};

// Creates clearance.Error, PolicyError (subclass of Error) and QueryError
// (subclass of Error and ValueError) in `module`, and the translator that
// raises them. No C++ exception reaches Python as RuntimeError: a failed
// conversion is a TypeError, anything unexpected a clearance.Error.
void RegisterExceptions(py::module_& module);

// The as-of date argument: None (today, UTC), "YYYY-MM-DD", or a
// datetime.date (a datetime gives its day). A bad string raises QueryError;
// another type, TypeError. `what` names the argument in messages.
Date AsOfDate(py::handle date, std::string_view what = "date");

// os.fspath(path) as UTF-8; TypeError naming `what` unless str or PathLike.
std::string PathArgument(py::handle path, std::string_view what);

// Python's type name of `object`, for messages.
std::string TypeName(py::handle object);

}  // namespace clearance::python
