#include "convert.hpp"

namespace clearance::python {
namespace {

// Owned by the module for the life of the interpreter.
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

void RaiseQueryError(const std::string& message) {
  py::object instance = py::reinterpret_borrow<py::object>(query_error)(message);
  instance.attr("message") = message;
  PyErr_SetObject(query_error, instance.ptr());
}

}  // namespace

void RegisterExceptions(py::module_& module) {
  PyObject* base = PyErr_NewExceptionWithDoc("clearance.Error", "Base of the errors clearance raises.",
                                             PyExc_Exception, nullptr);
  policy_error = PyErr_NewExceptionWithDoc(
      "clearance.PolicyError",
      "A policy or test file failed to load. Attributes: file, line, col, message, code (of the first "
      "error) and diagnostics (all of them, as dicts); str() gives every diagnostic as FILE:LINE:COL lines.",
      base, nullptr);
  py::tuple query_bases = py::make_tuple(py::handle(base), py::handle(PyExc_ValueError));
  query_error = PyErr_NewExceptionWithDoc(
      "clearance.QueryError",
      "A bad query or argument: unknown dimension or value, a group given as a value, a missing "
      "dimension, a bad date, malformed JSON. Attribute: message.",
      query_bases.ptr(), nullptr);
  if (!base || !policy_error || !query_error) throw py::error_already_set();
  module.add_object("Error", py::handle(base));
  module.add_object("PolicyError", py::handle(policy_error));
  module.add_object("QueryError", py::handle(query_error));
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const PolicyFailure& failure) {
      RaisePolicyError(failure.error);
    } catch (const QueryFailure& failure) {
      RaiseQueryError(failure.message);
    }
  });
}

py::object ToPython(const report::OrderedJson& json) {
  using Type = report::OrderedJson::value_t;
  switch (json.type()) {
    case Type::object: {
      py::dict out;
      for (const auto& [key, value] : json.items()) out[py::str(key)] = ToPython(value);
      return out;
    }
    case Type::array: {
      py::list out;
      for (const auto& item : json) out.append(ToPython(item));
      return out;
    }
    case Type::string: return py::str(json.get_ref<const std::string&>());
    case Type::boolean: return py::bool_(json.get<bool>());
    case Type::number_integer: return py::int_(json.get<std::int64_t>());
    case Type::number_unsigned: return py::int_(json.get<std::uint64_t>());
    case Type::number_float: return py::float_(json.get<double>());
    default: return py::none();
  }
}

Date AsOfDate(const py::object& date) {
  if (date.is_none()) return Date::TodayUtc();
  std::string text;
  if (py::isinstance<py::str>(date)) {
    text = date.cast<std::string>();
  } else if (py::hasattr(date, "isoformat") && py::hasattr(date, "toordinal")) {
    text = date.attr("isoformat")().cast<std::string>().substr(0, 10);  // a datetime gives its day
  } else {
    throw py::type_error("date must be None, a 'YYYY-MM-DD' string or a datetime.date");
  }
  auto parsed = Date::Parse(text);
  if (!parsed) throw QueryFailure{"bad date '" + text + "' (expected a calendar date YYYY-MM-DD)"};
  return *parsed;
}

}  // namespace clearance::python
