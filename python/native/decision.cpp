#include "decision.hpp"

#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "clearance/diagnostic.hpp"
#include "clearance/json.hpp"
#include "convert.hpp"
#include "parallel.hpp"

namespace clearance::python {
namespace {

// A module attribute kept for the life of the process (never released: the
// interpreter may be gone when static destructors run).
PyObject* Leaked(const char* module, const char* name) {
  return py::object(py::module_::import(module).attr(name)).release().ptr();
}

std::string_view Utf8(py::handle text) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (!data) throw py::error_already_set();
  return {data, static_cast<std::size_t>(size)};
}

py::tuple Strings(const std::vector<std::string>& items) {
  py::tuple out(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) out[i] = py::str(items[i]);
  return out;
}

// The library's own message for a query that failed in the fast path:
// `repro` is the smallest set of assignments that fails the same way.
[[noreturn]] void Fail(const PolicyHandle& h, const Assignments& repro, std::string dimension,
                       py::object value, std::vector<std::string> suggestions) {
  Result<Query> query = h.policy.MakeQuery(repro, Date());
  QueryFailure failure{query ? std::string("bad query") : query.error().diagnostics().front().message};
  failure.dimension = std::move(dimension);
  failure.value = std::move(value);
  failure.suggestions = std::move(suggestions);
  throw failure;
}

// As Policy::MakeQuery says it.
[[noreturn]] void FailMissing(const std::string& dimension) {
  QueryFailure failure{"missing a value for dimension '" + dimension + "'"};
  failure.dimension = dimension;
  throw failure;
}

std::vector<std::string> DimensionNames(const Policy& policy) {
  std::vector<std::string> names;
  for (const DimensionInfo& d : policy.dimensions()) names.push_back(d.name);
  return names;
}

// Builds a Query from name -> value pairs, resolving names in the binding.
class QueryBuilder {
 public:
  explicit QueryBuilder(const PolicyHandle& h) : h_(h) {
    query_.values.assign(h.policy.dimensions().size(), kUnset);
  }

  void Add(py::handle key, py::handle value) {
    if (!PyUnicode_Check(key.ptr())) {
      throw py::type_error("query keys must be str (dimension names, 'date' or 'id'), not " + TypeName(key));
    }
    const std::string_view name = Utf8(key);
    if (name == "date") {
      date_ = value;
      return;
    }
    if (name == "id") {
      id_ = value;
      return;
    }
    const auto d = h_.policy.FindDimension(name);
    if (!d)
      Fail(h_, {{std::string(name), ""}}, std::string(name), py::none(),
           ClosestNames(name, DimensionNames(h_.policy)));
    if (!PyUnicode_Check(value.ptr())) {
      QueryFailure failure{"the value of '" + std::string(name) + "' must be a string, not " +
                           TypeName(value)};
      failure.dimension = std::string(name);
      failure.value = py::reinterpret_borrow<py::object>(value);
      throw failure;
    }
    const std::string_view text = Utf8(value);
    const auto v = h_.policy.FindValue(*d, text);
    if (!v) {
      Fail(h_, {{std::string(name), std::string(text)}}, std::string(name), py::str(value),
           ClosestNames(text, h_.policy.dimensions()[*d].values));
    }
    if (query_.values[*d] != kUnset) {
      Fail(h_, {{std::string(name), std::string(text)}, {std::string(name), std::string(text)}},
           std::string(name), py::str(value), {});
    }
    query_.values[*d] = *v;
  }

  void AddMapping(py::handle mapping) {
    if (PyDict_Check(mapping.ptr())) {
      PyObject* key = nullptr;
      PyObject* value = nullptr;
      Py_ssize_t pos = 0;
      while (PyDict_Next(mapping.ptr(), &pos, &key, &value)) Add(key, value);
      return;
    }
    static PyObject* mapping_type = Leaked("collections.abc", "Mapping");
    if (PyObject_IsInstance(mapping.ptr(), mapping_type) != 1) {
      throw py::type_error("a query must be a mapping of dimension names to values, not " +
                           TypeName(mapping));
    }
    for (py::handle item : mapping.attr("items")()) {
      py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
      Add(pair[0], pair[1]);
    }
  }

