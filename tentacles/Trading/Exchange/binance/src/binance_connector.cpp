#include "binance_connector.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <utility>

#include "ca_file.hpp"
#include "connector_mapping.hpp"
#include "decimal_text.hpp"

namespace octobot::binance::connector {

namespace {

constexpr int kKlinePage = 1000;  // Binance's largest klines page
constexpr int kTradesPage = 1000;

std::int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

sdk::LogLevel to_sdk(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return sdk::LogLevel::debug;
    case LogLevel::info:
      return sdk::LogLevel::info;
    case LogLevel::warning:
      return sdk::LogLevel::warning;
    case LogLevel::error:
      return sdk::LogLevel::error;
  }
  return sdk::LogLevel::info;
}

}  // namespace

Binance::Binance(sdk::InstanceContext context) : ExchangeConnector(std::move(context)) {
  exchange_name_ = this->context().exchange.empty() ? std::string("binance") : this->context().exchange;
}

Binance::~Binance() {
  stop_lane();
  stop_streams();
}

void Binance::configure(const sdk::Config& config) {
  Settings s;
  s.rest_url = config.string("rest_url", s.rest_url);
  s.ws_url = config.string("ws_url", s.ws_url);
  s.ws_api_url = config.string("ws_api_url", s.ws_api_url);
  s.user_stream = config.string("user_stream", s.user_stream);
  s.ca_file = config.string("ca_file", s.ca_file);
  s.recv_window_ms = config.integer("recv_window_ms", s.recv_window_ms);
  s.broker_id = config.string("broker_id", s.broker_id);
  s.weight_limit_1m = config.integer("weight_limit_1m", s.weight_limit_1m);
  s.throttle_percent = static_cast<int>(config.integer("throttle_percent", s.throttle_percent));
  s.max_retries = static_cast<int>(config.integer("max_retries", s.max_retries));
  s.connect_timeout_ms = config.integer("connect_timeout_ms", s.connect_timeout_ms);
  s.request_timeout_ms = config.integer("request_timeout_ms", s.request_timeout_ms);
  s.reconnect_base_ms = config.integer("reconnect_base_ms", s.reconnect_base_ms);
  s.reconnect_max_ms = config.integer("reconnect_max_ms", s.reconnect_max_ms);
  s.keepalive_interval_ms = config.integer("keepalive_interval_ms", s.keepalive_interval_ms);
  s.stream_connect_wait_ms = config.integer("stream_connect_wait_ms", s.stream_connect_wait_ms);
  s.order_lane_connections = static_cast<int>(config.integer("order_lane_connections", s.order_lane_connections));
  s.book_depth = static_cast<int>(config.integer("book_depth", s.book_depth));
  s.default_maker_fee = config.string("default_maker_fee", s.default_maker_fee);
  s.default_taker_fee = config.string("default_taker_fee", s.default_taker_fee);
  if (s.recv_window_ms <= 0 || s.recv_window_ms > 60000) throw sdk::ConfigError("recv_window_ms must be in 1..60000");
  if (s.throttle_percent <= 0 || s.throttle_percent > 100) throw sdk::ConfigError("throttle_percent must be in 1..100");
  if (s.book_depth != 0 && s.book_depth != 5 && s.book_depth != 10 && s.book_depth != 20) {
    throw sdk::ConfigError("book_depth must be 0 (bookTicker), 5, 10 or 20");
  }
  if (s.user_stream != "ws_api" && s.user_stream != "listen_key") {
    throw sdk::ConfigError("user_stream must be \"ws_api\" or \"listen_key\", not \"" + s.user_stream + "\"");
  }
  if (s.broker_id.size() > 20) throw sdk::ConfigError("broker_id is longer than 20 characters");
  if (!s.ca_file.empty()) {
    try {
      check_ca_file(s.ca_file);
    } catch (const std::invalid_argument& error) {
      throw sdk::ConfigError(error.what());
    }
  }
  if (s.order_lane_connections < 0 || s.order_lane_connections > 8) {
    throw sdk::ConfigError("order_lane_connections must be in 0..8");
  }
  // The broker id names orders, which the order lane's thread reads: it changes only while stopped.
  if (started_ && (s.rest_url != settings_.rest_url || s.ws_url != settings_.ws_url ||
                   s.ws_api_url != settings_.ws_api_url || s.user_stream != settings_.user_stream ||
                   s.ca_file != settings_.ca_file || s.broker_id != settings_.broker_id)) {
    throw sdk::ConfigError(
        "rest_url, ws_url, ws_api_url, user_stream, ca_file and broker_id cannot change while the connector runs: "
        "restart it");
  }
  settings_ = std::move(s);
  if (!started_) order_prefix_ = settings_.broker_id.empty() ? std::string() : "x-" + settings_.broker_id;
}

