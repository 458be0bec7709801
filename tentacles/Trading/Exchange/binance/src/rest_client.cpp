#include <algorithm>
#include <cctype>
#include <octobot_binance/rest_client.hpp>
#include <octobot_binance/signing.hpp>
#include <random>
#include <thread>

#include "parse.hpp"

namespace octobot::binance {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
// Waiting for a new weight window ends this long after the computed boundary: the server's clock is
// only known to within half a round trip.
constexpr std::int64_t kWindowMarginMs = 100;
constexpr std::size_t kMaxClientOrderIdLength = 36;  // order_params.cpp checks the same

std::int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int depth_weight(int limit) {
  if (limit <= 100) return 5;
  if (limit <= 500) return 25;
  if (limit <= 1000) return 50;
  return 250;
}

// "Way too much request weight used; IP banned until 1700000000000. ..." -> 1700000000000.
std::int64_t ban_end_from_message(const std::string& message) {
  const auto at = message.find("until ");
  if (at == std::string::npos) return 0;
  std::int64_t value = 0;
  std::size_t i = at + 6;
  bool any = false;
  for (; i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])) != 0; ++i) {
    value = value * 10 + (message[i] - '0');
    any = true;
  }
  return any ? value : 0;
}

}  // namespace

RestClient::RestClient(ClientConfig config)
    : config_(std::move(config)),
      transport_(config_.transport),
      signer_(config_.api_secret),
      time_offset_ms_(config_.time_offset_ms),
      limits_(config_.limits ? config_.limits : std::make_shared<RequestLimits>(config_.weight_limit_1m)) {
  if (!config_.clock) config_.clock = &system_now_ms;
  if (!config_.sleep) config_.sleep = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
  while (!config_.base_url.empty() && config_.base_url.back() == '/') config_.base_url.pop_back();
  // The unique part of client order ids: a random salt per client (two runs never collide) + a sequence.
  std::random_device device;
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  for (int i = 0; i < 8; ++i) order_id_salt_.push_back(kAlphabet[device() % 36]);
}

RestClient::~RestClient() = default;

std::int64_t RestClient::now_ms() const { return config_.clock(); }

void RestClient::sleep_ms(std::int64_t ms) {
  if (ms <= 0) return;
  stats_.waited_ms += ms;
  config_.sleep(std::chrono::milliseconds(ms));
}

std::string RestClient::redact(std::string text) const {
  return redact_credentials(std::move(text), config_.api_key, config_.api_secret);
}

void RestClient::log(LogLevel level, std::string_view message) const {
  if (config_.log) config_.log(level, redact(std::string(message)));
}

