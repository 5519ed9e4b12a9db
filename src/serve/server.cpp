#include "serve/server.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "serve/beast_request.hpp"

namespace clearance::serve {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using TlsStream = asio::ssl::stream<tcp::socket>;
using namespace std::chrono_literals;

namespace {

// Lets the drain reach every open session.
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  virtual void Drain() = 0;
};

}  // namespace

// Watches policy folders with inotify and reloads, 200 ms after the last
// change to a .yaml or .yml file (an editor's save is several events).
class Watcher {
 public:
  Watcher(asio::io_context& ioc, Service& service, int fd)
      : service_(service), descriptor_(ioc, fd), debounce_(ioc) {}
  void Start() { Read(); }
  void Close() {
    beast::error_code ignored;
    descriptor_.close(ignored);
    debounce_.cancel();
  }

 private:
  void Read() {
    descriptor_.async_read_some(asio::buffer(buffer_), [this](beast::error_code ec, std::size_t n) {
      if (ec) return;
      if (Relevant(n)) {
        debounce_.expires_after(200ms);
        debounce_.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec) (void)service_.Reload("watch");
        });
      }
      Read();
    });
  }
  bool Relevant(std::size_t n) const {
    bool relevant = false;
    for (std::size_t at = 0; at + sizeof(inotify_event) <= n;) {
      inotify_event event;
      std::memcpy(&event, buffer_.data() + at, sizeof event);
      const std::string_view name(buffer_.data() + at + sizeof event, event.len);
      const std::string_view base = name.substr(0, name.find('\0'));
      if (base.ends_with(".yaml") || base.ends_with(".yml")) relevant = true;
      at += sizeof(inotify_event) + event.len;
    }
    return relevant;
  }

  Service& service_;
  asio::posix::stream_descriptor descriptor_;
  asio::steady_timer debounce_;
  std::array<char, 8192> buffer_{};
};

struct Server::Impl {
  Impl(Service& s, ServerOptions o)
      : service(s), options(std::move(o)), pool(MakePool(options.threads)), ioc(*pool[0]), acceptor(ioc),
        signals(ioc), drain_timer(ioc) {
    for (auto& context : pool) guards.push_back(asio::make_work_guard(*context));
  }

  // One single-threaded io_context per thread: a connection lives on one of
  // them, so its handlers never cross threads (no strands, no handoffs).
  static std::vector<std::unique_ptr<asio::io_context>> MakePool(unsigned threads) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    for (unsigned t = 0; t < std::max(threads, 1u); ++t) out.push_back(std::make_unique<asio::io_context>(1));
    return out;
  }
  asio::io_context& NextContext() { return *pool[next_context.fetch_add(1, std::memory_order_relaxed) % pool.size()]; }
  void StopAll() {
    for (auto& context : pool) context->stop();
  }

  void Accept();
  void OnSignal(const beast::error_code& ec, int signal);
  void StartDrain();
  void PollDrain(std::chrono::steady_clock::time_point deadline);
  void Register(const std::shared_ptr<SessionBase>& session) {
    std::lock_guard lock(sessions_mutex);
    sessions[session.get()] = session;
  }
  void Unregister(SessionBase* session) {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(session);
  }

  Service& service;
  ServerOptions options;
  // Before the pool: sessions still queued in a context when it is destroyed
  // unregister themselves and may hold TLS streams.
  std::mutex sessions_mutex;
  std::map<SessionBase*, std::weak_ptr<SessionBase>> sessions;
  std::optional<asio::ssl::context> tls;
  std::vector<std::unique_ptr<asio::io_context>> pool;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;  // until drained
  std::atomic<std::size_t> next_context{0};
  asio::io_context& ioc;  // pool[0]: accepting, signals, the watcher
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer drain_timer;
  std::unique_ptr<Watcher> watcher;
  std::atomic<bool> draining{false};
};

