#include <octobot/commons/wal_checkpointer.hpp>
#include <octobot/trading/trading_store.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <utility>

namespace octobot::trading {
namespace {

// A prepared statement that finalizes itself; binds and reads by 1-based / 0-based index.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail("prepare");
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& text) {
    if (sqlite3_bind_text(statement_, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK) {
      fail("bind");
    }
    return *this;
  }
  Statement& bind(int index, Decimal value) { return bind(index, value.to_string()); }
  Statement& bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) fail("bind");
    return *this;
  }
  // Runs a write statement to completion and makes it ready for the next bindings (a prepared
  // statement kept by the store is reused for every row: parsing the SQL once, not per row).
  void run_and_reset() {
    const int result = sqlite3_step(statement_);
    sqlite3_reset(statement_);
    if (result != SQLITE_DONE && result != SQLITE_ROW) fail("step");
  }
  // True while a row is available.
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
  [[nodiscard]] Decimal decimal(int column) const { return Decimal::from_string(text(column)); }
  [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }

 private:
  [[noreturn]] void fail(const char* operation) const {
    throw StoreError(fmt::format("sqlite {}: {}", operation, sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY, symbol TEXT NOT NULL, side INTEGER NOT NULL, type INTEGER NOT NULL,
  state INTEGER NOT NULL, amount TEXT NOT NULL, price TEXT NOT NULL, trigger_price TEXT NOT NULL,
  trailing_percent TEXT NOT NULL, triggered INTEGER NOT NULL, filled TEXT NOT NULL,
  filled_cost TEXT NOT NULL, fees TEXT NOT NULL, fee_asset TEXT NOT NULL, reserved TEXT NOT NULL,
  reserved_asset TEXT NOT NULL, created_at_ms INTEGER NOT NULL, reason TEXT NOT NULL,
  limit_offset_percent TEXT NOT NULL DEFAULT '0', expire_at_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS trades (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, trade_id TEXT NOT NULL, order_id TEXT NOT NULL,
  cryptocurrency TEXT NOT NULL, symbol TEXT NOT NULL, side INTEGER NOT NULL, price TEXT NOT NULL,
  amount TEXT NOT NULL, fee TEXT NOT NULL, fee_currency TEXT NOT NULL, timestamp_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS portfolio_history (
  time_ms INTEGER NOT NULL, portfolio TEXT NOT NULL, asset TEXT NOT NULL, total TEXT NOT NULL,
  available TEXT NOT NULL, PRIMARY KEY (time_ms, portfolio, asset));
CREATE TABLE IF NOT EXISTS order_groups (
  group_index INTEGER NOT NULL, member_index INTEGER NOT NULL, order_id TEXT NOT NULL, kind INTEGER NOT NULL,
  reserved TEXT NOT NULL, reserved_asset TEXT NOT NULL, PRIMARY KEY (group_index, member_index));
CREATE TABLE IF NOT EXISTS chained_orders (
  chain_index INTEGER NOT NULL, request_index INTEGER NOT NULL, parent_id TEXT NOT NULL, group_kind INTEGER NOT NULL,
  symbol TEXT NOT NULL, side INTEGER NOT NULL, type INTEGER NOT NULL, amount TEXT NOT NULL, price TEXT NOT NULL,
  trigger_price TEXT NOT NULL, trailing_percent TEXT NOT NULL, limit_offset_percent TEXT NOT NULL,
  expire_at_ms INTEGER NOT NULL, tag TEXT NOT NULL DEFAULT '', PRIMARY KEY (chain_index, request_index));
CREATE TABLE IF NOT EXISTS order_owners (
  order_id TEXT PRIMARY KEY, mode TEXT NOT NULL, mode_symbol TEXT NOT NULL, tag TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS portfolio_value (
  time_ms INTEGER NOT NULL, portfolio TEXT NOT NULL, reference TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (portfolio, time_ms));
)sql";

// Layout 1 (before trailing stop limits and expiry) lacks two order columns: they are added with the
// defaults every order of that layout had (no offset, good till cancelled).
constexpr const char* kUpgradeOrdersFrom1 = R"sql(
ALTER TABLE orders ADD COLUMN limit_offset_percent TEXT NOT NULL DEFAULT '0';
ALTER TABLE orders ADD COLUMN expire_at_ms INTEGER NOT NULL DEFAULT 0;
)sql";

// chained_orders of a version that saved chains without their tags: the tag column is added, empty
// (such requests come back untagged, as that version restored them).
constexpr const char* kUpgradeChainedOrdersTags = "ALTER TABLE chained_orders ADD COLUMN tag TEXT NOT NULL DEFAULT '';";

// chained_orders.group_kind of requests that do not form a group.
constexpr std::int64_t kNoGroupKind = -1;

constexpr const char* kOrderColumns =
    "id, symbol, side, type, state, amount, price, trigger_price, trailing_percent, triggered, filled, filled_cost, "
    "fees, fee_asset, reserved, reserved_asset, created_at_ms, reason, limit_offset_percent, expire_at_ms";

}  // namespace

// The write statements, prepared once per store.
struct TradingStore::Prepared {
  explicit Prepared(sqlite3* db)
      : order(db, fmt::format("INSERT OR REPLACE INTO orders ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                              "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                              kOrderColumns)
                      .c_str()),
        trade(db,
              "INSERT INTO trades (trade_id, order_id, cryptocurrency, symbol, side, price, amount, fee, "
              "fee_currency, timestamp_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        balance(db, "INSERT OR REPLACE INTO portfolio_history VALUES (?1, ?2, ?3, ?4, ?5)"),
        value(db, "INSERT OR REPLACE INTO portfolio_value VALUES (?1, ?2, ?3, ?4)"),
        group_member(db, "INSERT INTO order_groups VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        chained_request(db,
                        "INSERT INTO chained_orders VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                        "?14)"),
        order_owner(db, "INSERT OR REPLACE INTO order_owners VALUES (?1, ?2, ?3, ?4)") {}
  Statement order;
  Statement trade;
  Statement balance;
  Statement value;
  Statement group_member;
  Statement chained_request;
  Statement order_owner;
  std::chrono::steady_clock::time_point batch_started;
};

TradingStore::TradingStore(const std::string& path, StoreOptions options) : options_(options) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError(fmt::format("cannot open trading database '{}': {}", path, message));
  }
  try {
    // WAL with synchronous=NORMAL: a commit is an append to the log, not an fsync, so a run saving an
    // order per state change stays fast; the database survives a crash of the bot (only a power cut
    // may lose the last commits). A backtest writes tens of thousands of rows.
    execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    // A file whose orders table predates the link tables was written by a version that did not save
    // groups and chains: its open orders come back without them (predates_order_links).
    const auto has_table = [this](const char* name) {
      Statement statement(db_, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
      statement.bind(1, std::string(name));
      statement.step();
      return statement.integer(0) != 0;
    };
    predates_order_links_ = has_table("orders") && !has_table("order_groups");
    // Likewise for the owners of the open orders (predates_order_owners): its orders belong to no mode.
    predates_order_owners_ = has_table("orders") && !has_table("order_owners");
    execute(kSchema);
    Statement has_expiry(db_, "SELECT COUNT(*) FROM pragma_table_info('orders') WHERE name = 'expire_at_ms'");
    has_expiry.step();
    if (has_expiry.integer(0) == 0) execute(kUpgradeOrdersFrom1);
    Statement has_chain_tags(db_, "SELECT COUNT(*) FROM pragma_table_info('chained_orders') WHERE name = 'tag'");
    has_chain_tags.step();
    if (has_chain_tags.integer(0) == 0) execute(kUpgradeChainedOrdersTags);
    prepared_ = std::make_unique<Prepared>(db_);
    if (options_.background_checkpoint_interval.count() > 0) {
      checkpointer_ = commons::WalCheckpointer::take_over(db_, path, options_.background_checkpoint_interval);
    }
  } catch (...) {
    prepared_.reset();
    sqlite3_close(db_);
    throw;
  }
}

TradingStore::~TradingStore() {
  try {
    flush();
  } catch (const StoreError&) {
    // Nowhere to report it from a destructor: the open batch is lost, as after a crash.
  }
  prepared_.reset();  // statements are finalized before the connection closes
  sqlite3_close(db_);
}

void TradingStore::begin_row() {
  if (in_batch_) return;
  execute("BEGIN");
  in_batch_ = true;
  prepared_->batch_started = std::chrono::steady_clock::now();
}

void TradingStore::end_row(std::size_t rows) {
  pending_rows_ += rows;
  if (pending_rows_ >= options_.batch_rows ||
      std::chrono::steady_clock::now() - prepared_->batch_started >= options_.max_batch_age) {
    flush();
  }
}

void TradingStore::flush() {
  if (!in_batch_) return;
  execute("COMMIT");
  in_batch_ = false;
  pending_rows_ = 0;
}

void TradingStore::execute(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError(fmt::format("sqlite exec: {}", message));
  }
}

template <typename Write>
void TradingStore::in_savepoint(const char* name, Write&& write) {
  execute(fmt::format("SAVEPOINT {}", name).c_str());
  try {
    write();
    execute(fmt::format("RELEASE {}", name).c_str());
  } catch (...) {
    execute(fmt::format("ROLLBACK TO {0}; RELEASE {0}", name).c_str());
    throw;
  }
}

void TradingStore::save_order(const Order& order) {
  begin_row();
  Statement& statement = prepared_->order;
  statement.bind(1, order.id)
      .bind(2, order.symbol)
      .bind(3, static_cast<std::int64_t>(order.side))
      .bind(4, static_cast<std::int64_t>(order.type))
      .bind(5, static_cast<std::int64_t>(order.state))
      .bind(6, order.amount)
      .bind(7, order.price)
      .bind(8, order.trigger_price)
      .bind(9, order.trailing_percent)
      .bind(10, static_cast<std::int64_t>(order.triggered))
      .bind(11, order.filled)
      .bind(12, order.filled_cost)
      .bind(13, order.fees)
      .bind(14, order.fee_asset)
      .bind(15, order.reserved)
      .bind(16, order.reserved_asset)
      .bind(17, order.created_at_ms)
      .bind(18, order.reason)
      .bind(19, order.limit_offset_percent)
      .bind(20, order.expire_at_ms);
  statement.run_and_reset();
  end_row(1);
}

void TradingStore::save_trade(const channel::TradeMessage& trade) {
  begin_row();
  Statement& statement = prepared_->trade;
  statement.bind(1, trade.trade_id)
      .bind(2, trade.order_id)
      .bind(3, trade.cryptocurrency)
      .bind(4, trade.symbol)
      .bind(5, static_cast<std::int64_t>(trade.side))
      .bind(6, trade.price)
      .bind(7, trade.amount)
      .bind(8, trade.fee)
      .bind(9, trade.fee_currency)
      .bind(10, trade.timestamp_ms);
  statement.run_and_reset();
  end_row(1);
}

void TradingStore::save_portfolio(std::int64_t time_ms, const Portfolio& portfolio) {
  // A savepoint inside the batch: a snapshot is stored whole or not at all.
  begin_row();
  in_savepoint("snapshot", [&] {
    for (const auto& [asset, balance] : portfolio.balances()) {
      Statement& statement = prepared_->balance;
      statement.bind(1, time_ms)
          .bind(2, portfolio.name())
          .bind(3, asset)
          .bind(4, balance.total)
          .bind(5, balance.available);
      statement.run_and_reset();
    }
  });
  end_row(portfolio.balances().size());
}

void TradingStore::save_order_links(const OrderLinks& links) {
  // Replaced whole, inside the batch: committed with the orders and the snapshot of the same checkpoint.
  begin_row();
  std::size_t rows = 0;
  in_savepoint("links", [&] {
    execute("DELETE FROM order_groups; DELETE FROM chained_orders; DELETE FROM order_owners;");
    for (std::size_t g = 0; g < links.groups.size(); ++g) {
      const OrderGroupLink& group = links.groups[g];
      for (std::size_t m = 0; m < group.order_ids.size(); ++m) {
        Statement& statement = prepared_->group_member;
        statement.bind(1, static_cast<std::int64_t>(g))
            .bind(2, static_cast<std::int64_t>(m))
            .bind(3, group.order_ids[m])
            .bind(4, static_cast<std::int64_t>(group.kind))
            .bind(5, group.reserved)
            .bind(6, group.reserved_asset);
        statement.run_and_reset();
        ++rows;
      }
    }
    for (std::size_t c = 0; c < links.chains.size(); ++c) {
      const ChainedOrdersLink& chain = links.chains[c];
      for (std::size_t r = 0; r < chain.requests.size(); ++r) {
        const OrderRequest& request = chain.requests[r];
        Statement& statement = prepared_->chained_request;
        statement.bind(1, static_cast<std::int64_t>(c))
            .bind(2, static_cast<std::int64_t>(r))
            .bind(3, chain.parent_id)
            .bind(4, chain.group ? static_cast<std::int64_t>(*chain.group) : kNoGroupKind)
            .bind(5, request.symbol)
            .bind(6, static_cast<std::int64_t>(request.side))
            .bind(7, static_cast<std::int64_t>(request.type))
            .bind(8, request.amount)
            .bind(9, request.price)
            .bind(10, request.trigger_price)
            .bind(11, request.trailing_percent)
            .bind(12, request.limit_offset_percent)
            .bind(13, request.expire_at_ms)
            .bind(14, r < chain.tags.size() ? chain.tags[r] : std::string());
        statement.run_and_reset();
        ++rows;
      }
    }
    for (const OrderOwnerLink& owner : links.owners) {
      Statement& statement = prepared_->order_owner;
      statement.bind(1, owner.order_id).bind(2, owner.mode).bind(3, owner.mode_symbol).bind(4, owner.tag);
      statement.run_and_reset();
      ++rows;
    }
  });
  end_row(rows + 1);  // the deletes count as one row
}

OrderLinks TradingStore::load_order_links() const {
  OrderLinks links;
  Statement groups(db_,
                   "SELECT group_index, order_id, kind, reserved, reserved_asset FROM order_groups ORDER BY "
                   "group_index, member_index");
  std::int64_t current = -1;
  while (groups.step()) {
    if (groups.integer(0) != current) {
      current = groups.integer(0);
      links.groups.push_back({static_cast<OrderGroupKind>(groups.integer(2)), {}, groups.decimal(3), groups.text(4)});
    }
    links.groups.back().order_ids.push_back(groups.text(1));
  }
  Statement chains(db_,
                   "SELECT chain_index, parent_id, group_kind, symbol, side, type, amount, price, trigger_price, "
                   "trailing_percent, limit_offset_percent, expire_at_ms, tag FROM chained_orders ORDER BY "
                   "chain_index, request_index");
  current = -1;
  while (chains.step()) {
    if (chains.integer(0) != current) {
      current = chains.integer(0);
      const std::int64_t kind = chains.integer(2);
      links.chains.push_back({chains.text(1),
                              {},
                              kind == kNoGroupKind ? std::nullopt : std::optional(static_cast<OrderGroupKind>(kind)),
                              {}});
    }
    OrderRequest request;
    request.symbol = chains.text(3);
    request.side = static_cast<Side>(chains.integer(4));
    request.type = static_cast<OrderType>(chains.integer(5));
    request.amount = chains.decimal(6);
    request.price = chains.decimal(7);
    request.trigger_price = chains.decimal(8);
    request.trailing_percent = chains.decimal(9);
    request.limit_offset_percent = chains.decimal(10);
    request.expire_at_ms = chains.integer(11);
    ChainedOrdersLink& chain = links.chains.back();
    chain.requests.push_back(std::move(request));
    chain.tags.push_back(chains.text(12));
  }
  // A chain whose requests have no tag saved none (ChainedOrdersLink::tags is then empty).
  for (ChainedOrdersLink& chain : links.chains) {
    if (std::all_of(chain.tags.begin(), chain.tags.end(), [](const std::string& tag) { return tag.empty(); }))
      chain.tags.clear();
  }
  Statement owners(db_, "SELECT order_id, mode, mode_symbol, tag FROM order_owners ORDER BY order_id");
  while (owners.step()) links.owners.push_back({owners.text(0), owners.text(1), owners.text(2), owners.text(3)});
  return links;
}

std::vector<Order> TradingStore::load_orders() const { return load_orders_where(""); }

std::vector<Order> TradingStore::load_open_orders() const {
  return load_orders_where(fmt::format("WHERE state IN ({}, {})", static_cast<int>(OrderState::open),
                                       static_cast<int>(OrderState::partially_filled)));
}

std::vector<Order> TradingStore::load_orders_where(const std::string& where) const {
  const std::string sql = fmt::format("SELECT {} FROM orders {} ORDER BY id", kOrderColumns, where);
  Statement statement(db_, sql.c_str());
  std::vector<Order> orders;
  while (statement.step()) {
    Order order;
    order.id = statement.text(0);
    order.symbol = statement.text(1);
    order.side = static_cast<Side>(statement.integer(2));
    order.type = static_cast<OrderType>(statement.integer(3));
    order.state = static_cast<OrderState>(statement.integer(4));
    order.amount = statement.decimal(5);
    order.price = statement.decimal(6);
    order.trigger_price = statement.decimal(7);
    order.trailing_percent = statement.decimal(8);
    order.triggered = statement.integer(9) != 0;
    order.filled = statement.decimal(10);
    order.filled_cost = statement.decimal(11);
    order.fees = statement.decimal(12);
    order.fee_asset = statement.text(13);
    order.reserved = statement.decimal(14);
    order.reserved_asset = statement.text(15);
    order.created_at_ms = statement.integer(16);
    order.reason = statement.text(17);
    order.limit_offset_percent = statement.decimal(18);
    order.expire_at_ms = statement.integer(19);
    orders.push_back(std::move(order));
  }
  return orders;
}

std::vector<channel::TradeMessage> TradingStore::load_trades() const {
  Statement statement(db_,
                      "SELECT cryptocurrency, symbol, trade_id, order_id, side, price, amount, fee, fee_currency, "
                      "timestamp_ms FROM trades ORDER BY seq");
  std::vector<channel::TradeMessage> trades;
  while (statement.step()) {
    trades.push_back({statement.text(0), statement.text(1), statement.text(2), statement.text(3),
                      static_cast<Side>(statement.integer(4)), statement.decimal(5), statement.decimal(6),
                      statement.decimal(7), statement.text(8), statement.integer(9)});
  }
  return trades;
}

std::vector<PortfolioSnapshotRow> TradingStore::load_portfolio_history() const {
  Statement statement(db_, "SELECT * FROM portfolio_history ORDER BY time_ms, portfolio, asset");
  std::vector<PortfolioSnapshotRow> rows;
  while (statement.step()) {
    rows.push_back({statement.integer(0), statement.text(1), statement.text(2),
                    Balance{statement.decimal(3), statement.decimal(4)}});
  }
  return rows;
}

std::vector<PortfolioSnapshotRow> TradingStore::load_latest_portfolio(std::string_view portfolio) const {
  // The primary key (time_ms, portfolio, asset) is walked backwards to the portfolio's latest time.
  Statement statement(db_,
                      "SELECT * FROM portfolio_history WHERE portfolio = ?1 AND time_ms = (SELECT time_ms FROM "
                      "portfolio_history WHERE portfolio = ?1 ORDER BY time_ms DESC LIMIT 1) ORDER BY asset");
  statement.bind(1, std::string(portfolio));
  std::vector<PortfolioSnapshotRow> rows;
  while (statement.step()) {
    rows.push_back({statement.integer(0), statement.text(1), statement.text(2),
                    Balance{statement.decimal(3), statement.decimal(4)}});
  }
  return rows;
}

bool TradingStore::has_portfolio_history() const {
  Statement statement(db_, "SELECT 1 FROM portfolio_history LIMIT 1");
  return statement.step();
}

void TradingStore::save_portfolio_value(std::int64_t time_ms, std::string_view portfolio, std::string_view reference,
                                        Decimal value) {
  begin_row();
  Statement& statement = prepared_->value;
  statement.bind(1, time_ms).bind(2, std::string(portfolio)).bind(3, std::string(reference)).bind(4, value);
  statement.run_and_reset();
  end_row(1);
}

std::vector<PortfolioValueRow> TradingStore::load_portfolio_values() const {
  Statement statement(db_,
                      "SELECT time_ms, portfolio, reference, value FROM portfolio_value ORDER BY portfolio, time_ms");
  std::vector<PortfolioValueRow> rows;
  while (statement.step()) {
    rows.push_back({statement.integer(0), statement.text(1), statement.text(2), statement.decimal(3)});
  }
  return rows;
}

}  // namespace octobot::trading
