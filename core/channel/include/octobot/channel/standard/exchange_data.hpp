// Exchange market data channels, one set per exchange (channel set id = the exchange id). Prices and
// amounts are exact decimals. Filter keys follow OctoBot: cryptocurrency (the base asset), symbol,
// time_frame. Default queue policies: data where every item counts (closed candles, trades) blocks;
// snapshots where only the latest matters drop the oldest (docs/channels.md lists them all).
#pragma once

#include <octobot/channel/queue_policy.hpp>
#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/commons/decimal.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::channel {

using commons::Decimal;

struct Candle {
  std::int64_t open_time_ms = 0;  // ms since the epoch, UTC
  Decimal open;
  Decimal high;
  Decimal low;
  Decimal close;
  Decimal volume;  // in base asset

  friend bool operator==(const Candle&, const Candle&) = default;
};

// A closed candle.
struct OhlcvMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::string time_frame;
  Candle candle;

  friend bool operator==(const OhlcvMessage&, const OhlcvMessage&) = default;
};

// The candle still in progress (OctoBot's kline): updated many times before it closes.
struct KlineMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::string time_frame;
  Candle candle;

  friend bool operator==(const KlineMessage&, const KlineMessage&) = default;
};

struct TickerMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::int64_t timestamp_ms = 0;
  Decimal bid;
  Decimal ask;
  Decimal last;
  Decimal base_volume;  // rolling 24h volume, in base asset

  friend bool operator==(const TickerMessage&, const TickerMessage&) = default;
};

struct BookLevel {
  Decimal price;
  Decimal amount;

  friend bool operator==(const BookLevel&, const BookLevel&) = default;
};

// A full order book snapshot, best levels first on both sides.
struct OrderBookMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::int64_t timestamp_ms = 0;
  std::vector<BookLevel> bids;
  std::vector<BookLevel> asks;

  friend bool operator==(const OrderBookMessage&, const OrderBookMessage&) = default;
};

struct PublicTrade {
  std::string id;
  std::int64_t timestamp_ms = 0;
  Side side = Side::buy;  // the taker's side
  Decimal price;
  Decimal amount;

  friend bool operator==(const PublicTrade&, const PublicTrade&) = default;
};

// Trades that just happened on the market, oldest first.
struct RecentTradesMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::vector<PublicTrade> trades;

  friend bool operator==(const RecentTradesMessage&, const RecentTradesMessage&) = default;
};

struct MarkPriceMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::int64_t timestamp_ms = 0;
  Decimal mark_price;

  friend bool operator==(const MarkPriceMessage&, const MarkPriceMessage&) = default;
};

struct FundingMessage {
  std::string cryptocurrency;
  std::string symbol;
  Decimal funding_rate;
  Decimal predicted_funding_rate;
  std::int64_t last_funding_time_ms = 0;
  std::int64_t next_funding_time_ms = 0;

  friend bool operator==(const FundingMessage&, const FundingMessage&) = default;
};

// Channel specs (see channel.hpp for the shape). Names are OctoBot's channel names.
namespace detail {
inline constexpr std::array<std::string_view, 3> kCandleKeys{"cryptocurrency", "symbol", "time_frame"};
inline constexpr std::array<std::string_view, 2> kMarketKeys{"cryptocurrency", "symbol"};

template <typename M>
std::array<std::string_view, 2> market_values(const M& m) {
  return {m.cryptocurrency, m.symbol};
}
template <typename M>
std::array<std::string_view, 3> candle_values(const M& m) {
  return {m.cryptocurrency, m.symbol, m.time_frame};
}
}  // namespace detail

struct OhlcvChannel {
  using Message = OhlcvMessage;
  static constexpr std::string_view kName = "OHLCV";
  static constexpr auto kFilterKeys = detail::kCandleKeys;
  static auto filter_values(const Message& m) { return detail::candle_values(m); }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

struct KlineChannel {
  using Message = KlineMessage;
  static constexpr std::string_view kName = "Kline";
  static constexpr auto kFilterKeys = detail::kCandleKeys;
  static auto filter_values(const Message& m) { return detail::candle_values(m); }
  static constexpr QueuePolicy kDefaultQueue{64, WhenFull::drop_oldest};
};

struct TickerChannel {
  using Message = TickerMessage;
  static constexpr std::string_view kName = "Ticker";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{64, WhenFull::drop_oldest};
};

struct OrderBookChannel {
  using Message = OrderBookMessage;
  static constexpr std::string_view kName = "OrderBook";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{16, WhenFull::drop_oldest};
};

struct RecentTradesChannel {
  using Message = RecentTradesMessage;
  static constexpr std::string_view kName = "RecentTrade";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

struct MarkPriceChannel {
  using Message = MarkPriceMessage;
  static constexpr std::string_view kName = "MarkPrice";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{64, WhenFull::drop_oldest};
};

struct FundingChannel {
  using Message = FundingMessage;
  static constexpr std::string_view kName = "Funding";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{16, WhenFull::drop_oldest};
};

}  // namespace octobot::channel
