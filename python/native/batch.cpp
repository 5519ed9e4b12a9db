#include "batch.hpp"

#include <pybind11/stl.h>

#include <algorithm>

#include "clearance/batch.hpp"
#include "convert.hpp"
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

BatchOptions Options(const std::string& format, const std::string& trace, Date as_of) {
  if (format != "jsonl" && format != "csv")
    throw py::value_error("format must be 'jsonl' or 'csv', not '" + format + "'");
  if (trace != "none" && trace != "matching" && trace != "all")
    throw py::value_error("trace must be 'none', 'matching' or 'all', not '" + trace + "'");
  return {.format = format == "csv" ? BatchFormat::kCsv : BatchFormat::kJsonl,
          .detail = trace == "all" ? TraceDetail::kAll : TraceDetail::kMatching,
          .trace = trace != "none",
          .as_of = as_of};
}

// A decider for `policy`, having read the CSV input's header line.
BatchDecider Decider(const Policy& policy, const BatchOptions& options, const std::string& csv_header,
                     std::string* output_header = nullptr) {
  BatchDecider decider(policy, options);
  if (options.format == BatchFormat::kCsv) {
    Result<std::string> header = decider.ReadCsvHeader(csv_header);
    if (!header) throw py::value_error(header.error().diagnostics().front().message);
    if (output_header) *output_header = *header;
  }
  return decider;
}

// (output bytes, lines, error records) for a slice of a batch input whose
// first line is line `first_line` of the input.
py::tuple RenderBatch(const PolicyHandle& h, const py::bytes& data, std::size_t first_line,
                      const std::string& format, const std::string& csv_header, py::handle date,
                      const std::string& trace, unsigned threads) {
  const BatchDecider decider = Decider(h.policy, Options(format, trace, AsOfDate(date)), csv_header);
  char* bytes = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_AsStringAndSize(data.ptr(), &bytes, &size) != 0) throw py::error_already_set();
  const std::string_view text(bytes, static_cast<std::size_t>(size));
  const std::vector<std::string_view> lines = Lines(text);
  std::vector<std::string> out(lines.size());
  std::vector<char> failed(lines.size(), 0);
  Split(lines.size(), Threads(threads, lines.size()), [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      BatchRecord record = decider.Decide(first_line + i, lines[i]);
      out[i] = std::move(record.output);
      failed[i] = record.failed;
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
        "The output of `clearance batch` for lines of its input, byte for byte; `csv_header`: the CSV "
        "input's header line.");
  m.def(
      "_csv_output_header",
      [](const PolicyHandle& h, const std::string& csv_header) {
        std::string out;
        Decider(h.policy, Options("csv", "matching", Date()), csv_header, &out);
        return out;
      },
      "The header line of `clearance batch --format csv` output for a CSV input's header line, without the "
      "newline; ValueError when the input's header is malformed.");
}

}  // namespace clearance::python
