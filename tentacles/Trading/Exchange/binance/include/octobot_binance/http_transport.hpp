// One libcurl easy handle, reused for every request so the connection to Binance stays open
// (keep-alive, one TLS handshake instead of one per request). Not thread-safe: one transport per
// thread (the exchange's).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::binance {

enum class HttpMethod { get, post, put, del };
[[nodiscard]] const char* to_string(HttpMethod method) noexcept;

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<std::int64_t> used_weight_1m;  // X-MBX-USED-WEIGHT-1M
  std::optional<std::int64_t> retry_after_s;   // Retry-After (seconds)
};

struct TransportOptions {
  std::int64_t connect_timeout_ms = 5000;
  std::int64_t request_timeout_ms = 10000;  // whole request, connection included
  std::string user_agent = "octobot-cpp";
  // A PEM file of CA certificates trusted besides the system's store (a TLS-inspecting proxy's CA, a
  // test server's); empty: the system's store alone. Peer and host name verification stay on.
  std::string ca_file;
};

// No HTTP answer: the connection failed or the request timed out. The request may or may not have
// reached the server (`timed_out` requests in particular may have been executed), except when the
// server's TLS certificate was refused: then nothing was sent, and retrying cannot help.
class TransportError : public std::runtime_error {
 public:
  TransportError(std::string message, bool timed_out, bool certificate_refused = false)
      : std::runtime_error(std::move(message)), timed_out_(timed_out), certificate_refused_(certificate_refused) {}
  [[nodiscard]] bool timed_out() const noexcept { return timed_out_; }
  // The TLS handshake failed on the server's certificate (untrusted CA, another host's name, expired).
  [[nodiscard]] bool certificate_refused() const noexcept { return certificate_refused_; }

 private:
  bool timed_out_;
  bool certificate_refused_;
};

class HttpTransport {
 public:
  // Throws std::invalid_argument when options.ca_file is set but not a readable PEM file of certificates.
  explicit HttpTransport(TransportOptions options = {});
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // `headers` are full header lines ("X-MBX-APIKEY: ..."). `body` is sent as
  // application/x-www-form-urlencoded for POST. Throws TransportError when no answer came back.
  HttpResponse perform(HttpMethod method, const std::string& url, const std::vector<std::string>& headers,
                       std::string_view body = {});

  // Connections opened so far (1 after any number of requests on a kept-alive connection).
  [[nodiscard]] std::int64_t connections_opened() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace octobot::binance
