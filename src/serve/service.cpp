#include "serve/service.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "clearance/batch.hpp"
#include "serve/router.hpp"

namespace clearance::serve {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

std::string Sha256(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

bool BearerMatches(std::string_view authorization, std::string_view token_digest) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    // The scheme is case-insensitive (RFC 9110 11.1).
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return false;
    }
  }
  // Hashing first makes the comparison independent of the token's length.
  const std::string given = Sha256(authorization.substr(kScheme.size()));
  return given.size() == token_digest.size() &&
         CRYPTO_memcmp(given.data(), token_digest.data(), given.size()) == 0;
}

namespace {

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool ValidRequestId(std::string_view id) {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

bool IsJsonLinesType(std::string_view media_type) {
  return media_type == "application/x-ndjson" || media_type == "application/jsonl" ||
         media_type == "application/x-jsonlines";
}

// ?explain=true|false and ?trace=none|matching|all; trace wins when both are
// given. nullopt when a value is not one of these.
std::optional<Trace> TraceOf(const Target& target) {
  Trace trace = Trace::kMatching;
  if (const auto explain = Param(target, "explain")) {
    if (*explain != "true" && *explain != "false") return std::nullopt;
    if (*explain == "true") trace = Trace::kAll;
  }
  if (const auto given = Param(target, "trace")) {
    if (*given == "none") trace = Trace::kNone;
    else if (*given == "matching") trace = Trace::kMatching;
    else if (*given == "all") trace = Trace::kAll;
    else return std::nullopt;
  }
  return trace;
}

BatchOptions BatchOptionsFor(Trace trace, Date as_of) {
  return {.format = BatchFormat::kJsonl,
          .detail = trace == Trace::kAll ? TraceDetail::kAll : TraceDetail::kMatching,
          .trace = trace != Trace::kNone,
          .as_of = as_of};
}

std::size_t CountLines(std::string_view body) {
  if (body.empty()) return 0;
  const auto newlines = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
  return newlines + (body.back() == '\n' ? 0 : 1);
}

}  // namespace

Service::Service(Engine& engine, ServiceOptions options, DecisionLog* log, Reporter report)
    : engine_(engine),
      options_(std::move(options)),
      log_(log),
      report_(std::move(report)),
      loaded_generation_(engine.generation()),
      loaded_at_(std::chrono::system_clock::now()) {
  std::random_device random;
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%08x", random());
  request_prefix_ = prefix;
  if (options_.token) token_digest_ = Sha256(*options_.token);
}

std::string Service::RequestId(std::string_view given) {
  if (ValidRequestId(given)) return std::string(given);
  return request_prefix_ + "-" + std::to_string(next_request_.fetch_add(1, std::memory_order_relaxed));
}

bool Service::Authorized(std::string_view authorization) const {
  return !options_.token || BearerMatches(authorization, token_digest_);
}

Response Service::Error(int status, ErrorKind kind, std::string_view message) {
  metrics_.CountError(kind);
  Response r;
  r.status = status;
  r.body = Dump(Json{{"error", message}}) + "\n";
  r.digest = engine_.policy().digest();
  return r;
}

Response Service::Refuse(int status, ErrorKind kind, std::string_view message) {
  metrics_.CountRequest();
  Response r = Error(status, kind, message);
  r.request_id = RequestId({});
  return r;
}

Response Service::Handle(const Request& request) {
  metrics_.CountRequest();
  std::string request_id = RequestId(request.request_id);
  Response r = [&]() -> Response {
    const std::optional<Target> target = ParseTarget(request.target);
    if (!target) return Error(400, ErrorKind::kBadHttp, "malformed request target");
    const RouteMatch m = MatchRoute(request.method, target->path);
    if (m.match == Match::kNotFound)
      return Error(404, ErrorKind::kNotFound, "no such endpoint: " + target->path);
    if (m.match == Match::kMethodNotAllowed) {
      Response e = Error(405, ErrorKind::kMethodNotAllowed,
                         std::string(target->path) + " takes " + std::string(m.allow) + ", not " +
                             std::string(request.method));
      e.headers.emplace_back("Allow", std::string(m.allow));
      return e;
    }
    if (m.route != Route::kHealth && m.route != Route::kReady && !Authorized(request.authorization)) {
      Response e = Error(401, ErrorKind::kUnauthorized, "missing or wrong bearer token");
      e.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"clearance\"");
      return e;
    }
    const std::optional<Trace> trace = TraceOf(*target);
    if (!trace) {
      return Error(400, ErrorKind::kBadQuery,
                   "explain must be true or false, and trace none, matching or all");
    }
    switch (m.route) {
      case Route::kDecide:
        return Decide(request, *trace, request_id);
      case Route::kBatch:
        return Batch(request, *trace, request_id);
      case Route::kPolicy:
        return PolicyInfo();
      case Route::kReload:
        return ReloadEndpoint();
      case Route::kHealth:
        return Response{200, "application/json", "{\"status\":\"ok\"}\n", {}, {}, {}};
      case Route::kReady:
        return Ready();
      case Route::kMetrics:
        return MetricsText();
    }
    return Error(404, ErrorKind::kNotFound, "no such endpoint");
  }();
  if (r.digest.empty()) r.digest = engine_.policy().digest();
  r.request_id = std::move(request_id);
  return r;
}

