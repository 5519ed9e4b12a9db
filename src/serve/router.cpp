#include "serve/router.hpp"

#include <cctype>

namespace clearance::serve {

const std::vector<RouteInfo>& Routes() {
  static const std::vector<RouteInfo> kRoutes = {
      {Route::kDecide, "/v1/decide", "POST"}, {Route::kBatch, "/v1/batch", "POST"},
      {Route::kPolicy, "/v1/policy", "GET"},  {Route::kReload, "/v1/reload", "POST"},
      {Route::kHealth, "/healthz", "GET"},    {Route::kReady, "/readyz", "GET"},
      {Route::kMetrics, "/metrics", "GET"},
  };
  return kRoutes;
}

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> Decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = HexDigit(text[i + 1]);
      const int lo = HexDigit(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (text[i] == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::optional<Target> ParseTarget(std::string_view target) {
  if (!target.starts_with('/')) return std::nullopt;
  if (const auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
  const auto question = target.find('?');
  auto path = Decode(target.substr(0, question), false);
  if (!path) return std::nullopt;
  Target out{std::move(*path), {}};
  if (question == std::string_view::npos) return out;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = Decode(pair.substr(0, eq), true);
    auto value = Decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out.params.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

std::optional<std::string> Param(const Target& target, std::string_view name) {
  for (const auto& [key, value] : target.params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

RouteMatch MatchRoute(std::string_view method, std::string_view path) {
  for (const RouteInfo& r : Routes()) {
    if (r.path != path) continue;
    // HEAD is answered like GET, without a body.
    if (r.method == method || (r.method == "GET" && method == "HEAD"))
      return {Match::kFound, r.route, r.method};
    return {Match::kMethodNotAllowed, r.route, r.method};
  }
  return {};
}

std::string MediaType(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  std::string out(type);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace clearance::serve
