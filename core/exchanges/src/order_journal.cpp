#include <octobot/commons/logging.hpp>
#include <octobot/commons/wal_checkpointer.hpp>
#include <octobot/exchanges/order_journal.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <utility>

#include "journal_ahead_log.hpp"

namespace octobot::exchanges {
namespace {

// How often the log is copied into the database by the background checkpointer: it holds at most
// about this much of the bot's writes.
constexpr std::chrono::milliseconds kCheckpointInterval{1000};

// Money as TEXT in Decimal's exact form (as TradingStore does): read back to the last unit.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS journal_orders (
  client_order_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, side INTEGER NOT NULL, type INTEGER NOT NULL,
  amount TEXT NOT NULL, price TEXT NOT NULL, trigger_price TEXT NOT NULL, grp TEXT NOT NULL,
  group_kind INTEGER NOT NULL, portfolio TEXT NOT NULL, state INTEGER NOT NULL, exchange_order_id TEXT NOT NULL,
  filled TEXT NOT NULL, filled_cost TEXT NOT NULL, fees TEXT NOT NULL, fee_asset TEXT NOT NULL,
  reason TEXT NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
  owner_mode TEXT NOT NULL DEFAULT '', owner_symbol TEXT NOT NULL DEFAULT '', owner_tag TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS journal_orders_state ON journal_orders (state);
CREATE TABLE IF NOT EXISTS journal_fills (
  client_order_id TEXT NOT NULL, trade_id TEXT NOT NULL, PRIMARY KEY (client_order_id, trade_id));
CREATE TABLE IF NOT EXISTS journal_cursors (symbol TEXT PRIMARY KEY, last_trade_ms INTEGER NOT NULL);
)sql";

constexpr const char* kColumns =
    "client_order_id, symbol, side, type, amount, price, trigger_price, grp, group_kind, portfolio, state, "
    "exchange_order_id, filled, filled_cost, fees, fee_asset, reason, created_ms, updated_ms, owner_mode, "
    "owner_symbol, owner_tag";

// Columns added since the first schema, for journals written before them: name and definition.
constexpr std::pair<const char*, const char*> kAddedColumns[] = {
    {"owner_mode", "TEXT NOT NULL DEFAULT ''"},
    {"owner_symbol", "TEXT NOT NULL DEFAULT ''"},
    {"owner_tag", "TEXT NOT NULL DEFAULT ''"},
};

// The journal's statements: prepared per call, except the row write on the order path (kept by the journal).
class Query {
 public:
  Query(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) fail("prepare");
  }
  // A statement the journal keeps: reset and unbound when done, never finalized here.
  Query(sqlite3* db, sqlite3_stmt* kept) : db_(db), statement_(kept), kept_(true) {}
  ~Query() {
    if (!kept_) {
      sqlite3_finalize(statement_);
      return;
    }
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& text(int index, std::string_view value) {
    if (sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK) {
      fail("bind");
    }
    return *this;
  }
  Query& integer(int index, std::int64_t value) {
    if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) fail("bind");
    return *this;
  }
  bool step() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result != SQLITE_DONE) fail("step");
    return false;
  }
  [[nodiscard]] std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(statement_, column);
    return bytes == nullptr ? std::string{}
                            : std::string(reinterpret_cast<const char*>(bytes),
                                          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }
  [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  [[nodiscard]] int changes() const { return sqlite3_changes(db_); }

 private:
  [[noreturn]] void fail(const char* operation) const {
    throw JournalError(fmt::format("order journal: sqlite {}: {}", operation, sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  bool kept_ = false;
};

JournalEntry read_entry(const Query& row) {
  JournalEntry entry;
  entry.client_order_id = row.text(0);
  entry.symbol = row.text(1);
  entry.side = static_cast<channel::Side>(row.integer(2));
  entry.type = static_cast<channel::OrderType>(row.integer(3));
  entry.amount = Decimal::from_string(row.text(4));
  entry.price = Decimal::from_string(row.text(5));
  entry.trigger_price = Decimal::from_string(row.text(6));
  entry.group = row.text(7);
  entry.group_kind = static_cast<int>(row.integer(8));
  entry.portfolio = row.text(9);
  entry.state = static_cast<JournalState>(row.integer(10));
  entry.exchange_order_id = row.text(11);
  entry.filled = Decimal::from_string(row.text(12));
  entry.filled_cost = Decimal::from_string(row.text(13));
  entry.fees = Decimal::from_string(row.text(14));
  entry.fee_asset = row.text(15);
  entry.reason = row.text(16);
  entry.created_ms = row.integer(17);
  entry.updated_ms = row.integer(18);
  entry.owner = {row.text(19), row.text(20), row.text(21)};
  return entry;
}

// The row write; `on_conflict` REPLACE (a save) or IGNORE (a recovered row older than SQLite's).
std::string insert_row_sql(std::string_view on_conflict) {
  return fmt::format(
      "INSERT OR {} INTO journal_orders ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
      "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
      on_conflict, kColumns);
}

Query& bind_entry(Query& query, const JournalEntry& e) {
  return query.text(1, e.client_order_id)
      .text(2, e.symbol)
      .integer(3, static_cast<std::int64_t>(e.side))
      .integer(4, static_cast<std::int64_t>(e.type))
      .text(5, e.amount.to_string())
      .text(6, e.price.to_string())
      .text(7, e.trigger_price.to_string())
      .text(8, e.group)
      .integer(9, e.group_kind)
      .text(10, e.portfolio)
      .integer(11, static_cast<std::int64_t>(e.state))
      .text(12, e.exchange_order_id)
      .text(13, e.filled.to_string())
      .text(14, e.filled_cost.to_string())
      .text(15, e.fees.to_string())
      .text(16, e.fee_asset)
      .text(17, e.reason)
      .integer(18, e.created_ms)
      .integer(19, e.updated_ms)
      .text(20, e.owner.mode)
      .text(21, e.owner.mode_symbol)
      .text(22, e.owner.tag);
}

}  // namespace

std::string_view to_string(JournalState state) noexcept {
  switch (state) {
    case JournalState::held:
      return "held";
    case JournalState::pending_send:
      return "pending_send";
    case JournalState::acknowledged:
      return "acknowledged";
    case JournalState::filled:
      return "filled";
    case JournalState::cancelled:
      return "cancelled";
    case JournalState::rejected:
      return "rejected";
    case JournalState::expired:
      return "expired";
  }
  return "unknown";
}

bool is_final(JournalState state) noexcept {
  return state == JournalState::filled || state == JournalState::cancelled || state == JournalState::rejected ||
         state == JournalState::expired;
}

OrderJournal::OrderJournal(const std::string& path, JournalDurability durability) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw JournalError(fmt::format("order journal: cannot open '{}': {}", path, message));
  }
  try {
    // FULL: in WAL mode a commit fsyncs the log, so a row written before sending survives a power
    // cut too, not only a killed process. NORMAL: the commit is in the log (the OS's cache) without an
    // fsync, so it survives the process, not the machine. Waits a while for another connection's
    // write lock.
    sqlite3_busy_timeout(db_, 5000);
    execute(durability == JournalDurability::full ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                                                  : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    execute(kSchema);
    add_missing_columns();
    // The writer never checkpoints: a checkpoint fsyncs the database, and the row written before
    // each order's send would wait for it.
    checkpointer_ = commons::WalCheckpointer::take_over(db_, path, kCheckpointInterval);
    recover_ahead_file(path, durability);
  } catch (...) {
    sqlite3_finalize(save_statement_);
    sqlite3_close(db_);
    throw;
  }
}

OrderJournal::~OrderJournal() {
  try {
    settle_owed();
  } catch (const std::exception& e) {
    // Still in the write-ahead file: the next open moves them in.
    commons::log(commons::LogLevel::warning, "journal",
                 fmt::format("{} rows stay in {} for the next start: {}", owed_.size(), ahead_->path(), e.what()));
  }
  sqlite3_finalize(save_statement_);
  sqlite3_close(db_);
}

std::string OrderJournal::ahead_path(const std::string& path) { return path + "-ahead"; }

// A journal an earlier version wrote lacks the later columns: added, empty (its orders have no owner).
void OrderJournal::add_missing_columns() const {
  std::vector<std::string> present;
  {
    Query columns(db_, "PRAGMA table_info(journal_orders)");
    while (columns.step()) present.push_back(columns.text(1));
  }
  for (const auto& [name, definition] : kAddedColumns) {
    if (std::find(present.begin(), present.end(), name) != present.end()) continue;
    execute(fmt::format("ALTER TABLE journal_orders ADD COLUMN {} {}", name, definition).c_str());
  }
}

void OrderJournal::execute(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw JournalError(fmt::format("order journal: {}", message));
  }
}