ClientConfig Binance::client_config() const {
  ClientConfig config;
  config.base_url = settings_.rest_url;
  config.recv_window_ms = settings_.recv_window_ms;
  config.broker_id = settings_.broker_id;
  config.transport.connect_timeout_ms = settings_.connect_timeout_ms;
  config.transport.request_timeout_ms = settings_.request_timeout_ms;
  config.transport.ca_file = settings_.ca_file;
  config.weight_limit_1m = settings_.weight_limit_1m;
  config.throttle_percent = settings_.throttle_percent;
  config.max_retries = settings_.max_retries;
  // The client's lines are already redacted (neither key nor secret); they go to the host's log/1.
  config.log = [this](LogLevel level, std::string_view line) { log(to_sdk(level), std::string(line)); };
  return config;
}

// Every REST call goes through here: the client's errors become connector codes, and a ban is also
// reported as the connection's state.
template <typename Body>
auto Binance::rest_call(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const BinanceError& error) {
    note_ban(error);
    throw sdk::Error(status_of(error.kind()), std::string("binance: ") + error.what());
  } catch (const TransportError& error) {
    throw sdk::Error(OB_ERROR_EXCHANGE_NETWORK, std::string("binance: ") + error.what());
  }
}

// A ban met by any client of the connector (the exchange thread's, a stream's) is the connection's
// state at once, with Binance's end; a later, shorter one never shortens it.
void Binance::note_ban(const BinanceError& error) {
  if (error.kind() != ErrorKind::ip_banned) return;
  const std::lock_guard lock(mutex_);
  banned_until_ms_ = std::max(banned_until_ms_, error.ban_until_ms());
  publish_connection_locked(error.what());
}

RestClient& Binance::rest() {
  if (!rest_) throw sdk::Error(OB_ERROR_STATE, "binance: the connector is not started");
  return *rest_;
}

RestClient& Binance::signed_rest() {
  RestClient& client = rest();
  if (!has_credentials_) {
    throw sdk::Error(OB_ERROR_EXCHANGE_AUTH, "binance: no API key for " + exchange_name_ +
                                                 " (market data only): add the API key and secret to trade");
  }
  return client;
}

