// Partial fills through LiveGateway: an order the market fills in three parts (the exchange double's
// liquidity cap), live and across a kill -9 in the middle. What must hold: the order ends FILLED with
// the exact amount, cost and fees; the portfolio moves by each part exactly once (duplicated events,
// a lost event, a restart that finds parts it missed); a restart applies only the parts it missed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "live_test_support.hpp"

using namespace octobot::exchanges;
using namespace octobot::exchanges::testing;
using octobot::channel::Side;
using octobot::trading::Balance;
using octobot::trading::OrderRequest;
using octobot::trading::OrderState;

namespace {

// A buy of 0.3 BTC at 19000 filled 0.1 at a time, each part 1900 USDT for 0.1 BTC less 0.0001 BTC fee.
const OrderRequest kBuy = OrderRequest::limit("BTC/USDT", Side::buy, d("0.3"), d("19000"));

// What the account holds once `parts` of the three are filled: the double's own arithmetic (the
// exchange's truth) must agree with these, and so must the gateway's portfolio.
Balance usdt_after(int parts) {
  const Decimal total = d("10000") - d("1900") * Decimal::from_integer(parts);
  return Balance{total, total - d("1900") * Decimal::from_integer(3 - parts)};
}
Balance btc_after(int parts) {
  const Decimal total = d("1") + d("0.0999") * Decimal::from_integer(parts);
  return Balance{total, total};
}

// The exchange's side of the same account, as a Balance.
Balance on_exchange(ExchangeDouble& exchange, const std::string& asset) {
  return Balance{exchange.balance[asset], exchange.balance[asset] - exchange.locked[asset]};
}

// The market trades at the order's price once: one more part fills.
void one_part(Account& account) {
  account.exchange.set_price("BTC/USDT", d("19000"));
  account.exchange.run();
}

std::vector<std::string> trade_ids(const Recorded& recorded) {
  std::vector<std::string> ids;
  for (const auto& trade : recorded.trades) ids.push_back(trade.trade_id);
  return ids;
}

}  // namespace

TEST_CASE(
    "partial fills: an order filled in 3 parts ends FILLED with the exact amount, cost and fees, the portfolio "
    "moves by each part once",
    "[partial]") {
  Account account;
  account.exchange.liquidity = d("0.1");
  account.exchange.duplicate_events = GENERATE(false, true);  // each event delivered twice
  INFO("duplicated events: " << account.exchange.duplicate_events);
  Run run(account, "run1");
  start(account.exchange, *run.gateway);
  const std::string id = run.gateway->create_order(kBuy).id;
  account.exchange.run();
  LiveGateway& gateway = *run.gateway;
  CHECK(gateway.portfolio().balance("USDT") == usdt_after(0));

  for (int part = 1; part <= 3; ++part) {
    INFO("part " << part);
    one_part(account);
    run.recorded.drain();
    const auto* order = gateway.order(id);
    REQUIRE(order != nullptr);
    CHECK(order->state == (part < 3 ? OrderState::partially_filled : OrderState::filled));
    CHECK(order->filled == d("0.1") * Decimal::from_integer(part));
    CHECK(order->filled_cost == d("1900") * Decimal::from_integer(part));
    CHECK(order->fees == d("0.0001") * Decimal::from_integer(part));
    CHECK(gateway.portfolio().balance("USDT") == usdt_after(part));
    CHECK(gateway.portfolio().balance("BTC") == btc_after(part));
    CHECK(on_exchange(account.exchange, "USDT") == usdt_after(part));
    CHECK(on_exchange(account.exchange, "BTC") == btc_after(part));
    REQUIRE(run.recorded.trades.size() == static_cast<std::size_t>(part));
    CHECK(run.recorded.trades.back().amount == d("0.1"));
    CHECK(run.recorded.trades.back().fee == d("0.0001"));
    CHECK(run.fills_heard == part);
  }
  CHECK(trade_ids(run.recorded) == std::vector<std::string>{"1", "2", "3"});
  CHECK(gateway.open_orders().empty());
  CHECK(gateway.journal().unfinished().empty());
  CHECK(gateway.journal().find(id)->filled == d("0.3"));
  CHECK(gateway.journal().find(id)->filled_cost == d("5700"));
  CHECK(gateway.journal().find(id)->fees == d("0.0003"));
  // Nothing more trades: the price crossing again fills nothing.
  one_part(account);
  run.recorded.drain();
  CHECK(run.recorded.trades.size() == 3);
  CHECK(account.exchange.all_fills().size() == 3);
}