void Service::Log(std::string_view time, std::string_view request_id, std::string_view line) {
  if (log_) log_->Append(LogRecord(time, request_id, line));
}

Response Service::Decide(const Request& request, Trace trace, std::string_view request_id) {
  const auto start = Clock::now();
  const std::string type = MediaType(request.content_type);
  if (type != "application/json") {
    return Error(415, ErrorKind::kUnsupportedMediaType,
                 "Content-Type must be application/json, not '" + std::string(request.content_type) + "'");
  }
  // One snapshot decides the query and names the version that decided.
  const Policy policy = engine_.policy();
  const BatchRecord record = DeciderFor(policy, trace)->Decide(1, request.body);
  if (record.failed) {
    const bool empty = record.malformed && record.error == "empty line";
    return Error(400, record.malformed ? ErrorKind::kMalformedJson : ErrorKind::kBadQuery,
                 empty ? "empty body: expected a JSON object" : record.error);
  }
  Response r;
  r.body = record.output;
  Log(UtcTimestamp(std::chrono::system_clock::now()), request_id, r.body);
  r.body += '\n';
  r.digest = policy.digest();
  metrics_.CountDecision(record.effect);
  metrics_.Observe(Endpoint::kDecide, Clock::now() - start);
  return r;
}

Response Service::Batch(const Request& request, Trace trace, std::string_view request_id) {
  const auto start = Clock::now();
  const std::string type = MediaType(request.content_type);
  if (!IsJsonLinesType(type)) {
    return Error(
        415, ErrorKind::kUnsupportedMediaType,
        "Content-Type must be application/x-ndjson, not '" + std::string(request.content_type) + "'");
  }
  const std::size_t lines = CountLines(request.body);
  if (lines > options_.limits.max_batch_lines) {
    return Error(413, ErrorKind::kTooManyLines,
                 "batch of " + std::to_string(lines) + " lines; at most " +
                     std::to_string(options_.limits.max_batch_lines) + " per request");
  }
  metrics_.CountBatchLines(lines);
  // One snapshot decides every line: a batch never mixes two versions.
  Policy policy = engine_.policy();
  Response r;
  r.content_type = "application/x-ndjson";
  r.digest = policy.digest();
  r.stream.reset(new BatchStream(*this, DeciderFor(policy, trace), request.body, lines, std::string(request_id)));
  r.stream->start_ = start;
  return r;
}

std::shared_ptr<const BatchDecider> Service::DeciderFor(const Policy& policy, Trace trace) {
  const void* version = &policy.rules();
  const Date today = Date::TodayUtc();
  CachedDecider& cached = deciders_[static_cast<std::size_t>(trace)];
  {
    std::lock_guard lock(deciders_mutex_);
    if (cached.version == version && cached.day == today) return cached.decider;
  }
  auto decider = std::make_shared<const BatchDecider>(policy, BatchOptionsFor(trace, today));
  std::lock_guard lock(deciders_mutex_);
  cached = {version, today, decider};
  return decider;
}

BatchStream::BatchStream(Service& service, std::shared_ptr<const BatchDecider> decider, std::string_view body,
                         std::size_t lines, std::string request_id)
    : service_(service), decider_(std::move(decider)), rest_(body), lines_(lines), request_id_(std::move(request_id)),
      time_(UtcTimestamp(std::chrono::system_clock::now())), start_(Clock::now()) {}

