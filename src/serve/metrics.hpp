// Counters of `clearance serve`, rendered in the Prometheus text format
// (version 0.0.4). Every method is safe from any number of threads: the
// counters are relaxed atomics, so a scrape sees each counter's value at
// some moment during the scrape, not one instant for all of them.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "clearance/decision.hpp"

namespace clearance::serve {

// Why a request (or a batch line) was refused; the `kind` label of
// clearance_errors_total.
enum class ErrorKind : std::uint8_t {
  kMalformedJson,
  kBadQuery,  // unknown dimension or value, bad date, ...
  kBadLine,   // a /v1/batch line that got an error record
  kUnauthorized,
  kNotFound,
  kMethodNotAllowed,
  kUnsupportedMediaType,
  kBodyTooLarge,
  kTooManyLines,
  kHeaderTooLarge,
  kBadHttp,
  kTimeout,
  kOverloaded,
  kReloadFailed,
};
inline constexpr std::size_t kErrorKinds = 14;
std::string_view ToString(ErrorKind kind);  // "malformed_json", ...

// A latency histogram with fixed bucket bounds.
class Histogram {
 public:
  static constexpr std::array<double, 12> kBounds = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                     0.005,   0.01,   0.025,   0.1,    0.5,   2.5};
  void Observe(std::chrono::nanoseconds elapsed);
  // The _bucket, _sum and _count lines of metric `name` with `labels`
  // (`endpoint="decide"`, without braces).
  void Render(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};  // not cumulative; last is +Inf
  std::atomic<std::uint64_t> sum_ns_{0};
};

enum class Endpoint : std::uint8_t { kDecide, kBatch };

// What the scrape shows beside the counters.
struct Gauges {
  std::string name;
  std::string digest;
  std::uint64_t generation = 0;
  double loaded_at_seconds = 0;  // Unix time
  std::uint64_t log_written = 0;
  std::uint64_t log_dropped = 0;
};

class Metrics {
 public:
  void CountDecision(Effect effect) { decisions_[effect == Effect::kAllow ? 0 : 1].fetch_add(1, kRelaxed); }
  void CountBatchLines(std::uint64_t n) { batch_lines_.fetch_add(n, kRelaxed); }
  void CountReload(bool ok) { (ok ? reloads_ : reload_failures_).fetch_add(1, kRelaxed); }
  void CountError(ErrorKind kind) { errors_[static_cast<std::size_t>(kind)].fetch_add(1, kRelaxed); }
  void CountRequest() { requests_.fetch_add(1, kRelaxed); }
  void ConnectionOpened() { open_connections_.fetch_add(1, kRelaxed); }
  void ConnectionClosed() { open_connections_.fetch_sub(1, kRelaxed); }
  void Observe(Endpoint endpoint, std::chrono::nanoseconds elapsed) {
    latency_[static_cast<std::size_t>(endpoint)].Observe(elapsed);
  }

  std::int64_t open_connections() const { return open_connections_.load(kRelaxed); }
  std::uint64_t errors(ErrorKind kind) const {
    return errors_[static_cast<std::size_t>(kind)].load(kRelaxed);
  }

  std::string Render(const Gauges& gauges) const;

 private:
  static constexpr auto kRelaxed = std::memory_order_relaxed;
  std::array<std::atomic<std::uint64_t>, 2> decisions_{};  // allow, deny
  std::array<std::atomic<std::uint64_t>, kErrorKinds> errors_{};
  std::array<Histogram, 2> latency_;
  std::atomic<std::uint64_t> batch_lines_{0};
  std::atomic<std::uint64_t> reloads_{0};
  std::atomic<std::uint64_t> reload_failures_{0};
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::int64_t> open_connections_{0};
};

// A Prometheus label value with \, " and newline escaped.
std::string EscapeLabel(std::string_view value);

}  // namespace clearance::serve