TEST_CASE("partial fills: a part whose event was lost is fetched when the next part reports more filled, once",
          "[partial]") {
  Account account;
  account.exchange.liquidity = d("0.1");
  Run run(account, "run1");
  start(account.exchange, *run.gateway);
  const std::string id = run.gateway->create_order(kBuy).id;
  account.exchange.run();
  one_part(account);
  account.exchange.push_events = false;  // the stream misses part 2
  one_part(account);
  account.exchange.push_events = true;
  run.recorded.drain();
  CHECK(run.gateway->order(id)->filled == d("0.1"));
  one_part(account);  // its event says 0.3 filled, it carries 0.1: the other 0.1 is looked up
  run.recorded.drain();
  CHECK(run.gateway->order(id)->state == OrderState::filled);
  CHECK(run.gateway->order(id)->filled == d("0.3"));
  CHECK(run.gateway->order(id)->fees == d("0.0003"));
  CHECK(run.recorded.trades.size() == 3);
  CHECK(run.fills_heard == 3);
  CHECK(run.gateway->portfolio().balance("USDT") == usdt_after(3));
  CHECK(run.gateway->portfolio().balance("BTC") == btc_after(3));
}

TEST_CASE(
    "partial fills: a lost part is looked up on the exchange's clock, which may be far behind ours (a testnet, "
    "a replayed market)",
    "[partial]") {
  Account account;
  account.exchange.liquidity = d("0.1");
  account.exchange.now_ms = 1'600'000'000'000;  // 2020: years behind the system clock
  Run run(account, "run1");
  start(account.exchange, *run.gateway);
  const std::string id = run.gateway->create_order(kBuy).id;
  account.exchange.run();
  account.exchange.now_ms += 3'600'000;  // the parts trade an hour apart, on the exchange's clock
  one_part(account);
  account.exchange.push_events = false;
  account.exchange.now_ms += 3'600'000;
  one_part(account);
  account.exchange.push_events = true;
  account.exchange.now_ms += 3'600'000;
  one_part(account);
  run.recorded.drain();
  CHECK(run.gateway->order(id)->state == OrderState::filled);
  CHECK(run.gateway->order(id)->filled == d("0.3"));
  CHECK(trade_ids(run.recorded) == std::vector<std::string>{"1", "3", "2"});
  CHECK(run.gateway->portfolio().balance("USDT") == usdt_after(3));
  CHECK(run.gateway->portfolio().balance("BTC") == btc_after(3));
}