bool BatchStream::Next(std::string& out, std::size_t max_lines) {
  Metrics& metrics = service_.metrics_;
  for (std::size_t done = 0; done < max_lines && number_ < lines_; ++done) {
    const std::size_t number = ++number_;
    const auto newline = rest_.find('\n');
    const std::string_view text = rest_.substr(0, newline);
    rest_ = newline == std::string_view::npos ? std::string_view{} : rest_.substr(newline + 1);
    const BatchRecord record = decider_->Decide(number, text);
    if (record.failed) {
      metrics.CountError(ErrorKind::kBadLine);
    } else {
      if (service_.log_) service_.Log(time_, request_id_ + "/" + std::to_string(number), record.output);
      metrics.CountDecision(record.effect);
    }
    out += record.output;
    out += '\n';
  }
  const bool more = number_ < lines_;
  if (!more && !finished_) {
    finished_ = true;
    metrics.Observe(Endpoint::kBatch, Clock::now() - start_);
  }
  return more;
}

std::string BatchStream::ReadAll() {
  std::string out;
  while (Next(out, 4096)) {
  }
  return out;
}

Response Service::PolicyInfo() {
  const Policy policy = engine_.policy();
  Json dimensions = Json::array();
  for (const DimensionInfo& d : policy.dimensions()) {
    Json groups = Json::array();
    for (const GroupInfo& g : d.groups) groups.push_back(g.name);
    Json dim = {{"name", d.name}, {"values", d.values}, {"groups", std::move(groups)}};
    dim["default"] = d.default_value ? Json(d.values[*d.default_value]) : Json(nullptr);
    dimensions.push_back(std::move(dim));
  }
  Json out = {{"name", policy.name()}, {"digest", policy.digest()}, {"path", engine_.path()}};
  {
    std::lock_guard lock(reload_mutex_);
    out["generation"] = engine_.generation();
    out["loaded_at"] = UtcTimestamp(loaded_at_);
    out["last_reload_at"] = last_reload_at_ == std::chrono::system_clock::time_point{}
                                ? Json(nullptr)
                                : Json(UtcTimestamp(last_reload_at_));
    out["last_reload_error"] = last_reload_error_.empty() ? Json(nullptr) : Json(last_reload_error_);
  }
  out["combine"] = ToString(policy.combine());
  out["default_effect"] = ToString(policy.default_effect());
  out["rules"] = policy.rules().size();
  out["dimensions"] = std::move(dimensions);
  Response r;
  r.body = Dump(out) + "\n";
  r.digest = policy.digest();
  return r;
}

Response Service::Ready() {
  if (draining()) return Error(503, ErrorKind::kOverloaded, "shutting down");
  return Response{200, "application/json", "{\"ready\":true}\n", {}, {}, {}};
}

Response Service::MetricsText() {
  const Policy policy = engine_.policy();
  Gauges gauges{policy.name(), policy.digest(), engine_.generation(), 0, 0, 0};
  {
    std::lock_guard lock(reload_mutex_);
    gauges.loaded_at_seconds = std::chrono::duration<double>(loaded_at_.time_since_epoch()).count();
  }
  if (log_) {
    gauges.log_written = log_->written();
    gauges.log_dropped = log_->dropped();
  }
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_.Render(gauges);
  r.digest = policy.digest();
  return r;
}

Response Service::ReloadEndpoint() {
  const ReloadOutcome outcome = Reload("POST /v1/reload");
  if (!outcome.ok) {
    Response r =
        Error(422, ErrorKind::kReloadFailed, "reload failed, the current version stays: " + outcome.error);
    r.digest = outcome.digest;
    return r;
  }
  Response r;
  r.body =
      Dump(Json{{"reloaded", true}, {"digest", outcome.digest}, {"generation", engine_.generation()}}) + "\n";
  r.digest = outcome.digest;
  return r;
}

ReloadOutcome Service::Reload(std::string_view trigger) {
  Result<Policy> reloaded = engine_.Reload();
  const auto now = std::chrono::system_clock::now();
  ReloadOutcome outcome;
  outcome.ok = reloaded.ok();
  metrics_.CountReload(outcome.ok);
  {
    std::lock_guard lock(reload_mutex_);
    last_reload_at_ = now;
    if (outcome.ok) {
      loaded_at_ = now;
      loaded_generation_ = engine_.generation();
      last_reload_error_.clear();
    } else {
      last_reload_error_ = reloaded.error().ToString();
      while (!last_reload_error_.empty() && last_reload_error_.back() == '\n') last_reload_error_.pop_back();
      outcome.error = last_reload_error_;
    }
  }
  outcome.digest = engine_.policy().digest();
  if (report_) {
    report_(outcome.ok ? "reloaded (" + std::string(trigger) + "): " + outcome.digest
                       : "reload failed (" + std::string(trigger) + "), keeping " + outcome.digest + ":\n" +
                             outcome.error);
  }
  return outcome;
}

}  // namespace clearance::serve
