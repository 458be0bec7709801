#include "exchange.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace octobot::testing::fake {

namespace {

using commons::RoundingMode;

// A parameter Binance found malformed or missing: the answer is already built.
struct Rejected {
  Reply reply;
};

std::string mandatory_msg(const std::string& name) {
  return "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.";
}

const std::string* find(const Params& params, const std::string& key) {
  const auto it = params.find(key);
  return it == params.end() || it->second.empty() ? nullptr : &it->second;
}

Decimal decimal_param(const Params& params, const std::string& key) {
  const auto* text = find(params, key);
  if (text == nullptr) throw Rejected{error_reply(-1102, mandatory_msg(key))};
  const bool well_formed = !text->empty() && std::all_of(text->begin(), text->end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  }) && std::count(text->begin(), text->end(), '.') <= 1;
  if (!well_formed) {
    throw Rejected{error_reply(-1100, "Illegal characters found in parameter '" + key +
                                          "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.")};
  }
  return Decimal::from_string(*text, RoundingMode::down);
}

std::int64_t int_param(const Params& params, const std::string& key, std::int64_t fallback) {
  const auto* text = find(params, key);
  if (text == nullptr) return fallback;
  try {
    std::size_t used = 0;
    const auto value = std::stoll(*text, &used);
    if (used != text->size()) throw std::invalid_argument(key);
    return value;
  } catch (const std::exception&) {
    throw Rejected{
        error_reply(-1100, "Illegal characters found in parameter '" + key + "'; legal range is '^([0-9]{1,20})$'.")};
  }
}

int decimals_of(const std::string& text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return 0;
  const auto last = text.find_last_not_of('0');
  return last == std::string::npos || last <= dot ? 0 : static_cast<int>(last - dot);
}

bool is_multiple(Decimal value, Decimal step) { return value.round_to_step(step, RoundingMode::down) == value; }

std::int64_t interval_ms(const std::string& interval) {
  static const std::map<std::string, std::int64_t> kIntervals = {
      {"1s", 1000},       {"1m", 60'000},      {"3m", 180'000},    {"5m", 300'000},     {"15m", 900'000},
      {"30m", 1'800'000}, {"1h", 3'600'000},   {"2h", 7'200'000},  {"4h", 14'400'000},  {"6h", 21'600'000},
      {"8h", 28'800'000}, {"12h", 43'200'000}, {"1d", 86'400'000}, {"3d", 259'200'000}, {"1w", 604'800'000}};
  const auto it = kIntervals.find(interval);
  return it == kIntervals.end() ? 0 : it->second;
}

}  // namespace

Reply error_reply(int code, const std::string& msg, int status) {
  return Reply{status, "{\"code\":" + std::to_string(code) + ",\"msg\":" + json_quote(msg) + "}"};
}

std::string json_quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::string format8(Decimal value) {
  std::string text = value.round_to_decimals(8, RoundingMode::half_even).to_string();
  auto dot = text.find('.');
  if (dot == std::string::npos) {
    text += ".";
    dot = text.size() - 1;
  }
  text.append(8 - (text.size() - dot - 1), '0');
  return text;
}

Exchange::Exchange(const FakeBinanceOptions& options)
    : options_(options),
      maker_fee_(Decimal::from_string(options.maker_fee)),
      taker_fee_(Decimal::from_string(options.taker_fee)),
      now_ms_(options.start_time_ms) {
  // A share is in (0, 1]: 0 would never fill, more than 1 is no cap.
  const auto share = [](const std::string& text, const char* name) -> std::optional<Decimal> {
    if (text.empty()) return std::nullopt;
    const Decimal value = Decimal::from_string(text);
    if (!value.is_positive() || value > Decimal::from_integer(1)) {
      throw std::invalid_argument(std::string(name) + " must be in (0, 1], got \"" + text + "\"");
    }
    return value;
  };
  share_of_order_ = share(options.fill_share_of_order, "fill_share_of_order");
  share_of_volume_ = share(options.fill_share_of_volume, "fill_share_of_volume");
}

void Exchange::add_market(FakeMarket spec) {
  Market market;
  market.symbol = spec.base + spec.quote;
  market.tick = Decimal::from_string(spec.tick_size);
  market.min_price = Decimal::from_string(spec.min_price);
  market.max_price = Decimal::from_string(spec.max_price);
  market.step = Decimal::from_string(spec.step_size);
  market.min_qty = Decimal::from_string(spec.min_qty);
  market.max_qty = Decimal::from_string(spec.max_qty);
  market.min_notional = Decimal::from_string(spec.min_notional);
  for (const auto& c : spec.candles) {
    market.candles.push_back(Candle{c.open_time_ms, Decimal::from_string(c.open), Decimal::from_string(c.high),
                                    Decimal::from_string(c.low), Decimal::from_string(c.close),
                                    Decimal::from_string(c.volume)});
  }
  market.spec = std::move(spec);
  markets_[market.symbol] = std::move(market);
}

void Exchange::set_balance(const std::string& asset, Decimal free) { balances_[asset].free = free; }

const BalanceRow* Exchange::balance(const std::string& asset) const {
  const auto it = balances_.find(asset);
  return it == balances_.end() ? nullptr : &it->second;
}

std::int64_t Exchange::open_order_count() const {
  return std::count_if(orders_.begin(), orders_.end(), [](const Order& o) { return o.open(); });
}

