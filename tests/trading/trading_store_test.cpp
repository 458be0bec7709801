#include <catch2/catch.hpp>
#include <octobot/trading/trading_store.hpp>

#include <sqlite3.h>

#include <unistd.h>

#include <filesystem>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::OrderType;
using octobot::channel::Side;

namespace {

bool same_order(const Order& a, const Order& b) {
  return a.id == b.id && a.symbol == b.symbol && a.side == b.side && a.type == b.type && a.state == b.state &&
         a.amount == b.amount && a.price == b.price && a.trigger_price == b.trigger_price &&
         a.trailing_percent == b.trailing_percent && a.triggered == b.triggered && a.filled == b.filled &&
         a.filled_cost == b.filled_cost && a.fees == b.fees && a.fee_asset == b.fee_asset && a.reserved == b.reserved &&
         a.reserved_asset == b.reserved_asset && a.created_at_ms == b.created_at_ms && a.reason == b.reason;
}

}  // namespace

TEST_CASE("orders, trades and portfolio history round-trip through SQLite exactly", "[trading_store]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("octobot-trading-store-" + std::to_string(::getpid()) + ".sqlite");
  std::filesystem::remove(path);

  Portfolio portfolio;
  portfolio.deposit("USDT", d("10000.000000000000000001"));  // the smallest unit must survive
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio, {d("0.001"), d("0.1")});
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.12345")));
  exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.3"), d("19500.13")));
  exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.00001"), d("19500")));  // rejected
  exchange.create_order(
      OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss_limit, d("0.5"), d("18000"), d("17900")));
  exchange.on_candle("BTC/USDT", candle(1, "19600", "19600", "19400", "19500", "2"));  // partial fill 0.2

  std::vector<const Order*> orders;
  for (const char* id : {"sim-1", "sim-2", "sim-3", "sim-4"}) orders.push_back(exchange.order(id));
  REQUIRE(orders[1]->state == OrderState::partially_filled);
  REQUIRE(orders[2]->state == OrderState::rejected);
  {
    TradingStore store(path.string());
    for (const Order* order : orders) store.save_order(*order);
    for (const auto& trade : exchange.trades()) store.save_trade(trade);
    store.save_portfolio(60'000, portfolio);
  }
  TradingStore reopened(path.string());
  const auto loaded = reopened.load_orders();
  REQUIRE(loaded.size() == 4);
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    INFO(orders[i]->id);
    CHECK(same_order(loaded[i], *orders[i]));
  }
  CHECK(loaded[2].reason.find("below the market minimum") != std::string::npos);
  CHECK(reopened.load_trades() == std::vector(exchange.trades().begin(), exchange.trades().end()));

  const auto history = reopened.load_portfolio_history();
  REQUIRE(history.size() == 2);
  CHECK(history[0] == PortfolioSnapshotRow{60'000, "main", "BTC", portfolio.balance("BTC")});
  CHECK(history[1] == PortfolioSnapshotRow{60'000, "main", "USDT", portfolio.balance("USDT")});
  CHECK(history[1].balance.total.raw() % 10 == 1);  // the 10^-18 unit deposited is still there

  // An order saved again after a change replaces its row.
  reopened.save_order(*orders[1]);
  CHECK(reopened.load_orders().size() == 4);
  std::filesystem::remove(path);
}

TEST_CASE("the latest snapshot of one portfolio is read alone, an empty history is told apart", "[trading_store]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("octobot-latest-snapshot-" + std::to_string(::getpid()) + ".sqlite");
  std::filesystem::remove(path);
  TradingStore store(path.string());
  CHECK_FALSE(store.has_portfolio_history());
  CHECK(store.load_latest_portfolio("main").empty());
  Portfolio main("main");
  main.deposit("USDT", d("100"));
  main.deposit("BTC", d("1"));
  store.save_portfolio(1'000, main);
  main.lock("USDT", d("40"));
  main.spend_locked("USDT", d("40"));
  main.deposit("ETH", d("2"));
  store.save_portfolio(2'000, main);
  Portfolio other("mode-2");
  other.deposit("USDT", d("7"));
  store.save_portfolio(3'000, other);  // a later snapshot of another portfolio
  CHECK(store.has_portfolio_history());

  CHECK(store.load_latest_portfolio("main") ==
        std::vector<PortfolioSnapshotRow>{{2'000, "main", "BTC", main.balance("BTC")},
                                          {2'000, "main", "ETH", main.balance("ETH")},
                                          {2'000, "main", "USDT", Balance{d("60"), d("60")}}});
  CHECK(store.load_latest_portfolio("mode-2") ==
        std::vector<PortfolioSnapshotRow>{{3'000, "mode-2", "USDT", Balance{d("7"), d("7")}}});
  CHECK(store.load_latest_portfolio("absent").empty());
  std::filesystem::remove(path);
}

TEST_CASE("a database that cannot be opened is an error naming the path", "[trading_store]") {
  CHECK_THROWS_WITH(TradingStore("/nonexistent-dir/x/trading.sqlite"),
                    Catch::Contains("cannot open trading database '/nonexistent-dir/x/trading.sqlite'"));
}

TEST_CASE("rows are committed in batches: another connection sees them after a full batch, a flush or the close",
          "[trading_store]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("octobot-trading-batch-" + std::to_string(::getpid()) + ".sqlite");
  std::filesystem::remove(path);
  const auto trade = [](int n) {
    return octobot::channel::TradeMessage{
        "BTC", "BTC/USDT", "t-" + std::to_string(n), "sim-1", Side::buy, d("100"), d("1"), d("0.001"), "BTC", n};
  };
  {
    TradingStore store(path.string(), StoreOptions{3, std::chrono::hours(1)});
    TradingStore reader(path.string());
    store.save_trade(trade(1));
    store.save_trade(trade(2));
    CHECK(store.pending_rows() == 2);
    CHECK(store.load_trades().size() == 2);  // this connection sees its own open batch
    CHECK(reader.load_trades().empty());     // another one does not, yet: a crash now loses these two
    store.save_trade(trade(3));              // the batch is full: committed
    CHECK(store.pending_rows() == 0);
    CHECK(reader.load_trades().size() == 3);
    store.save_trade(trade(4));
    CHECK(reader.load_trades().size() == 3);
    store.flush();
    CHECK(reader.load_trades().size() == 4);
    store.save_trade(trade(5));
  }
  TradingStore reopened(path.string());
  const auto trades = reopened.load_trades();
  REQUIRE(trades.size() == 5);  // the store's destructor committed the last batch
  CHECK(trades.back() == trade(5));
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("order groups and chains round-trip exactly, replaced whole at each save", "[trading_store]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("octobot-trading-links-" + std::to_string(::getpid()) + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  OrderLinks links;
  links.groups.push_back({OrderGroupKind::one_cancels_the_other, {"sim-1", "sim-2"}, d("0.123456789012345678"), "BTC"});
  links.groups.push_back({OrderGroupKind::balanced_take_profit_stop_loss, {"sim-7"}, d("1950.5"), "USDT"});
  links.chains.push_back({"sim-3",
                          {OrderRequest::limit("BTC/USDT", Side::sell, d("0.1998"), d("21000.01")),
                           OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss_limit, d("0.1998"),
                                                   d("18800"), d("18750.5"))
                               .expiring_at(7'200'000)},
                          OrderGroupKind::one_cancels_the_other,
                          {"exit \"take-profit\"", ""}});  // a mode's tags, one per request
  links.chains.push_back({"sim-3",
                          {OrderRequest::trailing_stop_limit("ETH/USDT", Side::buy, d("2"), d("2.5"), d("0.25"))},
                          std::nullopt,
                          {}});
  links.chains.push_back({"sim-10", {OrderRequest::market("BTC/USDT", Side::sell, d("0.00001"))}, std::nullopt, {}});
  // Who owns each open order: a symbol instance, an exchange-scope one (no symbol), an untagged order.
  links.owners.push_back({"sim-1", "DailyTradingMode", "BTC/USDT", "take-profit 1"});
  links.owners.push_back({"sim-2", "DailyTradingMode", "BTC/USDT", "stop \"loss\""});
  links.owners.push_back({"sim-7", "IndexTradingMode", "", ""});
  {
    TradingStore store(path.string());
    CHECK_FALSE(store.predates_order_links());  // a new file saves them
    CHECK_FALSE(store.predates_order_owners());
    CHECK(store.load_order_links().empty());
    store.save_order_links(links);
    CHECK(store.load_order_links() == links);  // this connection sees its own batch
    // Uncommitted until the batch is: what another connection (a resumed session after a kill) sees is
    // the links of the last commit, with the orders of that commit.
    CHECK(TradingStore(path.string()).load_order_links().empty());
  }
  {
    TradingStore store(path.string());
    CHECK_FALSE(store.predates_order_links());
    CHECK(store.load_order_links() == links);
    OrderLinks fewer;
    fewer.chains.push_back(links.chains[1]);
    fewer.owners.push_back(links.owners[2]);
    store.save_order_links(fewer);
    store.flush();
    CHECK(TradingStore(path.string()).load_order_links() == fewer);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("a store written before order links still loads: no links, its open orders as they were", "[trading_store]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("octobot-trading-old-" + std::to_string(::getpid()) + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  Order order;
  order.id = "sim-4";
  order.symbol = "BTC/USDT";
  order.side = Side::sell;
  order.type = OrderType::limit;
  order.state = OrderState::open;
  order.amount = d("0.5");
  order.price = d("21000");
  order.reserved_asset = "BTC";
  {
    TradingStore store(path.string());
    store.save_order(order);
  }
  {
    // The layout of the version before: no link tables.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.string().c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "DROP TABLE order_groups; DROP TABLE chained_orders;", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
    sqlite3_close(db);
  }
  {
    TradingStore store(path.string());
    CHECK(store.predates_order_links());
    CHECK(store.load_order_links().empty());
    REQUIRE(store.load_open_orders().size() == 1);
    CHECK(same_order(store.load_open_orders()[0], order));
    OrderLinks links;
    links.groups.push_back({OrderGroupKind::one_cancels_the_other, {"sim-4", "sim-5"}, d("0.5"), "BTC"});
    store.save_order_links(links);  // the tables were created on open
    store.flush();
  }
  TradingStore reopened(path.string());
  CHECK_FALSE(reopened.predates_order_links());
  CHECK(reopened.load_order_links().groups.size() == 1);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("a store written before order owners still loads: its orders and links without owners", "[trading_store]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("octobot-trading-no-owners-" + std::to_string(::getpid()) + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  Order order;
  order.id = "sim-4";
  order.symbol = "BTC/USDT";
  order.side = Side::buy;
  order.type = OrderType::limit;
  order.state = OrderState::open;
  order.amount = d("0.5");
  order.price = d("21000");
  order.reserved = d("10500");
  order.reserved_asset = "USDT";
  OrderLinks links;
  links.chains.push_back(
      {"sim-4", {OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("22000"))}, std::nullopt, {}});
  {
    TradingStore store(path.string());
    store.save_order(order);
    store.save_order_links(links);
  }
  {
    // The layout of the version before: links saved, no owners.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.string().c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "DROP TABLE order_owners;", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  {
    TradingStore store(path.string());
    CHECK(store.predates_order_owners());
    CHECK_FALSE(store.predates_order_links());
    CHECK(store.load_order_links() == links);
    REQUIRE(store.load_open_orders().size() == 1);
    CHECK(same_order(store.load_open_orders()[0], order));
    links.owners.push_back({"sim-4", "DailyTradingMode", "BTC/USDT", "buy"});
    store.save_order_links(links);  // the table was created on open
    store.flush();
  }
  TradingStore reopened(path.string());
  CHECK_FALSE(reopened.predates_order_owners());
  CHECK(reopened.load_order_links() == links);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("a store whose chains saved no tags still loads them: untagged", "[trading_store]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("octobot-trading-no-tags-" + std::to_string(::getpid()) + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  {
    // The layout of the version before: chained_orders without its tag column.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.string().c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db,
                       "CREATE TABLE chained_orders (chain_index INTEGER NOT NULL, request_index INTEGER NOT NULL, "
                       "parent_id TEXT NOT NULL, group_kind INTEGER NOT NULL, symbol TEXT NOT NULL, side INTEGER NOT "
                       "NULL, type INTEGER NOT NULL, amount TEXT NOT NULL, price TEXT NOT NULL, trigger_price TEXT NOT "
                       "NULL, trailing_percent TEXT NOT NULL, limit_offset_percent TEXT NOT NULL, expire_at_ms INTEGER "
                       "NOT NULL, PRIMARY KEY (chain_index, request_index)); INSERT INTO chained_orders VALUES (0, 0, "
                       "'sim-4', -1, 'BTC/USDT', 1, 2, '0.5', '22000', '0', '0', '0', 0);",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  OrderLinks links;
  links.chains.push_back(
      {"sim-4", {OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("22000"))}, std::nullopt, {}});
  {
    TradingStore store(path.string());
    CHECK(store.load_order_links() == links);
    links.chains[0].tags = {"exit"};
    store.save_order_links(links);  // the column was added on open
    store.flush();
  }
  CHECK(TradingStore(path.string()).load_order_links() == links);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}