void Binance::start(sdk::ExchangeSink sink) {
  if (started_) throw sdk::Error(OB_ERROR_STATE, "binance: already started");
  {
    const std::lock_guard lock(mutex_);
    sink_ = sink;
    published_state_ = OB_CONNECTION_CONNECTING;
    published_reason_.clear();
    user_up_ = user_was_up_ = market_up_ = market_was_up_ = false;
    banned_until_ms_ = 0;
  }
  sink.connection(sdk::ConnectionState::connecting);

  ClientConfig config = client_config();
  auto key = sdk::credentials(host(), exchange_name_, OB_CREDENTIAL_API_KEY);
  auto secret = sdk::credentials(host(), exchange_name_, OB_CREDENTIAL_API_SECRET);
  if (key.has_value() != secret.has_value()) {
    throw sdk::Error(OB_ERROR_EXCHANGE_AUTH, std::string("binance: the API ") + (key ? "secret" : "key") + " of " +
                                                 exchange_name_ + " is missing: both are needed to trade");
  }
  has_credentials_ = key.has_value() && !key->empty();
  if (has_credentials_) {
    config.api_key = key->str();
    config.api_secret = secret->str();
    api_key_ = key->str();
    api_secret_ = settings_.user_stream == "ws_api" ? secret->str() : std::string();
  }
  limits_ = std::make_shared<RequestLimits>(config.weight_limit_1m);
  config.limits = limits_;
  const ClientConfig lane_config = config;
  try {
    rest_ = std::make_unique<RestClient>(std::move(config));
  } catch (const SigningKeyError& error) {  // a PEM secret that cannot sign: says what it is, never its text
    throw sdk::Error(OB_ERROR_EXCHANGE_AUTH, "binance: the API secret of " + exchange_name_ + ": " + error.what());
  }

  rest_call([&] {
    const std::int64_t offset = rest_->sync_time();
    info_ = rest_->exchange_info();
    maker_fee_ = normalize(settings_.default_maker_fee);
    taker_fee_ = normalize(settings_.default_taker_fee);
    if (has_credentials_) {
      const Account account = rest_->account();
      if (!account.maker_commission.empty()) maker_fee_ = normalize(account.maker_commission);
      if (!account.taker_commission.empty()) taker_fee_ = normalize(account.taker_commission);
    }
    const std::lock_guard lock(mutex_);
    time_offset_ms_ = offset;
  });
  to_octobot_.clear();
  for (const MarketInfo& m : info_.markets) to_octobot_[m.exchange_symbol] = m.symbol;
  if (has_credentials_ && settings_.order_lane_connections > 0) start_lane(lane_config, lane_config.api_secret);
  log(sdk::LogLevel::info,
      std::to_string(info_.markets.size()) + " markets, clock offset " + std::to_string(time_offset_ms_) + " ms, " +
          (has_credentials_ ? std::string("trading account, ") + to_string(rest_->key_type()) + " API key"
                            : std::string("market data only (no API key)")));
  started_ = true;

  std::uint64_t seen = 0;
  {
    const std::lock_guard lock(mutex_);
    if (has_credentials_) {
      has_user_stream_ = true;
      seen = user_outcomes_;
      user_stream_ = std::make_unique<StreamClient>(stream_config(Stream::user, 0));
      user_stream_->start();
    }
    publish_connection_locked({});
  }
  // The account's events (fills of orders sent right after start) only reach a connected stream.
  if (has_credentials_) wait_for_stream(user_outcomes_, seen);
}

void Binance::wait_for_stream(const std::uint64_t& outcomes, std::uint64_t seen) {
  std::unique_lock lock(mutex_);
  if (!stream_outcome_.wait_for(lock, std::chrono::milliseconds(settings_.stream_connect_wait_ms),
                                [&] { return outcomes != seen; })) {
    log(sdk::LogLevel::warning, "stream not connected after " + std::to_string(settings_.stream_connect_wait_ms) +
                                    " ms: going on, it keeps trying");
  }
}

void Binance::stop_streams() {
  // Stopped outside the lock: their callbacks take it, and stop() joins their threads.
  std::unique_ptr<StreamClient> user;
  std::unique_ptr<StreamClient> market;
  {
    const std::lock_guard lock(mutex_);
    user = std::move(user_stream_);
    market = std::move(market_stream_);
    ++market_generation_;
    has_user_stream_ = false;
    has_market_stream_ = false;
  }
  if (market) market->stop();
  if (user) user->stop();
}

void Binance::stop() {
  stop_lane();  // first: its last completions still push executions to the sink
  stop_streams();
  const std::lock_guard lock(mutex_);
  sink_ = {};
  started_ = false;
  market_streams_.clear();
}

std::vector<sdk::ExchangeMarket> Binance::markets() {
  if (!started_) throw sdk::Error(OB_ERROR_STATE, "binance: the connector is not started");
  std::vector<sdk::ExchangeMarket> out;
  for (const MarketInfo& m : info_.markets) {
    if (m.status != "TRADING" || !m.spot_trading_allowed) continue;
    out.push_back({m.symbol, m.base, m.quote, normalize(m.tick_size), normalize(m.step_size), normalize(m.min_qty),
                   normalize(m.min_notional), maker_fee_, taker_fee_});
  }
  return out;
}

sdk::KeyPermissions Binance::key_permissions() {
  if (!has_credentials_) return {};
  const ApiRestrictions r = rest_call([&] { return signed_rest().api_restrictions(); });
  sdk::KeyPermissions out;
  out.known = true;
  out.can_read = r.enable_reading;
  out.can_trade = r.enable_spot_and_margin_trading;
  out.can_withdraw = r.enable_withdrawals;
  out.ip_restricted = r.ip_restrict;
  out.detail = std::string("reading ") + (r.enable_reading ? "on" : "off") + ", spot trading " +
               (r.enable_spot_and_margin_trading ? "on" : "off") + ", withdrawals " +
               (r.enable_withdrawals ? "ON" : "off") + ", " + (r.ip_restrict ? "IP restricted" : "any IP");
  return out;
}