// Rows a previous run wrote ahead and did not move into SQLite (it was killed between a send and its
// settle): moved in now, before anything reads the journal. A row SQLite already has is newer (written
// after the settle that the kill interrupted before the file was emptied) and is kept. Then the file is
// this journal's write-ahead log (`process`) or removed (`full`). A journal that cannot take the file
// (another one owns it) leaves it alone and writes every row to SQLite.
void OrderJournal::recover_ahead_file(const std::string& path, JournalDurability durability) {
  auto file = detail::JournalAheadLog::take(ahead_path(path));
  if (file == nullptr) return;
  const detail::AheadEntries found = file->read_all();
  for (const std::string& why : found.skipped) {
    commons::log(commons::LogLevel::warning, "journal", fmt::format("{}: {}", file->path(), why));
  }
  if (!found.entries.empty()) {
    Transaction write(*this);  // rolled back if a row fails
    for (const JournalEntry& entry : found.entries) write_row(entry, true);
    write.commit();
    commons::log(
        commons::LogLevel::info, "journal",
        fmt::format("{} rows written ahead by the previous run recovered from {}", found.entries.size(), file->path()));
  }
  if (durability == JournalDurability::process) {
    file->clear();
    ahead_ = std::move(file);
  } else {
    file->remove();
  }
}

