// The Prometheus text of clearance serve.
#include "serve/metrics.hpp"

#include <catch2/catch.hpp>
#include <set>

namespace {

using namespace clearance::serve;
using namespace std::chrono_literals;

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST_CASE("counters render as samples with their labels", "[serve][metrics]") {
  Metrics m;
  m.CountDecision(clearance::Effect::kAllow);
  m.CountDecision(clearance::Effect::kDeny);
  m.CountDecision(clearance::Effect::kDeny);
  m.CountBatchLines(5);
  m.CountReload(true);
  m.CountReload(false);
  m.CountError(ErrorKind::kMalformedJson);
  m.ConnectionOpened();
  const std::string text = m.Render({"p", "sha256:ab", 3, 1.5, 10, 2});
  CHECK(Has(text, "clearance_decisions_total{effect=\"allow\"} 1"));
  CHECK(Has(text, "clearance_decisions_total{effect=\"deny\"} 2"));
  CHECK(Has(text, "clearance_batch_lines_total 5"));
  CHECK(Has(text, "clearance_reloads_total 1"));
  CHECK(Has(text, "clearance_reload_failures_total 1"));
  CHECK(Has(text, "clearance_errors_total{kind=\"malformed_json\"} 1"));
  CHECK(Has(text, "clearance_errors_total{kind=\"timeout\"} 0"));
  CHECK(Has(text, "clearance_open_connections 1"));
  CHECK(Has(text, "clearance_decision_log_records_total 10"));
  CHECK(Has(text, "clearance_decision_log_dropped_total 2"));
  CHECK(Has(text, "clearance_policy_generation 3"));
  CHECK(Has(text, "clearance_policy_info{name=\"p\",digest=\"sha256:ab\"} 1"));
  CHECK(Has(text, "# TYPE clearance_request_duration_seconds histogram"));
}

TEST_CASE("the histogram is cumulative and ends in +Inf", "[serve][metrics]") {
  Histogram h;
  h.Observe(30us);   // first bucket (50 us)
  h.Observe(700us);  // 1 ms
  h.Observe(10s);    // beyond the last bound
  std::string out;
  h.Render(out, "lat", "endpoint=\"decide\"");
  CHECK(Has(out, "lat_bucket{endpoint=\"decide\",le=\"5e-05\"} 1"));
  CHECK(Has(out, "lat_bucket{endpoint=\"decide\",le=\"0.0005\"} 1"));
  CHECK(Has(out, "lat_bucket{endpoint=\"decide\",le=\"0.001\"} 2"));
  CHECK(Has(out, "lat_bucket{endpoint=\"decide\",le=\"2.5\"} 2"));
  CHECK(Has(out, "lat_bucket{endpoint=\"decide\",le=\"+Inf\"} 3"));
  CHECK(Has(out, "lat_count{endpoint=\"decide\"} 3"));
  CHECK(Has(out, "lat_sum{endpoint=\"decide\"} 10.00073"));
}

TEST_CASE("label values are escaped", "[serve][metrics]") {
  CHECK(EscapeLabel("a\"b\\c\nd") == "a\\\"b\\\\c\\nd");
}

TEST_CASE("every error kind has a distinct name", "[serve][metrics]") {
  std::set<std::string_view> names;
  for (std::size_t k = 0; k < kErrorKinds; ++k) names.insert(ToString(static_cast<ErrorKind>(k)));
  CHECK(names.size() == kErrorKinds);
}

}  // namespace