const MarketInfo& Binance::market(const std::string& symbol) const {
  const MarketInfo* found = info_.find(symbol);
  if (found == nullptr) throw sdk::Error(OB_ERROR_INVALID_ARGUMENT, "binance: no market " + symbol);
  return *found;
}

std::string Binance::octobot_symbol(const std::string& exchange_symbol) const {
  const auto it = to_octobot_.find(exchange_symbol);
  return it != to_octobot_.end() ? it->second : exchange_symbol;
}

std::string Binance::exchange_order_id(const std::string& client_order_id) const {
  return order_prefix_ + client_order_id;
}

std::string Binance::host_order_id(const std::string& exchange_id) const {
  if (!order_prefix_.empty() && exchange_id.rfind(order_prefix_, 0) == 0)
    return exchange_id.substr(order_prefix_.size());
  return exchange_id;
}

// ---- streams -----------------------------------------------------------------------------------

void Binance::subscribe(const std::string& symbol, const std::string& time_frame, std::uint32_t streams) {
  if (!started_) throw sdk::Error(OB_ERROR_STATE, "binance: subscribe before start");
  const std::string name = lower(market(symbol).exchange_symbol);
  std::set<std::string> wanted = market_streams_;
  if ((streams & OB_STREAM_CANDLES) != 0u) {
    if (!is_interval(time_frame)) {
      throw sdk::Error(OB_ERROR_INVALID_ARGUMENT, "binance: no " + time_frame + " candles (Binance's intervals: " +
                                                      "1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M)");
    }
    wanted.insert(name + "@kline_" + time_frame);
  }
  if ((streams & OB_STREAM_TICKER) != 0u) wanted.insert(name + "@ticker");
  if ((streams & OB_STREAM_BOOK) != 0u) {
    wanted.insert(settings_.book_depth == 0 ? name + "@bookTicker"
                                            : name + "@depth" + std::to_string(settings_.book_depth));
  }
  if (wanted == market_streams_) return;
  market_streams_ = std::move(wanted);
  restart_market_stream();
}

// Binance takes a combined connection's streams in its URL: a new stream set means a new
// connection. The old one is closed first; its late state changes are ignored (generation).
void Binance::restart_market_stream() {
  std::unique_ptr<StreamClient> old;
  std::uint64_t generation = 0;
  {
    const std::lock_guard lock(mutex_);
    old = std::move(market_stream_);
    generation = ++market_generation_;
    has_market_stream_ = true;
  }
  if (old) old->stop();
  StreamConfig config = stream_config(Stream::market, generation);
  std::uint64_t seen = 0;
  {
    const std::lock_guard lock(mutex_);
    seen = market_outcomes_;
    // A candle closing while the old connection was closed and the new one not yet up reaches
    // neither: the new client starts from what was delivered and fetches that gap over REST.
    for (const auto& [key, open_time] : last_closed_) {
      const auto bar = key.find('|');
      config.delivered_closed.emplace(key.substr(0, bar) + " " + key.substr(bar + 1), open_time);
    }
  }
  auto client = std::make_unique<StreamClient>(std::move(config));
  client->start();
  {
    const std::lock_guard lock(mutex_);
    market_stream_ = std::move(client);
  }
  log(sdk::LogLevel::info, "market streams: " + std::to_string(market_streams_.size()));
  // Candles closing before the new connection is up would be missed: wait for it (bounded).
  wait_for_stream(market_outcomes_, seen);
}