void OrderJournal::save(JournalEntry&& e) {
  if (writes_ahead(e)) {
    ahead_->append(e);  // throws: not written, so not sent
    owed_.push_back(std::move(e));
    return;
  }
  settle_owed();  // rows reach SQLite in the order they were saved
  write_row(e, false);
}

bool OrderJournal::writes_ahead(const JournalEntry& e) const noexcept {
  return ahead_ != nullptr && e.state == JournalState::pending_send && !in_transaction_;
}

void OrderJournal::settle() { settle_owed(); }

void OrderJournal::settle_owed() const {
  if (owed_.empty()) return;
  const bool own = !in_transaction_;
  if (own) execute("BEGIN IMMEDIATE");
  try {
    for (const JournalEntry& entry : owed_) write_row(entry, false);
    if (own) execute("COMMIT");
  } catch (...) {
    if (own) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  owed_.clear();
  ahead_->clear();
}

void OrderJournal::write_row(const JournalEntry& e, bool keep_newer) const {
  if (keep_newer) {
    Query query(db_, insert_row_sql("IGNORE"));
    bind_entry(query, e).step();
    return;
  }
  // Prepared once: it runs between an order's decision and its send, where compiling the statement
  // was about 40% of the row's cost.
  if (save_statement_ == nullptr) {
    const std::string sql = insert_row_sql("REPLACE");
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &save_statement_, nullptr) != SQLITE_OK) {
      save_statement_ = nullptr;
      throw JournalError(fmt::format("order journal: sqlite prepare: {}", sqlite3_errmsg(db_)));
    }
  }
  Query query(db_, save_statement_);
  bind_entry(query, e).step();
}

