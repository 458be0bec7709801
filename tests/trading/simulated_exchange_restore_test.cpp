// A resumed paper session restores the previous one's open orders with their links: the groups
// (one shared reservation) and the orders chained to an open parent. The restored exchange must then
// behave exactly as an uninterrupted twin fed the same candles.
#include <catch2/catch.hpp>
#include <octobot/trading/simulated_exchange.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "order_checks.hpp"
#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::OrderType;
using octobot::channel::Side;

namespace {

Market eth_usdt() {
  Market market = btc_usdt();
  market.symbol = "ETH/USDT";
  market.base = "ETH";
  return market;
}

// The order `id` of `exchange`, which must know it.
const Order& known(const SimulatedExchange& exchange, const std::string& id) {
  const Order* order = exchange.order(id);
  if (order == nullptr) throw std::logic_error("no order " + id);
  return *order;
}

// What a paper session leaves in its store at a checkpoint: the portfolio's totals, the open orders
// and their links.
struct SavedState {
  std::map<std::string, Decimal> totals;
  std::vector<Order> open_orders;
  OrderLinks links;
};

SavedState save(SimulatedExchange& exchange) {
  SavedState state;
  for (const auto& [asset, balance] : exchange.portfolio().balances()) state.totals[asset] = balance.total;
  for (const Order* order : exchange.open_orders()) state.open_orders.push_back(*order);
  state.links = exchange.links();
  return state;
}

// What the live bot's restore does: the groups with their members, the other open orders, the chains.
void restore(SimulatedExchange& exchange, const SavedState& state) {
  std::vector<std::string> in_groups;
  for (const OrderGroupLink& group : state.links.groups) {
    exchange.restore_order_group(group, state.open_orders);
    in_groups.insert(in_groups.end(), group.order_ids.begin(), group.order_ids.end());
  }
  for (const Order& order : state.open_orders) {
    if (std::find(in_groups.begin(), in_groups.end(), order.id) == in_groups.end()) exchange.restore_order(order);
  }
  for (const ChainedOrdersLink& chain : state.links.chains) exchange.restore_chain(chain);
}

// Candles 0 and 1: the price stays near 20000, nothing fills.
const std::vector<Candle> kBefore = {candle(0, "20000", "20000", "20000", "20000"),
                                     candle(1, "20000", "20100", "19900", "20050")};

// An OCO exit of 0.5 BTC (take-profit limit at 21000, stop at 19000), and a limit buy entry at 19500
// with its own OCO exits chained.
void place_orders(SimulatedExchange& exchange) {
  exchange.create_order_group(
      OrderGroupKind::one_cancels_the_other,
      {OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("21000")),
       OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("0.5"), d("19000"))});
  const Order& entry = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.2"), d("19500")));
  exchange.chain(entry.id,
                 {OrderRequest::limit("BTC/USDT", Side::sell, d("0.1998"), d("21000")),
                  OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("0.1998"), d("18800"))},
                 OrderGroupKind::one_cancels_the_other);
}

struct Account {
  Portfolio portfolio;
  SimulatedExchange exchange;
  explicit Account(const std::map<std::string, Decimal>& totals) : exchange({btc_usdt(), eth_usdt()}, portfolio) {
    for (const auto& [asset, total] : totals) portfolio.deposit(asset, total);
  }
};

const std::map<std::string, Decimal> kStart = {{"BTC", d("1")}, {"USDT", d("20000")}};

}  // namespace