  // Fills defaults and the date; `as_of` is the date argument's.
  Query Finish(Date as_of) {
    const auto& dims = h_.policy.dimensions();
    for (std::size_t d = 0; d < dims.size(); ++d) {
      if (query_.values[d] != kUnset) continue;
      if (!dims[d].default_value) FailMissing(dims[d].name);
      query_.values[d] = *dims[d].default_value;
    }
    query_.date = date_.ptr() && !date_.is_none() ? AsOfDate(date_, "the query's date") : as_of;
    return std::move(query_);
  }

  // The id as JSON text ("" when none), checked now so that a bad id fails
  // the call that gave it.
  std::pair<py::object, std::string> Id() const {
    if (!id_.ptr() || id_.is_none()) return {py::none(), ""};
    static PyObject* dumps = Leaked("json", "dumps");
    py::object text = py::reinterpret_borrow<py::object>(dumps)(id_, py::arg("ensure_ascii") = false,
                                                                py::arg("allow_nan") = false);
    return {py::reinterpret_borrow<py::object>(id_), text.cast<std::string>()};
  }

 private:
  static constexpr std::uint32_t kUnset = UINT32_MAX;
  const PolicyHandle& h_;
  Query query_;
  py::handle date_;
  py::handle id_;
};

struct TraceView {
  TraceEntry entry;
  py::tuple why;
};

// `why` is read from the decision JSON (docs/cli.md), as every other member.
py::list TraceEntries(DecisionObject& d) {
  py::list out;
  if (d.level == TraceLevel::kNone) return out;
  const py::list json_trace = d.Dict()["trace"];
  const auto& trace = d.Full().trace;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const py::dict json_entry = json_trace[i];
    py::tuple why = json_entry.contains("why") ? py::tuple(json_entry["why"]) : py::tuple();
    out.append(py::cast(TraceView{trace[i], std::move(why)}));
  }
  return out;
}

}  // namespace

TraceLevel ParseTraceLevel(const std::string& text) {
  if (text == "none") return TraceLevel::kNone;
  if (text == "matching") return TraceLevel::kMatching;
  if (text == "all") return TraceLevel::kAll;
  throw py::value_error("trace must be 'none', 'matching' or 'all', not '" + text + "'");
}

const Decision& DecisionObject::Full() {
  if (!full)
    full = policy.Explain(query, level == TraceLevel::kAll ? TraceDetail::kAll : TraceDetail::kMatching);
  return *full;
}

std::string DecisionObject::Json() {
  return DecisionToBatchLine(policy, query, Full(), level != TraceLevel::kNone, id_json, alternatives);
}

py::object DecisionObject::Dict() {
  if (!dict) {
    static PyObject* loads = Leaked("json", "loads");
    dict = py::reinterpret_borrow<py::object>(loads)(Json());
  }
  return dict;
}

py::object DecideOne(const PolicyHandle& self, py::handle query, py::handle date, bool explain, bool alternatives,
                     const py::kwargs& dims) {
  QueryBuilder builder(self);
  if (!query.is_none()) builder.AddMapping(query);
  for (auto [key, value] : dims) builder.Add(key, value);
  DecisionObject d{
      self.policy, builder.Finish(AsOfDate(date)), {}, explain ? TraceLevel::kAll : TraceLevel::kMatching};
  std::tie(d.id, d.id_json) = builder.Id();
  d.alternatives = alternatives;
  d.verdict = self.policy.Decide(d.query);
  if (explain) d.Full();
  return py::cast(std::move(d));
}

