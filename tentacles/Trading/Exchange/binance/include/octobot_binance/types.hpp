// What the Binance spot REST API returns, as typed values. Every price, quantity, fee and balance is
// kept as the exact decimal text Binance sent ("0.00100000"), never a double: the connector converts
// it once, exactly, where it needs arithmetic. Times are Unix milliseconds (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace octobot::binance {

// One entry of exchangeInfo's "rateLimits" (REQUEST_WEIGHT / ORDERS / RAW_REQUESTS).
struct RateLimit {
  std::string type;      // "REQUEST_WEIGHT"
  std::string interval;  // "MINUTE", "SECOND", "DAY"
  int interval_num = 1;
  std::int64_t limit = 0;
};

// A spot market with its trading rules (exchangeInfo "symbols" entry). `symbol` is OctoBot's form
// ("BTC/USDT"), `exchange_symbol` Binance's ("BTCUSDT"). The fields below `quote` are the shape of
// core's trading::Market (precisions, minimum amount, minimum cost); the filters are kept as sent.
struct MarketInfo {
  std::string symbol;
  std::string exchange_symbol;
  std::string base;
  std::string quote;
  std::string status;       // "TRADING", "BREAK", ...
  int price_decimals = 0;   // decimals of PRICE_FILTER.tickSize ("0.01000000" -> 2)
  int amount_decimals = 0;  // decimals of LOT_SIZE.stepSize
  int base_asset_precision = 8;
  int quote_asset_precision = 8;
  // PRICE_FILTER
  std::string tick_size;
  std::string min_price;
  std::string max_price;
  // LOT_SIZE
  std::string step_size;
  std::string min_qty;
  std::string max_qty;
  // NOTIONAL (or the older MIN_NOTIONAL): the minimum order cost in quote; empty when neither is set.
  std::string min_notional;
  std::string min_notional_filter;  // which filter it came from: "NOTIONAL" or "MIN_NOTIONAL"
  std::vector<std::string> order_types;
  bool spot_trading_allowed = true;
};

struct ExchangeInfo {
  std::int64_t server_time_ms = 0;
  std::vector<RateLimit> rate_limits;
  std::vector<MarketInfo> markets;
  // "BTC/USDT" or "BTCUSDT" -> its market, nullptr when unknown. Through the index when index_markets()
  // ran since `markets` last changed size (parse_exchange_info runs it), else a scan: Binance lists
  // ~3,000 markets, and a scan to one at the end costs ~3.6 µs, on the order path (submit_order).
  [[nodiscard]] const MarketInfo* find(const std::string& symbol) const;
  // Indexes `markets` by exchange symbol, for find().
  void index_markets();

 private:
  std::unordered_map<std::string, std::size_t> by_exchange_symbol_;
};

struct Kline {
  std::int64_t open_time_ms = 0;
  std::string open;
  std::string high;
  std::string low;
  std::string close;
  std::string volume;  // base
  std::int64_t close_time_ms = 0;
  std::string quote_volume;
  std::int64_t trades = 0;
};

struct TickerPrice {
  std::string symbol;  // Binance's form
  std::string price;
};

struct PriceLevel {
  std::string price;
  std::string quantity;
};

struct OrderBook {
  std::int64_t last_update_id = 0;
  std::vector<PriceLevel> bids;  // best first
  std::vector<PriceLevel> asks;
};

struct Balance {
  std::string asset;
  std::string free;
  std::string locked;
};

struct Account {
  bool can_trade = false;
  bool can_withdraw = false;
  bool can_deposit = false;
  std::string maker_commission;  // commissionRates.maker, e.g. "0.00100000"
  std::string taker_commission;
  std::int64_t update_time_ms = 0;
  std::vector<std::string> permissions;
  std::vector<Balance> balances;
  [[nodiscard]] const Balance* find(const std::string& asset) const;
};

// GET /sapi/v1/account/apiRestrictions: what the key may do.
struct ApiRestrictions {
  bool ip_restrict = false;
  bool enable_reading = false;
  bool enable_spot_and_margin_trading = false;
  bool enable_withdrawals = false;
  bool enable_internal_transfer = false;
  bool enable_margin = false;
  bool enable_futures = false;
};

enum class OrderSide { buy, sell };
enum class OrderType { limit, market, limit_maker };
enum class TimeInForce { gtc, ioc, fok };

struct OrderRequest {
  std::string symbol;  // "BTC/USDT" or "BTCUSDT"
  OrderSide side = OrderSide::buy;
  OrderType type = OrderType::limit;
  std::string quantity;                          // base, exact text; empty for a market buy by quote_order_qty
  std::string price;                             // limit orders
  std::string quote_order_qty;                   // market orders sized in quote
  TimeInForce time_in_force = TimeInForce::gtc;  // limit orders
  // Empty: the client makes one (broker prefix + unique part). Given without the broker prefix: the
  // prefix is added. Kept across retries so a retried order can never be placed twice.
  std::string client_order_id;
};

struct Fill {
  std::string price;
  std::string qty;
  std::string commission;
  std::string commission_asset;
  std::int64_t trade_id = 0;
};

struct Order {
  std::string symbol;  // Binance's form
  std::int64_t order_id = 0;
  std::string client_order_id;
  std::string price;
  std::string orig_qty;
  std::string executed_qty;
  std::string cumulative_quote_qty;
  std::string status;  // NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, ...
  std::string time_in_force;
  std::string type;
  std::string side;
  std::int64_t time_ms = 0;  // creation (transactTime for a new order)
  std::int64_t update_time_ms = 0;
  std::vector<Fill> fills;  // only in a FULL creation response
  [[nodiscard]] bool is_open() const { return status == "NEW" || status == "PARTIALLY_FILLED"; }
};

struct Trade {
  std::string symbol;
  std::int64_t id = 0;
  std::int64_t order_id = 0;
  std::string price;
  std::string qty;
  std::string quote_qty;
  std::string commission;
  std::string commission_asset;
  std::int64_t time_ms = 0;
  bool is_buyer = false;
  bool is_maker = false;
};

// "BTC/USDT" -> "BTCUSDT" (a symbol already in Binance's form is returned unchanged).
[[nodiscard]] std::string to_exchange_symbol(const std::string& symbol);
// Decimals of a step written as Binance does: "0.01000000" -> 2, "1.00000000" -> 0, "10" -> 0.
[[nodiscard]] int step_decimals(const std::string& step);
[[nodiscard]] const char* to_string(OrderSide side) noexcept;
[[nodiscard]] const char* to_string(OrderType type) noexcept;
[[nodiscard]] const char* to_string(TimeInForce tif) noexcept;

}  // namespace octobot::binance
