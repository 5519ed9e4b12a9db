// Request routing and parsing of clearance serve, and the OpenAPI file that
// documents the routes.
#include "serve/router.hpp"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <set>

#include "serve/options.hpp"

namespace {

using namespace clearance::serve;

TEST_CASE("targets split into a decoded path and parameters", "[serve][router]") {
  const auto t = ParseTarget("/v1/decide?explain=true&x=a%20b+c&flag");
  REQUIRE(t);
  CHECK(t->path == "/v1/decide");
  CHECK(Param(*t, "explain") == "true");
  CHECK(Param(*t, "x") == "a b c");
  CHECK(Param(*t, "flag") == "");
  CHECK_FALSE(Param(*t, "missing"));
  CHECK(ParseTarget("/healthz#frag")->path == "/healthz");
}

TEST_CASE("malformed targets are refused", "[serve][router]") {
  const auto bad =
      GENERATE(as<std::string>{}, "", "v1/decide", "http://x/v1/decide", "/a%2", "/a%zz", "/?q=%");
  CHECK_FALSE(ParseTarget(bad));
}

TEST_CASE("routes match by path, then method", "[serve][router]") {
  CHECK(MatchRoute("POST", "/v1/decide").match == Match::kFound);
  CHECK(MatchRoute("POST", "/v1/decide").route == Route::kDecide);
  CHECK(MatchRoute("HEAD", "/metrics").match == Match::kFound);
  const RouteMatch wrong = MatchRoute("GET", "/v1/batch");
  CHECK(wrong.match == Match::kMethodNotAllowed);
  CHECK(wrong.allow == "POST");
  CHECK(MatchRoute("GET", "/v1/decide/").match == Match::kNotFound);
  CHECK(MatchRoute("GET", "/").match == Match::kNotFound);
}

TEST_CASE("media types drop parameters and case", "[serve][router]") {
  CHECK(MediaType("Application/JSON; charset=utf-8") == "application/json");
  CHECK(MediaType("  application/x-ndjson ") == "application/x-ndjson");
  CHECK(MediaType("") == "");
}

TEST_CASE("listen addresses", "[serve][options]") {
  CHECK(ParseListen("127.0.0.1:0")->port == 0);
  CHECK(ParseListen("127.0.0.1:8181")->host == "127.0.0.1");
  CHECK(ParseListen("[::1]:443")->host == "::1");
  CHECK(ParseListen("[::1]:443")->port == 443);
  const auto bad = GENERATE(as<std::string>{}, "", "127.0.0.1", ":80", "127.0.0.1:", "127.0.0.1:65536",
                            "127.0.0.1:8x", "::1:80", "[::1]80", "[::1]:");
  CHECK_FALSE(ParseListen(bad));
}

TEST_CASE("the OpenAPI file documents exactly the routes served", "[serve][router]") {
  const YAML::Node spec = YAML::LoadFile(std::string(CLEARANCE_SOURCE_DIR) + "/docs/serve.openapi.yaml");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& path : spec["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters" || method == "summary" || method == "description") continue;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.emplace(path.first.as<std::string>(), method);
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const RouteInfo& r : Routes()) served.emplace(std::string(r.path), std::string(r.method));
  CHECK(documented == served);
}

}  // namespace
