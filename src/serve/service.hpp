// The endpoints of `clearance serve`, independent of the HTTP library: a
// Request (method, target, a few headers, the whole body) becomes a Response.
// The transport (server.hpp) only moves bytes; the fuzzer and the unit tests
// call Handle directly.
//
// Ownership and thread safety: a Service refers to an Engine and optionally a
// DecisionLog, both owned by the caller and outliving it. Handle, Reload and
// the accessors may be called from any number of threads at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clearance/batch.hpp"
#include "clearance/engine.hpp"
#include "serve/decision_log.hpp"
#include "serve/metrics.hpp"
#include "serve/options.hpp"

namespace clearance::serve {

struct Request {
  std::string_view method;
  std::string_view target;
  std::string_view content_type;
  std::string_view authorization;
  std::string_view request_id;  // the client's X-Request-Id, may be empty
  std::string_view body;
};

class BatchStream;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string digest;      // Clearance-Policy-Digest: the version that decided, or the current one
  std::string request_id;  // X-Request-Id
  std::vector<std::pair<std::string, std::string>> headers;  // Allow, WWW-Authenticate
  // Set for /v1/batch: the body, decided piece by piece as it is written
  // (then `body` is empty). It refers to the request's body, which must live
  // until the stream is done.
  std::shared_ptr<BatchStream> stream;
};

struct ServiceOptions {
  Limits limits;
  std::optional<std::string> token;  // bearer token; unset: no authentication
};

struct ReloadOutcome {
  bool ok = false;
  std::string digest;  // current after the attempt
  std::string error;   // when !ok
};

class Service;

// How much trace a decision carries: none (no "trace" key), the matching
// rules (the default), or every rule (`?explain=true`, `?trace=all`).
enum class Trace : std::uint8_t { kNone, kMatching, kAll };

// The lines of a /v1/batch answer, in order, all decided by one policy
// version. Used by one thread at a time.
class BatchStream {
 public:
  // Appends the output of up to `max_lines` more input lines to `out`.
  // Returns whether lines remain.
  bool Next(std::string& out, std::size_t max_lines);
  // Everything that remains, as one string.
  std::string ReadAll();

 private:
  friend class Service;
  BatchStream(Service& service, std::shared_ptr<const BatchDecider> decider, std::string_view body,
              std::size_t lines, std::string request_id);

  Service& service_;
  std::shared_ptr<const BatchDecider> decider_;
  std::string_view rest_;
  std::size_t lines_;
  std::size_t number_ = 0;
  std::string request_id_;
  std::string time_;
  std::chrono::steady_clock::time_point start_;
  bool finished_ = false;
};

class Service {
 public:
  // Messages for the operator (reloads, dropped log records).
  using Reporter = std::function<void(const std::string&)>;

  Service(Engine& engine, ServiceOptions options, DecisionLog* log, Reporter report);

  Response Handle(const Request& request);
  // A response for an error found by the transport (oversized body, timeout).
  Response Refuse(int status, ErrorKind kind, std::string_view message);
  // Reloads the policy; `trigger` ("SIGHUP", "POST /v1/reload", "watch")
  // goes into the operator's message.
  ReloadOutcome Reload(std::string_view trigger);

  void StartDraining() { draining_.store(true); }
  bool draining() const { return draining_.load(); }
  Metrics& metrics() { return metrics_; }
  const Limits& limits() const { return options_.limits; }

 private:
  Response Decide(const Request& request, Trace trace, std::string_view request_id);
  Response Batch(const Request& request, Trace trace, std::string_view request_id);
  Response PolicyInfo();
  Response Ready();
  Response MetricsText();
  Response ReloadEndpoint();
  Response Error(int status, ErrorKind kind, std::string_view message);
  bool Authorized(std::string_view authorization) const;
  std::string RequestId(std::string_view given);
  void Log(std::string_view time, std::string_view request_id, std::string_view line);
  // The decider for `policy` (a snapshot of the engine's) with `trace`, made
  // once per version, trace and day: making one renders every rule's texts.
  std::shared_ptr<const BatchDecider> DeciderFor(const Policy& policy, Trace trace);

  friend class BatchStream;
  Engine& engine_;
  ServiceOptions options_;
  DecisionLog* log_;
  Reporter report_;
  Metrics metrics_;
  std::atomic<bool> draining_{false};
  std::atomic<std::uint64_t> next_request_{1};
  std::string request_prefix_;
  std::string token_digest_;  // SHA-256 of the token

  struct CachedDecider {
    const void* version = nullptr;  // identifies the policy version while the decider holds it
    Date day;
    std::shared_ptr<const BatchDecider> decider;
  };
  std::mutex deciders_mutex_;
  CachedDecider deciders_[3];  // by Trace

  mutable std::mutex reload_mutex_;
  std::uint64_t loaded_generation_ = 1;
  std::chrono::system_clock::time_point loaded_at_;
  std::string last_reload_error_;
  std::chrono::system_clock::time_point last_reload_at_{};
};

// SHA-256 of `text`, raw bytes.
std::string Sha256(std::string_view text);
// Whether `authorization` is "Bearer <token>" for the token whose SHA-256 is
// `token_digest`; compares digests with CRYPTO_memcmp, in constant time.
bool BearerMatches(std::string_view authorization, std::string_view token_digest);

}  // namespace clearance::serve
