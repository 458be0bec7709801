// Writes a run to a TradingStore as it happens, so that it can be inspected afterwards and a bot can
// reload its open orders: every order update and every fill of one exchange, from its Orders and
// Trades channels, and portfolio snapshots (per-asset balances and the value in the reference market)
// when the run asks for them (record_portfolio, at each time step of a backtest or on a timer live).
//
// An order update is saved as the whole order read back from the exchange's gateway by id (the
// channel message carries only part of it); in synchronized mode the delivery may run after later
// changes of the same order, which is harmless: the row is upserted and the last save is the latest
// state. Orders the gateway does not know (placed outside the bot) are saved from the message alone.
// THREAD: the exchange's (the subscriptions deliver on the channels' executor or sync driver).
#pragma once

#include <octobot/channel/subscription.hpp>
#include <octobot/trading/exchange_manager.hpp>
#include <octobot/trading/trading_store.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace octobot::trading {

class TradingRecorder {
 public:
  // Subscribes to the exchange's Orders and Trades channels (priority medium: the recorder keeps them
  // running). `store` and `exchange` must outlive the recorder.
  TradingRecorder(TradingStore& store, ExchangeManager& exchange, std::string reference_market = "USDT");
  ~TradingRecorder();
  TradingRecorder(const TradingRecorder&) = delete;
  TradingRecorder& operator=(const TradingRecorder&) = delete;

  // Saves the account portfolio and every sub-portfolio (recursively): one balance row per asset and
  // one value row (in the reference market, at ExchangeManager::prices_in). A portfolio holding an
  // asset without a price gets its balance rows but no value row.
  void record_portfolio(std::int64_t time_ms);
  // Saves every order still open on the exchange's gateway as it is now. The Orders channel records
  // each change when its delivery runs; a run stopping with deliveries still queued would otherwise
  // leave orders out of the store, and a resumed session would not find them.
  void record_open_orders();
  // Saves `links` (the simulated exchange's groups and the chains pending on its open orders, see
  // SimulatedExchange::links), replacing the saved ones, when they changed since the last call. A
  // live bot calls it at each checkpoint, before the commit, so that a resumed session restores them
  // with the orders they link.
  void record_order_links(const OrderLinks& links);
  // Commits what was recorded so far (the store batches rows; see trading_store.hpp).
  void flush();

  [[nodiscard]] std::size_t orders_saved() const noexcept { return orders_saved_; }
  [[nodiscard]] std::size_t trades_saved() const noexcept { return trades_saved_; }

 private:
  void on_order(const channel::OrderMessage& message);
  void record(std::int64_t time_ms, const Portfolio& portfolio,
              const std::map<std::string, Decimal, std::less<>>& prices);

  TradingStore& store_;
  ExchangeManager& exchange_;
  std::string reference_;
  std::size_t orders_saved_ = 0;
  std::size_t trades_saved_ = 0;
  std::optional<OrderLinks> links_saved_;
  channel::Subscription orders_subscription_;
  channel::Subscription trades_subscription_;
};

}  // namespace octobot::trading
