#include <catch2/catch.hpp>
#include <octobot/exchanges/retry_backoff.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "live_test_support.hpp"

using namespace octobot::exchanges;
using namespace octobot::exchanges::testing;
using octobot::channel::Side;
using octobot::trading::Balance;
using octobot::trading::OrderOwner;
using octobot::trading::OrderOwnerLink;
using octobot::trading::OrderRequest;
using octobot::trading::OrderState;

namespace {

// A first run that places `request`, then dies with it on the exchange; its id.
std::string place_then_crash(Account& account, const OrderRequest& request) {
  Run run(account, "run1");
  start(account.exchange, *run.gateway);
  const std::string id = run.gateway->create_order(request).id;
  account.exchange.run();
  account.exchange.crash();
  return id;
}

// `request` as DailyTradingMode's instance on BTC/USDT places it, tagged `tag`.
OrderRequest owned(std::string tag, OrderRequest request) {
  request.owner = {"DailyTradingMode", "BTC/USDT", std::move(tag)};
  return request;
}

// Runs `sql` on the journal file through a connection of its own (what the gateway's cannot stop).
void sql_on(const std::string& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int status = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  INFO((error != nullptr ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(status == SQLITE_OK);
}

}  // namespace

TEST_CASE(
    "reconcile: a fill whose order row could not be written is not recorded as applied either: the restart "
    "applies it",
    "[reconcile]") {
  Account account;
  const std::string file = account.dir.file("journal.sqlite");
  std::string id;
  {
    Run run(account, "run1");
    start(account.exchange, *run.gateway);
    id = run.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000"))).id;
    account.exchange.run();
    // From here the order's row cannot be written (a full disk; or the process killed between the
    // trade's write and the row's): the fill's journal write fails half-way, the bot dies.
    sql_on(file, "CREATE TRIGGER no_rows BEFORE INSERT ON journal_orders BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    account.exchange.set_price("BTC/USDT", d("19000"));
    try {
      account.exchange.run();
    } catch (const JournalError&) {
    }
    account.exchange.crash();
  }
  sql_on(file, "DROP TRIGGER no_rows");
  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  run.recorded.drain();
  CHECK(report.errors.empty());
  CHECK(report.filled == 1);
  CHECK(report.fills_applied == 1);
  CHECK(run.gateway->order(id)->state == OrderState::filled);
  CHECK(run.gateway->order(id)->filled == d("0.1"));
  CHECK(run.recorded.trades.size() == 1);
  CHECK(run.gateway->portfolio().balance("USDT") == Balance{d("8100"), d("8100")});
}

TEST_CASE("reconcile: after kill -9, filled, cancelled and never-sent orders are settled, nothing is sent twice",
          "[reconcile]") {
  // Both journal durabilities: `process` (no fsync per order) must survive a killed bot as `full` does.
  const JournalDurability durability = GENERATE(JournalDurability::full, JournalDurability::process);
  INFO("journal durability " << to_string(durability));
  Account account;
  std::string filled_id, cancelled_id, lost_id, held_id;
  {
    auto run = std::make_unique<Run>(account, "run1", durability);
    CHECK(run->gateway->journal().durability() == durability);
    start(account.exchange, *run->gateway);
    run->gateway->on_price("BTC/USDT", d("20000"));
    // Three of the four placed by a mode (their owners journaled with them), one by nobody.
    filled_id =
        run->gateway->create_order(owned("entry", OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")))).id;
    cancelled_id = run->gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("18000"))).id;
    held_id = run->gateway
                  ->create_order(owned(
                      "stop", OrderRequest::triggered("BTC/USDT", Side::sell, octobot::channel::OrderType::stop_loss,
                                                      d("0.2"), d("15000"))))
                  .id;
    account.exchange.run();
    account.exchange.drop_creates = true;  // the next request dies with the process, on the way out
    lost_id =
        run->gateway->create_order(owned("lost", OrderRequest::limit("BTC/USDT", Side::sell, d("0.3"), d("25000")))).id;
    // kill -9: no shutdown, no destructor ordering to rely on; whatever was in flight is gone.
    account.exchange.crash();
    run.reset();
  }
  account.exchange.drop_creates = false;
  CHECK(account.exchange.creates == 2);
  // While the bot is down: one order fills, one is cancelled by hand.
  account.exchange.set_price("BTC/USDT", d("18999"));
  account.exchange.cancel_outside(cancelled_id);

  Run run(account, "run2", durability);
  const ReconcileReport report = start(account.exchange, *run.gateway);
  run.recorded.drain();
  CHECK(report.complete());
  CHECK(report.checked == 4);
  CHECK(report.filled == 1);
  CHECK(report.cancelled == 1);
  CHECK(report.never_reached == 1);
  CHECK(report.held == 1);
  CHECK(report.still_open == 0);
  CHECK(report.fills_applied == 1);
  CHECK(report.foreign_orders.empty());

  LiveGateway& gateway = *run.gateway;
  REQUIRE(gateway.order(filled_id) != nullptr);
  CHECK(gateway.order(filled_id)->state == OrderState::filled);
  CHECK(gateway.order(filled_id)->filled == d("0.1"));
  CHECK(gateway.order(filled_id)->filled_cost == d("1900"));
  CHECK(gateway.order(cancelled_id)->state == OrderState::cancelled);
  CHECK(gateway.order(lost_id)->state == OrderState::rejected);
  CHECK_THAT(gateway.order(lost_id)->reason, Catch::Contains("never reached the exchange"));
  CHECK(gateway.order(held_id)->state == OrderState::open);
  REQUIRE(run.recorded.trades.size() == 1);
  CHECK(run.recorded.trades[0].order_id == filled_id);
  CHECK(run.fills_heard == 1);
  CHECK(account.exchange.creates == 2);  // nothing resent

  // The account is the exchange's, with the held stop's reservation locked again.
  CHECK(gateway.portfolio().balance("USDT") == Balance{d("8100"), d("8100")});
  CHECK(gateway.portfolio().balance("BTC") == Balance{d("1.0999"), d("0.8999")});
  CHECK(gateway.journal().unfinished().size() == 1);  // the held stop only
  // The owners came back with the journal's rows (the lost one's from the write-ahead file when the
  // journal wrote ahead), oldest first; the order nobody placed has none.
  const std::vector<OrderOwnerLink> owners = gateway.journal_owners();
  REQUIRE(owners.size() == 3);
  CHECK(owners[0] == OrderOwnerLink{filled_id, "DailyTradingMode", "BTC/USDT", "entry"});
  CHECK(owners[1] == OrderOwnerLink{held_id, "DailyTradingMode", "BTC/USDT", "stop"});
  CHECK(owners[2] == OrderOwnerLink{lost_id, "DailyTradingMode", "BTC/USDT", "lost"});
  CHECK(gateway.journal().find(filled_id)->owner == OrderOwner{"DailyTradingMode", "BTC/USDT", "entry"});
  CHECK(gateway.journal().find(cancelled_id)->owner.empty());

  // A second restart finds nothing new: the fill is not applied again.
  account.exchange.crash();
  run.gateway.reset();
  Run again(account, "run3", durability);
  const ReconcileReport second = start(account.exchange, *again.gateway);
  again.recorded.drain();
  CHECK(second.checked == 1);
  CHECK(second.fills_applied == 0);
  CHECK(again.recorded.trades.empty());
  CHECK(account.exchange.creates == 2);
  // The held stop still works after the restart: it fires on the price and is sent once.
  again.gateway->on_price("BTC/USDT", d("14000"));
  account.exchange.last_price["BTC/USDT"] = d("14000");
  account.exchange.run();
  CHECK(account.exchange.creates == 3);
  CHECK(again.gateway->order(held_id)->state == OrderState::filled);
}

TEST_CASE(
    "reconcile: missed fills are looked up on the exchange's clock, which may be far behind ours (a testnet, a "
    "replayed market)",
    "[reconcile]") {
  Account account;
  account.exchange.now_ms = 1'600'000'000'000;  // 2020: years behind the system clock
  const std::string id = place_then_crash(account, OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  account.exchange.now_ms += 3'600'000;
  account.exchange.set_price("BTC/USDT", d("18000"));
  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  run.recorded.drain();
  CHECK(report.errors.empty());
  CHECK(report.filled == 1);
  CHECK(report.fills_applied == 1);
  CHECK(run.gateway->order(id)->state == OrderState::filled);
  CHECK(run.gateway->order(id)->filled_cost == d("1900"));
  REQUIRE(run.recorded.trades.size() == 1);
  CHECK(run.fills_heard == 1);
  CHECK(run.gateway->portfolio().balance("USDT") == Balance{d("8100"), d("8100")});
}

TEST_CASE("reconcile: an order open across the restart keeps its fills once and is tracked again", "[reconcile]") {
  Account account;
  const std::string id = place_then_crash(account, OrderRequest::limit("BTC/USDT", Side::sell, d("0.4"), d("21000")));
  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  CHECK(report.still_open == 1);
  CHECK(report.fills_applied == 0);
  LiveGateway& gateway = *run.gateway;
  REQUIRE(gateway.order(id) != nullptr);
  CHECK(gateway.order(id)->state == OrderState::open);
  CHECK(gateway.portfolio().balance("BTC") == Balance{d("1"), d("0.6")});
  // Its fill after the restart arrives as an event, applied once, funds exact.
  account.exchange.set_price("BTC/USDT", d("21000"));
  account.exchange.run();
  CHECK(gateway.order(id)->state == OrderState::filled);
  CHECK(gateway.portfolio().balance("BTC") == Balance{d("0.6"), d("0.6")});
  CHECK(gateway.portfolio().balance("USDT") == Balance{d("18391.6"), d("18391.6")});
  CHECK(account.exchange.balance["USDT"] == d("18391.6"));
}

TEST_CASE("reconcile: a fill applied before the crash is not applied again", "[reconcile]") {
  Account account;
  std::string id;
  {
    Run run(account, "run1");
    start(account.exchange, *run.gateway);
    id = run.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000"))).id;
    account.exchange.run();
    account.exchange.set_price("BTC/USDT", d("19000"));
    account.exchange.run();
    CHECK(run.gateway->order(id)->state == OrderState::filled);
    CHECK(run.fills_heard == 1);
    account.exchange.crash();
  }
  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  CHECK(report.checked == 0);
  CHECK(run.fills_heard == 0);
  CHECK(run.gateway->portfolio().balance("BTC") == Balance{d("1.0999"), d("1.0999")});
}

TEST_CASE("reconcile: an open order with our prefix the journal never saw is reported and left alone", "[reconcile]") {
  Account account;
  {
    Run run(account, "run1");
    start(account.exchange, *run.gateway);
    run.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
    account.exchange.run();
    account.exchange.crash();
  }
  octobot::exchanges::ClientOrder foreign;
  foreign.client_order_id = "obzzzz-7";
  foreign.symbol = "BTC/USDT";
  foreign.side = Side::sell;
  foreign.type = octobot::channel::OrderType::limit;
  foreign.status = octobot::channel::OrderStatus::open;
  foreign.amount = d("0.1");
  foreign.price = d("30000");
  account.exchange.add_foreign_open(foreign);
  ClientOrder someone_else = foreign;
  someone_else.client_order_id = "web_123";
  account.exchange.add_foreign_open(someone_else);
  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  CHECK(report.foreign_orders == std::vector<std::string>{"obzzzz-7"});
  CHECK(account.exchange.cancels == 0);
  CHECK(run.gateway->order("obzzzz-7") == nullptr);
}

TEST_CASE("reconcile: a lookup that fails leaves the order unsettled and says so, a later reconcile settles it",
          "[reconcile]") {
  Account account;
  const std::string id = place_then_crash(account, OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  account.exchange.set_price("BTC/USDT", d("18000"));
  Run run(account, "run2");
  account.exchange.fail_lookups = true;
  const ReconcileReport first = start(account.exchange, *run.gateway);
  CHECK_FALSE(first.complete());
  CHECK(std::any_of(first.errors.begin(), first.errors.end(),
                    [&](const std::string& error) { return error.find(id) != std::string::npos; }));
  CHECK(run.gateway->order(id)->state == OrderState::open);  // as the journal had it
  CHECK(run.gateway->journal().unfinished().size() == 1);
  account.exchange.fail_lookups = false;
  const ReconcileReport second = start(account.exchange, *run.gateway);
  CHECK(second.complete());
  CHECK(second.filled == 1);
  CHECK(run.gateway->order(id)->state == OrderState::filled);
  CHECK(run.fills_heard == 1);
  CHECK(run.gateway->portfolio().balance("USDT") == Balance{d("8100"), d("8100")});
  CHECK(run.gateway->open_orders().empty());
}

TEST_CASE("reconcile: an order that reached the exchange but whose answer died with the process is adopted by name",
          "[reconcile]") {
  Account account;
  std::string id;
  {
    Run run(account, "run1");
    start(account.exchange, *run.gateway);
    id = run.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.4"), d("21000"))).id;
    CHECK(run.gateway->journal().find(id)->state == JournalState::pending_send);
    account.exchange.crash();  // the exchange has it; its acknowledgement was never read
  }
  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  CHECK(report.still_open == 1);
  CHECK(report.never_reached == 0);
  CHECK(run.gateway->order(id)->state == OrderState::open);
  CHECK(run.gateway->journal().find(id)->state == JournalState::acknowledged);
  CHECK(run.gateway->journal().find(id)->exchange_order_id == "1");
  CHECK(account.exchange.creates == 1);
  CHECK(run.gateway->portfolio().balance("BTC") == Balance{d("1"), d("0.6")});
  CHECK(run.gateway->cancel_order(id));
  account.exchange.run();
  CHECK(run.gateway->order(id)->state == OrderState::cancelled);
  CHECK(run.gateway->portfolio().balance("BTC") == Balance{d("1"), d("1")});
}

TEST_CASE(
    "reconcile: balances that fail to load leave no funds and say so; a later refresh loads them and "
    "re-reserves the open orders",
    "[reconcile]") {
  Account account;
  const std::string id = place_then_crash(account, OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  Run run(account, "run2");
  account.exchange.fail_balances = true;
  const ReconcileReport report = start(account.exchange, *run.gateway);
  CHECK_FALSE(report.complete());
  CHECK(std::any_of(report.errors.begin(), report.errors.end(), [](const std::string& error) {
    return error.find("balances: GET /api/v3/account: connection refused") != std::string::npos;
  }));
  CHECK_FALSE(run.gateway->balances_known());
  CHECK(run.gateway->portfolio().balance("USDT") == Balance{});  // nothing to size an order with
  CHECK(run.gateway->order(id)->state == OrderState::open);

  std::optional<std::string> error;
  int answers = 0;
  const auto refresh = [&] {
    run.gateway->refresh_balances([&](const std::optional<std::string>& e) {
      error = e;
      ++answers;
    });
    account.exchange.run();
  };
  refresh();
  CHECK(answers == 1);
  REQUIRE(error);
  CHECK(*error == "GET /api/v3/account: connection refused");
  CHECK_FALSE(run.gateway->balances_known());

  account.exchange.fail_balances = false;
  refresh();
  CHECK(answers == 2);
  CHECK_FALSE(error);
  CHECK(run.gateway->balances_known());
  // The account's totals, with the resting buy's 1900 USDT locked again: not spendable twice.
  CHECK(run.gateway->portfolio().balance("USDT") == Balance{d("10000"), d("8100")});
  CHECK(run.gateway->portfolio().balance("BTC") == Balance{d("1"), d("1")});
  CHECK(run.gateway->order(id)->reserved == d("1900"));
  account.exchange.set_price("BTC/USDT", d("18000"));
  account.exchange.run();
  CHECK(run.gateway->order(id)->state == OrderState::filled);
  CHECK(run.gateway->portfolio().balance("USDT") == Balance{d("8100"), d("8100")});
}

TEST_CASE(
    "reconcile: a failed load is retried after 1 s, then further apart up to the ceiling, none while one is "
    "in flight",
    "[reconcile]") {
  RetryBackoff retry(1000, 5000);
  CHECK_FALSE(retry.waiting());
  CHECK_FALSE(retry.due(0));
  CHECK(retry.failed(10'000) == 1000);
  CHECK_FALSE(retry.due(10'999));
  CHECK(retry.due(11'000));
  retry.started();
  CHECK_FALSE(retry.due(20'000));  // the attempt has not answered
  CHECK(retry.failed(20'000) == 2000);
  CHECK_FALSE(retry.due(21'999));
  CHECK(retry.due(22'000));
  CHECK(retry.failed(22'000) == 4000);
  CHECK(retry.failed(26'000) == 5000);  // the ceiling
  CHECK(retry.failed(31'000) == 5000);
  retry.succeeded();
  CHECK_FALSE(retry.waiting());
  CHECK_FALSE(retry.due(1'000'000));
  CHECK(retry.failed(1'000'000) == 1000);  // a new outage starts short again
}

TEST_CASE(
    "reconcile: a one-cancels-the-other group whose take-profit filled while down cancels its held stop, whichever "
    "the journal lists first",
    "[reconcile]") {
  // The journal lists unfinished orders by creation time: a take-profit created a millisecond before
  // its stop comes first, and its fill is applied before the stop is read back.
  const bool take_profit_first = GENERATE(true, false);
  INFO("take-profit listed first: " << take_profit_first);
  Account account;
  const std::string file = account.dir.file("journal.sqlite");
  std::string take_profit, stop;
  {
    Run run(account, "run1");
    start(account.exchange, *run.gateway);
    const auto members = run.gateway->create_order_group(
        octobot::trading::OrderGroupKind::one_cancels_the_other,
        {OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("21000")),
         OrderRequest::triggered("BTC/USDT", Side::sell, octobot::channel::OrderType::stop_loss, d("0.5"),
                                 d("19000"))});
    REQUIRE(members.size() == 2);
    take_profit = members[0]->id;
    stop = members[1]->id;
    account.exchange.run();
    account.exchange.crash();
  }
  const std::string earlier = take_profit_first ? take_profit : stop;
  sql_on(
      file,
      ("UPDATE journal_orders SET created_ms = created_ms - 1000 WHERE client_order_id = '" + earlier + "'").c_str());
  account.exchange.set_price("BTC/USDT", d("21000"));  // the take-profit fills with no bot running

  Run run(account, "run2");
  const ReconcileReport report = start(account.exchange, *run.gateway);
  run.recorded.drain();
  CHECK(report.complete());
  CHECK(report.filled == 1);
  CHECK(report.fills_applied == 1);
  REQUIRE(run.gateway->order(take_profit) != nullptr);
  REQUIRE(run.gateway->order(stop) != nullptr);
  CHECK(run.gateway->order(take_profit)->state == OrderState::filled);
  CHECK(run.gateway->order(stop)->state == OrderState::cancelled);
  CHECK(run.gateway->open_orders().empty());
  CHECK(run.gateway->portfolio().balance("BTC") == Balance{d("0.5"), d("0.5")});  // nothing left reserved
}