std::string RestClient::new_client_order_id() {
  const std::string prefix = config_.broker_id.empty() ? std::string() : "x-" + config_.broker_id;
  std::string sequence;
  for (auto n = ++order_sequence_; n > 0; n /= 36)
    sequence.insert(sequence.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
  std::string id = prefix + order_id_salt_ + sequence;
  if (id.size() > kMaxClientOrderIdLength) id.erase(prefix.size(), id.size() - kMaxClientOrderIdLength);
  return id;
}

// Binance asked this IP to wait (a 429 met by any client sharing the limits): sending before then
// risks the 418 ban that follows ignored 429s. Waited out as the client that met it waits, within the
// same budget.
void RestClient::wait_out_back_off(const Request& request) {
  const std::int64_t wait = limits_->backed_off_until_ms() - (now_ms() + time_offset_ms_);
  if (wait <= 0) return;
  const std::string where = std::string(to_string(request.method)) + " " + request.path;
  if (wait > config_.max_retry_after_ms) {
    throw BinanceError(ErrorKind::rate_limited,
                       where + ": Binance asked this IP to back off (429) for " + std::to_string(wait) +
                           " ms more, beyond the client's wait budget: not sent",
                       429, -1003);
  }
  log(LogLevel::warning,
      where + ": Binance asked this IP to back off (429): waiting " + std::to_string(wait) + " ms before sending");
  sleep_ms(wait);
}

void RestClient::before_send(int weight) {
  const std::int64_t server_now = now_ms() + time_offset_ms_;
  const std::int64_t minute = server_now / kMinuteMs;
  const RequestLimits::Window window = limits_->window(server_now);
  const std::int64_t threshold = window.weight_limit * config_.throttle_percent / 100;
  if (window.used_weight + weight > threshold) {
    const std::int64_t wait = (minute + 1) * kMinuteMs - server_now + kWindowMarginMs;
    ++stats_.throttle_waits;
    log(LogLevel::warning, "request weight " + std::to_string(window.used_weight) + " + " + std::to_string(weight) +
                               " would pass " + std::to_string(config_.throttle_percent) + "% of the limit " +
                               std::to_string(window.weight_limit) + "/min: waiting " + std::to_string(wait) +
                               " ms for the next window");
    sleep_ms(wait);
    limits_->start_window(minute + 1);
  }
}

void RestClient::note_weight(const HttpResponse& response) {
  if (response.used_weight_1m) limits_->note_used(*response.used_weight_1m, now_ms() + time_offset_ms_);
}

HttpResponse RestClient::send_once(const Request& request) {
  std::string query = encode_params(request.params);
  if (request.security == Security::signed_request) {
    sign_query(query, config_.recv_window_ms, now_ms() + time_offset_ms_, signer_);
  }
  std::vector<std::string> headers;
  if (request.security != Security::none) headers.push_back("X-MBX-APIKEY: " + config_.api_key);
  std::string url = config_.base_url + request.path;
  std::string body;
  if (request.method == HttpMethod::post) {
    body = std::move(query);
  } else if (!query.empty()) {
    url += "?" + query;
  }
  ++stats_.requests;
  const auto started = std::chrono::steady_clock::now();
  auto response = transport_.perform(request.method, url, headers, body);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  log(LogLevel::debug, std::string(to_string(request.method)) + " " + request.path + " -> " +
                           std::to_string(response.status) + " (weight " +
                           (response.used_weight_1m ? std::to_string(*response.used_weight_1m) : std::string("?")) +
                           "/" + std::to_string(limits_->weight_limit()) + ", " + std::to_string(elapsed) + " us)");
  return response;
}

RestClient::Answer RestClient::execute(const Request& request) {
  bool resynced = false;
  for (int attempt = 0;; ++attempt) {
    const bool may_retry = attempt < config_.max_retries;
    if (attempt > 0) ++stats_.retries;
    if (const std::int64_t banned_until = limits_->banned_until_ms(); banned_until != 0) {
      if (now_ms() + time_offset_ms_ < banned_until) {
        throw BinanceError(ErrorKind::ip_banned,
                           "Binance banned this IP until " + std::to_string(banned_until) +
                               " (Unix ms): no request is sent before then",
                           418, -1003, {}, banned_until);
      }
      limits_->ban_until(0);
    }
    // Before the first send only: a retry after this request's own 429 has waited already, and one
    // after a -1021 resync would read the back-off's end (server time) through the new offset.
    if (attempt == 0) wait_out_back_off(request);
    before_send(request.weight);
    HttpResponse response;
    try {
      response = send_once(request);
    } catch (const TransportError& error) {
      if (error.certificate_refused()) {  // nothing was sent, and sending again would meet the same certificate
        throw BinanceError(ErrorKind::certificate_refused,
                           redact(std::string(to_string(request.method)) + " " + request.path + ": " + error.what()));
      }
      if (error.timed_out()) ++stats_.timeouts;
      if (request.retry == Retry::idempotent && may_retry) {
        log(LogLevel::warning,
            std::string(to_string(request.method)) + " " + request.path + ": " + error.what() + "; retrying");
        sleep_ms(config_.retry_base_delay_ms << attempt);
        continue;
      }
      throw BinanceError(ErrorKind::network,
                         redact(std::string(to_string(request.method)) + " " + request.path + ": " + error.what()));
    }
    note_weight(response);
    const long status = response.status;
    if (status >= 200 && status < 300) return Answer{status, std::move(response.body)};

    if (status == 429) {
      // Rejected before execution: safe to send again, whatever the request.
      wait_after_rate_limit(request, rate_limit_wait_ms(response), may_retry);
      continue;
    }
    if (status == 418) throw_banned(response);
    if (status >= 500) {
      ++stats_.server_errors;
      if (request.retry == Retry::idempotent && may_retry) {
        log(LogLevel::warning, std::string(to_string(request.method)) + " " + request.path + ": server error " +
                                   std::to_string(status) + "; retrying");
        sleep_ms(config_.retry_base_delay_ms << attempt);
        continue;
      }
      throw BinanceError(ErrorKind::server_error,
                         "Binance answered " + std::to_string(status) + " to " +
                             std::string(to_string(request.method)) + " " + request.path + ": its outcome is unknown",
                         static_cast<int>(status));
    }
    if (request.security == Security::signed_request && config_.resync_on_clock_skew && !resynced) {
      const auto error = detail::parse_error_body(response.body);
      if (error && error->code == -1021) {
        // Rejected before execution: measure the clock again and send once more.
        resynced = true;
        log(LogLevel::warning, "timestamp outside recvWindow (-1021): synchronising with the server's clock");
        sync_time();
        continue;
      }
    }
    throw_error(request, status, response.body);
  }
}

// 429: counted, and the back-off Binance asked for is shared (the order lane stops writing until then).
std::int64_t RestClient::rate_limit_wait_ms(const HttpResponse& response) {
  ++stats_.rate_limited;
  const std::int64_t server_now = now_ms() + time_offset_ms_;
  const std::int64_t wait =
      response.retry_after_s ? *response.retry_after_s * 1000 : (server_now / kMinuteMs + 1) * kMinuteMs - server_now;
  limits_->back_off_until(server_now + wait);
  return wait;
}

// After a 429 (`wait`: what rate_limit_wait_ms read): waits as asked and starts a new weight window,
// so the caller sends again; throws rate_limited instead when it may not retry or the wait is beyond
// the budget. execute() and the order lane's answer_of() handle a 429 through here alike.
void RestClient::wait_after_rate_limit(const Request& request, std::int64_t wait, bool may_retry) {
  if (!may_retry || wait > config_.max_retry_after_ms) {
    throw BinanceError(ErrorKind::rate_limited,
                       "Binance rate limit hit (429) on " + request.path + ": asked to wait " + std::to_string(wait) +
                           " ms, beyond the client's retries or wait budget",
                       429, -1003);
  }
  log(LogLevel::warning, std::string(to_string(request.method)) + " " + request.path +
                             ": rate limited (429), waiting " + std::to_string(wait) +
                             " ms as asked, then sending again");
  sleep_ms(wait);
  limits_->start_window((now_ms() + time_offset_ms_) / kMinuteMs);
}

void RestClient::throw_banned(const HttpResponse& response) {
  const auto error = detail::parse_error_body(response.body);
  std::int64_t until = error ? ban_end_from_message(error->msg) : 0;
  if (until == 0) until = now_ms() + time_offset_ms_ + response.retry_after_s.value_or(60) * 1000;
  limits_->ban_until(until);
  log(LogLevel::error,
      "Binance banned this IP (418) until " + std::to_string(until) + " (Unix ms): requests stopped until then");
  throw BinanceError(ErrorKind::ip_banned,
                     "Binance banned this IP for sending too many requests (418) until " + std::to_string(until) +
                         " (Unix ms): no request is sent before then",
                     418, error ? error->code : 0, {}, until);
}

void RestClient::throw_error(const Request& request, long status, const std::string& body) {
  const auto error = detail::parse_error_body(body);
  const std::string where = std::string(to_string(request.method)) + " " + request.path;
  if (!error) {
    throw BinanceError(ErrorKind::unexpected_response,
                       redact(where + ": HTTP " + std::to_string(status) + " without Binance's error body"),
                       static_cast<int>(status));
  }
  const std::string quoted = " (Binance " + std::to_string(error->code) + ": " + error->msg + ")";
  const Refusal refusal = explain_refusal(error->code, error->msg, config_.recv_window_ms, time_offset_ms_);
  throw BinanceError(refusal.kind, redact(where + ": " + refusal.explanation + quoted), static_cast<int>(status),
                     error->code, refusal.filter);
}

// ---- market data ----

std::string RestClient::create_listen_key() {
  const auto answer =
      execute({HttpMethod::post, "/api/v3/userDataStream", {}, Security::api_key, 2, Retry::idempotent});
  return detail::parse_listen_key(answer.body);
}

void RestClient::keepalive_listen_key(const std::string& listen_key) {
  execute({HttpMethod::put,
           "/api/v3/userDataStream",
           {{"listenKey", listen_key}},
           Security::api_key,
           2,
           Retry::idempotent});
}

void RestClient::close_listen_key(const std::string& listen_key) {
  execute({HttpMethod::del,
           "/api/v3/userDataStream",
           {{"listenKey", listen_key}},
           Security::api_key,
           2,
           Retry::idempotent});
}

void RestClient::ping() { execute({HttpMethod::get, "/api/v3/ping", {}, Security::none, 1, Retry::idempotent}); }

std::int64_t RestClient::server_time() {
  const auto answer = execute({HttpMethod::get, "/api/v3/time", {}, Security::none, 1, Retry::idempotent});
  return detail::parse_server_time(answer.body);
}

std::int64_t RestClient::sync_time() {
  const std::int64_t before = now_ms();
  const std::int64_t server = server_time();
  const std::int64_t after = now_ms();
  ++stats_.time_syncs;
  time_offset_ms_ = server - (before + (after - before) / 2);
  log(LogLevel::info, "server clock offset: " + std::to_string(time_offset_ms_) + " ms (round trip " +
                          std::to_string(after - before) + " ms)");
  return time_offset_ms_;
}

ExchangeInfo RestClient::exchange_info(const std::vector<std::string>& symbols) {
  Params params;
  if (symbols.size() == 1) {
    params.emplace_back("symbol", to_exchange_symbol(symbols.front()));
  } else if (!symbols.empty()) {
    std::string list = "[";
    for (const auto& symbol : symbols) list += (list.size() > 1 ? ",\"" : "\"") + to_exchange_symbol(symbol) + "\"";
    params.emplace_back("symbols", list + "]");
  }
  const auto answer =
      execute({HttpMethod::get, "/api/v3/exchangeInfo", std::move(params), Security::none, 20, Retry::idempotent});
  auto info = detail::parse_exchange_info(answer.body);
  for (const auto& limit : info.rate_limits) {
    if (limit.type == "REQUEST_WEIGHT" && limit.interval == "MINUTE" && limit.interval_num == 1) {
      limits_->set_weight_limit(limit.limit);
    }
  }
  return info;
}

std::vector<Kline> RestClient::klines(const std::string& symbol, const std::string& interval, int limit,
                                      std::int64_t start_ms, std::int64_t end_ms) {
  Params params{{"symbol", to_exchange_symbol(symbol)}, {"interval", interval}, {"limit", std::to_string(limit)}};
  if (start_ms != 0) params.emplace_back("startTime", std::to_string(start_ms));
  if (end_ms != 0) params.emplace_back("endTime", std::to_string(end_ms));
  const auto answer =
      execute({HttpMethod::get, "/api/v3/klines", std::move(params), Security::none, 2, Retry::idempotent});
  return detail::parse_klines(answer.body);
}

TickerPrice RestClient::ticker_price(const std::string& symbol) {
  const auto answer = execute({HttpMethod::get,
                               "/api/v3/ticker/price",
                               {{"symbol", to_exchange_symbol(symbol)}},
                               Security::none,
                               2,
                               Retry::idempotent});
  return detail::parse_ticker(answer.body);
}

std::vector<TickerPrice> RestClient::ticker_prices() {
  const auto answer = execute({HttpMethod::get, "/api/v3/ticker/price", {}, Security::none, 4, Retry::idempotent});
  return detail::parse_tickers(answer.body);
}

OrderBook RestClient::depth(const std::string& symbol, int limit) {
  const auto answer = execute({HttpMethod::get,
                               "/api/v3/depth",
                               {{"symbol", to_exchange_symbol(symbol)}, {"limit", std::to_string(limit)}},
                               Security::none,
                               depth_weight(limit),
                               Retry::idempotent});
  return detail::parse_depth(answer.body);
}

// ---- account ----

Account RestClient::account() {
  const auto answer =
      execute({HttpMethod::get, "/api/v3/account", {}, Security::signed_request, 20, Retry::idempotent});
  return detail::parse_account(answer.body);
}

ApiRestrictions RestClient::api_restrictions() {
  const auto answer = execute(
      {HttpMethod::get, "/sapi/v1/account/apiRestrictions", {}, Security::signed_request, 1, Retry::idempotent});
  return detail::parse_api_restrictions(answer.body);
}

Order RestClient::create_order(const OrderRequest& request) {
  const PreparedOrder order = prepare_order(request, config_.broker_id, [this] { return new_client_order_id(); });
  return place_order(order, [&] {
    return execute(
        {HttpMethod::post, "/api/v3/order", order.params, Security::signed_request, 1, Retry::once_rejected_only});
  });
}

Order RestClient::settle_order(const PreparedOrder& order, const HttpResponse* response, const std::string& failure) {
  return place_order(order, [&] { return answer_of(order, response, failure); });
}

// One answer to a create-order request sent by the order lane, classified as execute() classifies
// its own (the same counters, shared limits and errors); what execute would retry is sent again here
// the blocking way, since Binance did not take the order.
RestClient::Answer RestClient::answer_of(const PreparedOrder& order, const HttpResponse* response,
                                         const std::string& failure) {
  const Request request{HttpMethod::post,         "/api/v3/order", order.params, Security::signed_request, 1,
                        Retry::once_rejected_only};
  ++stats_.requests;
  if (response == nullptr) {
    throw BinanceError(ErrorKind::network, redact("POST /api/v3/order: " + failure));
  }
  note_weight(*response);
  const long status = response->status;
  if (status >= 200 && status < 300) return Answer{status, response->body};
  if (status == 429) {  // not accepted: waited for and sent again the blocking way, as execute() does
    wait_after_rate_limit(request, rate_limit_wait_ms(*response), true);
    ++stats_.retries;
    return execute(request);
  }
  if (status == 418) throw_banned(*response);
  if (status >= 500) {
    ++stats_.server_errors;
    throw BinanceError(ErrorKind::server_error,
                       "Binance answered " + std::to_string(status) + " to POST /api/v3/order: its outcome is unknown",
                       static_cast<int>(status));
  }
  if (config_.resync_on_clock_skew) {
    const auto error = detail::parse_error_body(response->body);
    if (error && error->code == -1021) {  // rejected before execution: resync and send once more
      log(LogLevel::warning, "timestamp outside recvWindow (-1021): synchronising with the server's clock");
      sync_time();
      ++stats_.retries;
      return execute(request);
    }
  }
  throw_error(request, status, response->body);
}

Order RestClient::place_order(const PreparedOrder& order, const std::function<Answer()>& send) {
  // Logged once the request is answered, not before it is sent: writing the line (the log sink's lock,
  // a write and a flush) would otherwise delay every order by tens of µs. The gateway journals the order
  // before calling here, so a crash in between still leaves its record.
  try {
    const Answer answer = send();
    Order placed = detail::parse_order(answer.body);
    log(LogLevel::info, order.text() + ": " + placed.status + ", order id " + std::to_string(placed.order_id));
    return placed;
  } catch (const BinanceError& error) {
    log(LogLevel::warning, order.text() + ": " + error.what());
    if (error.kind() != ErrorKind::server_error && error.kind() != ErrorKind::network) throw;
    log(LogLevel::warning, "order " + order.client_order_id + ": looking it up before any resend");
    return resolve_uncertain_order(order.symbol, order.client_order_id, order.params);
  }
}

// The creation's outcome is unknown (5xx or no answer): the order may exist. Look it up by its client
// order id; resend (same id) only when Binance does not know it; a resend answered "Duplicate order
// sent." means the first one is there after all: look it up again.
Order RestClient::resolve_uncertain_order(const std::string& symbol, const std::string& client_order_id,
                                          const Params& params) {
  for (int attempt = 0; attempt <= config_.max_retries; ++attempt) {
    if (attempt > 0) sleep_ms(config_.retry_base_delay_ms << (attempt - 1));
    ++stats_.order_lookups;
    try {
      auto found = order(symbol, client_order_id);
      log(LogLevel::info, "order " + client_order_id + " was placed (status " + found.status + "): not resent");
      return found;
    } catch (const BinanceError& error) {
      if (error.kind() != ErrorKind::unknown_order) throw;
    }
    log(LogLevel::info, "order " + client_order_id + " is unknown to Binance: sending it again with the same id");
    try {
      ++stats_.retries;
      const auto answer =
          execute({HttpMethod::post, "/api/v3/order", params, Security::signed_request, 1, Retry::once_rejected_only});
      return detail::parse_order(answer.body);
    } catch (const BinanceError& error) {
      if (error.kind() != ErrorKind::server_error && error.kind() != ErrorKind::network &&
          error.kind() != ErrorKind::duplicate_order) {
        throw;
      }
    }
  }
  throw BinanceError(ErrorKind::server_error, "order " + client_order_id + " on " + symbol +
                                                  ": outcome still unknown after " +
                                                  std::to_string(config_.max_retries + 1) +
                                                  " look-ups; check the open orders before sending it again");
}

// GET (weight 4, retried) or DELETE (weight 1) /api/v3/order for one order named by `id`
// (origClientOrderId or orderId). A cancel whose outcome is unknown (5xx, no answer) is settled by
// looking the order up: no longer open means done (cancelled, or filled meanwhile); still open means the
// cancel did not happen and is sent once more.
Order RestClient::one_order(HttpMethod method, const std::string& symbol, std::pair<std::string, std::string> id) {
  const Params params{{"symbol", to_exchange_symbol(symbol)}, std::move(id)};
  if (method == HttpMethod::get) {
    return detail::parse_order(
        execute({HttpMethod::get, "/api/v3/order", params, Security::signed_request, 4, Retry::idempotent}).body);
  }
  const Request cancel{HttpMethod::del,          "/api/v3/order", params, Security::signed_request, 1,
                       Retry::once_rejected_only};
  try {
    return detail::parse_order(execute(cancel).body);
  } catch (const BinanceError& error) {
    if (error.kind() != ErrorKind::server_error && error.kind() != ErrorKind::network) throw;
    log(LogLevel::warning, std::string("cancel: ") + error.what() + "; looking the order up");
  }
  ++stats_.order_lookups;
  auto found = one_order(HttpMethod::get, symbol, params.back());
  if (!found.is_open()) return found;
  ++stats_.retries;
  return detail::parse_order(execute(cancel).body);
}

Order RestClient::cancel_order(const std::string& symbol, const std::string& client_order_id) {
  return one_order(HttpMethod::del, symbol, {"origClientOrderId", client_order_id});
}

Order RestClient::cancel_order(const std::string& symbol, std::int64_t order_id) {
  return one_order(HttpMethod::del, symbol, {"orderId", std::to_string(order_id)});
}

Order RestClient::order(const std::string& symbol, const std::string& client_order_id) {
  return one_order(HttpMethod::get, symbol, {"origClientOrderId", client_order_id});
}

Order RestClient::order(const std::string& symbol, std::int64_t order_id) {
  return one_order(HttpMethod::get, symbol, {"orderId", std::to_string(order_id)});
}

std::vector<Order> RestClient::open_orders(const std::string& symbol) {
  Params params;
  if (!symbol.empty()) params.emplace_back("symbol", to_exchange_symbol(symbol));
  const int weight = symbol.empty() ? 80 : 6;
  const auto answer = execute(
      {HttpMethod::get, "/api/v3/openOrders", std::move(params), Security::signed_request, weight, Retry::idempotent});
  return detail::parse_orders(answer.body);
}

std::vector<Trade> RestClient::my_trades(const std::string& symbol, std::int64_t order_id, int limit,
                                         std::int64_t start_ms, std::int64_t from_id) {
  Params params{{"symbol", to_exchange_symbol(symbol)}, {"limit", std::to_string(limit)}};
  if (order_id != 0) params.emplace_back("orderId", std::to_string(order_id));
  if (start_ms != 0) params.emplace_back("startTime", std::to_string(start_ms));
  if (from_id != 0) params.emplace_back("fromId", std::to_string(from_id));
  const auto answer = execute(
      {HttpMethod::get, "/api/v3/myTrades", std::move(params), Security::signed_request, 20, Retry::idempotent});
  return detail::parse_trades(answer.body);
}

}  // namespace octobot::binance
