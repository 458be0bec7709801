// The live bot's order journal: every order it sent or may have sent, by client order id, written
// and committed BEFORE the request leaves the process. After a crash (kill -9, power cut) the next
// start therefore knows by name every order that may have reached the exchange, and can ask the
// exchange about each one instead of guessing (LiveGateway::reconcile).
//
// Durability: each write is its own SQLite transaction in WAL mode. By default (JournalDurability::full)
// synchronous=FULL, so a write that returned is on disk (fsync): what makes a power cut safe, and the
// largest part of the live bot's frame -> order latency (docs/benchmarks.md). JournalDurability::process
// (synchronous=NORMAL) drops the fsync per write and survives a crash or kill -9 of the bot, not a power
// cut (journal_durability.hpp); with it, the pending_send row written just before a send goes to a
// write-ahead file (a copy into its mapped pages) instead of a SQLite commit (src/journal_ahead_log.hpp) and is
// moved into SQLite by settle() once the request is out. A write that fails throws JournalError: the
// caller must not send the order then.
//
// Also kept: the trade ids already applied (a fill is applied once, across restarts too) and, per
// symbol, the time of the latest applied trade (the reconcile looks trades up from each order's
// creation on the exchange's clock instead: LiveGateway::lookup_missed_fills).
//
// Tables (schema in order_journal.cpp): journal_orders, journal_fills, journal_cursors. A journal
// written before the owner columns existed gets them (empty) when it is opened.
// THREAD: one thread (the bot loop); not thread-safe. Another connection (another process, a test)
// may read the same file; it sees committed rows.
#pragma once

#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/commons/decimal.hpp>
#include <octobot/exchanges/journal_durability.hpp>
#include <octobot/trading/order_request.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace octobot::commons {
class WalCheckpointer;
}

namespace octobot::exchanges {

namespace detail {
class JournalAheadLog;
}

using commons::Decimal;

class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where an order stands from the journal's point of view.
//   held          a trigger order emulated locally (stop, take-profit): not sent, cannot be on the exchange
//   pending_send  written, the request may have left: the exchange may or may not know it
//   acknowledged  the exchange accepted it (open or partially filled there)
//   filled, cancelled, rejected, expired: final
enum class JournalState : std::uint8_t { held, pending_send, acknowledged, filled, cancelled, rejected, expired };

[[nodiscard]] std::string_view to_string(JournalState state) noexcept;
[[nodiscard]] bool is_final(JournalState state) noexcept;

struct JournalEntry {
  std::string client_order_id;
  std::string symbol;
  channel::Side side = channel::Side::buy;
  channel::OrderType type = channel::OrderType::unknown;
  Decimal amount;
  Decimal price;
  Decimal trigger_price;
  std::string group;      // the group key shared by members ("" for none)
  int group_kind = -1;    // trading::OrderGroupKind as an int; -1 for none
  std::string portfolio;  // the (sub-)portfolio's name
  JournalState state = JournalState::pending_send;
  std::string exchange_order_id;
  Decimal filled;       // base
  Decimal filled_cost;  // quote
  Decimal fees;
  std::string fee_asset;
  std::string reason;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  // The trading-mode instance that placed it and its tag (empty mode: none), written with the row
  // before the send: a restart gives the order back to it even when the crash came before the
  // trading store saved the owner.
  trading::OrderOwner owner;

  friend bool operator==(const JournalEntry&, const JournalEntry&) = default;
};

class OrderJournal {
 public:
  // Opens (creating if needed) the journal at `path`. Throws JournalError.
  explicit OrderJournal(const std::string& path, JournalDurability durability = JournalDurability::full);
  ~OrderJournal();
  OrderJournal(const OrderJournal&) = delete;
  OrderJournal& operator=(const OrderJournal&) = delete;

  // Insert or replace by client order id; durable as the journal's durability says when it returns.
  // Throws JournalError. With `process` durability a pending_send row outside a Transaction is
  // appended to the write-ahead file and owed to SQLite until settle(); reads settle first.
  void save(const JournalEntry& entry) { save(JournalEntry(entry)); }
  // The same, keeping `entry` itself as the one owed when it is written ahead: a caller that moves
  // it in copies none of its strings on the order's path.
  void save(JournalEntry&& entry);
  // Moves the rows owed to SQLite (see save) into it, in one commit, and empties the write-ahead file.
  // Call it right after the send the row was written for. Throws JournalError; the rows then stay
  // owed (and in the file) and the next write or read tries again.
  void settle();
  // Rows written ahead and not in SQLite yet.
  [[nodiscard]] std::size_t owed() const noexcept { return owed_.size(); }
  [[nodiscard]] std::optional<JournalEntry> find(std::string_view client_order_id) const;
  // Entries not in a final state, oldest first: what a restart must settle.
  [[nodiscard]] std::vector<JournalEntry> unfinished() const;
  // Every symbol that has an entry.
  [[nodiscard]] std::vector<std::string> symbols() const;

  // Records that trade `trade_id` of `client_order_id` was applied and moves the symbol's cursor to
  // `time_ms` if later. False (and nothing written) when it was already recorded.
  bool record_fill(std::string_view client_order_id, std::string_view trade_id, std::string_view symbol,
                   std::int64_t time_ms);
  [[nodiscard]] bool has_fill(std::string_view client_order_id, std::string_view trade_id) const;

  // One transaction around a fill's record_fill and its order's save: committed together or not at
  // all. Apart, a crash (or a failed write) after the first left the trade recorded as applied and the
  // row without it, and the restart skipped that trade for good. record_fill and save join it; rolled
  // back unless commit() was called. Not nested.
  class Transaction {
   public:
    explicit Transaction(OrderJournal& journal);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    OrderJournal& journal_;
    bool done_ = false;
  };
  // Time of the latest applied trade of `symbol`; nullopt when none.
  [[nodiscard]] std::optional<std::int64_t> last_trade_ms(std::string_view symbol) const;
  // What the connection runs with, read back from SQLite (PRAGMA synchronous): FULL or EXTRA is full.
  [[nodiscard]] JournalDurability durability() const;
  // Where the write-ahead file is for the journal at `path`.
  [[nodiscard]] static std::string ahead_path(const std::string& path);

 private:
  // A pending_send row outside a Transaction, with a write-ahead file: appended to it, owed to SQLite.
  [[nodiscard]] bool writes_ahead(const JournalEntry& entry) const noexcept;
  void add_missing_columns() const;
  void execute(const char* sql) const;
  void write_row(const JournalEntry& entry, bool keep_newer) const;
  void settle_owed() const;
  void recover_ahead_file(const std::string& path, JournalDurability durability);
  bool in_transaction_ = false;  // a Transaction is open: record_fill joins it
  sqlite3* db_ = nullptr;
  mutable sqlite3_stmt* save_statement_ = nullptr;  // save()'s, prepared on first use
  // `process` durability: the write-ahead file and the rows it holds that SQLite does not have yet.
  std::unique_ptr<detail::JournalAheadLog> ahead_;
  mutable std::vector<JournalEntry> owed_;
  // The log's checkpoints, off the thread that writes rows before sending orders (wal_checkpointer.hpp).
  std::unique_ptr<commons::WalCheckpointer> checkpointer_;
};

}  // namespace octobot::exchanges