namespace {

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  Session(Server::Impl& server, tcp::socket socket, bool reject)
      : server_(server), stream_(std::move(socket)), timer_(stream_.get_executor()), reject_(reject) {
    server_.service.metrics().ConnectionOpened();
  }
  Session(Server::Impl& server, tcp::socket socket, asio::ssl::context& tls, bool reject)
      : server_(server), stream_(std::move(socket), tls), timer_(stream_.get_executor()), reject_(reject) {
    server_.service.metrics().ConnectionOpened();
  }
  ~Session() override {
    server_.Unregister(this);
    server_.service.metrics().ConnectionClosed();
  }

  void Start() {
    server_.Register(this->shared_from_this());
    if constexpr (kTls) {
      Arm(limits().header_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                self->Disarm();
                                if (ec) return self->Close();
                                self->AfterConnect();
                              });
    } else {
      AfterConnect();
    }
  }

  void Drain() override {
    asio::post(stream_.get_executor(), [weak = this->weak_from_this()] {
      auto self = weak.lock();
      if (self && self->idle_ && self->buffer_.size() == 0 && !(self->parser_ && self->parser_->got_some())) {
        self->CancelIo();
      }
    });
  }

 private:
  const Limits& limits() const { return server_.service.limits(); }
  tcp::socket& Socket() {
    if constexpr (kTls)
      return stream_.next_layer();
    else
      return stream_;
  }
  void CancelIo() {
    beast::error_code ignored;
    Socket().cancel(ignored);
  }

  // One deadline at a time; a stale expiry (re-armed since) does nothing.
  void Arm(std::chrono::milliseconds after) {
    const std::uint64_t id = ++arm_id_;
    timed_out_ = false;
    timer_.expires_after(after);
    timer_.async_wait([self = this->shared_from_this(), id](beast::error_code ec) {
      if (ec || id != self->arm_id_) return;
      self->timed_out_ = true;
      self->CancelIo();
    });
  }
  void Disarm() {
    ++arm_id_;
    timer_.cancel();
  }

  void AfterConnect() {
    if (reject_) {
      return Respond(server_.service.Refuse(503, ErrorKind::kOverloaded, "too many open connections"), true);
    }
    ReadHeader();
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(limits().max_header_bytes, UINT32_MAX)));
    parser_->body_limit(limits().max_body_bytes);
    idle_ = true;
    Arm(first_ ? limits().header_timeout : limits().idle_timeout);
    first_ = false;
    if (server_.draining && buffer_.size() == 0) return Close();
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->idle_ = false;
                              self->Disarm();
                              if (ec) return self->OnReadError(ec);
                              self->OnHeader();
                            });
  }

  void OnHeader() {
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      auto go_on = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      Arm(limits().body_timeout);
      http::async_write(stream_, *go_on,
                        [self = this->shared_from_this(), go_on](beast::error_code ec, std::size_t) {
                          self->Disarm();
                          if (ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) return Handle();
    Arm(limits().body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       self->Disarm();
                       if (ec) return self->OnReadError(ec);
                       self->Handle();
                     });
  }

  void OnReadError(const beast::error_code& ec) {
    Service& service = server_.service;
    const bool started = buffer_.size() > 0 || (parser_ && parser_->got_some());
    if (ec == asio::error::operation_aborted && timed_out_) {
      if (!started || kTls) return Close();
      return Respond(service.Refuse(408, ErrorKind::kTimeout, "request not received in time"), true);
    }
    if (ec == http::error::body_limit) {
      return Respond(service.Refuse(413, ErrorKind::kBodyTooLarge,
                                    "body larger than " + std::to_string(limits().max_body_bytes) + " bytes"),
                     true);
    }
    if (ec == http::error::header_limit) {
      return Respond(
          service.Refuse(431, ErrorKind::kHeaderTooLarge,
                         "headers larger than " + std::to_string(limits().max_header_bytes) + " bytes"),
          true);
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return Respond(service.Refuse(400, ErrorKind::kBadHttp, "malformed HTTP request: " + ec.message()),
                     true);
    }
    Close();  // end of stream, reset, drained while idle
  }

  void Handle() {
    auto& req = parser_->get();
    head_ = req.method() == http::verb::head;
    const bool close = !req.keep_alive() || server_.draining;
    Respond(server_.service.Handle(RequestOf(req)), close);
  }

  template <class Message>
  static void SetHeaders(Message& m, const Response& r, bool close) {
    m.version(11);
    m.result(static_cast<unsigned>(r.status));
    m.set(http::field::server, "clearance");
    m.set(http::field::content_type, r.content_type);
    if (!r.digest.empty()) m.set("Clearance-Policy-Digest", r.digest);
    if (!r.request_id.empty()) m.set("X-Request-Id", r.request_id);
    for (auto& [name, value] : r.headers) m.set(name, value);
    m.keep_alive(!close);
  }

  void Respond(Response r, bool close) {
    if (r.stream) return RespondStream(std::move(r), close);
    res_ = {};
    SetHeaders(res_, r, close);
    if (head_) {
      res_.content_length(r.body.size());
    } else {
      res_.body() = std::move(r.body);
      res_.prepare_payload();
    }
    head_ = false;
    Arm(limits().body_timeout);
    http::async_write(stream_, res_,
                      [self = this->shared_from_this(), close](beast::error_code ec, std::size_t) {
                        self->Disarm();
                        if (ec) return self->Close();
                        if (close) return self->Finish();
                        self->ReadHeader();
                      });
  }

  // A /v1/batch answer: chunked, each chunk decided just before it is
  // written, so memory stays flat and the client reads while we decide.
  void RespondStream(Response r, bool close) {
    batch_ = std::move(r.stream);
    stream_res_.emplace();
    SetHeaders(*stream_res_, r, close);
    stream_res_->chunked(true);
    stream_res_->body().data = nullptr;
    stream_res_->body().more = true;
    stream_sr_.emplace(*stream_res_);
    Arm(limits().body_timeout);
    http::async_write_header(stream_, *stream_sr_,
                             [self = this->shared_from_this(), close](beast::error_code ec, std::size_t) {
                               self->Disarm();
                               if (ec) return self->Close();
                               self->WriteChunk(close);
                             });
  }

  void WriteChunk(bool close) {
    static constexpr std::size_t kLinesPerChunk = 1024;
    chunk_.clear();
    const bool more = batch_->Next(chunk_, kLinesPerChunk);
    auto& body = stream_res_->body();
    body.data = chunk_.empty() ? nullptr : chunk_.data();
    body.size = chunk_.size();
    body.more = more;
    Arm(limits().body_timeout);
    http::async_write(stream_, *stream_sr_,
                      [self = this->shared_from_this(), close, more](beast::error_code ec, std::size_t) {
                        self->Disarm();
                        if (ec == http::error::need_buffer) ec = {};
                        if (ec) return self->Close();
                        if (more) return self->WriteChunk(close);
                        self->stream_sr_.reset();
                        self->stream_res_.reset();
                        self->batch_.reset();
                        if (close) return self->Finish();
                        self->ReadHeader();
                      });
  }

  // Closes after a last response: TLS close_notify, or for TCP a half close
  // and a short linger so that a client still sending reads the response
  // instead of a reset.
  void Finish() {
    if constexpr (kTls) {
      Arm(1000ms);
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->Close(); });
    } else {
      beast::error_code ignored;
      Socket().shutdown(tcp::socket::shutdown_send, ignored);
      Arm(1000ms);
      Discard();
    }
  }
  void Discard() {
    Socket().async_read_some(asio::buffer(discard_),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) return self->Close();
                               self->Discard();
                             });
  }

  void Close() {
    Disarm();
    beast::error_code ignored;
    Socket().close(ignored);
  }

  Server::Impl& server_;
  Stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  std::shared_ptr<BatchStream> batch_;
  std::optional<http::response<http::buffer_body>> stream_res_;
  std::optional<http::response_serializer<http::buffer_body>> stream_sr_;
  std::string chunk_;
  std::array<char, 4096> discard_{};
  std::uint64_t arm_id_ = 0;
  bool timed_out_ = false;
  bool idle_ = false;
  bool first_ = true;
  bool head_ = false;
  bool reject_;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(NextContext(), [this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open()) return;
    if (ec) {
      // Out of descriptors and the like: try again shortly instead of spinning.
      auto retry = std::make_shared<asio::steady_timer>(ioc, 50ms);
      retry->async_wait([this, retry](beast::error_code) { Accept(); });
      return;
    }
    const bool reject =
        service.metrics().open_connections() >= static_cast<std::int64_t>(service.limits().max_connections);
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    // Started on the connection's own context, where all its handlers run.
    const auto executor = socket.get_executor();
    if (tls) {
      auto session = std::make_shared<Session<TlsStream>>(*this, std::move(socket), *tls, reject);
      asio::post(executor, [session] { session->Start(); });
    } else {
      auto session = std::make_shared<Session<tcp::socket>>(*this, std::move(socket), reject);
      asio::post(executor, [session] { session->Start(); });
    }
    Accept();
  });
}

