// The account's own data, one set per exchange (channel set id = the exchange id). None of it may be
// lost, so every channel blocks when a consumer's queue is full.
#pragma once

#include <octobot/channel/queue_policy.hpp>
#include <octobot/channel/standard/exchange_data.hpp>
#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/commons/decimal.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace octobot::channel {

// The balance of one asset after a change.
struct BalanceMessage {
  std::string currency;
  Decimal total;
  Decimal available;  // total minus what open orders lock

  friend bool operator==(const BalanceMessage&, const BalanceMessage&) = default;
};

// An order was created, changed or closed.
struct OrderMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::string order_id;         // the exchange's id
  std::string client_order_id;  // ours; may be empty
  Side side = Side::buy;
  OrderType type = OrderType::unknown;
  OrderStatus status = OrderStatus::unknown;
  Decimal price;   // limit or trigger price; zero for market orders
  Decimal amount;  // in base asset
  Decimal filled;  // in base asset
  std::int64_t timestamp_ms = 0;
  bool from_this_bot = true;  // false for orders placed outside OctoBot (manually on the exchange)

  friend bool operator==(const OrderMessage&, const OrderMessage&) = default;
};

// One of our orders was (partly) filled.
struct TradeMessage {
  std::string cryptocurrency;
  std::string symbol;
  std::string trade_id;
  std::string order_id;
  Side side = Side::buy;
  Decimal price;
  Decimal amount;  // in base asset
  Decimal fee;
  std::string fee_currency;
  std::int64_t timestamp_ms = 0;

  friend bool operator==(const TradeMessage&, const TradeMessage&) = default;
};

struct PositionMessage {
  std::string cryptocurrency;
  std::string symbol;
  PositionSide side = PositionSide::both;
  Decimal size;  // contracts; negative for a net short in one-way mode
  Decimal entry_price;
  Decimal mark_price;
  Decimal unrealized_pnl;
  Decimal liquidation_price;
  Decimal leverage;
  std::int64_t timestamp_ms = 0;

  friend bool operator==(const PositionMessage&, const PositionMessage&) = default;
};

struct BalanceChannel {
  using Message = BalanceMessage;
  static constexpr std::string_view kName = "Balance";
  static constexpr std::array<std::string_view, 1> kFilterKeys{"currency"};
  static std::array<std::string_view, 1> filter_values(const Message& m) { return {m.currency}; }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

struct OrdersChannel {
  using Message = OrderMessage;
  static constexpr std::string_view kName = "Orders";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

struct TradesChannel {
  using Message = TradeMessage;
  static constexpr std::string_view kName = "Trades";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

struct PositionsChannel {
  using Message = PositionMessage;
  static constexpr std::string_view kName = "Positions";
  static constexpr auto kFilterKeys = detail::kMarketKeys;
  static auto filter_values(const Message& m) { return detail::market_values(m); }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

}  // namespace octobot::channel