TEST_CASE(
    "partial fills: killed after part 1, the order finishing while the bot is down: the restart applies parts 2 "
    "and 3 only",
    "[partial][reconcile]") {
  const JournalDurability durability = GENERATE(JournalDurability::full, JournalDurability::process);
  INFO("journal durability " << to_string(durability));
  Account account;
  account.exchange.liquidity = d("0.1");
  std::string id;
  {
    Run run(account, "run1", durability);
    start(account.exchange, *run.gateway);
    id = run.gateway->create_order(kBuy).id;
    account.exchange.run();
    one_part(account);
    CHECK(run.gateway->order(id)->filled == d("0.1"));
    // Part 2 trades, its event still on the way when the bot is killed: lost.
    account.exchange.set_price("BTC/USDT", d("19000"));
    account.exchange.crash();
  }
  // While no bot runs (no stream to hear it): part 3.
  account.exchange.push_events = false;
  account.exchange.set_price("BTC/USDT", d("19000"));
  account.exchange.push_events = true;
  REQUIRE(account.exchange.find(id)->status == octobot::channel::OrderStatus::filled);

  Run run(account, "run2", durability);
  const ReconcileReport report = start(account.exchange, *run.gateway);
  run.recorded.drain();
  CHECK(report.complete());
  CHECK(report.checked == 1);
  CHECK(report.filled == 1);
  CHECK(report.still_open == 0);
  CHECK(report.fills_applied == 2);
  CHECK(trade_ids(run.recorded) == std::vector<std::string>{"2", "3"});
  CHECK(run.fills_heard == 2);
  const auto* order = run.gateway->order(id);
  REQUIRE(order != nullptr);
  CHECK(order->state == OrderState::filled);
  CHECK(order->filled == d("0.3"));
  CHECK(order->filled_cost == d("5700"));
  CHECK(order->fees == d("0.0003"));
  CHECK(run.gateway->portfolio().balance("USDT") == usdt_after(3));
  CHECK(run.gateway->portfolio().balance("BTC") == btc_after(3));
  CHECK(account.exchange.creates == 1);  // nothing re-sent

  // Another restart finds nothing to apply.
  account.exchange.crash();
  run.gateway.reset();
  Run again(account, "run3", durability);
  const ReconcileReport second = start(account.exchange, *again.gateway);
  again.recorded.drain();
  CHECK(second.checked == 0);
  CHECK(second.fills_applied == 0);
  CHECK(again.recorded.trades.empty());
  CHECK(again.gateway->portfolio().balance("BTC") == btc_after(3));
}

TEST_CASE(
    "partial fills: killed after part 1, part 2 while down: the restart applies part 2, keeps the rest reserved, "
    "part 3 arrives live, once",
    "[partial][reconcile]") {
  Account account;
  account.exchange.liquidity = d("0.1");
  std::string id;
  {
    Run run(account, "run1");
    start(account.exchange, *run.gateway);
    id = run.gateway->create_order(kBuy).id;
    account.exchange.run();
    one_part(account);
    account.exchange.crash();
  }
  account.exchange.push_events = false;
  account.exchange.set_price("BTC/USDT", d("19000"));  // part 2, unheard
  account.exchange.push_events = true;

  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  run.recorded.drain();
  CHECK(report.complete());
  CHECK(report.still_open == 1);
  CHECK(report.filled == 0);
  CHECK(report.fills_applied == 1);
  CHECK(trade_ids(run.recorded) == std::vector<std::string>{"2"});
  LiveGateway& gateway = *run.gateway;
  CHECK(gateway.order(id)->state == OrderState::partially_filled);
  CHECK(gateway.order(id)->filled == d("0.2"));
  CHECK(gateway.order(id)->reserved == d("1900"));  // what is left, at its price
  CHECK(gateway.portfolio().balance("USDT") == usdt_after(2));
  CHECK(gateway.portfolio().balance("BTC") == btc_after(2));
  CHECK(gateway.journal().find(id)->filled == d("0.2"));

  one_part(account);  // part 3, live
  run.recorded.drain();
  CHECK(gateway.order(id)->state == OrderState::filled);
  CHECK(gateway.order(id)->filled == d("0.3"));
  CHECK(gateway.order(id)->filled_cost == d("5700"));
  CHECK(gateway.order(id)->fees == d("0.0003"));
  CHECK(trade_ids(run.recorded) == std::vector<std::string>{"2", "3"});
  CHECK(gateway.portfolio().balance("USDT") == usdt_after(3));
  CHECK(gateway.portfolio().balance("BTC") == btc_after(3));
  CHECK(on_exchange(account.exchange, "USDT") == usdt_after(3));
  CHECK(account.exchange.creates == 1);
}