void Server::Impl::OnSignal(const beast::error_code& ec, int signal) {
  if (ec) return;
  if (signal == SIGHUP) {
    (void)service.Reload("SIGHUP");
    signals.async_wait([this](beast::error_code e, int s) { OnSignal(e, s); });
    return;
  }
  StartDrain();
}

void Server::Impl::StartDrain() {
  if (draining.exchange(true)) return;
  service.StartDraining();
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  if (watcher) watcher->Close();
  std::vector<std::shared_ptr<SessionBase>> open;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [key, weak] : sessions) {
      if (auto session = weak.lock()) open.push_back(std::move(session));
    }
  }
  for (auto& session : open) session->Drain();
  PollDrain(std::chrono::steady_clock::now() + service.limits().drain_timeout);
}

void Server::Impl::PollDrain(std::chrono::steady_clock::time_point deadline) {
  if (service.metrics().open_connections() == 0) {
    guards.clear();  // nothing left: every run() returns
    return;
  }
  if (std::chrono::steady_clock::now() >= deadline) {
    StopAll();
    return;
  }
  drain_timer.expires_after(20ms);
  drain_timer.async_wait([this, deadline](beast::error_code ec) {
    if (!ec) PollDrain(deadline);
  });
}

Result<std::unique_ptr<Server>> Server::Create(Service& service, ServerOptions options) {
  auto impl = std::make_unique<Impl>(service, std::move(options));
  try {
    if (!impl->options.tls_cert.empty()) {
      impl->tls.emplace(asio::ssl::context::tls_server);
      impl->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1);
      impl->tls->use_certificate_chain_file(impl->options.tls_cert);
      impl->tls->use_private_key_file(impl->options.tls_key, asio::ssl::context::pem);
    }
  } catch (const boost::system::system_error& e) {
    return Error::Message("TLS: " + std::string(e.what()));
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl->options.listen.host, ec);
  if (ec) return Error::Message("--listen: bad address '" + impl->options.listen.host + "'");
  const tcp::endpoint endpoint(address, impl->options.listen.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Error::Message("cannot listen on " + impl->options.listen.host + ":" +
                          std::to_string(impl->options.listen.port) + ": " + ec.message());
  if (!impl->options.watch_dirs.empty()) {
    const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) return Error::Message("--watch: inotify_init1 failed");
    for (const std::string& dir : impl->options.watch_dirs) {
      if (inotify_add_watch(fd, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE) < 0) {
        ::close(fd);
        return Error::Message("--watch: cannot watch '" + dir + "'");
      }
    }
    impl->watcher = std::make_unique<Watcher>(impl->ioc, service, fd);
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

std::string Server::address() const {
  beast::error_code ec;
  const tcp::endpoint endpoint = impl_->acceptor.local_endpoint(ec);
  const std::string host = endpoint.address().to_string();
  const std::string port = std::to_string(endpoint.port());
  return endpoint.address().is_v6() ? "[" + host + "]:" + port : host + ":" + port;
}

void Server::Run() {
  Impl& impl = *impl_;
  impl.signals.add(SIGINT);
  impl.signals.add(SIGTERM);
  impl.signals.add(SIGHUP);
  impl.signals.async_wait([&impl](beast::error_code e, int s) { impl.OnSignal(e, s); });
  if (impl.watcher) impl.watcher->Start();
  impl.Accept();
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < impl.pool.size(); ++t) workers.emplace_back([&impl, t] { impl.pool[t]->run(); });
  impl.ioc.run();
  for (auto& worker : workers) worker.join();
}

}  // namespace clearance::serve