StreamConfig Binance::stream_config(Stream which, std::uint64_t generation) {
  StreamConfig config;
  config.ws_base_url = settings_.ws_url;
  config.ca_file = settings_.ca_file;
  // Its own client on the stream thread (gap fills, listen keys, the WS API's clock), sharing the
  // connector's weight, ban and back-off: a 418 met by a gap fill stops the exchange thread and the
  // order lane too, and the weight the stream spends counts for them. Those ends are server times:
  // it starts from the exchange thread's measured offset (the stream runs no sync of its own for
  // market data).
  config.rest = client_config();
  config.rest.limits = limits_;
  config.rest.time_offset_ms = rest_ ? rest_->time_offset_ms() : 0;
  config.reconnect_base_ms = settings_.reconnect_base_ms;
  config.reconnect_max_ms = settings_.reconnect_max_ms;
  config.keepalive_interval_ms = settings_.keepalive_interval_ms;
  config.log = [this](LogLevel level, std::string_view line) { log(to_sdk(level), std::string(line)); };
  config.on_state = [this, which, generation](StreamState state, std::string_view reason) {
    on_state(which, generation, state, reason);
  };
  config.on_binance_error = [this](const BinanceError& error) { note_ban(error); };
  if (which == Stream::user) {
    config.user_data = true;
    config.rest.api_key = api_key_;
    if (settings_.user_stream == "ws_api") {  // a signed subscription on the WebSocket API
      config.user_stream = UserStream::ws_api;
      config.ws_api_url = settings_.ws_api_url;
      config.rest.api_secret = api_secret_;
    } else {  // a listen key: the key alone, never the secret
      config.user_stream = UserStream::listen_key;
    }
    config.on_execution_report = [this](const ExecutionReport& report) { on_execution_report(report); };
    config.on_account_position = [this](const AccountPosition& position) {
      std::vector<sdk::AssetBalance> balances;
      for (const Balance& b : position.balances) balances.push_back(to_balance(b));
      const std::lock_guard lock(mutex_);
      sink_.balances(balances);
    };
    return config;
  }
  config.streams.assign(market_streams_.begin(), market_streams_.end());
  config.on_kline = [this](const KlineEvent& event) { on_kline(event); };
  config.on_ticker = [this](const TickerEvent& event) {
    const std::lock_guard lock(mutex_);
    sink_.ticker({octobot_symbol(event.symbol), event.event_time_ms, normalize(event.last_price),
                  event.best_bid.empty() ? std::string() : normalize(event.best_bid),
                  event.best_ask.empty() ? std::string() : normalize(event.best_ask)});
  };
  config.on_book_ticker = [this](const BookTickerEvent& event) {
    const std::lock_guard lock(mutex_);
    sink_.book({octobot_symbol(event.symbol),
                system_now_ms() + time_offset_ms_,
                {{normalize(event.bid.price), normalize(event.bid.quantity)}},
                {{normalize(event.ask.price), normalize(event.ask.quantity)}}});
  };
  config.on_depth = [this](const DepthEvent& event) {
    sdk::ExchangeBook book;
    book.symbol = octobot_symbol(event.symbol);
    for (const PriceLevel& l : event.book.bids) book.bids.push_back({normalize(l.price), normalize(l.quantity)});
    for (const PriceLevel& l : event.book.asks) book.asks.push_back({normalize(l.price), normalize(l.quantity)});
    const std::lock_guard lock(mutex_);
    book.time_ms = system_now_ms() + time_offset_ms_;
    sink_.book(book);
  };
  return config;
}

void Binance::on_kline(const KlineEvent& event) {
  sdk::ExchangeCandle candle = to_candle(event.kline, octobot_symbol(event.symbol), event.interval);
  candle.closed = event.closed;
  candle.from_rest = event.from_rest;
  const std::lock_guard lock(mutex_);
  if (event.closed) {
    // The stream client drops what it delivered itself; this also covers a restarted connection
    // sending again a candle the previous one delivered.
    auto [it, inserted] = last_closed_.try_emplace(event.symbol + "|" + event.interval, event.kline.open_time_ms);
    if (!inserted) {
      if (it->second >= event.kline.open_time_ms) return;
      it->second = event.kline.open_time_ms;
    }
  }
  sink_.candle(candle);
}

void Binance::on_state(Stream which, std::uint64_t generation, StreamState state, std::string_view reason) {
  const std::lock_guard lock(mutex_);
  if (which == Stream::market && generation != market_generation_) return;  // a replaced connection
  // A connection being made does not change the state: connecting stays connecting, and a reconnect
  // (or the market streams' restart) keeps what the last outcome said until the new one is known.
  if (state == StreamState::connecting) return;
  const bool up = state == StreamState::connected;
  (which == Stream::user ? user_up_ : market_up_) = up;
  ++(which == Stream::user ? user_outcomes_ : market_outcomes_);
  stream_outcome_.notify_all();
  if (up) (which == Stream::user ? user_was_up_ : market_was_up_) = true;
  publish_connection_locked(std::string(reason));
}

