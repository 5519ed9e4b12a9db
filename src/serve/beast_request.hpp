// The Service's view of a request parsed by Boost.Beast: the server and the
// fuzzer hand requests to Service::Handle the same way.
#pragma once

#include <string_view>

#include <boost/beast/http.hpp>

#include "serve/service.hpp"

namespace clearance::serve {

inline std::string_view View(boost::beast::string_view text) { return {text.data(), text.size()}; }

// Views into `req`, valid while it lives.
inline Request RequestOf(const boost::beast::http::request<boost::beast::http::string_body>& req) {
  namespace http = boost::beast::http;
  return {View(req.method_string()),
          View(req.target()),
          View(req[http::field::content_type]),
          View(req[http::field::authorization]),
          View(req["X-Request-Id"]),
          req.body()};
}

}  // namespace clearance::serve