std::optional<Decimal> Exchange::price(const std::string& symbol) const {
  const auto it = markets_.find(symbol);
  if (it == markets_.end() || it->second.candles.empty()) return std::nullopt;
  const auto& market = it->second;
  const Candle* latest = nullptr;
  for (const auto& candle : market.candles) {
    if (candle.open_time_ms + market.spec.interval_ms > now_ms_) break;
    latest = &candle;
  }
  return latest != nullptr ? latest->close : market.candles.front().open;
}

void Exchange::set_time(std::int64_t ms) {
  const std::int64_t before = now_ms_;
  now_ms_ = ms;
  if (ms <= before) return;
  for (auto& [symbol, market] : markets_) {
    for (const auto& candle : market.candles) {
      const std::int64_t close = candle.open_time_ms + market.spec.interval_ms;
      if (close > before && close <= ms) match_candle(market, candle);
    }
  }
}

void Exchange::match_candle(Market& market, const Candle& candle) {
  for (auto& order : orders_) {
    if (!order.open() || order.symbol != market.symbol || order.type == "MARKET") continue;
    const bool crossed = order.side == "BUY" ? candle.low <= order.price : candle.high >= order.price;
    if (!crossed) continue;
    const Decimal qty = fillable(market, order, candle);
    if (!qty.is_positive()) continue;
    std::vector<Trade> fills;
    fill(order, order.price, qty, true, &fills);
    for (const auto& trade : fills) execution_report(order, "TRADE", &trade);
    if (!fills.empty()) account_position(order.symbol);
  }
}

Decimal Exchange::fillable(const Market& market, const Order& order, const Candle& candle) const {
  const Decimal left = order.quantity - order.executed;
  Decimal cap = left;
  if (share_of_order_) cap = commons::min(cap, order.quantity * *share_of_order_);
  if (share_of_volume_) cap = commons::min(cap, candle.volume * *share_of_volume_);
  if (cap == left) return left;
  return cap.round_to_step(market.step, RoundingMode::down);
}

int Exchange::fill_open_orders() {
  int filled = 0;
  for (auto& order : orders_) {
    if (!order.open() || order.type == "MARKET") continue;
    std::vector<Trade> fills;
    fill(order, order.price, order.quantity - order.executed, true, &fills);
    for (const auto& trade : fills) execution_report(order, "TRADE", &trade);
    if (!fills.empty()) account_position(order.symbol);
    ++filled;
  }
  return filled;
}

// Moves the funds of one fill: the spent asset from `locked` (resting orders) or `free`, the received
// asset minus the commission into `free`.
void Exchange::fill(Order& order, Decimal price, Decimal qty, bool maker, std::vector<Trade>* fills) {
  const auto& market = markets_.at(order.symbol);
  const Decimal quote_qty = price.mul(qty, 8, RoundingMode::half_even);
  const Decimal fee_rate = maker ? maker_fee_ : taker_fee_;
  Trade trade;
  trade.symbol = order.symbol;
  trade.id = static_cast<std::int64_t>(trades_.size()) + 1;
  trade.order_id = order.id;
  trade.price = price;
  trade.qty = qty;
  trade.quote_qty = quote_qty;
  trade.time_ms = now_ms_;
  trade.is_buyer = order.side == "BUY";
  trade.is_maker = maker;
  auto& base = balances_[market.spec.base];
  auto& quote = balances_[market.spec.quote];
  if (order.side == "BUY") {
    trade.commission = qty.mul(fee_rate, 8, RoundingMode::half_even);
    trade.commission_asset = market.spec.base;
    if (order.locked > Decimal()) {
      const Decimal reserved = order.price.mul(qty, 8, RoundingMode::half_even);
      order.locked -= reserved;
      quote.locked -= reserved;
      quote.free += reserved - quote_qty;  // a better price leaves part of the reservation over
    } else {
      quote.free -= quote_qty;
    }
    base.free += qty - trade.commission;
  } else {
    trade.commission = quote_qty.mul(fee_rate, 8, RoundingMode::half_even);
    trade.commission_asset = market.spec.quote;
    if (order.locked > Decimal()) {
      order.locked -= qty;
      base.locked -= qty;
    } else {
      base.free -= qty;
    }
    quote.free += quote_qty - trade.commission;
  }
  order.executed += qty;
  order.quote_executed += quote_qty;
  order.status = order.executed == order.quantity ? "FILLED" : "PARTIALLY_FILLED";
  order.update_time_ms = now_ms_;
  trades_.push_back(trade);
  if (fills != nullptr) fills->push_back(trade);
}

bool Exchange::is_known(const std::string& method, const std::string& path) {
  if (method == "GET") {
    return path == "/api/v3/ping" || path == "/api/v3/time" || path == "/api/v3/exchangeInfo" ||
           path == "/api/v3/klines" || path == "/api/v3/ticker/price" || path == "/api/v3/depth" ||
           path == "/api/v3/account" || path == "/api/v3/order" || path == "/api/v3/openOrders" ||
           path == "/api/v3/myTrades" || path == "/sapi/v1/account/apiRestrictions";
  }
  return (method == "POST" || method == "DELETE") && path == "/api/v3/order";
}

bool Exchange::is_signed(const std::string& path) {
  return path == "/api/v3/account" || path == "/api/v3/order" || path == "/api/v3/openOrders" ||
         path == "/api/v3/myTrades" || path == "/sapi/v1/account/apiRestrictions";
}