py::list DecideMappings(const PolicyHandle& self, py::handle queries, py::handle date,
                        const std::string& trace, unsigned threads) {
  const TraceLevel level = ParseTraceLevel(trace);
  std::vector<DecisionObject> made;
  const Date as_of = AsOfDate(date);
  if (!py::hasattr(queries, "__iter__") || py::isinstance<py::str>(queries) || PyDict_Check(queries.ptr())) {
    throw py::type_error("queries must be an iterable of mappings, not " + TypeName(queries));
  }
  for (py::handle item : queries) {
    QueryBuilder builder(self);
    try {
      builder.AddMapping(item);
      made.push_back({self.policy, builder.Finish(as_of), {}, level});
    } catch (QueryFailure& failure) {
      failure.message = "queries[" + std::to_string(made.size()) + "]: " + failure.message;
      throw;
    }
    std::tie(made.back().id, made.back().id_json) = builder.Id();
  }
  Split(made.size(), Threads(threads, made.size()), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      made[i].verdict = self.policy.Decide(made[i].query);
      if (level != TraceLevel::kNone) {
        made[i].full = self.policy.Explain(
            made[i].query, level == TraceLevel::kAll ? TraceDetail::kAll : TraceDetail::kMatching);
      }
    }
  });
  py::list out(made.size());
  for (std::size_t i = 0; i < made.size(); ++i) out[i] = py::cast(std::move(made[i]));
  return out;
}

namespace {

// One column's values as value indices, resolving each distinct string
// object once.
std::vector<std::uint32_t> ColumnCodes(const PolicyHandle& h, std::size_t d, py::handle column,
                                       std::size_t n) {
  py::object fast =
      py::reinterpret_steal<py::object>(PySequence_Fast(column.ptr(), "a column must be a sequence"));
  if (!fast) throw py::type_error("a column must be a sequence of str, not " + TypeName(column));
  const std::string& name = h.policy.dimensions()[d].name;
  if (static_cast<std::size_t>(PySequence_Fast_GET_SIZE(fast.ptr())) != n) {
    throw py::value_error("column '" + name + "' has " +
                          std::to_string(PySequence_Fast_GET_SIZE(fast.ptr())) +
                          " values, the first column " + std::to_string(n));
  }
  PyObject** items = PySequence_Fast_ITEMS(fast.ptr());
  std::vector<std::uint32_t> codes(n);
  std::unordered_map<PyObject*, std::uint32_t> seen;
  PyObject* last = nullptr;
  std::uint32_t last_code = 0;
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* item = items[i];
    if (item != last) {
      auto it = seen.find(item);
      if (it == seen.end()) {
        QueryBuilder one(h);
        try {
          one.Add(py::str(name), item);
        } catch (QueryFailure& failure) {
          failure.message = "row " + std::to_string(i) + ": " + failure.message;
          throw;
        }
        it = seen.emplace(item, *h.policy.FindValue(d, Utf8(item))).first;
      }
      last = item;
      last_code = it->second;
    }
    codes[i] = last_code;
  }
  return codes;
}

}  // namespace

