#include <algorithm>
#include <octobot_binance/errors.hpp>
#include <octobot_binance/types.hpp>

namespace octobot::binance {

const MarketInfo* ExchangeInfo::find(const std::string& symbol) const {
  const auto exchange_symbol = to_exchange_symbol(symbol);
  if (by_exchange_symbol_.size() == markets.size()) {
    const auto found = by_exchange_symbol_.find(exchange_symbol);
    // Checked against the market itself: an index older than a change to `markets` that kept its size
    // falls back to the scan below instead of answering with another market. A miss scans too (an
    // unknown symbol is an error path), so a stale index never hides a market.
    if (found != by_exchange_symbol_.end() && found->second < markets.size() &&
        markets[found->second].exchange_symbol == exchange_symbol) {
      return &markets[found->second];
    }
  }
  const auto it = std::find_if(markets.begin(), markets.end(),
                               [&](const MarketInfo& market) { return market.exchange_symbol == exchange_symbol; });
  return it == markets.end() ? nullptr : &*it;
}

void ExchangeInfo::index_markets() {
  by_exchange_symbol_.clear();
  by_exchange_symbol_.reserve(markets.size());
  for (std::size_t i = 0; i < markets.size(); ++i) by_exchange_symbol_.try_emplace(markets[i].exchange_symbol, i);
}

const Balance* Account::find(const std::string& asset) const {
  const auto it = std::find_if(balances.begin(), balances.end(), [&](const Balance& b) { return b.asset == asset; });
  return it == balances.end() ? nullptr : &*it;
}

std::string to_exchange_symbol(const std::string& symbol) {
  std::string out;
  out.reserve(symbol.size());
  for (const char c : symbol) {
    if (c == ':') break;  // a settlement suffix ("BTC/USDT:USDT") is not part of a spot symbol
    if (c != '/') out.push_back(c);
  }
  return out;
}

int step_decimals(const std::string& step) {
  const auto dot = step.find('.');
  if (dot == std::string::npos) return 0;
  auto last = step.find_last_not_of('0');
  if (last == std::string::npos || last <= dot) return 0;
  return static_cast<int>(last - dot);
}

const char* to_string(OrderSide side) noexcept { return side == OrderSide::buy ? "BUY" : "SELL"; }

const char* to_string(OrderType type) noexcept {
  switch (type) {
    case OrderType::limit:
      return "LIMIT";
    case OrderType::market:
      return "MARKET";
    case OrderType::limit_maker:
      return "LIMIT_MAKER";
  }
  return "?";
}

const char* to_string(TimeInForce tif) noexcept {
  switch (tif) {
    case TimeInForce::gtc:
      return "GTC";
    case TimeInForce::ioc:
      return "IOC";
    case TimeInForce::fok:
      return "FOK";
  }
  return "?";
}

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::insufficient_balance:
      return "insufficient_balance";
    case ErrorKind::duplicate_order:
      return "duplicate_order";
    case ErrorKind::filter_failure:
      return "filter_failure";
    case ErrorKind::unknown_order:
      return "unknown_order";
    case ErrorKind::invalid_api_key:
      return "invalid_api_key";
    case ErrorKind::invalid_signature:
      return "invalid_signature";
    case ErrorKind::clock_skew:
      return "clock_skew";
    case ErrorKind::rate_limited:
      return "rate_limited";
    case ErrorKind::ip_banned:
      return "ip_banned";
    case ErrorKind::invalid_request:
      return "invalid_request";
    case ErrorKind::server_error:
      return "server_error";
    case ErrorKind::network:
      return "network";
    case ErrorKind::certificate_refused:
      return "certificate_refused";
    case ErrorKind::unexpected_response:
      return "unexpected_response";
  }
  return "?";
}

}  // namespace octobot::binance
