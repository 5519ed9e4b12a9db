// The one escaper per markup format. (CSV fields: report::CsvField; DOT
// strings: report::DotQuote; Markdown cells: the matrix and diff renderers.)
#pragma once

#include <string>
#include <string_view>

namespace clearance {

// HTML text and attribute values: & < > " ' as entities.
std::string HtmlEscape(std::string_view text);

// XML 1.0 text and attribute values (JUnit reports, SVG): as HtmlEscape, and
// newline, return and tab as character references; other control
// characters, which XML 1.0 cannot hold, become '?'.
std::string XmlEscape(std::string_view text);

}  // namespace clearance
