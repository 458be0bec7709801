// SQLite persistence of orders, trades and portfolio history (design brief §6: SQLite by default).
//
// Money is stored as TEXT in Decimal's exact shortest form ("0.1", "19500.13"), never as REAL: a
// balance read back is the balance written, to the last unit. Orders are upserted by id (their state
// changes); trades and portfolio snapshots are appended. One store = one database file; the schema is
// created on open (a database of the first layout gets the two newer order columns). Tables: orders,
// trades, portfolio_history (per-asset balances), portfolio_value (value in the reference market).
// Not thread-safe: one store per thread (the exchange's).
#pragma once

#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/trading/order.hpp>
#include <octobot/trading/portfolio.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace octobot::trading {

// An SQLite error; the message names the operation and SQLite's own message.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One asset of one portfolio at one time.
struct PortfolioSnapshotRow {
  std::int64_t time_ms = 0;
  std::string portfolio;  // Portfolio::name()
  std::string asset;
  Balance balance;

  friend bool operator==(const PortfolioSnapshotRow&, const PortfolioSnapshotRow&) = default;
};

// The value of one portfolio in its reference market at one time (PortfolioValueHistory's points).
struct PortfolioValueRow {
  std::int64_t time_ms = 0;
  std::string portfolio;
  std::string reference;  // "USDT"
  Decimal value;

  friend bool operator==(const PortfolioValueRow&, const PortfolioValueRow&) = default;
};

class TradingStore {
 public:
  // Opens (creating if needed) the database at `path`; ":memory:" for a private in-memory one.
  explicit TradingStore(const std::string& path);
  ~TradingStore();
  TradingStore(const TradingStore&) = delete;
  TradingStore& operator=(const TradingStore&) = delete;

  void save_order(const Order& order);  // insert or replace by id
  void save_trade(const channel::TradeMessage& trade);
  // One row per asset of `portfolio` (not of its sub-portfolios: save them separately).
  void save_portfolio(std::int64_t time_ms, const Portfolio& portfolio);
  // Insert or replace by (portfolio, time).
  void save_portfolio_value(std::int64_t time_ms, std::string_view portfolio, std::string_view reference,
                            Decimal value);

  [[nodiscard]] std::vector<Order> load_orders() const;                            // by id
  [[nodiscard]] std::vector<channel::TradeMessage> load_trades() const;            // in insertion order
  [[nodiscard]] std::vector<PortfolioSnapshotRow> load_portfolio_history() const;  // by time, portfolio, asset
  // Orders still open or partially filled when last saved, by id: what a restarting bot restores
  // (SimulatedExchange::restore_order).
  [[nodiscard]] std::vector<Order> load_open_orders() const;
  [[nodiscard]] std::vector<PortfolioValueRow> load_portfolio_values() const;  // by portfolio, time

 private:
  void execute(const char* sql) const;
  [[nodiscard]] std::vector<Order> load_orders_where(const std::string& where) const;
  sqlite3* db_ = nullptr;
};

}  // namespace octobot::trading