// Binance's request weights (spot API, 2024).
int Exchange::weight(const std::string& method, const std::string& path, const Params& params) {
  if (path == "/api/v3/exchangeInfo" || path == "/api/v3/account" || path == "/api/v3/myTrades") return 20;
  if (path == "/api/v3/klines") return 2;
  if (path == "/api/v3/ticker/price") return params.count("symbol") != 0U || params.count("symbols") != 0U ? 2 : 4;
  if (path == "/api/v3/depth") {
    const auto it = params.find("limit");
    long limit = 100;
    try {
      if (it != params.end()) limit = std::stol(it->second);
    } catch (const std::exception&) {
    }
    return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
  }
  if (path == "/api/v3/order") return method == "GET" ? 4 : 1;
  if (path == "/api/v3/openOrders") return params.count("symbol") != 0U ? 6 : 80;
  return 1;
}

Reply Exchange::handle(const std::string& method, const std::string& path, const Params& params) {
  try {
    if (path == "/api/v3/ping") return Reply{200, "{}"};
    if (path == "/api/v3/time") return Reply{200, "{\"serverTime\":" + std::to_string(now_ms_) + "}"};
    if (path == "/api/v3/exchangeInfo") return exchange_info(params);
    if (path == "/api/v3/klines") return klines(params);
    if (path == "/api/v3/ticker/price") return ticker_price(params);
    if (path == "/api/v3/depth") return depth(params);
    if (path == "/api/v3/account") return account();
    if (path == "/sapi/v1/account/apiRestrictions") return api_restrictions();
    if (path == "/api/v3/order") {
      if (method == "POST") return new_order(params);
      if (method == "DELETE") return cancel_order(params);
      return query_order(params);
    }
    if (path == "/api/v3/openOrders") return open_orders(params);
    if (path == "/api/v3/myTrades") return my_trades(params);
  } catch (const Rejected& rejected) {
    return rejected.reply;
  }
  return Reply{404, "{}"};
}

const Market* Exchange::market(const Params& params) const {
  const auto* symbol = find(params, "symbol");
  if (symbol == nullptr) throw Rejected{error_reply(-1102, mandatory_msg("symbol"))};
  const auto it = markets_.find(*symbol);
  if (it == markets_.end()) throw Rejected{error_reply(-1121, "Invalid symbol.")};
  return &it->second;
}

std::string Exchange::market_json(const Market& m) const {
  const auto& s = m.spec;
  std::string notional =
      s.legacy_min_notional
          ? R"({"filterType":"MIN_NOTIONAL","minNotional":")" + format8(m.min_notional) +
                R"(","applyToMarket":true,"avgPriceMins":5})"
          : R"({"filterType":"NOTIONAL","minNotional":")" + format8(m.min_notional) +
                R"(","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5})";
  return R"({"symbol":")" + m.symbol + R"(","status":"TRADING","baseAsset":")" + s.base + R"(","baseAssetPrecision":)" +
         std::to_string(s.base_precision) + R"(,"quoteAsset":")" + s.quote + R"(","quotePrecision":)" +
         std::to_string(s.quote_precision) + R"(,"quoteAssetPrecision":)" + std::to_string(s.quote_precision) +
         R"(,"baseCommissionPrecision":8,"quoteCommissionPrecision":8,"orderTypes":["LIMIT","LIMIT_MAKER","MARKET"],)"
         R"("icebergAllowed":true,"ocoAllowed":true,"otoAllowed":false,"quoteOrderQtyMarketAllowed":true,)"
         R"("allowTrailingStop":false,"cancelReplaceAllowed":true,"isSpotTradingAllowed":true,)"
         R"("isMarginTradingAllowed":false,"filters":[{"filterType":"PRICE_FILTER","minPrice":")" +
         format8(m.min_price) + R"(","maxPrice":")" + format8(m.max_price) + R"(","tickSize":")" + format8(m.tick) +
         R"("},{"filterType":"LOT_SIZE","minQty":")" + format8(m.min_qty) + R"(","maxQty":")" + format8(m.max_qty) +
         R"(","stepSize":")" + format8(m.step) + R"("},)" + notional +
         R"(],"permissions":[],"permissionSets":[["SPOT"]],"defaultSelfTradePreventionMode":"EXPIRE_MAKER",)"
         R"("allowedSelfTradePreventionModes":["EXPIRE_TAKER","EXPIRE_MAKER","EXPIRE_BOTH"]})";
}

Reply Exchange::exchange_info(const Params& params) const {
  std::vector<const Market*> selected;
  if (find(params, "symbol") != nullptr) {
    selected.push_back(market(params));
  } else if (const auto* list = find(params, "symbols")) {
    // ["BTCUSDT","ETHUSDT"]
    std::string name;
    for (const char c : *list) {
      if (c == '"' || c == '[' || c == ']' || c == ',') {
        if (!name.empty()) {
          const auto it = markets_.find(name);
          if (it == markets_.end()) return error_reply(-1121, "Invalid symbol.");
          selected.push_back(&it->second);
          name.clear();
        }
      } else if (c != ' ') {
        name.push_back(c);
      }
    }
  } else {
    for (const auto& entry : markets_) selected.push_back(&entry.second);
  }
  std::string body =
      R"({"timezone":"UTC","serverTime":)" + std::to_string(now_ms_) +
      R"(,"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":)" +
      std::to_string(options_.weight_limit_1m) +
      R"(},{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":100},)"
      R"({"rateLimitType":"ORDERS","interval":"DAY","intervalNum":1,"limit":200000},)"
      R"({"rateLimitType":"RAW_REQUESTS","interval":"MINUTE","intervalNum":5,"limit":61000}],)"
      R"("exchangeFilters":[],"symbols":[)";
  for (std::size_t i = 0; i < selected.size(); ++i) body += (i > 0 ? "," : "") + market_json(*selected[i]);
  return Reply{200, body + "]}"};
}

