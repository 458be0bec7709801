// Errors of the Binance REST client, typed so the connector can act on them (retry, stop, report)
// and worded so a user knows what happened and what to do. No message ever holds the API secret or
// the API key: messages are built from Binance's code and text, and redacted once more on the way
// out (the client's redaction list).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace octobot::binance {

enum class ErrorKind {
  insufficient_balance,  // -2010 "Account has insufficient balance for requested action."
  duplicate_order,       // -2010 "Duplicate order sent." (a client order id still open)
  filter_failure,        // -1013 "Filter failure: LOT_SIZE" (filter() names it)
  unknown_order,         // -2011 (cancel) / -2013 (query)
  invalid_api_key,       // -2014 / -2015: malformed, unknown, IP not whitelisted or missing permission
  invalid_signature,     // -1022
  clock_skew,            // -1021: timestamp outside recvWindow, or ahead of the server
  rate_limited,          // 429 that outlived the client's retries / wait budget
  ip_banned,             // 418: no request is sent before ban_until_ms()
  invalid_request,       // any other -1xxx / -2xxx: a parameter Binance refused
  server_error,          // 5xx that outlived the retries (state of a non-idempotent request unknown)
  network,               // connection failed / timed out, after the retries
  certificate_refused,   // the server's TLS certificate was refused (untrusted CA, other host): nothing was sent
  unexpected_response,   // a body that is not the JSON Binance documents
};

[[nodiscard]] const char* to_string(ErrorKind kind) noexcept;

// What one of Binance's error codes means, worded for the user: the kind, the explanation and, for a
// filter failure, the filter named in `msg`. One wording whichever API refused (REST or the WebSocket
// API); `recv_window_ms` and `offset_ms` fill the clock-skew explanation (-1021).
struct Refusal {
  ErrorKind kind = ErrorKind::invalid_request;
  std::string explanation;
  std::string filter;
};
[[nodiscard]] Refusal explain_refusal(std::int64_t code, const std::string& msg, std::int64_t recv_window_ms,
                                      std::int64_t offset_ms);

class BinanceError : public std::runtime_error {
 public:
  BinanceError(ErrorKind kind, std::string message, int http_status = 0, int code = 0, std::string filter = {},
               std::int64_t ban_until_ms = 0)
      : std::runtime_error(std::move(message)),
        kind_(kind),
        http_status_(http_status),
        code_(code),
        filter_(std::move(filter)),
        ban_until_ms_(ban_until_ms) {}

  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }
  [[nodiscard]] int http_status() const noexcept { return http_status_; }             // 0: no HTTP answer
  [[nodiscard]] int code() const noexcept { return code_; }                           // Binance's code, 0 if none
  [[nodiscard]] const std::string& filter() const noexcept { return filter_; }        // filter_failure only
  [[nodiscard]] std::int64_t ban_until_ms() const noexcept { return ban_until_ms_; }  // ip_banned only

 private:
  ErrorKind kind_;
  int http_status_;
  int code_;
  std::string filter_;
  std::int64_t ban_until_ms_;
};

}  // namespace octobot::binance
