#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <octobot_binance/order_lane.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "ca_file.hpp"
#include "whole_integer.hpp"

namespace octobot::binance {

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::uint64_t kBodyLimit = 8 * 1024 * 1024;

bool is_ip_literal(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

std::optional<std::int64_t> header_int(const http::response<http::string_body>& response, std::string_view name) {
  const auto it = response.find(boost::beast::string_view(name.data(), name.size()));
  if (it == response.end()) return std::nullopt;
  const auto text = it->value();
  return detail::whole_integer({text.data(), text.size()});
}

std::int64_t ms_until(Clock::time_point deadline) {
  return std::max<std::int64_t>(0,
                                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
}

}  // namespace

struct Connection {
  enum class State { closed, idle, writing, busy, stale, checking };

  // Guarded by Impl::mutex.
  State state = State::closed;
  OrderLane::OnAnswer on_answer;
  Clock::time_point deadline;
  bool write_broken = false;  // some bytes went out, then the write failed
  Clock::time_point retry_at;

  // The socket and TLS state: the lane thread opens and closes them (never while `writing`); the
  // writer uses them while it holds the connection in `writing`. `io` serialises the SSL object
  // between the writer and the lane thread reading an idle connection.
  int fd = -1;
  SSL* ssl = nullptr;
  BIO* tls_in = nullptr;   // bytes received, for OpenSSL to read (owned by ssl)
  BIO* tls_out = nullptr;  // bytes OpenSSL wrote, for us to send (owned by ssl)
  std::mutex io;

  // Lane thread only.
  std::unique_ptr<http::response_parser<http::string_body>> parser;
  std::string received;  // bytes not yet parsed
};

struct OrderLane::Impl {
  LaneConfig config;
  bool tls = false;
  std::string host;
  std::string port;
  std::string base_path;
  std::string host_header;
  SSL_CTX* context = nullptr;

  mutable std::mutex mutex;
  std::vector<std::unique_ptr<Connection>> connections;
  int wake_fd = -1;
  std::thread thread;
  std::atomic<bool> stopping{false};
  std::atomic<std::int64_t> opened{0};

  explicit Impl(LaneConfig c) : config(std::move(c)) {
    std::string_view url = config.base_url;
    if (url.rfind("https://", 0) == 0) {
      tls = true;
      url.remove_prefix(8);
    } else if (url.rfind("http://", 0) == 0) {
      url.remove_prefix(7);
    } else {
      throw std::invalid_argument("order lane: the REST URL must start with http:// or https://");
    }
    const std::size_t slash = url.find('/');
    std::string_view authority = url.substr(0, slash);
    base_path = slash == std::string_view::npos ? std::string() : std::string(url.substr(slash));
    while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
    host_header = std::string(authority);
    if (!authority.empty() && authority.front() == '[') {  // [v6]:port
      const std::size_t close = authority.find(']');
      host = std::string(authority.substr(1, close - 1));
      port = close + 1 < authority.size() ? std::string(authority.substr(close + 2)) : std::string();
    } else {
      const std::size_t colon = authority.rfind(':');
      host = std::string(authority.substr(0, colon));
      port = colon == std::string_view::npos ? std::string() : std::string(authority.substr(colon + 1));
    }
    if (port.empty()) port = tls ? "443" : "80";
    if (host.empty()) throw std::invalid_argument("order lane: no host in the REST URL");
    if (tls) {
      if (!config.ca_file.empty()) check_ca_file(config.ca_file);
      context = SSL_CTX_new(TLS_client_method());
      if (context == nullptr) throw std::runtime_error("order lane: no TLS context");
      SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
      SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
      SSL_CTX_set_default_verify_paths(context);  // the system's CA store
      if (!config.ca_file.empty() && SSL_CTX_load_verify_locations(context, config.ca_file.c_str(), nullptr) != 1) {
        SSL_CTX_free(context);
        ERR_clear_error();
        throw std::invalid_argument("order lane: ca_file \"" + config.ca_file + "\" could not be loaded");
      }
    }
    for (int i = 0; i < std::max(config.connections, 0); ++i) connections.push_back(std::make_unique<Connection>());
    wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_fd < 0) throw std::runtime_error("order lane: eventfd failed");
  }

  ~Impl() {
    for (auto& c : connections) close(*c);
    if (wake_fd >= 0) ::close(wake_fd);
    if (context != nullptr) SSL_CTX_free(context);
  }

  void wake() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(wake_fd, &one, sizeof(one));
  }

