// The HTTP/1.1 transport of `clearance serve` on Boost.Beast and Asio, with
// optional TLS (OpenSSL): accepts connections, reads requests within the
// limits, hands them to a Service and writes its responses. Also runs the
// signal handling (SIGHUP reloads, SIGTERM/SIGINT drain) and, when asked,
// the policy folder watcher (inotify).
//
// Ownership: a Server refers to a Service that outlives it. Run blocks the
// calling thread (and starts threads - 1 more) until the server has drained.
#pragma once

#include <memory>
#include <string>

#include "clearance/diagnostic.hpp"
#include "serve/service.hpp"

namespace clearance::serve {

struct ServerOptions {
  ListenAddress listen{"127.0.0.1", 8181};
  unsigned threads = 2;
  std::string tls_cert;  // PEM files; both or neither
  std::string tls_key;
  std::vector<std::string> watch_dirs;  // folders to watch for policy changes; empty: no watching
};

class Server {
 public:
  // Binds the listening socket (so the address is known before Run).
  static Result<std::unique_ptr<Server>> Create(Service& service, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // "127.0.0.1:PORT" or "[::1]:PORT", the port as bound.
  std::string address() const;
  // Serves until SIGTERM or SIGINT, then stops accepting, finishes the
  // requests in flight (at most Limits::drain_timeout) and returns.
  void Run();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace clearance::serve