// Klines of the market's interval or a multiple of it (aggregated). Candles open at or before now; the
// one in progress shows only what has closed of it (a just-opened candle shows its open, volume 0).
Reply Exchange::klines(const Params& params) const {
  const Market& m = *market(params);
  const auto* interval_text = find(params, "interval");
  if (interval_text == nullptr) return error_reply(-1102, mandatory_msg("interval"));
  const std::int64_t interval = interval_ms(*interval_text);
  if (interval == 0) return error_reply(-1120, "Invalid interval.");
  if (interval % m.spec.interval_ms != 0) {
    return error_reply(-1120, "Invalid interval.");  // finer than the fake's candles: not served
  }
  const std::int64_t limit = int_param(params, "limit", 500);
  if (limit < 1 || limit > 1000) return error_reply(-1100, "Illegal characters found in parameter 'limit'.");
  const std::int64_t start = int_param(params, "startTime", 0);
  const std::int64_t end = int_param(params, "endTime", now_ms_);

  struct Row {
    std::int64_t open_time;
    Decimal open, high, low, close, volume, quote_volume;
    std::int64_t trades;
  };
  std::vector<Row> rows;
  for (const auto& c : m.candles) {
    if (c.open_time_ms > now_ms_) break;
    const std::int64_t bucket = c.open_time_ms - c.open_time_ms % interval;
    const bool closed = c.open_time_ms + m.spec.interval_ms <= now_ms_;
    if (rows.empty() || rows.back().open_time != bucket) {
      rows.push_back(Row{bucket, c.open, c.open, c.open, c.open, Decimal(), Decimal(), 0});
    }
    if (!closed) break;
    auto& row = rows.back();
    row.high = std::max(row.high, c.high);
    row.low = std::min(row.low, c.low);
    row.close = c.close;
    row.volume += c.volume;
    row.quote_volume += c.volume.mul(c.close, 8, RoundingMode::half_even);
    row.trades += 1;
  }
  std::vector<const Row*> picked;
  for (const auto& row : rows) {
    if (row.open_time >= start && row.open_time <= end) picked.push_back(&row);
  }
  if (static_cast<std::int64_t>(picked.size()) > limit) {
    // From startTime: the first `limit`; without it: the latest `limit`.
    if (find(params, "startTime") != nullptr) {
      picked.resize(static_cast<std::size_t>(limit));
    } else {
      picked.erase(picked.begin(), picked.end() - limit);
    }
  }
  std::string body = "[";
  for (std::size_t i = 0; i < picked.size(); ++i) {
    const Row& r = *picked[i];
    body += (i > 0 ? ",[" : "[") + std::to_string(r.open_time) + ",\"" + format8(r.open) + "\",\"" + format8(r.high) +
            "\",\"" + format8(r.low) + "\",\"" + format8(r.close) + "\",\"" + format8(r.volume) + "\"," +
            std::to_string(r.open_time + interval - 1) + ",\"" + format8(r.quote_volume) + "\"," +
            std::to_string(r.trades) + ",\"0.00000000\",\"0.00000000\",\"0\"]";
  }
  return Reply{200, body + "]"};
}

Reply Exchange::ticker_price(const Params& params) const {
  if (find(params, "symbol") != nullptr) {
    const Market& m = *market(params);
    return Reply{200,
                 R"({"symbol":")" + m.symbol + R"(","price":")" + format8(price(m.symbol).value_or(Decimal())) + "\"}"};
  }
  std::string body = "[";
  for (const auto& [symbol, m] : markets_) {
    if (body.size() > 1) body += ",";
    body += R"({"symbol":")" + symbol + R"(","price":")" + format8(price(symbol).value_or(Decimal())) + "\"}";
  }
  return Reply{200, body + "]"};
}

// A book around the last price: `limit` levels a tick apart on each side, each of the min quantity
// times the level's rank (deterministic).
Reply Exchange::depth(const Params& params) const {
  const Market& m = *market(params);
  const std::int64_t limit = int_param(params, "limit", 100);
  if (limit < 1 || limit > 5000) return error_reply(-1100, "Illegal characters found in parameter 'limit'.");
  const Decimal last = price(m.symbol).value_or(Decimal());
  std::string bids;
  std::string asks;
  for (std::int64_t i = 1; i <= limit; ++i) {
    const Decimal offset = m.tick * Decimal::from_integer(i);
    const Decimal qty = m.min_qty * Decimal::from_integer(i * 10);
    if (last - offset > Decimal()) {
      bids += std::string(bids.empty() ? "" : ",") + "[\"" + format8(last - offset) + "\",\"" + format8(qty) + "\"]";
    }
    asks += std::string(asks.empty() ? "" : ",") + "[\"" + format8(last + offset) + "\",\"" + format8(qty) + "\"]";
  }
  return Reply{200, R"({"lastUpdateId":)" + std::to_string(update_id_ + now_ms_ / 1000) + R"(,"bids":[)" + bids +
                        R"(],"asks":[)" + asks + "]}"};
}