// connected when every stream is up; degraded while one reconnects (REST still works); banned while
// the REST client is banned.
void Binance::publish_connection_locked(const std::string& reason) {
  std::uint32_t state = OB_CONNECTION_CONNECTED;
  std::int64_t until = 0;
  std::string why = reason;
  if (banned_until_ms_ > system_now_ms() + time_offset_ms_) {
    state = OB_CONNECTION_BANNED;
    until = banned_until_ms_;
  } else if ((has_user_stream_ && !user_up_ && user_was_up_) || (has_market_stream_ && !market_up_ && market_was_up_)) {
    state = OB_CONNECTION_DEGRADED;  // REST still answers; the stream client reconnects and fills the gaps
  } else if ((has_user_stream_ && !user_up_) || (has_market_stream_ && !market_up_)) {
    state = OB_CONNECTION_CONNECTING;
  }
  // The same state again is news only with a new reason: a user-data subscription refused (its
  // Binance code and message) while the state stays connecting or degraded.
  if (state == published_state_ && state != OB_CONNECTION_BANNED && (why.empty() || why == published_reason_)) return;
  published_state_ = state;
  published_reason_ = why;
  sink_.connection(static_cast<sdk::ConnectionState>(state), why, until);
}

// ---- history and account -----------------------------------------------------------------------

std::vector<sdk::ExchangeCandle> Binance::candles(const std::string& symbol, const std::string& time_frame,
                                                  std::int64_t since_ms, std::uint64_t limit) {
  if (!is_interval(time_frame)) throw sdk::Error(OB_ERROR_INVALID_ARGUMENT, "binance: no " + time_frame + " candles");
  const MarketInfo& m = market(symbol);
  if (limit == 0) limit = kKlinePage;
  std::vector<sdk::ExchangeCandle> out;
  std::int64_t start = since_ms;
  while (out.size() < limit) {
    const int page = static_cast<int>(std::min<std::uint64_t>(kKlinePage, limit - out.size() + 1));
    // The server's clock says which candle is still in progress (the local offset may be stale).
    const std::int64_t now = rest_call([&] { return rest().server_time(); });
    const std::vector<Kline> batch =
        rest_call([&] { return rest().klines(m.exchange_symbol, time_frame, page, start); });
    bool reached_now = static_cast<int>(batch.size()) < page;
    for (const Kline& k : batch) {
      if (k.close_time_ms >= now) {  // the candle in progress is not history
        reached_now = true;
        break;
      }
      if (out.size() == limit) break;
      sdk::ExchangeCandle candle = to_candle(k, m.symbol, time_frame);
      candle.from_rest = true;
      out.push_back(std::move(candle));
    }
    if (reached_now || batch.empty()) break;
    start = batch.back().close_time_ms + 1;
  }
  return out;
}

std::vector<sdk::AssetBalance> Binance::balances() {
  const Account account = rest_call([&] { return signed_rest().account(); });
  std::vector<sdk::AssetBalance> out;
  for (const Balance& b : account.balances) {
    sdk::AssetBalance balance = to_balance(b);
    if (!is_zero(balance.total)) out.push_back(std::move(balance));
  }
  return out;
}

// ---- orders ------------------------------------------------------------------------------------

sdk::OrderView Binance::view_of(const Order& order) {
  sdk::OrderView view = to_view(order, octobot_symbol(order.symbol), host_order_id(order.client_order_id));
  const std::lock_guard lock(mutex_);
  client_ids_[order.order_id] = order.client_order_id;
  if (const auto it = fees_.find(order.client_order_id); it != fees_.end()) {
    view.fee = it->second;
    view.fee_asset = fee_assets_[order.client_order_id];
  }
  return view;
}

bool Binance::deliver_fill_locked(sdk::OrderView view, const sdk::ExchangeFill& fill,
                                  const std::string& exchange_symbol, const std::string& exchange_client_id,
                                  std::int64_t order_id) {
  if (!delivered_trades_.insert(exchange_symbol + ":" + fill.trade_id).second) return false;
  std::string& fee = fees_[exchange_client_id];
  fee = add(fee, fill.fee);
  fee_assets_[exchange_client_id] = fill.fee_asset;
  view.fee = fee;
  view.fee_asset = fill.fee_asset;
  sink_.order(view, &fill, std::to_string(order_id));
  return true;
}

