#include "serve/metrics.hpp"

#include <cstdio>

namespace clearance::serve {

std::string_view ToString(ErrorKind kind) {
  static constexpr std::array<std::string_view, kErrorKinds> kNames = {"malformed_json",
                                                                       "bad_query",
                                                                       "bad_line",
                                                                       "unauthorized",
                                                                       "not_found",
                                                                       "method_not_allowed",
                                                                       "unsupported_media_type",
                                                                       "body_too_large",
                                                                       "too_many_lines",
                                                                       "header_too_large",
                                                                       "bad_http",
                                                                       "timeout",
                                                                       "overloaded",
                                                                       "reload_failed"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::string EscapeLabel(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

void Header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void Sample(std::string& out, std::string_view name, std::string_view labels, double value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(Number(value)).append("\n");
}

}  // namespace

void Histogram::Observe(std::chrono::nanoseconds elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Histogram::Render(std::string& out, std::string_view name, std::string_view labels) const {
  const std::string prefix = std::string(labels) + (labels.empty() ? "" : ",");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    const std::string le = i < kBounds.size() ? Number(kBounds[i]) : "+Inf";
    Sample(out, std::string(name) + "_bucket", prefix + "le=\"" + le + "\"", static_cast<double>(cumulative));
  }
  Sample(out, std::string(name) + "_sum", labels,
         static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9);
  Sample(out, std::string(name) + "_count", labels, static_cast<double>(cumulative));
}

std::string Metrics::Render(const Gauges& policy) const {
  std::string out;
  Header(out, "clearance_decisions_total", "counter", "Decisions made, by effect.");
  Sample(out, "clearance_decisions_total", "effect=\"allow\"",
         static_cast<double>(decisions_[0].load(kRelaxed)));
  Sample(out, "clearance_decisions_total", "effect=\"deny\"",
         static_cast<double>(decisions_[1].load(kRelaxed)));
  Header(out, "clearance_request_duration_seconds", "histogram",
         "Time from a whole request read to its response built, by endpoint.");
  latency_[0].Render(out, "clearance_request_duration_seconds", "endpoint=\"decide\"");
  latency_[1].Render(out, "clearance_request_duration_seconds", "endpoint=\"batch\"");
  Header(out, "clearance_batch_lines_total", "counter", "Lines received through /v1/batch.");
  Sample(out, "clearance_batch_lines_total", "", static_cast<double>(batch_lines_.load(kRelaxed)));
  Header(out, "clearance_requests_total", "counter", "HTTP requests answered.");
  Sample(out, "clearance_requests_total", "", static_cast<double>(requests_.load(kRelaxed)));
  Header(out, "clearance_reloads_total", "counter", "Successful policy reloads.");
  Sample(out, "clearance_reloads_total", "", static_cast<double>(reloads_.load(kRelaxed)));
  Header(out, "clearance_reload_failures_total", "counter",
         "Failed policy reloads (the current version stayed).");
  Sample(out, "clearance_reload_failures_total", "", static_cast<double>(reload_failures_.load(kRelaxed)));
  Header(out, "clearance_errors_total", "counter", "Refused requests and batch error lines, by kind.");
  for (std::size_t k = 0; k < kErrorKinds; ++k) {
    Sample(out, "clearance_errors_total", "kind=\"" + std::string(ToString(static_cast<ErrorKind>(k))) + "\"",
           static_cast<double>(errors_[k].load(kRelaxed)));
  }
  Header(out, "clearance_open_connections", "gauge", "Open client connections.");
  Sample(out, "clearance_open_connections", "", static_cast<double>(open_connections_.load(kRelaxed)));
  Header(out, "clearance_decision_log_records_total", "counter", "Decision log records written.");
  Sample(out, "clearance_decision_log_records_total", "", static_cast<double>(policy.log_written));
  Header(out, "clearance_decision_log_dropped_total", "counter",
         "Decision log records dropped (queue full).");
  Sample(out, "clearance_decision_log_dropped_total", "", static_cast<double>(policy.log_dropped));
  Header(out, "clearance_policy_generation", "gauge", "1 after start, one more per successful reload.");
  Sample(out, "clearance_policy_generation", "", static_cast<double>(policy.generation));
  Header(out, "clearance_policy_loaded_timestamp_seconds", "gauge",
         "When the current policy version was loaded.");
  Sample(out, "clearance_policy_loaded_timestamp_seconds", "", policy.loaded_at_seconds);
  Header(out, "clearance_policy_info", "gauge", "The current policy's name and digest.");
  Sample(out, "clearance_policy_info",
         "name=\"" + EscapeLabel(policy.name) + "\",digest=\"" + EscapeLabel(policy.digest) + "\"", 1);
  return out;
}

}  // namespace clearance::serve