Reply Exchange::account() const {
  std::string balances;
  for (const auto& [asset, row] : balances_) {
    balances += std::string(balances.empty() ? "" : ",") + R"({"asset":")" + asset + R"(","free":")" +
                format8(row.free) + R"(","locked":")" + format8(row.locked) + "\"}";
  }
  const std::string trade = options_.enable_trading ? "true" : "false";
  const std::string maker = format8(maker_fee_);
  const std::string taker = format8(taker_fee_);
  return Reply{200, R"({"makerCommission":10,"takerCommission":10,"buyerCommission":0,"sellerCommission":0,)"
                    R"("commissionRates":{"maker":")" +
                        maker + R"(","taker":")" + taker +
                        R"(","buyer":"0.00000000","seller":"0.00000000"},"canTrade":)" + trade + R"(,"canWithdraw":)" +
                        (options_.enable_withdrawals ? "true" : "false") +
                        R"(,"canDeposit":true,"brokered":false,"requireSelfTradePrevention":false,"preventSor":false,)"
                        R"("updateTime":)" +
                        std::to_string(now_ms_) + R"(,"accountType":"SPOT","balances":[)" + balances +
                        R"(],"permissions":["SPOT"],"uid":354937868})"};
}

Reply Exchange::api_restrictions() const {
  return Reply{200, R"({"ipRestrict":false,"createTime":1698645219000,"enableReading":true,"enableWithdrawals":)" +
                        std::string(options_.enable_withdrawals ? "true" : "false") +
                        R"(,"enableInternalTransfer":false,"enableMargin":false,"enableFutures":false,)"
                        R"("permitsUniversalTransfer":false,"enableVanillaOptions":false,"enableFixApiTrade":false,)"
                        R"("enableFixReadOnly":false,"enableSpotAndMarginTrading":)" +
                        (options_.enable_trading ? "true" : "false") + R"(,"enablePortfolioMarginTrading":false})"};
}

std::string Exchange::order_json(const Order& o, bool query_shape) const {
  std::string body = R"({"symbol":")" + o.symbol + R"(","orderId":)" + std::to_string(o.id) +
                     R"(,"orderListId":-1,"clientOrderId":)" + json_quote(o.client_id) + R"(,"price":")" +
                     format8(o.price) + R"(","origQty":")" + format8(o.quantity) + R"(","executedQty":")" +
                     format8(o.executed) + R"(","cummulativeQuoteQty":")" + format8(o.quote_executed) +
                     R"(","status":")" + o.status + R"(","timeInForce":")" + o.time_in_force + R"(","type":")" +
                     o.type + R"(","side":")" + o.side + "\"";
  if (query_shape) {
    body += R"(,"stopPrice":"0.00000000","icebergQty":"0.00000000","time":)" + std::to_string(o.time_ms) +
            R"(,"updateTime":)" + std::to_string(o.update_time_ms) + R"(,"isWorking":true,"workingTime":)" +
            std::to_string(o.time_ms) + R"(,"origQuoteOrderQty":"0.00000000","selfTradePreventionMode":"NONE"})";
  }
  return body;
}

