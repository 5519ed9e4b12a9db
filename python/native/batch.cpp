#include "batch.hpp"

#include <pybind11/stl.h>

#include <algorithm>

#include "convert.hpp"
#include "internal.hpp"
#include "parallel.hpp"

namespace clearance::python {
namespace {

// The lines of `data` as std::getline reads them: split at '\n', the last
// one counted only when not empty.
std::vector<std::string_view> Lines(std::string_view data) {
  std::vector<std::string_view> lines;
  while (!data.empty()) {
    const std::size_t end = data.find('\n');
    lines.push_back(data.substr(0, end));
    data = end == std::string_view::npos ? std::string_view() : data.substr(end + 1);
  }
  return lines;
}

TraceDetail Detail(const std::string& trace) {
  if (trace == "all") return TraceDetail::kAll;
  if (trace == "matching" || trace == "none") return TraceDetail::kMatching;
  throw py::value_error("trace must be 'none', 'matching' or 'all', not '" + trace + "'");
}

// (output bytes, lines, error records) for a slice of a batch input whose
// first line is line `first_line` of the input.
py::tuple RenderBatch(const PolicyHandle& h, const py::bytes& data, std::size_t first_line,
                      const std::string& format, const std::vector<std::string>& csv_header, py::handle date,
                      const std::string& trace, unsigned threads) {
  if (format != "jsonl" && format != "csv")
    throw py::value_error("format must be 'jsonl' or 'csv', not '" + format + "'");
  const internal::BatchRenderer renderer(h.policy, format == "csv", csv_header, AsOfDate(date), Detail(trace),
                                         trace != "none");
  char* bytes = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_AsStringAndSize(data.ptr(), &bytes, &size) != 0) throw py::error_already_set();
  const std::string_view text(bytes, static_cast<std::size_t>(size));
  const std::vector<std::string_view> lines = Lines(text);
  std::vector<std::string> out(lines.size());
  std::vector<char> failed(lines.size(), 0);
  Split(lines.size(), Threads(threads, lines.size()), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      bool bad = false;
      out[i] = renderer.Render(first_line + i, lines[i], bad);
      failed[i] = bad;
    }
  });
  std::string joined;
  std::size_t total = 0;
  for (const std::string& line : out) total += line.size() + 1;
  joined.reserve(total);
  for (const std::string& line : out) joined.append(line).push_back('\n');
  const auto errors = static_cast<std::size_t>(std::count(failed.begin(), failed.end(), 1));
  return py::make_tuple(py::bytes(joined), lines.size(), errors);
}

}  // namespace

void BindBatch(py::module_& m) {
  m.def("_render_batch", &RenderBatch, py::arg("policy"), py::arg("data"), py::arg("first_line"),
        py::arg("format"), py::arg("csv_header"), py::arg("date"), py::arg("trace"), py::arg("threads") = 1,
        "The output of `clearance batch` for lines of its input, byte for byte.");
  m.def(
      "_csv_output_header",
      [](const PolicyHandle& h) {
        return internal::BatchRenderer(h.policy, true, {}, Date(), TraceDetail::kMatching, true).CsvHeader();
      },
      "The header line of `clearance batch --format csv` output, without the newline.");
  m.def(
      "_split_csv_line", [](const std::string& line) { return internal::SplitCsvLine(line); },
      "The fields of a CSV line, or None when its quoting is malformed.");
}

}  // namespace clearance::python
