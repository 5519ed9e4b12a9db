// libFuzzer target: one HTTP request to clearance serve, through Beast's
// request parser (with the server's limits) and Service::Handle, the code a
// connection runs. Checks that every answer is well-formed: a status in
// 200..599 and, for JSON bodies, valid JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "clearance/engine.hpp"
#include "serve/beast_request.hpp"
#include "serve/service.hpp"

namespace {

namespace http = boost::beast::http;
using namespace clearance::serve;

constexpr const char* kPolicy = R"(clearance: 1
policy: fuzz
default: allow
dimensions:
  model: {values: [m1, m2], groups: {big: [m1]}}
  country: {values: [US, DE]}
rules:
  - id: deny-big-abroad
    effect: deny
    when: model in big and country != US
)";

Service& TheService() {
  static clearance::Engine engine = [] {
    clearance::LoadOptions options;
    options.resolver = clearance::MakeMemoryResolver({{"p.yaml", kPolicy}});
    auto opened = clearance::Engine::Open("p.yaml", options);
    if (!opened) std::abort();
    return std::move(*opened);
  }();
  static ServiceOptions options = [] {
    ServiceOptions o;
    o.limits.max_batch_lines = 64;
    o.token = "fuzz-token";
    return o;
  }();
  static Service service(engine, options, nullptr, nullptr);
  return service;
}

void Check(const Response& r) {
  if (r.status < 200 || r.status > 599) std::abort();
  if (r.stream) {
    const std::string lines = r.stream->ReadAll();
    if (!lines.empty() && lines.back() != '\n') std::abort();
  }
  if (r.content_type == "application/json" && !nlohmann::json::accept(r.body)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Service& service = TheService();
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 << 10);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  Check(service.Handle(RequestOf(parser.get())));
  return 0;
}