Reply Exchange::new_order(const Params& params) {
  const Market& m = *market(params);
  const auto* side = find(params, "side");
  if (side == nullptr) return error_reply(-1102, mandatory_msg("side"));
  if (*side != "BUY" && *side != "SELL") return error_reply(-1117, "Invalid side.");
  const auto* type = find(params, "type");
  if (type == nullptr) return error_reply(-1102, mandatory_msg("type"));
  if (*type != "LIMIT" && *type != "MARKET" && *type != "LIMIT_MAKER") return error_reply(-1116, "Invalid orderType.");
  const bool is_market = *type == "MARKET";
  std::string tif = "GTC";
  if (*type == "LIMIT") {
    const auto* given = find(params, "timeInForce");
    if (given == nullptr) return error_reply(-1102, mandatory_msg("timeInForce"));
    if (*given != "GTC" && *given != "IOC" && *given != "FOK") return error_reply(-1115, "Invalid timeInForce.");
    tif = *given;
  }
  const auto current = price(m.symbol);
  if (!current) return error_reply(-1013, "Market is closed.");

  Decimal price_value;
  if (!is_market) {
    price_value = decimal_param(params, "price");
    if (decimals_of(params.at("price")) > m.spec.quote_precision) {
      return error_reply(-1111, "Parameter 'price' has too much precision.");
    }
  }
  Decimal qty;
  if (find(params, "quantity") != nullptr) {
    qty = decimal_param(params, "quantity");
    if (decimals_of(params.at("quantity")) > m.spec.base_precision) {
      return error_reply(-1111, "Parameter 'quantity' has too much precision.");
    }
  } else if (is_market && find(params, "quoteOrderQty") != nullptr) {
    qty = decimal_param(params, "quoteOrderQty")
              .div(*current, 18, RoundingMode::down)
              .round_to_step(m.step, RoundingMode::down);
  } else if (is_market) {
    return error_reply(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
  } else {
    return error_reply(-1102, mandatory_msg("quantity"));
  }

  std::string client_id;
  if (const auto* given = find(params, "newClientOrderId")) {
    client_id = *given;
    const bool valid = client_id.size() <= 36 && std::all_of(client_id.begin(), client_id.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
                       });
    if (!valid) {
      return error_reply(-1100,
                         "Illegal characters found in parameter 'newClientOrderId'; legal range is "
                         "'^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
    }
    for (const auto& o : orders_) {
      if (o.open() && o.client_id == client_id) return error_reply(-2010, "Duplicate order sent.");
    }
  } else {
    client_id = "fake" + std::to_string(orders_.size() + 1);
  }

  // Filters, in Binance's order.
  if (!is_market) {
    if (price_value < m.min_price || price_value > m.max_price || !is_multiple(price_value - m.min_price, m.tick)) {
      return error_reply(-1013, "Filter failure: PRICE_FILTER");
    }
  }
  if (qty < m.min_qty || qty > m.max_qty || !is_multiple(qty - m.min_qty, m.step)) {
    return error_reply(-1013, "Filter failure: LOT_SIZE");
  }
  const Decimal notional_price = is_market ? *current : price_value;
  if (notional_price.mul(qty, 8, RoundingMode::half_even) < m.min_notional) {
    return error_reply(-1013,
                       std::string("Filter failure: ") + (m.spec.legacy_min_notional ? "MIN_NOTIONAL" : "NOTIONAL"));
  }

  const bool buy = *side == "BUY";
  const bool marketable = is_market || (buy ? price_value >= *current : price_value <= *current);
  if (*type == "LIMIT_MAKER" && marketable) return error_reply(-2010, "Order would immediately match and take.");
  const Decimal fill_price = is_market ? *current : (marketable ? *current : price_value);
  const Decimal need = buy ? fill_price.mul(qty, 8, RoundingMode::half_even) : qty;
  const Decimal reserve = buy ? (marketable ? need : price_value.mul(qty, 8, RoundingMode::half_even)) : qty;
  auto& spent = balances_[buy ? m.spec.quote : m.spec.base];
  if (spent.free < reserve) return error_reply(-2010, "Account has insufficient balance for requested action.");

  Order order;
  order.symbol = m.symbol;
  order.id = static_cast<std::int64_t>(orders_.size()) + 1;
  order.client_id = client_id;
  order.side = *side;
  order.type = *type;
  order.time_in_force = tif;
  order.price = is_market ? Decimal() : price_value;
  order.quantity = qty;
  order.status = "NEW";
  order.time_ms = now_ms_;
  order.update_time_ms = now_ms_;
  std::vector<Trade> fills;
  if (marketable) {
    fill(order, fill_price, qty, false, &fills);
  } else if (tif == "GTC") {
    order.locked = reserve;
    spent.free -= reserve;
    spent.locked += reserve;
  } else {
    order.status = "EXPIRED";  // IOC / FOK that cannot match now
  }
  orders_.push_back(order);
  ++orders_created_;
  {
    // NEW first, then each fill, then the balances they left, as Binance sends them: a balance
    // snapshot never comes before the executions it already counts.
    Order accepted = order;
    accepted.status = order.status == "EXPIRED" ? "EXPIRED" : "NEW";
    accepted.executed = Decimal();
    accepted.quote_executed = Decimal();
    execution_report(accepted, accepted.status == "EXPIRED" ? "EXPIRED" : "NEW", nullptr);
    for (const auto& trade : fills) execution_report(order, "TRADE", &trade);
    account_position(order.symbol);
  }

  const auto* resp = find(params, "newOrderRespType");
  const std::string resp_type = resp != nullptr ? *resp : "FULL";
  if (resp_type == "ACK") {
    return Reply{200, R"({"symbol":")" + order.symbol + R"(","orderId":)" + std::to_string(order.id) +
                          R"(,"orderListId":-1,"clientOrderId":)" + json_quote(order.client_id) +
                          R"(,"transactTime":)" + std::to_string(now_ms_) + "}"};
  }
  std::string body = order_json(order, false) + R"(,"transactTime":)" + std::to_string(now_ms_) + R"(,"workingTime":)" +
                     std::to_string(now_ms_) + R"(,"selfTradePreventionMode":"NONE")";
  if (resp_type == "FULL") {
    body += R"(,"fills":[)";
    for (std::size_t i = 0; i < fills.size(); ++i) {
      const auto& t = fills[i];
      body += std::string(i > 0 ? "," : "") + R"({"price":")" + format8(t.price) + R"(","qty":")" + format8(t.qty) +
              R"(","commission":")" + format8(t.commission) + R"(","commissionAsset":")" + t.commission_asset +
              R"(","tradeId":)" + std::to_string(t.id) + "}";
    }
    body += "]";
  }
  return Reply{200, body + "}"};
}

