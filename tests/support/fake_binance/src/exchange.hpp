// The fake's exchange state and endpoint logic, free of networking: FakeBinance's server thread calls
// handle() under its mutex with the request already authenticated. Money is core's exact Decimal.
#pragma once

#include <octobot/commons/decimal.hpp>
#include <octobot/testing/fake_binance.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace octobot::testing::fake {

using commons::Decimal;
using Params = std::map<std::string, std::string>;

struct Reply {
  int status = 200;
  std::string body;
};

// {"code":code,"msg":"msg"} with an HTTP status (400 unless given).
[[nodiscard]] Reply error_reply(int code, const std::string& msg, int status = 400);
// A Decimal as Binance writes it: 8 decimals ("0.10000000").
[[nodiscard]] std::string format8(Decimal value);
[[nodiscard]] std::string json_quote(const std::string& text);

struct Candle {
  std::int64_t open_time_ms = 0;
  Decimal open, high, low, close, volume;
};

struct Market {
  std::string symbol;  // "BTCUSDT"
  FakeMarket spec;
  Decimal tick, min_price, max_price, step, min_qty, max_qty, min_notional;
  std::vector<Candle> candles;
};

struct Order {
  std::string symbol;
  std::int64_t id = 0;
  std::string client_id;
  std::string side;  // BUY / SELL
  std::string type;  // LIMIT / MARKET / LIMIT_MAKER
  std::string time_in_force;
  Decimal price, quantity, executed, quote_executed, locked;
  std::string status;
  std::int64_t time_ms = 0;
  std::int64_t update_time_ms = 0;
  [[nodiscard]] bool open() const { return status == "NEW" || status == "PARTIALLY_FILLED"; }
};

struct Trade {
  std::string symbol;
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  Decimal price, qty, quote_qty, commission;
  std::string commission_asset;
  std::int64_t time_ms = 0;
  bool is_buyer = false;
  bool is_maker = false;
};

struct BalanceRow {
  Decimal free, locked;
};

class Exchange {
 public:
  explicit Exchange(const FakeBinanceOptions& options);

  void add_market(FakeMarket spec);
  void set_balance(const std::string& asset, Decimal free);
  void set_time(std::int64_t ms);  // fills resting orders on the candles closing up to ms
  [[nodiscard]] std::int64_t now_ms() const { return now_ms_; }

  // The endpoint's answer (signed checks already passed).
  Reply handle(const std::string& method, const std::string& path, const Params& params);
  [[nodiscard]] static bool is_known(const std::string& method, const std::string& path);
  [[nodiscard]] static bool is_signed(const std::string& path);
  [[nodiscard]] static int weight(const std::string& method, const std::string& path, const Params& params);

  [[nodiscard]] std::int64_t orders_created() const { return orders_created_; }
  [[nodiscard]] std::int64_t open_order_count() const;
  [[nodiscard]] const BalanceRow* balance(const std::string& asset) const;
  [[nodiscard]] std::optional<Decimal> price(const std::string& symbol) const;
  // Test control: cancels every open order, as its owner would on the exchange's site (a bot that is
  // down learns it at its restart). Returns how many.
  int cancel_open_orders();
  // Test control: fills what is left of every open limit order at its price (a trade crossing it, no
  // liquidity cap), with the user events. Returns how many.
  int fill_open_orders();
  // Every order as "<client order id>:<status>", in creation order.
  [[nodiscard]] std::vector<std::string> order_states() const;

  // WebSocket market streams ("btcusdt@kline_1m", "btcusdt@ticker", "btcusdt@bookTicker",
  // "btcusdt@depth5"): the event payloads for the clock having moved from `before_ms` to now. Klines:
  // one closed event (x=true) per candle that closed meanwhile, then the candle in progress (x=false);
  // the other streams: their current state. `snapshot`: what a new subscriber gets at once (the kline in
  // progress, the current ticker / book). nullopt: not a stream the fake knows.
  [[nodiscard]] std::optional<std::vector<std::string>> stream_payloads(const std::string& stream,
                                                                        std::int64_t before_ms, bool snapshot) const;
  // The user-data events (executionReport, outboundAccountPosition) produced since the last call.
  [[nodiscard]] std::vector<std::string> take_user_events();

 private:
  Reply exchange_info(const Params& params) const;
  Reply klines(const Params& params) const;
  Reply ticker_price(const Params& params) const;
  Reply depth(const Params& params) const;
  Reply account() const;
  Reply api_restrictions() const;
  Reply new_order(const Params& params);
  Reply cancel_order(const Params& params);
  Reply query_order(const Params& params) const;
  Reply open_orders(const Params& params) const;
  Reply my_trades(const Params& params) const;

  [[nodiscard]] const Market* market(const Params& params) const;
  Order* find_order(const std::string& symbol, const Params& params);
  void cancel(Order& order);  // an open order: its funds back, CANCELED, the user event
  void fill(Order& order, Decimal price, Decimal qty, bool maker, std::vector<Trade>* fills);
  void match_candle(Market& market, const Candle& candle);
  // How much of `order` a candle crossing it fills: what is left, under the liquidity caps.
  [[nodiscard]] Decimal fillable(const Market& market, const Order& order, const Candle& candle) const;
  [[nodiscard]] std::string market_json(const Market& market) const;
  [[nodiscard]] std::string order_json(const Order& order, bool query_shape) const;
  void execution_report(const Order& order, const std::string& execution, const Trade* trade);
  void account_position(const std::string& symbol);
  [[nodiscard]] std::string kline_payload(const Market& market, const Candle& candle, bool closed,
                                          const std::string& interval) const;

  FakeBinanceOptions options_;
  Decimal maker_fee_, taker_fee_;
  std::optional<Decimal> share_of_order_, share_of_volume_;  // the liquidity caps (options_)
  std::int64_t now_ms_;
  std::map<std::string, Market> markets_;  // by Binance symbol
  std::map<std::string, BalanceRow> balances_;
  std::vector<Order> orders_;  // creation order; ids are index + 1
  std::vector<Trade> trades_;
  std::int64_t orders_created_ = 0;
  std::int64_t update_id_ = 1000;
  std::vector<std::string> user_events_;
};

}  // namespace octobot::testing::fake
