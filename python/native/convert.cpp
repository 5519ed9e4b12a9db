#include "convert.hpp"

#include <new>

namespace clearance::python {
namespace {

// Owned by the module for the life of the interpreter.
PyObject* base_error = nullptr;
PyObject* policy_error = nullptr;
PyObject* query_error = nullptr;

// "FILE:LINE:COL: error: ..." for every diagnostic, with context lines.
std::string FullText(const Error& error) {
  std::string text = error.ToString();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.empty() ? std::string("error") : text;
}

py::list DiagnosticsList(const Error& error) {
  py::list out;
  for (const Diagnostic& d : error.diagnostics()) {
    py::dict item;
    item["file"] = d.where.file;
    item["line"] = d.where.line;
    item["col"] = d.where.col;
    item["severity"] = d.severity == Severity::kError ? "error" : "warning";
    item["code"] = d.code;
    item["message"] = d.message;
    out.append(std::move(item));
  }
  return out;
}

// Raises PolicyError(full text) with the first diagnostic's position.
void RaisePolicyError(const Error& error) {
  Diagnostic first;
  if (!error.diagnostics().empty()) first = error.diagnostics().front();
  py::object instance = py::reinterpret_borrow<py::object>(policy_error)(FullText(error));
  instance.attr("file") = first.where.file;
  instance.attr("line") = first.where.line;
  instance.attr("col") = first.where.col;
  instance.attr("message") = first.message;
  instance.attr("code") = first.code;
  instance.attr("diagnostics") = DiagnosticsList(error);
  PyErr_SetObject(policy_error, instance.ptr());
}

void RaiseQueryError(const QueryFailure& failure) {
  py::object instance = py::reinterpret_borrow<py::object>(query_error)(failure.message);
  instance.attr("message") = failure.message;
  instance.attr("dimension") =
      failure.dimension.empty() ? py::object(py::none()) : py::str(failure.dimension);
  instance.attr("value") = failure.value;
  py::tuple suggestions(failure.suggestions.size());
  for (std::size_t i = 0; i < failure.suggestions.size(); ++i)
    suggestions[i] = py::str(failure.suggestions[i]);
  instance.attr("suggestions") = suggestions;
  PyErr_SetObject(query_error, instance.ptr());
}

void Translate(std::exception_ptr thrown) {
  try {
    if (thrown) std::rethrow_exception(thrown);
  } catch (const PolicyFailure& failure) {
    RaisePolicyError(failure.error);
  } catch (const QueryFailure& failure) {
    RaiseQueryError(failure);
  } catch (const py::cast_error& e) {
    PyErr_SetString(PyExc_TypeError, e.what());
  } catch (const py::builtin_exception&) {
    throw;  // pybind11's own: TypeError, ValueError, ...
  } catch (const std::bad_alloc&) {
    throw;  // MemoryError
  } catch (const std::exception& e) {
    PyErr_SetString(base_error, (std::string("internal error: ") + e.what()).c_str());
  }
}

}  // namespace

void RegisterExceptions(py::module_& module) {
  base_error = PyErr_NewExceptionWithDoc("clearance.Error", "Base of the errors clearance raises.",
                                         PyExc_Exception, nullptr);
  policy_error = PyErr_NewExceptionWithDoc(
      "clearance.PolicyError",
      "A policy or test file failed to load. Attributes: file, line, col, message, code (of the first "
      "error) and diagnostics (all of them, as dicts); str() gives every diagnostic as FILE:LINE:COL lines.",
      base_error, nullptr);
  py::tuple query_bases = py::make_tuple(py::handle(base_error), py::handle(PyExc_ValueError));
  query_error = PyErr_NewExceptionWithDoc(
      "clearance.QueryError",
      "A bad query or date: unknown dimension or value, a group given as a value, a missing dimension, a "
      "dimension given twice, a bad date, a value that is not a string. Attributes: message, dimension "
      "(or None), value (the offending value, or None), suggestions (a tuple of the closest known names). "
      "A subclass of ValueError.",
      query_bases.ptr(), nullptr);
  if (!base_error || !policy_error || !query_error) throw py::error_already_set();
  module.add_object("Error", py::handle(base_error));
  module.add_object("PolicyError", py::handle(policy_error));
  module.add_object("QueryError", py::handle(query_error));
  py::register_exception_translator(&Translate);
}

std::string TypeName(py::handle object) {
  const std::string_view name = Py_TYPE(object.ptr())->tp_name;  // "clearance._clearance.Policy" for ours
  return std::string(name.substr(name.rfind('.') + 1));
}

Date AsOfDate(py::handle date, std::string_view what) {
  if (date.is_none()) return Date::TodayUtc();
  std::string text;
  if (py::isinstance<py::str>(date)) {
    text = date.cast<std::string>();
  } else if (py::hasattr(date, "isoformat") && py::hasattr(date, "toordinal")) {
    text = date.attr("isoformat")().cast<std::string>().substr(0, 10);  // a datetime gives its day
  } else {
    throw py::type_error(std::string(what) + " must be None, a 'YYYY-MM-DD' string or a datetime.date, not " +
                         TypeName(date));
  }
  auto parsed = Date::Parse(text);
  if (!parsed) {
    QueryFailure failure{"bad date '" + text + "' (expected a calendar date YYYY-MM-DD)"};
    failure.value = py::str(text);
    throw failure;
  }
  return *parsed;
}

std::string PathArgument(py::handle path, std::string_view what) {
  if (!py::isinstance<py::str>(path) && !py::hasattr(path, "__fspath__")) {
    throw py::type_error(std::string(what) + " must be a str or os.PathLike, not " + TypeName(path));
  }
  py::object text = py::module_::import("os").attr("fspath")(path);
  if (!py::isinstance<py::str>(text)) {
    throw py::type_error(std::string(what) + " must name a path as str, not " + TypeName(text));
  }
  return text.cast<std::string>();
}

}  // namespace clearance::python