Order* Exchange::find_order(const std::string& symbol, const Params& params) {
  const auto* client_id = find(params, "origClientOrderId");
  const std::int64_t id = int_param(params, "orderId", 0);
  if (client_id == nullptr && id == 0) {
    throw Rejected{
        error_reply(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!")};
  }
  for (auto it = orders_.rbegin(); it != orders_.rend(); ++it) {  // the latest with that client id
    if (it->symbol != symbol) continue;
    if ((id != 0 && it->id == id) || (id == 0 && it->client_id == *client_id)) return &*it;
  }
  return nullptr;
}

Reply Exchange::cancel_order(const Params& params) {
  const Market& m = *market(params);
  Order* order = find_order(m.symbol, params);
  if (order == nullptr || !order->open()) return error_reply(-2011, "Unknown order sent.");
  cancel(*order);
  const auto* cancel_id = find(params, "newClientOrderId");
  std::string body = order_json(*order, false);
  // The answer's clientOrderId is the cancel's own id; the order's is origClientOrderId.
  const auto at = body.find("\"clientOrderId\":");
  body.insert(at, "\"origClientOrderId\":" + json_quote(order->client_id) + ",");
  const auto own = body.find("\"clientOrderId\":") + 16;
  const auto own_end = body.find(',', own);
  body.replace(own, own_end - own,
               json_quote(cancel_id != nullptr ? *cancel_id : "cancel" + std::to_string(order->id)));
  return Reply{200, body + R"(,"transactTime":)" + std::to_string(now_ms_) + R"(,"selfTradePreventionMode":"NONE"})"};
}

void Exchange::cancel(Order& order) {
  const Market& m = markets_.at(order.symbol);
  auto& spent = balances_[order.side == "BUY" ? m.spec.quote : m.spec.base];
  spent.locked -= order.locked;
  spent.free += order.locked;
  order.locked = Decimal();
  order.status = "CANCELED";
  order.update_time_ms = now_ms_;
  execution_report(order, "CANCELED", nullptr);
  account_position(order.symbol);
}

int Exchange::cancel_open_orders() {
  int cancelled = 0;
  for (auto& order : orders_) {
    if (!order.open()) continue;
    cancel(order);
    ++cancelled;
  }
  return cancelled;
}

std::vector<std::string> Exchange::order_states() const {
  std::vector<std::string> states;
  for (const auto& order : orders_) states.push_back(order.client_id + ":" + order.status);
  return states;
}

Reply Exchange::query_order(const Params& params) const {
  const Market& m = *market(params);
  const Order* order = const_cast<Exchange*>(this)->find_order(m.symbol, params);
  if (order == nullptr) return error_reply(-2013, "Order does not exist.");
  return Reply{200, order_json(*order, true)};
}

Reply Exchange::open_orders(const Params& params) const {
  const std::string* symbol = find(params, "symbol");
  if (symbol != nullptr) (void)market(params);
  std::string body = "[";
  for (const auto& o : orders_) {
    if (!o.open() || (symbol != nullptr && o.symbol != *symbol)) continue;
    body += (body.size() > 1 ? "," : "") + order_json(o, true);
  }
  return Reply{200, body + "]"};
}

Reply Exchange::my_trades(const Params& params) const {
  const Market& m = *market(params);
  const std::int64_t order_id = int_param(params, "orderId", 0);
  const std::int64_t limit = int_param(params, "limit", 500);
  // Binance: startTime answers the trades of the 24 h from it; fromId the trades from that id.
  const std::int64_t start_ms = int_param(params, "startTime", 0);
  const std::int64_t from_id = int_param(params, "fromId", 0);
  if (limit < 1 || limit > 1000) return error_reply(-1100, "Illegal characters found in parameter 'limit'.");
  std::string body = "[";
  std::int64_t count = 0;
  for (const auto& t : trades_) {
    if (t.symbol != m.symbol || (order_id != 0 && t.order_id != order_id)) continue;
    if (start_ms != 0 && (t.time_ms < start_ms || t.time_ms >= start_ms + 24 * 3'600'000)) continue;
    if (from_id != 0 && t.id < from_id) continue;
    if (++count > limit) break;
    body += std::string(body.size() > 1 ? "," : "") + R"({"symbol":")" + t.symbol + R"(","id":)" +
            std::to_string(t.id) + R"(,"orderId":)" + std::to_string(t.order_id) + R"(,"orderListId":-1,"price":")" +
            format8(t.price) + R"(","qty":")" + format8(t.qty) + R"(","quoteQty":")" + format8(t.quote_qty) +
            R"(","commission":")" + format8(t.commission) + R"(","commissionAsset":")" + t.commission_asset +
            R"(","time":)" + std::to_string(t.time_ms) + R"(,"isBuyer":)" + (t.is_buyer ? "true" : "false") +
            R"(,"isMaker":)" + (t.is_maker ? "true" : "false") + R"(,"isBestMatch":true})";
  }
  return Reply{200, body + "]"};
}

}  // namespace octobot::testing::fake

namespace octobot::testing::fake {

// An executionReport, Binance's field letters.
void Exchange::execution_report(const Order& o, const std::string& execution, const Trade* trade) {
  const std::string last_qty = trade != nullptr ? format8(trade->qty) : "0.00000000";
  const std::string last_price = trade != nullptr ? format8(trade->price) : "0.00000000";
  user_events_.push_back(
      R"({"e":"executionReport","E":)" + std::to_string(now_ms_) + R"(,"s":")" + o.symbol + R"(","c":)" +
      json_quote(o.client_id) + R"(,"S":")" + o.side + R"(","o":")" + o.type + R"(","f":")" +
      (o.time_in_force.empty() ? "GTC" : o.time_in_force) + R"(","q":")" + format8(o.quantity) + R"(","p":")" +
      format8(o.price) + R"(","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":")" + execution + R"(","X":")" +
      o.status + R"(","r":"NONE","i":)" + std::to_string(o.id) + R"(,"l":")" + last_qty + R"(","z":")" +
      format8(o.executed) + R"(","L":")" + last_price + R"(","n":")" +
      (trade != nullptr ? format8(trade->commission) : "0") + R"(","N":)" +
      (trade != nullptr ? json_quote(trade->commission_asset) : "null") + R"(,"T":)" + std::to_string(now_ms_) +
      R"(,"t":)" + std::to_string(trade != nullptr ? trade->id : -1) + R"(,"w":)" + (o.open() ? "true" : "false") +
      R"(,"m":)" + (trade != nullptr && trade->is_maker ? "true" : "false") + R"(,"O":)" + std::to_string(o.time_ms) +
      R"(,"Z":")" + format8(o.quote_executed) + R"(","Q":"0.00000000"})");
}