py::tuple DecideColumns(const PolicyHandle& self, py::handle names, py::handle columns, py::handle date,
                        unsigned threads) {
  const std::vector<std::string> dim_names = names.cast<std::vector<std::string>>();
  const py::sequence cols = columns.cast<py::sequence>();
  if (dim_names.size() != cols.size()) throw py::value_error("columns and names differ in length");
  const std::size_t n = dim_names.empty() ? 0 : py::len(cols[0]);
  const auto& dims = self.policy.dimensions();
  std::vector<std::vector<std::uint32_t>> codes(dims.size());
  std::vector<Date> dates;
  for (std::size_t c = 0; c < dim_names.size(); ++c) {
    if (dim_names[c] == "date") {
      py::sequence column = cols[c].cast<py::sequence>();
      if (py::len(column) != n)
        throw py::value_error("column 'date' differs in length from the first column");
      dates.reserve(n);
      for (py::handle item : column) dates.push_back(AsOfDate(item, "a date in column 'date'"));
      continue;
    }
    if (dim_names[c] == "id") continue;
    const auto d = self.policy.FindDimension(dim_names[c]);
    if (!d) {
      Fail(self, {{dim_names[c], ""}}, dim_names[c], py::none(),
           ClosestNames(dim_names[c], DimensionNames(self.policy)));
    }
    codes[*d] = ColumnCodes(self, *d, cols[c], n);
  }
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (!codes[d].empty() || n == 0) continue;
    if (!dims[d].default_value) FailMissing(dims[d].name);
    codes[d].assign(n, *dims[d].default_value);
  }
  const Date as_of = AsOfDate(date);
  std::vector<Verdict> verdicts(n);
  Split(n, Threads(threads, n), [&](std::size_t begin, std::size_t end) {
    Query q;
    q.values.resize(dims.size());
    q.date = as_of;
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t d = 0; d < codes.size(); ++d) q.values[d] = codes[d][i];
      if (!dates.empty()) q.date = dates[i];
      verdicts[i] = self.policy.Decide(q);
    }
  });
  py::str allow("allow");
  py::str deny("deny");
  py::list effects(n);
  py::list decisive(n);
  std::map<std::pair<const std::uint32_t*, std::size_t>, py::tuple> rule_sets;
  for (std::size_t i = 0; i < n; ++i) {
    const Verdict& v = verdicts[i];
    effects[i] = v.effect == Effect::kAllow ? allow : deny;
    auto [it, fresh] = rule_sets.try_emplace({v.decisive.data(), v.decisive.size()});
    if (fresh) {
      it->second = py::tuple(v.decisive.size());
      for (std::size_t r = 0; r < v.decisive.size(); ++r)
        it->second[r] = py::str(self.policy.rules()[v.decisive[r]].id);
    }
    decisive[i] = it->second;
  }
  return py::make_tuple(effects, decisive);
}