std::optional<JournalEntry> OrderJournal::find(std::string_view client_order_id) const {
  settle_owed();
  Query query(db_, fmt::format("SELECT {} FROM journal_orders WHERE client_order_id = ?1", kColumns));
  query.text(1, client_order_id);
  if (!query.step()) return std::nullopt;
  return read_entry(query);
}

std::vector<JournalEntry> OrderJournal::unfinished() const {
  settle_owed();
  Query query(
      db_, fmt::format("SELECT {} FROM journal_orders WHERE state IN ({}, {}, {}) ORDER BY created_ms, rowid", kColumns,
                       static_cast<int>(JournalState::held), static_cast<int>(JournalState::pending_send),
                       static_cast<int>(JournalState::acknowledged)));
  std::vector<JournalEntry> entries;
  while (query.step()) entries.push_back(read_entry(query));
  return entries;
}

std::vector<std::string> OrderJournal::symbols() const {
  settle_owed();
  Query query(db_, "SELECT DISTINCT symbol FROM journal_orders ORDER BY symbol");
  std::vector<std::string> symbols;
  while (query.step()) symbols.push_back(query.text(0));
  return symbols;
}

bool OrderJournal::record_fill(std::string_view client_order_id, std::string_view trade_id, std::string_view symbol,
                               std::int64_t time_ms) {
  settle_owed();
  const bool own = !in_transaction_;  // else the caller's Transaction commits it with the order's row
  if (own) execute("BEGIN IMMEDIATE");
  try {
    Query insert(db_, "INSERT OR IGNORE INTO journal_fills (client_order_id, trade_id) VALUES (?1, ?2)");
    insert.text(1, client_order_id).text(2, trade_id).step();
    if (insert.changes() == 0) {
      if (own) execute("ROLLBACK");
      return false;
    }
    Query cursor(db_,
                 "INSERT INTO journal_cursors (symbol, last_trade_ms) VALUES (?1, ?2) ON CONFLICT(symbol) DO UPDATE "
                 "SET last_trade_ms = MAX(last_trade_ms, excluded.last_trade_ms)");
    cursor.text(1, symbol).integer(2, time_ms).step();
    if (own) execute("COMMIT");
  } catch (...) {
    if (own) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return true;
}

OrderJournal::Transaction::Transaction(OrderJournal& journal) : journal_(journal) {
  if (journal_.in_transaction_) throw std::logic_error("order journal: a transaction is already open");
  journal_.settle_owed();
  journal_.execute("BEGIN IMMEDIATE");
  journal_.in_transaction_ = true;
}

OrderJournal::Transaction::~Transaction() {
  if (done_) return;
  journal_.in_transaction_ = false;
  sqlite3_exec(journal_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void OrderJournal::Transaction::commit() {
  journal_.execute("COMMIT");  // throws JournalError: the destructor rolls back
  journal_.in_transaction_ = false;
  done_ = true;
}

bool OrderJournal::has_fill(std::string_view client_order_id, std::string_view trade_id) const {
  settle_owed();
  Query query(db_, "SELECT 1 FROM journal_fills WHERE client_order_id = ?1 AND trade_id = ?2");
  query.text(1, client_order_id).text(2, trade_id);
  return query.step();
}

std::optional<std::int64_t> OrderJournal::last_trade_ms(std::string_view symbol) const {
  settle_owed();
  Query query(db_, "SELECT last_trade_ms FROM journal_cursors WHERE symbol = ?1");
  query.text(1, symbol);
  if (!query.step()) return std::nullopt;
  return query.integer(0);
}

JournalDurability OrderJournal::durability() const {
  Query query(db_, "PRAGMA synchronous");
  if (!query.step()) throw JournalError("order journal: PRAGMA synchronous returned nothing");
  return query.integer(0) >= 2 ? JournalDurability::full : JournalDurability::process;  // 2 FULL, 3 EXTRA
}

}  // namespace octobot::exchanges
