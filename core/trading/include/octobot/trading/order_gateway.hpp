// The seam between trading modes and whoever executes their orders. SimulatedExchange implements it
// for backtesting and paper trading; a live connector (Binance over REST/WebSocket) will implement it
// later, so that trading modes, persistence and PnL never change with the exchange (design brief §6:
// backtests and live trading share the same trading code, only the connector differs).
//
// Contract for implementers:
//   - every order state change is published on `ExchangeChannels::orders`, every fill on `trades`,
//     and the account balance of every asset a change touched on `balance` (any may be null);
//   - the fill listener is called after every fill with the portfolio the fill went to (PnL per
//     sub-portfolio is computed from it);
//   - an order that does not fit (minimums, funds) comes back rejected with a reason, never thrown;
//     exceptions are for caller bugs (unknown symbol, a request missing a price its type needs);
//   - final orders need not be kept forever (a long backtest closes millions): order(id) of an order
//     that reached a final state (filled, cancelled, rejected, expired) may return nullptr once the
//     gateway released it. It stays readable while open and, once final, at least until its final
//     update has been delivered by the bot's next drain of its channels (SimulatedExchange keeps a
//     window of recently closed orders, trimmed at a later candle). Keep what you need from the
//     Orders and Trades channels, not pointers.
// THREAD: one thread (the exchange's); not thread-safe.
#pragma once

#include <octobot/channel/channel.hpp>
#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/trading/market.hpp>
#include <octobot/trading/order.hpp>
#include <octobot/trading/order_request.hpp>
#include <octobot/trading/portfolio.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace octobot::trading {

// Where an exchange publishes. Any may be null (nobody listens).
struct ExchangeChannels {
  std::shared_ptr<channel::Channel<channel::OrdersChannel>> orders;
  std::shared_ptr<channel::Channel<channel::TradesChannel>> trades;
  std::shared_ptr<channel::Channel<channel::BalanceChannel>> balance;
};

// Called after each fill: the portfolio the fill went to, the order after the fill, the trade.
using FillListener = std::function<void(const Portfolio&, const Order&, const channel::TradeMessage&)>;

class OrderGateway {
 public:
  virtual ~OrderGateway() = default;

  // `portfolio`: the (sub-)portfolio the order trades on; nullptr: the gateway's account portfolio.
  virtual const Order& create_order(const OrderRequest& request, Portfolio* portfolio = nullptr) = 0;
  virtual std::vector<const Order*> create_order_group(OrderGroupKind kind, const std::vector<OrderRequest>& requests,
                                                       Portfolio* portfolio = nullptr) = 0;
  // `requests` are created (as one group when `group` is set) when `parent_id` is completely filled.
  virtual void chain(std::string_view parent_id, std::vector<OrderRequest> requests,
                     std::optional<OrderGroupKind> group = std::nullopt, Portfolio* portfolio = nullptr) = 0;
  // False if the order is unknown or already final.
  virtual bool cancel_order(std::string_view id) = 0;

  // nullptr for an unknown id or a released final order (see the contract above). A pointer stays
  // valid while the order is open, and for a final order until the gateway releases it; do not keep
  // one across time steps.
  [[nodiscard]] virtual const Order* order(std::string_view id) const = 0;
  // In creation order.
  [[nodiscard]] virtual std::vector<const Order*> open_orders() const = 0;
  // Throws std::invalid_argument for an unknown symbol.
  [[nodiscard]] virtual const Market& market(std::string_view symbol) const = 0;
  // The account portfolio orders go to by default.
  [[nodiscard]] virtual Portfolio& portfolio() noexcept = 0;

  // One listener; setting another replaces it; an empty function removes it.
  virtual void set_fill_listener(FillListener listener) = 0;
};

}  // namespace octobot::trading