void BindDecision(py::module_& m) {
  py::class_<TraceView>(m, "TraceEntry",
                        "One rule's part in a decision (a line of the decision JSON's trace).")
      .def_property_readonly(
          "rule", [](const TraceView& t) { return t.entry.rule; }, "The rule's id.")
      .def_property_readonly(
          "effect", [](const TraceView& t) { return ToString(t.entry.effect); },
          "The rule's effect: 'allow' or 'deny'.")
      .def_property_readonly(
          "status", [](const TraceView& t) { return ToString(t.entry.status); },
          "'decisive', 'overridden', 'outvoted', 'not-matched' or 'inactive'.")
      .def_property_readonly(
          "source", [](const TraceView& t) { return t.entry.source; }, "\"FILE:LINE\" of the rule.")
      .def_property_readonly(
          "because", [](const TraceView& t) { return t.entry.because; }, "The rule's `because`, or ''.")
      .def_property_readonly(
          "cite", [](const TraceView& t) { return t.entry.cite; }, "The rule's `cite`, or ''.")
      .def_property_readonly(
          "overridden_by", [](const TraceView& t) { return Strings(t.entry.overridden_by); },
          "For 'overridden': the matching rules that beat it.")
      .def_property_readonly(
          "detail", [](const TraceView& t) { return t.entry.detail; },
          "For 'not-matched': the failing test; for 'inactive': the date bound; else ''.")
      .def_property_readonly(
          "why", [](const TraceView& t) { return t.why; },
          "The tests of a matching rule's condition that hold for the query, as written "
          "(docs/cli.md); empty for a rule without `when` and for rules that did not match.")
      .def("__repr__", [](const TraceView& t) {
        return "<TraceEntry " + t.entry.rule + " " + std::string(ToString(t.entry.status)) + ">";
      });

  py::class_<DecisionObject>(m, "Decision",
                             "One decision, frozen. Attributes give typed access; d['effect'] and the other "
                             "mapping methods read the decision JSON of docs/cli.md (to_dict()).")
      .def_property_readonly(
          "effect", [](const DecisionObject& d) { return ToString(d.verdict.effect); }, "'allow' or 'deny'.")
      .def_property_readonly(
          "allowed", [](const DecisionObject& d) { return d.verdict.effect == Effect::kAllow; },
          "True when the effect is 'allow'.")
      .def_property_readonly(
          "basis", [](const DecisionObject& d) { return ToString(d.verdict.basis); },
          "'rule' (a rule decided) or 'default' (the policy's default did).")
      .def_property_readonly(
          "decisive",
          [](const DecisionObject& d) {
            py::tuple out(d.verdict.decisive.size());
            for (std::size_t i = 0; i < out.size(); ++i)
              out[i] = py::str(d.policy.rules()[d.verdict.decisive[i]].id);
            return out;
          },
          "The ids of the decisive rules, policy order.")
      .def_property_readonly(
          "outcomes", [](DecisionObject& d) { return Strings(d.Full().outcomes); },
          "The decisive rules' outcomes, once each.")
      .def_property_readonly(
          "obligations", [](DecisionObject& d) { return Strings(d.Full().obligations); },
          "The decisive rules' obligations, once each.")
      .def_property_readonly(
          "trace", [](DecisionObject& d) { return py::tuple(TraceEntries(d)); },
          "The trace, a tuple of TraceEntry: the matching rules, or every rule with "
          "explain=True / trace='all'; empty with trace='none'.")
      .def_property_readonly(
          "query",
          [](const DecisionObject& d) {
            py::dict out;
            const auto& dims = d.policy.dimensions();
            for (std::size_t i = 0; i < dims.size(); ++i)
              out[py::str(dims[i].name)] = dims[i].values[d.query.values[i]];
            out["date"] = d.query.date.ToString();
            return out;
          },
          "The query as decided: every dimension (defaults filled in) and 'date'.")
      .def_property_readonly(
          "id", [](const DecisionObject& d) { return d.id; }, "The query's 'id', or None.")
      .def_property_readonly(
          "policy_digest", [](const DecisionObject& d) { return d.policy.digest(); },
          "The digest of the policy that decided (\"sha256:...\").")
      .def_property_readonly(
          "policy_name", [](const DecisionObject& d) { return d.policy.name(); },
          "The name of the policy that decided.")
      .def("to_json", &DecisionObject::Json,
           "The decision JSON of docs/cli.md on one line, byte for byte as `clearance batch` writes it.")
      .def(
          "to_dict", [](DecisionObject& d) { return d.Dict().attr("copy")(); },
          "The decision JSON of docs/cli.md as a new dict.")
      .def("__getitem__", [](DecisionObject& d, py::handle key) { return d.Dict()[key]; })
      .def("__contains__", [](DecisionObject& d, py::handle key) { return d.Dict().contains(key); })
      .def("__iter__", [](DecisionObject& d) { return d.Dict().attr("__iter__")(); })
      .def("__len__", [](DecisionObject& d) { return py::len(d.Dict()); })
      .def("keys", [](DecisionObject& d) { return d.Dict().attr("keys")(); })
      .def("values", [](DecisionObject& d) { return d.Dict().attr("values")(); })
      .def("items", [](DecisionObject& d) { return d.Dict().attr("items")(); })
      .def(
          "get",
          [](DecisionObject& d, py::handle key, py::handle fallback) {
            return d.Dict().attr("get")(key, fallback);
          },
          py::arg("key"), py::arg("default") = py::none())
      .def("__eq__",
           [](DecisionObject& d, py::handle other) -> py::object {
             if (py::isinstance<DecisionObject>(other)) {
               return py::bool_(d.Dict().equal(other.cast<DecisionObject&>().Dict()));
             }
             if (PyDict_Check(other.ptr())) return py::bool_(d.Dict().equal(other));
             return py::reinterpret_borrow<py::object>(Py_NotImplemented);
           })
      .def("__repr__", [](const DecisionObject& d) {
        std::string rules;
        for (std::uint32_t r : d.verdict.decisive)
          rules += (rules.empty() ? "" : ", ") + d.policy.rules()[r].id;
        return "<Decision " + std::string(ToString(d.verdict.effect)) + " (" +
               (rules.empty() ? std::string("default") : rules) + ") " + d.policy.digest().substr(0, 19) +
               ">";
      });
}

}  // namespace clearance::python