// The FULL answer's executions, pushed once each (the user-data stream reports the same trades).
void Binance::push_rest_fills(const Order& order, const sdk::OrderView& final_view) {
  std::string filled = "0";
  std::string quote = "0";
  for (std::size_t i = 0; i < order.fills.size(); ++i) {
    const Fill& f = order.fills[i];
    const sdk::ExchangeFill fill{
        std::to_string(f.trade_id), order.time_ms, normalize(f.price), normalize(f.qty), normalize(f.commission),
        f.commission_asset,         false};  // an answer's fills are taker
    filled = add(filled, fill.amount);
    quote = add(quote, multiply(fill.price, fill.amount));
    sdk::OrderView view = final_view;
    view.filled = filled;
    view.average_price = divide(quote, filled);
    if (i + 1 < order.fills.size()) view.status = sdk::OrderStatus::partially_filled;
    const std::lock_guard lock(mutex_);
    deliver_fill_locked(view, fill, order.symbol, order.client_order_id, order.order_id);
  }
}

OrderRequest Binance::binance_request(const sdk::OrderRequest& request, const std::string& client_order_id) const {
  const MarketInfo& m = market(request.symbol);
  OrderRequest order_request;
  order_request.symbol = m.exchange_symbol;
  order_request.side = request.side == sdk::Side::sell ? OrderSide::sell : OrderSide::buy;
  switch (request.type) {
    case sdk::OrderType::market:
      order_request.type = OrderType::market;
      break;
    case sdk::OrderType::limit:
      order_request.type = OrderType::limit;
      order_request.price = request.price;
      break;
    default:
      throw sdk::Error(OB_ERROR_UNSUPPORTED, "binance: only market and limit orders are supported by this connector");
  }
  order_request.quantity = request.amount;
  order_request.client_order_id = exchange_order_id(client_order_id);
  return order_request;
}

void Binance::rethrow_rest_error() {
  rest_call([]() -> int { throw; });
  throw;  // rest_call always throws; this keeps [[noreturn]] honest
}

sdk::OrderView Binance::order_outcome(const sdk::OrderRequest& request, const std::string& client_order_id,
                                      RestClient& client, const std::function<Order()>& send) {
  const MarketInfo& m = market(request.symbol);
  Order order;
  try {
    order = send();
  } catch (const BinanceError& error) {
    switch (error.kind()) {
      case ErrorKind::insufficient_balance:
      case ErrorKind::filter_failure:
      case ErrorKind::invalid_request: {
        // The REST client already logged the order with Binance's reason: one line per order event.
        sdk::OrderView rejected;
        rejected.id = client_order_id;
        rejected.symbol = m.symbol;
        rejected.tag = request.tag;
        rejected.side = request.side;
        rejected.type = request.type;
        rejected.amount = request.amount;
        rejected.price = request.price;
        rejected.status = sdk::OrderStatus::rejected;
        rejected.reason = error.what();
        return rejected;
      }
      case ErrorKind::duplicate_order:  // already placed under this name (a resend): report that order
        return fetch_with(client, m, client_order_id);
      default:
        rethrow_rest_error();
    }
  } catch (const TransportError& error) {
    throw sdk::Error(OB_ERROR_EXCHANGE_NETWORK, std::string("binance: ") + error.what());
  }
  sdk::OrderView view = view_of(order);
  view.tag = request.tag;
  push_rest_fills(order, view);
  sdk::OrderView out = view_of(order);  // with the fee of the executions delivered so far
  out.tag = request.tag;
  return out;
}

sdk::OrderView Binance::create_order(const sdk::OrderRequest& request, const std::string& client_order_id) {
  RestClient& client = signed_rest();
  const OrderRequest order_request = binance_request(request, client_order_id);
  return order_outcome(request, client_order_id, client, [&] { return client.create_order(order_request); });
}

sdk::OrderView Binance::cancel_order(const std::string& symbol, const std::string& client_order_id) {
  RestClient& client = signed_rest();
  const MarketInfo& m = market(symbol);
  try {
    return view_of(client.cancel_order(m.exchange_symbol, exchange_order_id(client_order_id)));
  } catch (const BinanceError& error) {
    if (error.kind() != ErrorKind::unknown_order) {
      rest_call([&]() -> int { throw; });
      throw;
    }
    std::optional<sdk::OrderView> last;
    try {
      last = view_of(client.order(m.exchange_symbol, exchange_order_id(client_order_id)));
    } catch (const BinanceError&) {  // unknown altogether: no last state to give
    }
    throw sdk::UnknownOrderError(std::string("binance: ") + error.what(), last);
  }
}

