// SQLite persistence of orders, trades and portfolio history (design brief §6: SQLite by default).
//
// Money is stored as TEXT in Decimal's exact shortest form ("0.1", "19500.13"), never as REAL: a
// balance read back is the balance written, to the last unit. Orders are upserted by id (their state
// changes); trades and portfolio snapshots are appended. One store = one database file; the schema is
// created on open (a database of the first layout gets the two newer order columns; one without the
// link tables gets them, empty). Tables: orders, trades, portfolio_history (per-asset balances),
// portfolio_value (value in the reference market), order_groups and chained_orders (the simulated
// exchange's links between open orders, order_links.hpp, replaced whole at each save).
// Writes are batched: rows go into one open transaction, committed every StoreOptions::batch_rows
// rows, when the batch is a second old (checked at each row), on flush() and when the store is
// destroyed (a commit costs far more than a row; a backtest writes tens of thousands of orders).
// A crash of the process therefore loses at most the open batch: batch_rows rows, about a second
// of writes. Everything committed survives (WAL; with synchronous=NORMAL a power cut may also lose
// the last commits). Another connection to the same file sees rows once committed; reads through
// this store see every row written.
// Not thread-safe: one store per thread (the exchange's).
#pragma once

#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/trading/order.hpp>
#include <octobot/trading/order_links.hpp>
#include <octobot/trading/portfolio.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace octobot::commons {
class WalCheckpointer;
}

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

struct StoreOptions {
  // Rows per transaction; 1 commits every row on its own (the slowest, loses nothing on a crash).
  std::size_t batch_rows = 1000;
  // The open batch is also committed once it is this old (checked when a row is written), so a bot
  // writing a few rows a minute loses at most about this much in a crash.
  std::chrono::milliseconds max_batch_age{1000};
  // > 0: the log is checkpointed every this often by a thread of its own (wal_checkpointer.hpp), never
  // by the writer's commits; what the live bot uses, so its loop never waits for the fsync. 0: SQLite
  // checkpoints inside the commit that fills 1000 pages of log (a backtest, one thread anyway).
  std::chrono::milliseconds background_checkpoint_interval{0};
};

class TradingStore {
 public:
  // Opens (creating if needed) the database at `path`; ":memory:" for a private in-memory one.
  explicit TradingStore(const std::string& path, StoreOptions options = {});
  ~TradingStore();
  TradingStore(const TradingStore&) = delete;
  TradingStore& operator=(const TradingStore&) = delete;

  // Commits the open batch (no-op when none). The destructor does it too (errors swallowed there).
  void flush();
  [[nodiscard]] std::size_t pending_rows() const noexcept { return pending_rows_; }

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
  // The last snapshot of `portfolio` (its rows at its latest time, by asset), read without the rest of
  // the history: what a resumed session starts from. Empty when it has none.
  [[nodiscard]] std::vector<PortfolioSnapshotRow> load_latest_portfolio(std::string_view portfolio) const;
  // Whether any snapshot was saved (a session killed before its first checkpoint has none).
  [[nodiscard]] bool has_portfolio_history() const;
  // Orders still open or partially filled when last saved, by id: what a restarting bot restores
  // (SimulatedExchange::restore_order).
  [[nodiscard]] std::vector<Order> load_open_orders() const;
  [[nodiscard]] std::vector<PortfolioValueRow> load_portfolio_values() const;  // by portfolio, time
  // Replaces the saved links (groups, pending chains and owners of the open orders) with `links`, in the open
  // batch: a checkpoint commits them with the orders and the snapshot they go with.
  void save_order_links(const OrderLinks& links);
  // The links last saved; empty in a file written before they were saved (predates_order_links).
  [[nodiscard]] OrderLinks load_order_links() const;
  // Whether the file had orders but no link tables when opened: written by a version that did not save
  // groups and chains, so its open group members saved no reservation and no link.
  [[nodiscard]] bool predates_order_links() const noexcept { return predates_order_links_; }
  // Whether the file had orders but no order_owners table when opened: written by a version that did
  // not save which trading mode each open order belongs to (OrderLinks::owners is then empty).
  [[nodiscard]] bool predates_order_owners() const noexcept { return predates_order_owners_; }

 private:
  struct Prepared;
  void execute(const char* sql) const;
  // Runs `write` inside the savepoint `name`: its rows are kept whole or, if it throws, not at all.
  template <typename Write>
  void in_savepoint(const char* name, Write&& write);
  void begin_row();
  void end_row(std::size_t rows);
  [[nodiscard]] std::vector<Order> load_orders_where(const std::string& where) const;
  sqlite3* db_ = nullptr;
  StoreOptions options_;
  std::unique_ptr<Prepared> prepared_;
  bool in_batch_ = false;
  bool predates_order_links_ = false;
  bool predates_order_owners_ = false;
  std::size_t pending_rows_ = 0;
  std::unique_ptr<commons::WalCheckpointer> checkpointer_;
};

}  // namespace octobot::trading
