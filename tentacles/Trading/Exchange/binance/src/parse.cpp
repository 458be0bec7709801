#include "parse.hpp"

#include <rapidjson/document.h>

#include <charconv>
#include <octobot_binance/errors.hpp>

#include "whole_integer.hpp"

namespace octobot::binance::detail {

namespace {

using rapidjson::Value;

// Numbers are parsed as their text (kParseNumbersAsStringsFlag): decimals stay exact and integers
// are read with from_chars, so nothing ever goes through a double.
constexpr unsigned kParseFlags = rapidjson::kParseNumbersAsStringsFlag;

[[noreturn]] void bad(const char* what, const std::string& detail) {
  throw BinanceError(ErrorKind::unexpected_response,
                     std::string("unexpected Binance answer to ") + what + ": " + detail);
}

rapidjson::Document parse(const char* what, const std::string& body) {
  rapidjson::Document document;
  document.Parse<kParseFlags>(body.c_str(), body.size());
  if (document.HasParseError()) bad(what, "the body is not JSON");
  return document;
}

const Value& member(const char* what, const Value& object, const char* key) {
  if (!object.IsObject()) bad(what, std::string("expected an object holding \"") + key + "\"");
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd()) bad(what, std::string("field \"") + key + "\" is missing");
  return it->value;
}

std::string text(const char* what, const Value& object, const char* key) {
  const Value& value = member(what, object, key);
  if (!value.IsString()) bad(what, std::string("field \"") + key + "\" is not a string or number");
  return {value.GetString(), value.GetStringLength()};
}

std::string text_or(const Value& object, const char* key, std::string fallback = {}) {
  if (!object.IsObject()) return fallback;
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return fallback;
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::int64_t to_int(const char* what, const Value& value, const char* key) {
  if (!value.IsString()) bad(what, std::string("field \"") + key + "\" is not a number");
  const auto out = whole_integer({value.GetString(), value.GetStringLength()});
  if (!out) bad(what, std::string("field \"") + key + "\" is not an integer");
  return *out;
}

std::int64_t integer(const char* what, const Value& object, const char* key) {
  return to_int(what, member(what, object, key), key);
}

std::int64_t integer_or(const char* what, const Value& object, const char* key, std::int64_t fallback) {
  if (!object.IsObject() || !object.HasMember(key)) return fallback;
  return to_int(what, object[key], key);
}

bool boolean_or(const Value& object, const char* key, bool fallback) {
  if (!object.IsObject()) return fallback;
  const auto it = object.FindMember(key);
  return it == object.MemberEnd() || !it->value.IsBool() ? fallback : it->value.GetBool();
}

const Value& array(const char* what, const Value& value) {
  if (!value.IsArray()) bad(what, "expected an array");
  return value;
}

Order order_from(const char* what, const Value& o) {
  Order order;
  order.symbol = text(what, o, "symbol");
  order.order_id = integer(what, o, "orderId");
  // A cancel answer's clientOrderId is the cancel request's own id; the order's is origClientOrderId.
  order.client_order_id =
      o.HasMember("origClientOrderId") ? text(what, o, "origClientOrderId") : text(what, o, "clientOrderId");
  order.price = text(what, o, "price");
  order.orig_qty = text(what, o, "origQty");
  order.executed_qty = text(what, o, "executedQty");
  order.cumulative_quote_qty = text_or(o, "cummulativeQuoteQty");
  order.status = text(what, o, "status");
  order.time_in_force = text_or(o, "timeInForce");
  order.type = text(what, o, "type");
  order.side = text(what, o, "side");
  order.time_ms = integer_or(what, o, "time", integer_or(what, o, "transactTime", 0));
  order.update_time_ms = integer_or(what, o, "updateTime", integer_or(what, o, "transactTime", order.time_ms));
  if (o.HasMember("fills")) {
    for (const auto& f : array(what, o["fills"]).GetArray()) {
      order.fills.push_back(Fill{text(what, f, "price"), text(what, f, "qty"), text(what, f, "commission"),
                                 text(what, f, "commissionAsset"), integer_or(what, f, "tradeId", 0)});
    }
  }
  return order;
}

}  // namespace

std::optional<ErrorBody> parse_error_body(const std::string& body) {
  rapidjson::Document document;
  document.Parse<kParseFlags>(body.c_str(), body.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  const auto code = document.FindMember("code");
  const auto msg = document.FindMember("msg");
  if (code == document.MemberEnd() || msg == document.MemberEnd() || !code->value.IsString() ||
      !msg->value.IsString()) {
    return std::nullopt;
  }
  int value = 0;
  const char* begin = code->value.GetString();
  const char* end = begin + code->value.GetStringLength();
  if (std::from_chars(begin, end, value).ec != std::errc{}) return std::nullopt;
  return ErrorBody{value, std::string(msg->value.GetString(), msg->value.GetStringLength())};
}

std::string parse_listen_key(const std::string& body) {
  const auto document = parse("/api/v3/userDataStream", body);
  return text("/api/v3/userDataStream", document, "listenKey");
}

std::int64_t parse_server_time(const std::string& body) {
  const auto document = parse("/api/v3/time", body);
  return integer("/api/v3/time", document, "serverTime");
}

ExchangeInfo parse_exchange_info(const std::string& body) {
  const char* what = "/api/v3/exchangeInfo";
  const auto document = parse(what, body);
  ExchangeInfo info;
  info.server_time_ms = integer_or(what, document, "serverTime", 0);
  for (const auto& limit : array(what, member(what, document, "rateLimits")).GetArray()) {
    info.rate_limits.push_back(RateLimit{text(what, limit, "rateLimitType"), text(what, limit, "interval"),
                                         static_cast<int>(integer(what, limit, "intervalNum")),
                                         integer(what, limit, "limit")});
  }
  for (const auto& s : array(what, member(what, document, "symbols")).GetArray()) {
    MarketInfo market;
    market.exchange_symbol = text(what, s, "symbol");
    market.base = text(what, s, "baseAsset");
    market.quote = text(what, s, "quoteAsset");
    market.symbol = market.base + "/" + market.quote;
    market.status = text(what, s, "status");
    market.base_asset_precision = static_cast<int>(integer_or(what, s, "baseAssetPrecision", 8));
    market.quote_asset_precision = static_cast<int>(integer_or(what, s, "quoteAssetPrecision", 8));
    market.spot_trading_allowed = boolean_or(s, "isSpotTradingAllowed", true);
    if (s.HasMember("orderTypes")) {
      for (const auto& type : array(what, s["orderTypes"]).GetArray()) {
        if (type.IsString()) market.order_types.emplace_back(type.GetString(), type.GetStringLength());
      }
    }
    for (const auto& filter : array(what, member(what, s, "filters")).GetArray()) {
      const auto type = text(what, filter, "filterType");
      if (type == "PRICE_FILTER") {
        market.tick_size = text(what, filter, "tickSize");
        market.min_price = text(what, filter, "minPrice");
        market.max_price = text(what, filter, "maxPrice");
      } else if (type == "LOT_SIZE") {
        market.step_size = text(what, filter, "stepSize");
        market.min_qty = text(what, filter, "minQty");
        market.max_qty = text(what, filter, "maxQty");
      } else if (type == "NOTIONAL" || (type == "MIN_NOTIONAL" && market.min_notional_filter != "NOTIONAL")) {
        market.min_notional = text(what, filter, "minNotional");
        market.min_notional_filter = type;
      }
    }
    market.price_decimals = step_decimals(market.tick_size);
    market.amount_decimals = step_decimals(market.step_size);
    info.markets.push_back(std::move(market));
  }
  info.index_markets();
  return info;
}

std::vector<Kline> parse_klines(const std::string& body) {
  const char* what = "/api/v3/klines";
  const auto document = parse(what, body);
  std::vector<Kline> out;
  for (const auto& row : array(what, document).GetArray()) {
    if (!row.IsArray() || row.Size() < 9) bad(what, "a kline is not an array of at least 9 fields");
    const auto field = [&](unsigned i) -> std::string {
      if (!row[i].IsString()) bad(what, "a kline field is not a string or number");
      return {row[i].GetString(), row[i].GetStringLength()};
    };
    Kline k;
    k.open_time_ms = to_int(what, row[0], "open time");
    k.open = field(1);
    k.high = field(2);
    k.low = field(3);
    k.close = field(4);
    k.volume = field(5);
    k.close_time_ms = to_int(what, row[6], "close time");
    k.quote_volume = field(7);
    k.trades = to_int(what, row[8], "trades");
    out.push_back(std::move(k));
  }
  return out;
}

TickerPrice parse_ticker(const std::string& body) {
  const char* what = "/api/v3/ticker/price";
  const auto document = parse(what, body);
  return TickerPrice{text(what, document, "symbol"), text(what, document, "price")};
}

std::vector<TickerPrice> parse_tickers(const std::string& body) {
  const char* what = "/api/v3/ticker/price";
  const auto document = parse(what, body);
  std::vector<TickerPrice> out;
  for (const auto& t : array(what, document).GetArray()) {
    out.push_back(TickerPrice{text(what, t, "symbol"), text(what, t, "price")});
  }
  return out;
}

OrderBook parse_depth(const std::string& body) {
  const char* what = "/api/v3/depth";
  const auto document = parse(what, body);
  OrderBook book;
  book.last_update_id = integer(what, document, "lastUpdateId");
  const auto side = [&](const char* key, std::vector<PriceLevel>& levels) {
    for (const auto& level : array(what, member(what, document, key)).GetArray()) {
      if (!level.IsArray() || level.Size() < 2 || !level[0].IsString() || !level[1].IsString()) {
        bad(what, "a price level is not [price, quantity]");
      }
      levels.push_back(PriceLevel{level[0].GetString(), level[1].GetString()});
    }
  };
  side("bids", book.bids);
  side("asks", book.asks);
  return book;
}

Account parse_account(const std::string& body) {
  const char* what = "/api/v3/account";
  const auto document = parse(what, body);
  Account account;
  account.can_trade = boolean_or(document, "canTrade", false);
  account.can_withdraw = boolean_or(document, "canWithdraw", false);
  account.can_deposit = boolean_or(document, "canDeposit", false);
  account.update_time_ms = integer_or(what, document, "updateTime", 0);
  if (document.HasMember("commissionRates")) {
    account.maker_commission = text_or(document["commissionRates"], "maker");
    account.taker_commission = text_or(document["commissionRates"], "taker");
  }
  if (document.HasMember("permissions")) {
    for (const auto& p : array(what, document["permissions"]).GetArray()) {
      if (p.IsString()) account.permissions.emplace_back(p.GetString(), p.GetStringLength());
    }
  }
  for (const auto& b : array(what, member(what, document, "balances")).GetArray()) {
    account.balances.push_back(Balance{text(what, b, "asset"), text(what, b, "free"), text(what, b, "locked")});
  }
  return account;
}

ApiRestrictions parse_api_restrictions(const std::string& body) {
  const char* what = "/sapi/v1/account/apiRestrictions";
  const auto document = parse(what, body);
  if (!document.IsObject() || !document.HasMember("enableReading")) bad(what, "field \"enableReading\" is missing");
  ApiRestrictions r;
  r.ip_restrict = boolean_or(document, "ipRestrict", false);
  r.enable_reading = boolean_or(document, "enableReading", false);
  r.enable_spot_and_margin_trading = boolean_or(document, "enableSpotAndMarginTrading", false);
  r.enable_withdrawals = boolean_or(document, "enableWithdrawals", false);
  r.enable_internal_transfer = boolean_or(document, "enableInternalTransfer", false);
  r.enable_margin = boolean_or(document, "enableMargin", false);
  r.enable_futures = boolean_or(document, "enableFutures", false);
  return r;
}

Order parse_order(const std::string& body) {
  const char* what = "/api/v3/order";
  const auto document = parse(what, body);
  return order_from(what, document);
}

std::vector<Order> parse_orders(const std::string& body) {
  const char* what = "/api/v3/openOrders";
  const auto document = parse(what, body);
  std::vector<Order> out;
  for (const auto& o : array(what, document).GetArray()) out.push_back(order_from(what, o));
  return out;
}

std::vector<Trade> parse_trades(const std::string& body) {
  const char* what = "/api/v3/myTrades";
  const auto document = parse(what, body);
  std::vector<Trade> out;
  for (const auto& t : array(what, document).GetArray()) {
    Trade trade;
    trade.symbol = text(what, t, "symbol");
    trade.id = integer(what, t, "id");
    trade.order_id = integer(what, t, "orderId");
    trade.price = text(what, t, "price");
    trade.qty = text(what, t, "qty");
    trade.quote_qty = text(what, t, "quoteQty");
    trade.commission = text(what, t, "commission");
    trade.commission_asset = text(what, t, "commissionAsset");
    trade.time_ms = integer(what, t, "time");
    trade.is_buyer = boolean_or(t, "isBuyer", false);
    trade.is_maker = boolean_or(t, "isMaker", false);
    out.push_back(std::move(trade));
  }
  return out;
}

}  // namespace octobot::binance::detail