TEST_CASE("a restored group and chain behave exactly as an uninterrupted twin exchange", "[restore]") {
  Account twin(kStart);   // never stops
  Account first(kStart);  // stopped after candle 1
  for (Account* account : {&twin, &first}) {
    account->exchange.on_candle("BTC/USDT", kBefore[0]);
    place_orders(account->exchange);
    account->exchange.on_candle("BTC/USDT", kBefore[1]);
  }
  const SavedState saved = save(first.exchange);
  REQUIRE(saved.links.groups.size() == 1);
  CHECK(saved.links.groups[0].order_ids == std::vector<std::string>{"sim-1", "sim-2"});
  CHECK(saved.links.groups[0].reserved == d("0.5"));
  CHECK(saved.links.groups[0].reserved_asset == "BTC");
  REQUIRE(saved.links.chains.size() == 1);
  CHECK(saved.links.chains[0].parent_id == "sim-3");

  // The resumed session: the saved totals, the candles up to the snapshot, then the restore.
  Account resumed(saved.totals);
  for (const Candle& c : kBefore) resumed.exchange.on_candle("BTC/USDT", c);
  restore(resumed.exchange, saved);
  // One shared reservation of 0.5 BTC (not one per member), the entry's 3900 USDT: as before the stop.
  CHECK(resumed.portfolio.balance("BTC") == twin.portfolio.balance("BTC"));
  CHECK(resumed.portfolio.balance("BTC").locked() == d("0.5"));
  CHECK(resumed.portfolio.balance("USDT") == twin.portfolio.balance("USDT"));
  CHECK(resumed.exchange.links() == twin.exchange.links());

  // Candle 2 fills the entry (its OCO exits are created), candle 3 the two take-profits (each
  // cancelling its stop), candle 4 changes nothing.
  const std::vector<Candle> after = {candle(2, "20050", "20060", "19400", "19600"),
                                     candle(3, "19600", "21100", "19550", "21050"),
                                     candle(4, "21050", "21060", "20900", "21000")};
  const std::size_t twin_trades_before = twin.exchange.trade_count();
  for (const Candle& c : after) {
    twin.exchange.on_candle("BTC/USDT", c);
    resumed.exchange.on_candle("BTC/USDT", c);
    CHECK(resumed.portfolio.balances() == twin.portfolio.balances());
  }
  for (int i = 1; i <= 5; ++i) {
    const std::string id = "sim-" + std::to_string(i);
    const Order* expected = twin.exchange.order(id);
    const Order* actual = resumed.exchange.order(id);
    REQUIRE(expected != nullptr);
    REQUIRE(actual != nullptr);
    octobot::testing::check_same_order(*actual, *expected);
  }
  CHECK(twin.exchange.order("sim-1")->state == OrderState::filled);
  CHECK(twin.exchange.order("sim-2")->state == OrderState::cancelled);
  CHECK(twin.exchange.order("sim-4")->state == OrderState::filled);
  CHECK(twin.exchange.order("sim-5")->state == OrderState::cancelled);
  CHECK(resumed.exchange.open_orders().empty());
  CHECK(resumed.exchange.orders_created() == twin.exchange.orders_created());
  // The same fills, in the same order (trade ids restart with the session).
  REQUIRE(resumed.exchange.trade_count() == twin.exchange.trade_count() - twin_trades_before);
  const auto& twin_trades = twin.exchange.trades();
  const auto& resumed_trades = resumed.exchange.trades();
  for (std::size_t i = 0; i < resumed_trades.size(); ++i) {
    const auto& a = resumed_trades[i];
    const auto& b = twin_trades[twin_trades_before + i];
    CHECK(a.order_id == b.order_id);
    CHECK(a.price == b.price);
    CHECK(a.amount == b.amount);
    CHECK(a.fee == b.fee);
    CHECK(a.timestamp_ms == b.timestamp_ms);
  }
  // Every reservation went back: nothing stays locked.
  CHECK(resumed.portfolio.balance("BTC").locked() == Decimal{});
  CHECK(resumed.portfolio.balance("USDT").locked() == Decimal{});
}

TEST_CASE("a restored group's stop fills once and releases the shared reservation", "[restore]") {
  Account twin(kStart);
  Account first(kStart);
  for (Account* account : {&twin, &first}) {
    account->exchange.on_candle("BTC/USDT", kBefore[0]);
    place_orders(account->exchange);
    account->exchange.on_candle("BTC/USDT", kBefore[1]);
  }
  const SavedState saved = save(first.exchange);
  Account resumed(saved.totals);
  for (const Candle& c : kBefore) resumed.exchange.on_candle("BTC/USDT", c);
  restore(resumed.exchange, saved);
  // A fall through the entry and the stop: the entry fills, the group's stop sells 0.5 BTC and cancels
  // its take-profit; then the chained stop fills on the next fall.
  const std::vector<Candle> after = {candle(2, "20050", "20060", "18900", "19000"),
                                     candle(3, "19000", "19050", "18500", "18600")};
  for (const Candle& c : after) {
    twin.exchange.on_candle("BTC/USDT", c);
    resumed.exchange.on_candle("BTC/USDT", c);
  }
  CHECK(known(resumed.exchange, "sim-2").state == OrderState::filled);
  CHECK(known(resumed.exchange, "sim-1").state == OrderState::cancelled);
  CHECK(known(resumed.exchange, "sim-5").state == OrderState::filled);
  for (int i = 1; i <= 5; ++i) {
    const std::string id = "sim-" + std::to_string(i);
    octobot::testing::check_same_order(known(resumed.exchange, id), known(twin.exchange, id));
  }
  CHECK(resumed.portfolio.balances() == twin.portfolio.balances());
  // 1 - 0.5 sold by the group's stop; the entry's 0.1998 bought and sold by its chained stop.
  CHECK(resumed.portfolio.balance("BTC") == Balance{d("0.5"), d("0.5")});
}

