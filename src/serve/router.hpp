// Request routing of `clearance serve`, independent of the HTTP library: a
// target is split into path and query parameters, and a (method, path) pair
// names a route. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clearance::serve {

enum class Route : std::uint8_t { kDecide, kBatch, kPolicy, kReload, kHealth, kReady, kMetrics };

struct RouteInfo {
  Route route;
  std::string_view path;    // "/v1/decide"
  std::string_view method;  // "POST"
};
// Every route the server serves (docs/serve.openapi.yaml lists the same).
const std::vector<RouteInfo>& Routes();

struct Target {
  std::string path;
  std::vector<std::pair<std::string, std::string>> params;  // percent-decoded, in order
};
// nullopt when the target is not an origin-form path or has a bad escape.
std::optional<Target> ParseTarget(std::string_view target);

// The parameter's value, or nullopt.
std::optional<std::string> Param(const Target& target, std::string_view name);

enum class Match : std::uint8_t { kFound, kNotFound, kMethodNotAllowed };
struct RouteMatch {
  Match match = Match::kNotFound;
  Route route = Route::kHealth;
  std::string_view allow;  // the allowed method, for 405
};
RouteMatch MatchRoute(std::string_view method, std::string_view path);

// The media type of a Content-Type value, lower-cased, without parameters
// ("Application/JSON; charset=utf-8" -> "application/json").
std::string MediaType(std::string_view content_type);

}  // namespace clearance::serve