sdk::OrderView Binance::fetch_order(const std::string& symbol, const std::string& client_order_id) {
  RestClient& client = signed_rest();
  return fetch_with(client, market(symbol), client_order_id);
}

sdk::OrderView Binance::fetch_with(RestClient& client, const MarketInfo& m, const std::string& client_order_id) {
  try {
    return view_of(client.order(m.exchange_symbol, exchange_order_id(client_order_id)));
  } catch (const BinanceError& error) {
    if (error.kind() == ErrorKind::unknown_order) throw sdk::UnknownOrderError(std::string("binance: ") + error.what());
    rethrow_rest_error();
  }
}

std::vector<sdk::OrderView> Binance::open_orders(const std::string& symbol) {
  RestClient& client = signed_rest();
  const std::string exchange_symbol = symbol.empty() ? std::string() : market(symbol).exchange_symbol;
  const std::vector<Order> orders = rest_call([&] { return client.open_orders(exchange_symbol); });
  std::vector<sdk::OrderView> out;
  out.reserve(orders.size());
  for (const Order& order : orders) out.push_back(view_of(order));
  return out;
}

// myTrades answers a startTime request with the trades of the 24 h from it: walk the days from
// `since_ms` to now; a full page continues by trade id (fromId, no time bound) to the latest trade.
std::vector<sdk::AccountFill> Binance::fills_since(const std::string& symbol, std::int64_t since_ms) {
  constexpr std::int64_t kDay = 24 * 3'600'000;
  RestClient& client = signed_rest();
  const MarketInfo& m = market(symbol);
  const std::int64_t now = rest_call([&] { return client.server_time(); });
  std::vector<sdk::AccountFill> out;
  std::int64_t window = std::max<std::int64_t>(since_ms, 1);  // 0 would mean "the latest trades"
  std::int64_t from_id = 0;
  for (;;) {
    const std::vector<Trade> page = rest_call(
        [&] { return client.my_trades(m.exchange_symbol, 0, kTradesPage, from_id == 0 ? window : 0, from_id); });
    for (const Trade& t : page) {
      if (t.time_ms < since_ms) continue;
      std::string exchange_id;
      {
        const std::lock_guard lock(mutex_);
        if (const auto it = client_ids_.find(t.order_id); it != client_ids_.end()) exchange_id = it->second;
      }
      if (exchange_id.empty()) {
        exchange_id = rest_call([&] { return client.order(m.exchange_symbol, t.order_id); }).client_order_id;
        const std::lock_guard lock(mutex_);
        client_ids_[t.order_id] = exchange_id;
      }
      out.push_back({host_order_id(exchange_id),
                     {std::to_string(t.id), t.time_ms, normalize(t.price), normalize(t.qty), normalize(t.commission),
                      t.commission_asset, t.is_maker}});
    }
    if (static_cast<int>(page.size()) == kTradesPage) {
      from_id = page.back().id + 1;
      continue;
    }
    if (from_id != 0) break;  // fromId pages run to the latest trade
    window += kDay;
    if (window > now) break;
  }
  return out;
}

// ---- user-data stream --------------------------------------------------------------------------

void Binance::on_execution_report(const ExecutionReport& report) {
  sdk::OrderView view = to_view(report, octobot_symbol(report.symbol), host_order_id(report.client_order_id));
  const std::lock_guard lock(mutex_);
  client_ids_[report.order_id] = report.client_order_id;
  if (report.execution_type == "TRADE" && report.trade_id >= 0) {
    const sdk::ExchangeFill fill{std::to_string(report.trade_id),
                                 report.transaction_time_ms,
                                 normalize(report.last_price),
                                 normalize(report.last_quantity),
                                 normalize(report.commission),
                                 report.commission_asset,
                                 report.is_maker};
    deliver_fill_locked(view, fill, report.symbol, report.client_order_id, report.order_id);
    return;
  }
  if (const auto it = fees_.find(report.client_order_id); it != fees_.end()) {
    view.fee = it->second;
    view.fee_asset = fee_assets_[report.client_order_id];
  }
  sink_.order(view, nullptr, std::to_string(report.order_id));
}

}  // namespace octobot::binance::connector