// An outboundAccountPosition with the market's two assets as they are now.
void Exchange::account_position(const std::string& symbol) {
  const auto& market = markets_.at(symbol);
  std::string balances;
  for (const auto* asset : {&market.spec.base, &market.spec.quote}) {
    const auto it = balances_.find(*asset);
    const BalanceRow row = it == balances_.end() ? BalanceRow{} : it->second;
    balances += std::string(balances.empty() ? "" : ",") + R"({"a":")" + *asset + R"(","f":")" + format8(row.free) +
                R"(","l":")" + format8(row.locked) + "\"}";
  }
  user_events_.push_back(R"({"e":"outboundAccountPosition","E":)" + std::to_string(now_ms_) + R"(,"u":)" +
                         std::to_string(now_ms_) + R"(,"B":[)" + balances + "]}");
}

std::vector<std::string> Exchange::take_user_events() { return std::exchange(user_events_, {}); }

std::string Exchange::kline_payload(const Market& m, const Candle& c, bool closed, const std::string& interval) const {
  const Decimal& high = closed ? c.high : c.open;
  const Decimal& low = closed ? c.low : c.open;
  const Decimal& close = closed ? c.close : c.open;
  const Decimal volume = closed ? c.volume : Decimal();
  return R"({"e":"kline","E":)" + std::to_string(now_ms_) + R"(,"s":")" + m.symbol + R"(","k":{"t":)" +
         std::to_string(c.open_time_ms) + R"(,"T":)" + std::to_string(c.open_time_ms + m.spec.interval_ms - 1) +
         R"(,"s":")" + m.symbol + R"(","i":")" + interval + R"(","f":-1,"L":-1,"o":")" + format8(c.open) +
         R"(","c":")" + format8(close) + R"(","h":")" + format8(high) + R"(","l":")" + format8(low) + R"(","v":")" +
         format8(volume) + R"(","n":)" + (closed ? "1" : "0") + R"(,"x":)" + (closed ? "true" : "false") + R"(,"q":")" +
         format8(volume.mul(close, 8, RoundingMode::half_even)) + R"(","V":"0.00000000","Q":"0.00000000","B":"0"}})";
}

std::optional<std::vector<std::string>> Exchange::stream_payloads(const std::string& stream, std::int64_t before_ms,
                                                                  bool snapshot) const {
  const auto at = stream.find('@');
  if (at == std::string::npos) return std::nullopt;
  std::string symbol = stream.substr(0, at);
  for (auto& ch : symbol) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  const std::string kind = stream.substr(at + 1);
  const auto it = markets_.find(symbol);
  if (it == markets_.end()) return std::nullopt;
  const Market& m = it->second;
  std::vector<std::string> out;
  if (kind.rfind("kline_", 0) == 0) {
    const std::string interval = kind.substr(6);
    if (interval_ms(interval) != m.spec.interval_ms) return std::nullopt;  // the native interval only
    for (const auto& c : m.candles) {
      const std::int64_t close = c.open_time_ms + m.spec.interval_ms;
      if (!snapshot && close > before_ms && close <= now_ms_) out.push_back(kline_payload(m, c, true, interval));
      if (c.open_time_ms <= now_ms_ && close > now_ms_) out.push_back(kline_payload(m, c, false, interval));
    }
    return out;
  }
  if (!snapshot && before_ms == now_ms_) return out;  // nothing moved
  const Decimal last = price(symbol).value_or(Decimal());
  if (kind == "ticker") {
    out.push_back(R"({"e":"24hrTicker","E":)" + std::to_string(now_ms_) + R"(,"s":")" + symbol + R"(","c":")" +
                  format8(last) + R"(","b":")" + format8(last - m.tick) + R"(","a":")" + format8(last + m.tick) +
                  R"("})");
    return out;
  }
  if (kind == "bookTicker") {
    const Decimal qty = m.min_qty * Decimal::from_integer(10);
    out.push_back(R"({"u":)" + std::to_string(update_id_ + now_ms_ / 1000) + R"(,"s":")" + symbol + R"(","b":")" +
                  format8(last - m.tick) + R"(","B":")" + format8(qty) + R"(","a":")" + format8(last + m.tick) +
                  R"(","A":")" + format8(qty) + R"("})");
    return out;
  }
  if (kind.rfind("depth", 0) == 0) {
    std::string levels = kind.substr(5);
    if (const auto speed = levels.find('@'); speed != std::string::npos) levels.resize(speed);  // @100ms
    if (levels != "5" && levels != "10" && levels != "20") return std::nullopt;
    out.push_back(depth({{"symbol", symbol}, {"limit", levels}}).body);
    return out;
  }
  return std::nullopt;
}

}  // namespace octobot::testing::fake