TEST_CASE("restoring a group or a chain that does not match the saved orders is refused, saying why", "[restore]") {
  Account first(kStart);
  first.exchange.on_candle("BTC/USDT", kBefore[0]);
  first.exchange.on_candle("ETH/USDT", kBefore[0]);
  place_orders(first.exchange);
  const SavedState saved = save(first.exchange);
  const OrderGroupLink group = saved.links.groups.at(0);

  Account resumed(saved.totals);
  resumed.exchange.on_candle("BTC/USDT", kBefore[0]);
  resumed.exchange.on_candle("ETH/USDT", kBefore[0]);
  const auto refused = [&](const OrderGroupLink& link, const std::vector<Order>& orders, const std::string& says) {
    INFO(says);
    CHECK_THROWS_WITH(resumed.exchange.restore_order_group(link, orders), Catch::Contains(says));
    // All or nothing: no order restored, nothing locked.
    CHECK(resumed.exchange.open_orders().empty());
    CHECK(resumed.portfolio.balance("BTC").locked() == Decimal{});
  };
  OrderGroupLink unknown = group;
  unknown.order_ids.push_back("sim-42");
  refused(unknown, saved.open_orders, "expected member 'sim-42' among the 3 saved orders, found no order of that id");

  std::vector<Order> filled = saved.open_orders;
  filled[1].state = OrderState::filled;
  refused(group, filled, "expected member 'sim-2' open or partially_filled, found it filled");

  std::vector<Order> other_symbol = saved.open_orders;
  other_symbol[1].symbol = "ETH/USDT";
  refused(group, other_symbol, "expected member 'sim-2' on BTC/USDT sell like 'sim-1', found it on ETH/USDT sell");

  OrderGroupLink wrong_asset = group;
  wrong_asset.reserved_asset = "USDT";
  refused(wrong_asset, saved.open_orders, "expected a reservation in BTC (a sell on BTC/USDT), found 0.5 USDT");

  std::vector<Order> own_reservation = saved.open_orders;
  own_reservation[0].reserved = d("0.5");
  refused(group, own_reservation, "expected member 'sim-1' to hold no reservation of its own");

  refused(OrderGroupLink{}, saved.open_orders, "expected at least one open member, found none");

  // The chain needs its parent restored and open.
  const ChainedOrdersLink chain = saved.links.chains.at(0);
  CHECK_THROWS_WITH(resumed.exchange.restore_chain(chain),
                    Catch::Contains("orders chained to 'sim-3': expected an open order of that id, found none"));
  resumed.exchange.restore_order(saved.open_orders[2]);
  ChainedOrdersLink unknown_market = chain;
  unknown_market.requests[0].symbol = "DOGE/USDT";
  CHECK_THROWS_WITH(resumed.exchange.restore_chain(unknown_market), Catch::Contains("unknown market 'DOGE/USDT'"));
  ChainedOrdersLink mixed = chain;
  mixed.requests[1].symbol = "ETH/USDT";
  CHECK_THROWS_WITH(resumed.exchange.restore_chain(mixed), Catch::Contains("must share symbol and side"));
  CHECK(resumed.exchange.links().chains.empty());
  resumed.exchange.restore_chain(chain);
  CHECK(resumed.exchange.links().chains == saved.links.chains);
  // A valid group after the refusals: restored once, then its ids are taken.
  resumed.exchange.restore_order_group(group, saved.open_orders);
  CHECK(resumed.portfolio.balance("BTC").locked() == d("0.5"));
  CHECK_THROWS_WITH(resumed.exchange.restore_order_group(group, saved.open_orders),
                    Catch::Contains("the id is already used"));
  CHECK(resumed.exchange.links() == saved.links);
}

TEST_CASE("take_chains hands a restored chain over: the exchange no longer creates its orders", "[restore]") {
  Account first(kStart);
  first.exchange.on_candle("BTC/USDT", kBefore[0]);
  place_orders(first.exchange);
  first.exchange.on_candle("BTC/USDT", kBefore[1]);
  const SavedState saved = save(first.exchange);
  Account resumed(saved.totals);
  for (const Candle& c : kBefore) resumed.exchange.on_candle("BTC/USDT", c);
  restore(resumed.exchange, saved);

  CHECK(resumed.exchange.take_chains("sim-1").empty());   // an open order with nothing chained
  CHECK(resumed.exchange.take_chains("sim-99").empty());  // no such order
  // Whoever takes them (the parent's trading-mode account) gets them as saved, and creates them itself.
  CHECK(resumed.exchange.take_chains("sim-3") == saved.links.chains);
  CHECK(resumed.exchange.links().chains.empty());
  CHECK(resumed.exchange.take_chains("sim-3").empty());  // taken once
  // Candle 2 fills the entry: nothing chained is created by the exchange any more.
  resumed.exchange.on_candle("BTC/USDT", candle(2, "20050", "20060", "19400", "19600"));
  CHECK(resumed.exchange.order("sim-3")->state == OrderState::filled);
  CHECK(resumed.exchange.order("sim-4") == nullptr);
  CHECK(resumed.exchange.orders_created() == 3);
}
