// The endpoints of clearance serve without a network: Service::Handle.
#include "serve/service.hpp"

#include <catch2/catch.hpp>
#include <algorithm>

#include <nlohmann/json.hpp>

#include "clearance/engine.hpp"

namespace {

using namespace clearance::serve;
using clearance::Engine;

constexpr const char* kPolicy = R"(clearance: 1
policy: svc
default: allow
dimensions:
  model: {values: [m1, m2]}
  country: {values: [US, DE]}
rules:
  - id: no-m1-abroad
    effect: deny
    when: model == m1 and country != US
)";

Engine OpenEngine() {
  clearance::LoadOptions options;
  options.resolver = clearance::MakeMemoryResolver({{"p.yaml", kPolicy}});
  auto engine = Engine::Open("p.yaml", options);
  REQUIRE(engine);
  return std::move(*engine);
}

Request Post(std::string_view target, std::string_view body, std::string_view type = "application/json") {
  return {"POST", target, type, "", "", body};
}

std::string ErrorOf(const Response& r) {
  return nlohmann::json::parse(r.body).at("error").get<std::string>();
}

TEST_CASE("decide answers with the batch line and names the digest", "[serve][service]") {
  Engine engine = OpenEngine();
  Service service(engine, {}, nullptr, nullptr);
  const Response r = service.Handle(Post("/v1/decide", R"({"model":"m1","country":"DE","id":"a"})"));
  REQUIRE(r.status == 200);
  const auto json = nlohmann::json::parse(r.body);
  CHECK(json["id"] == "a");
  CHECK(json["effect"] == "deny");
  CHECK(json["decisive"] == nlohmann::json::array({"no-m1-abroad"}));
  CHECK(r.digest == engine.policy().digest());
  CHECK(json["policy"]["digest"] == r.digest);
  CHECK_FALSE(r.request_id.empty());
  CHECK(r.body.back() == '\n');
}

TEST_CASE("bad requests get a JSON error naming the problem", "[serve][service]") {
  Engine engine = OpenEngine();
  ServiceOptions options;
  options.limits.max_batch_lines = 2;
  Service service(engine, options, nullptr, nullptr);
  struct Case {
    Request request;
    int status;
    std::string fragment;
  };
  const std::vector<Case> cases = {
      {Post("/v1/decide", "{"), 400, "malformed JSON"},
      {Post("/v1/decide", R"({"model":"m3","country":"US"})"), 400, "m3"},
      {Post("/v1/decide", R"({"planet":"x","model":"m1","country":"US"})"), 400, "planet"},
      {Post("/v1/decide", "{}", "text/plain"), 415, "application/json"},
      {Post("/v1/batch", "{}\n{}\n{}\n", "application/x-ndjson"), 413, "at most 2"},
      {Post("/v1/decide?explain=1", "{}"), 400, "explain"},
      {Post("/v1/decide?trace=most", "{}"), 400, "trace"},
      {{"GET", "/nope", "", "", "", ""}, 404, "/nope"},
      {{"DELETE", "/v1/policy", "", "", "", ""}, 405, "GET"},
      {{"GET", "nope", "", "", "", ""}, 400, "target"},
  };
  for (const Case& c : cases) {
    const Response r = service.Handle(c.request);
    CHECK(r.status == c.status);
    CHECK(ErrorOf(r).find(c.fragment) != std::string::npos);
    CHECK(r.digest == engine.policy().digest());
  }
}

TEST_CASE("batch keeps order and puts error records in place", "[serve][service]") {
  Engine engine = OpenEngine();
  Service service(engine, {}, nullptr, nullptr);
  const Response r = service.Handle(Post(
      "/v1/batch", "{\"model\":\"m2\",\"country\":\"DE\"}\nnot json\n{\"model\":\"m1\",\"country\":\"US\"}",
      "application/x-ndjson"));
  REQUIRE(r.status == 200);
  REQUIRE(r.stream);
  CHECK(r.body.empty());
  CHECK(r.digest == engine.policy().digest());
  const std::string body = r.stream->ReadAll();
  std::vector<nlohmann::json> lines;
  std::size_t at = 0;
  while (at < body.size()) {
    const auto nl = body.find('\n', at);
    lines.push_back(nlohmann::json::parse(body.substr(at, nl - at)));
    at = nl + 1;
  }
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["effect"] == "allow");
  CHECK(lines[1]["line"] == 2);
  CHECK(lines[1]["error"] == "malformed JSON");
  CHECK(lines[2]["effect"] == "allow");
}

TEST_CASE("a batch stream gives its lines in pieces, in order", "[serve][service]") {
  Engine engine = OpenEngine();
  Service service(engine, {}, nullptr, nullptr);
  std::string input;
  for (int i = 0; i < 10; ++i) input += "{\"model\":\"m1\",\"country\":\"US\",\"id\":" + std::to_string(i) + "}\n";
  const Response r = service.Handle(Post("/v1/batch", input, "application/x-ndjson"));
  REQUIRE(r.stream);
  std::string out;
  int calls = 0;
  while (r.stream->Next(out, 3)) ++calls;
  CHECK(calls == 3);  // 3 + 3 + 3 lines, then the last one
  CHECK(std::count(out.begin(), out.end(), '\n') == 10);
  CHECK(out.rfind("{\"id\":9,", 0) == std::string::npos);
  CHECK(out.find("{\"id\":9,") != std::string::npos);
  CHECK(out.find("{\"id\":0,") == 0);
}

TEST_CASE("a bearer token guards all but health and readiness", "[serve][service]") {
  Engine engine = OpenEngine();
  Service service(engine, {{}, std::string("tok")}, nullptr, nullptr);
  CHECK(service.Handle({"GET", "/v1/policy", "", "", "", ""}).status == 401);
  CHECK(service.Handle({"GET", "/v1/policy", "", "Bearer tok2", "", ""}).status == 401);
  CHECK(service.Handle({"GET", "/v1/policy", "", "bearer tok", "", ""}).status == 200);
  CHECK(service.Handle({"GET", "/healthz", "", "", "", ""}).status == 200);
  CHECK(service.Handle({"GET", "/readyz", "", "", "", ""}).status == 200);
  CHECK(BearerMatches("Bearer tok", Sha256("tok")));
  CHECK_FALSE(BearerMatches("Bearer to", Sha256("tok")));
  CHECK_FALSE(BearerMatches("Basic tok", Sha256("tok")));
}

TEST_CASE("a client's request id is kept when it is safe to log", "[serve][service]") {
  Engine engine = OpenEngine();
  Service service(engine, {}, nullptr, nullptr);
  CHECK(service.Handle({"GET", "/healthz", "", "", "abc-1.2:3", ""}).request_id == "abc-1.2:3");
  CHECK(service.Handle({"GET", "/healthz", "", "", "a\"b", ""}).request_id != "a\"b");
}

TEST_CASE("readiness fails while draining", "[serve][service]") {
  Engine engine = OpenEngine();
  Service service(engine, {}, nullptr, nullptr);
  service.StartDraining();
  CHECK(service.Handle({"GET", "/readyz", "", "", "", ""}).status == 503);
}

}  // namespace