  void warn(const std::string& message) const {
    if (config.log_warning) config.log_warning("order lane: " + message);
  }

  // ---- sockets and TLS (the lane thread, or the writer holding the connection) ----

  static void close(Connection& c) {
    if (c.ssl != nullptr) SSL_free(c.ssl);  // frees both BIOs
    c.ssl = nullptr;
    c.tls_in = c.tls_out = nullptr;
    if (c.fd >= 0) ::close(c.fd);
    c.fd = -1;
    c.parser.reset();
    c.received.clear();
  }

  // Sends every byte of `data`; `sent` counts what went out. false: failed or timed out.
  bool send_all(int fd, std::string_view data, std::size_t& sent, Clock::time_point deadline) const {
    while (sent < data.size()) {
      const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, static_cast<int>(ms_until(deadline))) <= 0) return false;
        continue;
      }
      return false;
    }
    return true;
  }

  // What OpenSSL wrote into tls_out, sent. Caller holds c.io (or owns the connection alone).
  bool flush_tls(Connection& c, std::size_t& sent, Clock::time_point deadline) const {
    char buffer[kReadChunk];
    for (;;) {
      const int n = BIO_read(c.tls_out, buffer, sizeof(buffer));
      if (n <= 0) return true;
      std::size_t part = 0;
      const bool ok = send_all(c.fd, std::string_view(buffer, static_cast<std::size_t>(n)), part, deadline);
      sent += part;
      if (!ok) return false;
    }
  }

  // Reads what the socket has (never blocks) into `out` (plain) or through TLS. false: EOF or error.
  bool read_available(Connection& c, std::string& out) const {
    char buffer[kReadChunk];
    bool open = true;
    for (;;) {
      const ssize_t n = ::recv(c.fd, buffer, sizeof(buffer), MSG_DONTWAIT);
      if (n > 0) {
        if (c.ssl == nullptr) {
          out.append(buffer, static_cast<std::size_t>(n));
        } else {
          BIO_write(c.tls_in, buffer, static_cast<int>(n));
        }
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      open = false;  // 0: the peer closed; < 0: reset or another error
      break;
    }
    if (c.ssl == nullptr) return open;
    for (;;) {
      const int n = SSL_read(c.ssl, buffer, sizeof(buffer));
      if (n > 0) {
        out.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      const int error = SSL_get_error(c.ssl, n);
      ERR_clear_error();
      if (error == SSL_ERROR_WANT_READ) break;
      return false;  // close_notify or a TLS error
    }
    std::size_t ignored = 0;  // what reading made OpenSSL write (a key update's answer)
    return flush_tls(c, ignored, Clock::now() + std::chrono::milliseconds(config.request_timeout_ms)) && open;
  }

  // Connects, and shakes hands for https. The lane thread; `stopping` cuts it short.
  bool open(Connection& c) {
    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(config.connect_timeout_ms);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int error = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); error != 0) {
      warn("cannot resolve " + host + ": " + gai_strerror(error));
      return false;
    }
    for (addrinfo* a = found; a != nullptr && c.fd < 0; a = a->ai_next) {
      const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
        ::close(fd);
        continue;
      }
      pollfd p{fd, POLLOUT, 0};
      int error = 0;
      socklen_t length = sizeof(error);
      if (!wait(p, deadline) || getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) {
        ::close(fd);
        continue;
      }
      const int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      c.fd = fd;
    }
    freeaddrinfo(found);
    if (c.fd < 0) {
      warn("cannot connect to " + host_header);
      return false;
    }
    if (tls && !handshake(c, deadline)) {
      close(c);
      return false;
    }
    c.parser.reset();
    c.received.clear();
    ++opened;
    return true;
  }

  // Polls `p` until ready, the deadline or stop (in slices, so stop is never held up long).
  bool wait(pollfd& p, Clock::time_point deadline) const {
    while (!stopping) {
      const std::int64_t left = ms_until(deadline);
      const int ready = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left, 100)));
      if (ready > 0) return true;
      if (ready < 0 && errno != EINTR) return false;
      if (left == 0) return false;
    }
    return false;
  }

  bool handshake(Connection& c, Clock::time_point deadline) {
    c.ssl = SSL_new(context);
    c.tls_in = BIO_new(BIO_s_mem());
    c.tls_out = BIO_new(BIO_s_mem());
    if (c.ssl == nullptr || c.tls_in == nullptr || c.tls_out == nullptr) {
      if (c.ssl == nullptr) {
        BIO_free(c.tls_in);
        BIO_free(c.tls_out);
      }
      warn("no memory for TLS");
      return false;
    }
    BIO_set_mem_eof_return(c.tls_in, -1);  // empty means "wait for more", not EOF
    SSL_set_bio(c.ssl, c.tls_in, c.tls_out);
    if (is_ip_literal(host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c.ssl), host.c_str());
    } else {
      SSL_ctrl(c.ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str()));  // SNI
      SSL_set1_host(c.ssl, host.c_str());
    }
    SSL_set_connect_state(c.ssl);
    for (;;) {
      const int result = SSL_do_handshake(c.ssl);
      std::size_t sent = 0;
      if (!flush_tls(c, sent, deadline)) break;
      if (result == 1) {
        // A TLS 1.3 server sends its session tickets right after: read them now, so that bytes on
        // an idle connection later mean it closed.
        pollfd p{c.fd, POLLIN, 0};
        if (::poll(&p, 1, 20) > 0) {
          std::string unexpected;
          if (!read_available(c, unexpected) || !unexpected.empty()) break;
        }
        return true;
      }
      const int error = SSL_get_error(c.ssl, result);
      if (error != SSL_ERROR_WANT_READ) {
        const long verify = SSL_get_verify_result(c.ssl);
        warn("TLS handshake with " + host_header + " failed" +
             (verify != X509_V_OK ? std::string(": ") + X509_verify_cert_error_string(verify) : std::string()));
        ERR_clear_error();
        return false;
      }
      pollfd p{c.fd, POLLIN, 0};
      if (!wait(p, deadline)) break;
      char buffer[kReadChunk];
      const ssize_t n = ::recv(c.fd, buffer, sizeof(buffer), MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
      if (n > 0) BIO_write(c.tls_in, buffer, static_cast<int>(n));
    }
    ERR_clear_error();
    warn("TLS handshake with " + host_header + " did not complete");
    return false;
  }

  // Readable while idle: the server closed it (or sent what nobody asked for). The writer's check.
  bool closed_while_idle(Connection& c) const {
    pollfd p{c.fd, POLLIN | POLLRDHUP, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
    if ((p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0 || c.ssl == nullptr) return true;
    const std::lock_guard io(c.io);  // TLS: maybe a late session ticket, which is not a close
    std::string unexpected;
    return !read_available(c, unexpected) || !unexpected.empty();
  }

  bool write(Connection& c, std::string_view request, std::size_t& sent) const {
    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(config.request_timeout_ms);
    if (c.ssl == nullptr) return send_all(c.fd, request, sent, deadline);
    const std::lock_guard io(c.io);
    if (SSL_write(c.ssl, request.data(), static_cast<int>(request.size())) <= 0) {  // into memory: nothing sent
      ERR_clear_error();
      return false;
    }
    return flush_tls(c, sent, deadline);
  }

  // ---- the lane thread ----

  void finish(Connection& c, LaneAnswer answer, bool keep) {
    OnAnswer on_answer;
    {
      const std::lock_guard lock(mutex);
      on_answer = std::move(c.on_answer);
      c.on_answer = nullptr;
      if (!keep) {
        close(c);
        c.state = Connection::State::closed;
        c.retry_at = Clock::now();
      } else {
        c.state = Connection::State::idle;
      }
    }
    if (on_answer) on_answer(std::move(answer));
  }

  void read_answer(Connection& c) {
    std::string data;
    bool open = true;
    {
      const std::lock_guard io(c.io);
      open = read_available(c, data);
    }
    c.received += data;
    if (!c.parser) {
      c.parser = std::make_unique<http::response_parser<http::string_body>>();
      c.parser->body_limit(kBodyLimit);
      c.parser->eager(true);
    }
    boost::beast::error_code error;
    while (!c.received.empty() && !c.parser->is_done()) {
      const std::size_t used = c.parser->put(boost::asio::buffer(c.received), error);
      c.received.erase(0, used);
      if (error == http::error::need_more) {
        error = {};
        break;
      }
      if (error) break;
    }
    if (!error && !open && !c.parser->is_done() && c.parser->got_some()) c.parser->put_eof(error);
    if (error) return finish(c, {std::nullopt, "the answer could not be read: " + error.message(), false}, false);
    if (c.parser->is_done()) {
      const auto& message = c.parser->get();
      HttpResponse response;
      response.status = message.result_int();
      response.body = message.body();
      response.used_weight_1m = header_int(message, "X-MBX-USED-WEIGHT-1M");
      response.retry_after_s = header_int(message, "Retry-After");
      const bool keep = open && message.keep_alive() && c.received.empty();
      c.parser.reset();
      return finish(c, {std::move(response), {}, false}, keep);
    }
    if (!open) finish(c, {std::nullopt, "the connection closed before the answer", false}, false);
  }

  // An idle connection became readable: a late TLS session ticket, or the server closed it. Held as
  // `checking` meanwhile, so no writer takes it and no answer's bytes are read here.
  void check_idle(Connection& c) {
    {
      const std::lock_guard lock(mutex);
      if (c.state != Connection::State::idle) return;
      c.state = Connection::State::checking;
    }
    bool closed = false;
    {
      const std::lock_guard io(c.io);
      std::string unexpected;
      closed = !read_available(c, unexpected) || !unexpected.empty();
    }
    const std::lock_guard lock(mutex);
    if (closed) {
      close(c);
      c.state = Connection::State::closed;
      c.retry_at = Clock::now();
    } else {
      c.state = Connection::State::idle;
    }
  }

  void run() {
    std::vector<pollfd> polled;
    std::vector<Connection*> polled_connections;
    while (!stopping) {
      // Open what is closed (stale ones first closed) when its retry time came.
      for (auto& slot : connections) {
        Connection& c = *slot;
        {
          const std::lock_guard lock(mutex);
          if (c.state == Connection::State::stale) {
            close(c);
            c.state = Connection::State::closed;
            c.retry_at = Clock::now();
          }
          if (c.state != Connection::State::closed || Clock::now() < c.retry_at) continue;
        }
        const bool ok = open(c);
        const std::lock_guard lock(mutex);
        if (ok) {
          c.state = Connection::State::idle;
        } else {
          c.retry_at = Clock::now() + std::chrono::milliseconds(config.reconnect_ms);
        }
      }
      // Requests whose write broke after some bytes, or whose answer is late: their outcome is unknown.
      for (auto& slot : connections) {
        Connection& c = *slot;
        std::string failure;
        {
          const std::lock_guard lock(mutex);
          if (c.state != Connection::State::busy) continue;
          if (c.write_broken) {
            failure = "the connection failed while the request was being written";
          } else if (Clock::now() >= c.deadline) {
            failure = "no answer within " + std::to_string(config.request_timeout_ms) + " ms";
          }
        }
        if (!failure.empty()) finish(c, {std::nullopt, failure, false}, false);
      }

      polled.assign(1, pollfd{wake_fd, POLLIN, 0});
      polled_connections.assign(1, nullptr);
      std::int64_t timeout = 100;
      {
        const std::lock_guard lock(mutex);
        for (auto& slot : connections) {
          Connection& c = *slot;
          if (c.state == Connection::State::closed) {
            timeout = std::min(timeout, ms_until(c.retry_at));
          }
          if (c.state != Connection::State::idle && c.state != Connection::State::busy) continue;
          if (c.state == Connection::State::busy) timeout = std::min(timeout, ms_until(c.deadline));
          polled.push_back(pollfd{c.fd, POLLIN | POLLRDHUP, 0});
          polled_connections.push_back(&c);
        }
      }
      if (::poll(polled.data(), polled.size(), static_cast<int>(timeout)) <= 0) continue;
      if (polled[0].revents != 0) {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto read = ::read(wake_fd, &count, sizeof(count));
      }
      for (std::size_t i = 1; i < polled.size(); ++i) {
        if (polled[i].revents == 0) continue;
        Connection& c = *polled_connections[i];
        Connection::State state;
        {
          const std::lock_guard lock(mutex);
          state = c.state;
        }
        if (state == Connection::State::busy) {
          read_answer(c);
        } else if (state == Connection::State::idle) {
          check_idle(c);
        }
      }
    }
    // Stopped: a writer still writing finishes first (no new one starts: `stopping`); then what
    // waits for an answer will not get one from us.
    for (;;) {
      {
        const std::lock_guard lock(mutex);
        if (std::none_of(connections.begin(), connections.end(),
                         [](const auto& c) { return c->state == Connection::State::writing; })) {
          break;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    for (auto& slot : connections) {
      Connection& c = *slot;
      bool busy = false;
      {
        const std::lock_guard lock(mutex);
        busy = c.state == Connection::State::busy;
      }
      if (busy) finish(c, {std::nullopt, "the connector stopped before the answer came", true}, false);
      const std::lock_guard lock(mutex);
      close(c);
      c.state = Connection::State::closed;
    }
  }
};

OrderLane::OrderLane(LaneConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

OrderLane::~OrderLane() { stop(); }

void OrderLane::start() {
  if (impl_->thread.joinable()) return;
  impl_->stopping = false;
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

void OrderLane::stop() {
  if (!impl_->thread.joinable()) return;
  {
    // No new request from here on: a writer holding a connection finishes, the rest find none idle.
    const std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake();
  impl_->thread.join();
}

std::string OrderLane::request_text(std::string_view method, std::string_view path, std::string_view header_lines,
                                    std::string_view body) const {
  std::string text;
  text.reserve(160 + path.size() + header_lines.size() + body.size());
  text.append(method).append(" ").append(impl_->base_path).append(path).append(" HTTP/1.1\r\nHost: ");
  text.append(impl_->host_header).append("\r\nUser-Agent: octobot-cpp\r\nAccept: */*\r\n");
  text.append(header_lines);
  if (!body.empty()) {
    text.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ");
    text.append(std::to_string(body.size())).append("\r\n");
  }
  text.append("\r\n").append(body);
  return text;
}

bool OrderLane::submit(std::string_view request, OnAnswer on_answer) {
  Impl& lane = *impl_;
  for (;;) {
    Connection* c = nullptr;
    {
      const std::lock_guard lock(lane.mutex);
      if (lane.stopping) return false;
      for (auto& slot : lane.connections) {
        if (slot->state == Connection::State::idle) {
          c = slot.get();
          c->state = Connection::State::writing;
          break;
        }
      }
    }
    if (c == nullptr) return false;
    if (lane.closed_while_idle(*c)) {  // the server closed it while idle: the lane reopens it
      {
        const std::lock_guard lock(lane.mutex);
        c->state = Connection::State::stale;
      }
      lane.wake();
      continue;
    }
    std::size_t sent = 0;
    const bool written = lane.write(*c, request, sent);
    {
      const std::lock_guard lock(lane.mutex);
      if (!written && sent == 0) {
        c->state = Connection::State::stale;
      } else {
        c->on_answer = std::move(on_answer);
        c->deadline = Clock::now() + std::chrono::milliseconds(lane.config.request_timeout_ms);
        c->write_broken = !written;
        c->state = Connection::State::busy;
      }
    }
    lane.wake();  // the lane thread polls the connection for its answer (or reopens a stale one)
    return written || sent > 0;
  }
}

int OrderLane::idle_connections() const {
  const std::lock_guard lock(impl_->mutex);
  return static_cast<int>(std::count_if(impl_->connections.begin(), impl_->connections.end(),
                                        [](const auto& c) { return c->state == Connection::State::idle; }));
}

std::int64_t OrderLane::connections_opened() const { return impl_->opened; }

}  // namespace octobot::binance
