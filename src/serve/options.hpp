// Options of `clearance serve`: where it listens and the limits that keep a
// slow or hostile client from holding a worker. Every limit has a default
// documented in docs/serve.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clearance::serve {

struct Limits {
  std::size_t max_body_bytes = 16u << 20;            // a request body; more is 413
  std::size_t max_header_bytes = 16u << 10;          // the request line and headers; more is 431
  std::size_t max_batch_lines = 100'000;             // lines in one /v1/batch body; more is 413
  std::size_t max_connections = 1024;                // open connections; more get 503 and are closed
  std::chrono::milliseconds header_timeout{10'000};  // a new connection's first request headers
  std::chrono::milliseconds body_timeout{30'000};    // a request body, and writing a response
  std::chrono::milliseconds idle_timeout{60'000};    // a keep-alive connection between requests
  std::chrono::milliseconds drain_timeout{10'000};   // in-flight requests on SIGTERM
};

struct ListenAddress {
  std::string host;  // an IPv4 or IPv6 literal, without brackets
  std::uint16_t port = 0;
};

// "ADDR:PORT" or "[V6ADDR]:PORT"; nullopt when malformed.
std::optional<ListenAddress> ParseListen(std::string_view text);

}  // namespace clearance::serve
