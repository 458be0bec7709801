#include <catch2/catch.hpp>
#include <octobot/exchanges/order_poll_schedule.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "live_test_support.hpp"

using namespace octobot::exchanges;
using namespace octobot::exchanges::testing;
using octobot::channel::Side;
using octobot::trading::Balance;
using octobot::trading::OrderGroupKind;
using octobot::trading::OrderRequest;
using octobot::trading::OrderState;

namespace {

// An account with 10000 USDT and 1 BTC, and a gateway reconciled against it (empty journal).
struct Bot {
  TempDir dir;
  ExchangeDouble exchange{{btc_usdt()}};
  Recorded recorded;
  std::unique_ptr<LiveGateway> gateway;
  int fills_heard = 0;

  explicit Bot(const char* salt = "run1") {
    exchange.balance = {{"USDT", d("10000")}, {"BTC", d("1")}};
    exchange.last_price["BTC/USDT"] = d("20000");
    gateway = std::make_unique<LiveGateway>(exchange, dir.file("journal.sqlite"),
                                            std::vector<octobot::trading::Market>{btc_usdt()}, "USDT",
                                            recorded.channels, options(salt));
    wire(exchange, *gateway);
    gateway->set_fill_listener([this](auto&, auto&, auto&) { ++fills_heard; });
    start(exchange, *gateway);
    gateway->on_price("BTC/USDT", d("20000"));
  }
  Balance balance(const char* asset) { return gateway->portfolio().balance(asset); }
  // The exchange's account and ours agree to the last unit.
  void check_same_as_exchange(const char* asset) {
    CHECK(balance(asset).total == exchange.balance[asset]);
    CHECK(balance(asset).available == exchange.balance[asset] - exchange.locked[asset]);
  }
};

}  // namespace

TEST_CASE("live: with process durability the order's row is written ahead of the send, in SQLite right after",
          "[live_gateway]") {
  Account account;
  Run run(account, "run1", JournalDurability::process);
  start(account.exchange, *run.gateway);
  run.gateway->on_price("BTC/USDT", d("20000"));
  const std::string path = account.dir.file("journal.sqlite");
  bool ahead_first = false;
  bool committed_first = true;
  account.exchange.on_create_seen = [&](const std::string& id) {
    std::ifstream in(OrderJournal::ahead_path(path), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    ahead_first = text.str().find(id) != std::string::npos;
    committed_first = OrderJournal(path).find(id).has_value();  // another connection: SQLite only
  };
  const auto& order = run.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  CHECK(ahead_first);                         // the record a restart needs was there before the send
  CHECK_FALSE(committed_first);               // and no SQLite commit stood on the order's path
  CHECK(run.gateway->journal().owed() == 0);  // settled once the request was out
  const auto row = OrderJournal(path).find(order.id);
  REQUIRE(row.has_value());
  CHECK(row->state == JournalState::pending_send);
}

TEST_CASE("live: a limit order is journaled before it leaves, acknowledged, filled with exact balances",
          "[live_gateway]") {
  Bot bot;
  bool journaled_first = false;
  bot.exchange.on_create_seen = [&](const std::string& id) {
    OrderJournal reader(bot.dir.file("journal.sqlite"));  // another connection: only committed rows
    const auto row = reader.find(id);
    journaled_first = row.has_value() && row->state == JournalState::pending_send;
  };
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  CHECK(journaled_first);
  CHECK(order.state == OrderState::open);
  CHECK(std::regex_match(order.id, std::regex(R"(^[\.A-Z\:/a-z0-9_-]{1,36}$)")));  // Binance's rule
  CHECK(order.id.rfind("obrun1-", 0) == 0);
  CHECK(bot.balance("USDT") == Balance{d("10000"), d("8100")});  // reserved at once, before any answer
  CHECK(bot.gateway->requests_in_flight() == 1);

  bot.exchange.run();
  CHECK(bot.gateway->requests_in_flight() == 0);
  CHECK(bot.gateway->journal().find(order.id)->state == JournalState::acknowledged);
  CHECK(bot.gateway->journal().find(order.id)->exchange_order_id == "1");

  bot.exchange.set_price("BTC/USDT", d("18999"));
  bot.exchange.run();
  bot.recorded.drain();
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled == d("0.1"));
  CHECK(order.fees == d("0.0001"));
  CHECK(bot.balance("USDT") == Balance{d("8100"), d("8100")});
  CHECK(bot.balance("BTC") == Balance{d("1.0999"), d("1.0999")});
  bot.check_same_as_exchange("USDT");
  bot.check_same_as_exchange("BTC");
  REQUIRE(bot.recorded.trades.size() == 1);
  CHECK(bot.recorded.trades[0].order_id == order.id);
  CHECK(bot.recorded.trades[0].price == d("19000"));
  CHECK(bot.fills_heard == 1);
  CHECK(bot.gateway->journal().find(order.id)->state == JournalState::filled);
  CHECK(bot.gateway->open_orders().empty());
}

TEST_CASE("live: a refusal turns the order rejected with the exchange's reason and releases its funds",
          "[live_gateway]") {
  Bot bot;
  bot.exchange.refuse_next = "Filter failure: PERCENT_PRICE_BY_SIDE";
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("90000")));
  CHECK(order.state == OrderState::open);
  CHECK(bot.balance("BTC") == Balance{d("1"), d("0.5")});
  bot.exchange.run();
  bot.recorded.drain();
  CHECK(order.state == OrderState::rejected);
  CHECK(order.reason == "Filter failure: PERCENT_PRICE_BY_SIDE");
  CHECK(bot.balance("BTC") == Balance{d("1"), d("1")});
  CHECK(bot.gateway->journal().find(order.id)->state == JournalState::rejected);
  REQUIRE_FALSE(bot.recorded.orders.empty());
  CHECK(bot.recorded.orders.back().status == octobot::channel::OrderStatus::rejected);
}

TEST_CASE("live: publish_again sends an order's state once more, for modes that adopt it late", "[live_gateway]") {
  Bot bot;
  bot.exchange.refuse_next = "Filter failure: PERCENT_PRICE_BY_SIDE";
  const std::string id =
      bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("90000"))).id;
  bot.exchange.run();
  bot.recorded.drain();
  const std::size_t published = bot.recorded.orders.size();
  REQUIRE(bot.gateway->order(id)->state == OrderState::rejected);
  CHECK(bot.gateway->publish_again(id));
  CHECK_FALSE(bot.gateway->publish_again("unknown"));
  bot.recorded.drain();
  REQUIRE(bot.recorded.orders.size() == published + 1);
  CHECK(bot.recorded.orders.back().order_id == id);
  CHECK(bot.recorded.orders.back().status == octobot::channel::OrderStatus::rejected);
  CHECK(bot.recorded.orders.back().amount == d("0.5"));
}

TEST_CASE("live: what does not fit the market or the funds is rejected at once and never sent", "[live_gateway]") {
  Bot bot;
  const auto& tiny = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.0001"), d("19000")));
  CHECK(tiny.state == OrderState::rejected);
  CHECK_THAT(tiny.reason, Catch::Contains("BTC/USDT"));
  const auto& too_big = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("1"), d("19000")));
  CHECK(too_big.state == OrderState::rejected);
  const auto& trailing =
      bot.gateway->create_order(OrderRequest::trailing_stop("BTC/USDT", Side::sell, d("0.1"), d("1")));
  CHECK(trailing.state == OrderState::rejected);
  CHECK(bot.exchange.creates == 0);
  CHECK(bot.balance("USDT") == Balance{d("10000"), d("10000")});
  CHECK_FALSE(bot.gateway->journal().find(tiny.id).has_value());
  CHECK_THROWS_AS(bot.gateway->create_order(OrderRequest::limit("ETH/USDT", Side::buy, d("1"), d("1000"))),
                  std::invalid_argument);
}

TEST_CASE("live: a market order fills at once, duplicated and stale events apply each fill once", "[live_gateway]") {
  Bot bot;
  bot.exchange.duplicate_events = true;
  const auto& order = bot.gateway->create_order(OrderRequest::market("BTC/USDT", Side::sell, d("0.25")));
  bot.exchange.run();
  bot.recorded.drain();
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled == d("0.25"));
  CHECK(bot.recorded.trades.size() == 1);
  CHECK(bot.fills_heard == 1);
  // A stale event replayed (the stream reconnected and sent it again; an "open" from before the fill).
  OrderEvent stale;
  stale.order = *bot.exchange.find(order.id);
  stale.fill = bot.exchange.all_fills().back();
  bot.exchange.push(stale);
  stale.fill.reset();
  stale.order.status = octobot::channel::OrderStatus::open;
  stale.order.filled = Decimal{};
  bot.exchange.push(stale);
  bot.exchange.run();
  bot.recorded.drain();
  CHECK(order.state == OrderState::filled);
  CHECK(bot.recorded.trades.size() == 1);
  CHECK(bot.balance("BTC") == Balance{d("0.75"), d("0.75")});
  CHECK(bot.balance("USDT") == Balance{d("14995"), d("14995")});  // 5000 - 0.1 % fee
  bot.check_same_as_exchange("USDT");
  bot.check_same_as_exchange("BTC");
}

TEST_CASE("live: without the event stream, the answer's fill count brings the trades in by lookup", "[live_gateway]") {
  Bot bot;
  bot.exchange.push_events = false;
  const auto& order = bot.gateway->create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.1")));
  bot.exchange.run();
  CHECK(order.state == OrderState::filled);
  CHECK(bot.fills_heard == 1);
  bot.check_same_as_exchange("USDT");
  bot.check_same_as_exchange("BTC");
}

TEST_CASE("live: cancel goes to the exchange, the order closes on its answer, funds come back", "[live_gateway]") {
  Bot bot;
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  bot.exchange.run();
  CHECK(bot.gateway->cancel_order(order.id));
  CHECK(order.state == OrderState::open);  // until the exchange confirms
  bot.exchange.run();
  CHECK(order.state == OrderState::cancelled);
  CHECK(bot.balance("USDT") == Balance{d("10000"), d("10000")});
  CHECK_FALSE(bot.gateway->cancel_order(order.id));
  CHECK_FALSE(bot.gateway->cancel_order("nope"));
  CHECK(bot.exchange.cancels == 1);
  CHECK(bot.gateway->journal().find(order.id)->state == JournalState::cancelled);
}

TEST_CASE("live: a cancel asked while the create is in flight goes once the exchange knows the order",
          "[live_gateway]") {
  Bot bot;
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  CHECK(bot.gateway->cancel_order(order.id));
  CHECK(bot.exchange.cancels == 0);
  bot.exchange.run();
  CHECK(bot.exchange.cancels == 1);
  CHECK(order.state == OrderState::cancelled);
  bot.check_same_as_exchange("USDT");
}

TEST_CASE("live: an order cancelled on the exchange behind the bot's back closes from the event", "[live_gateway]") {
  Bot bot;
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.1"), d("25000")));
  bot.exchange.run();
  bot.exchange.cancel_outside(order.id);
  bot.exchange.run();
  CHECK(order.state == OrderState::cancelled);
  CHECK(bot.balance("BTC") == Balance{d("1"), d("1")});
}

TEST_CASE("live: OCO — the take-profit fills on the exchange, the held stop is cancelled", "[live_gateway]") {
  Bot bot;
  const auto members = bot.gateway->create_order_group(
      OrderGroupKind::one_cancels_the_other,
      {OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("21000")),
       OrderRequest::triggered("BTC/USDT", Side::sell, octobot::channel::OrderType::stop_loss, d("0.5"), d("19000"))});
  REQUIRE(members.size() == 2);
  CHECK(bot.balance("BTC") == Balance{d("1"), d("0.5")});  // one reservation for the group
  bot.exchange.run();
  CHECK(bot.exchange.creates == 1);  // the stop is held here until its trigger
  CHECK(bot.gateway->journal().find(members[1]->id)->state == JournalState::held);
  bot.exchange.set_price("BTC/USDT", d("21000"));
  bot.exchange.run();
  CHECK(members[0]->state == OrderState::filled);
  CHECK(members[1]->state == OrderState::cancelled);
  CHECK(bot.balance("BTC") == Balance{d("0.5"), d("0.5")});
  bot.check_same_as_exchange("BTC");
  bot.check_same_as_exchange("USDT");
  bot.gateway->on_price("BTC/USDT", d("18000"));  // cancelled: the trigger no longer fires
  bot.exchange.run();
  CHECK(bot.exchange.creates == 1);
}

TEST_CASE("live: OCO — the stop triggers: the take-profit is cancelled first, then the stop is sent and fills",
          "[live_gateway]") {
  Bot bot;
  const auto members = bot.gateway->create_order_group(
      OrderGroupKind::one_cancels_the_other,
      {OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("21000")),
       OrderRequest::triggered("BTC/USDT", Side::sell, octobot::channel::OrderType::stop_loss, d("0.5"), d("19000"))});
  bot.exchange.run();
  bot.exchange.last_price["BTC/USDT"] = d("18900");
  bot.gateway->on_price("BTC/USDT", d("18900"));
  CHECK(bot.exchange.creates == 1);  // not before the take-profit's funds are free on the exchange
  bot.exchange.run();
  CHECK(bot.exchange.creates == 2);
  CHECK(members[0]->state == OrderState::cancelled);
  CHECK(members[1]->state == OrderState::filled);
  CHECK(members[1]->filled_cost == d("9450"));
  bot.check_same_as_exchange("BTC");
  bot.check_same_as_exchange("USDT");
  CHECK(bot.balance("BTC") == Balance{d("0.5"), d("0.5")});
}

TEST_CASE("live: chained orders are created when their parent is completely filled", "[live_gateway]") {
  Bot bot;
  const auto& parent = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  bot.gateway->chain(parent.id,
                     {OrderRequest::limit("BTC/USDT", Side::sell, d("0.0999"), d("22000")),
                      OrderRequest::triggered("BTC/USDT", Side::sell, octobot::channel::OrderType::stop_loss,
                                              d("0.0999"), d("18000"))},
                     OrderGroupKind::one_cancels_the_other);
  bot.exchange.run();
  CHECK(bot.exchange.creates == 1);
  CHECK(bot.gateway->open_orders().size() == 1);
  bot.exchange.set_price("BTC/USDT", d("19000"));
  bot.exchange.run();
  CHECK(parent.state == OrderState::filled);
  const auto open = bot.gateway->open_orders();
  REQUIRE(open.size() == 2);
  CHECK(open[0]->price == d("22000"));
  CHECK(open[1]->trigger_price == d("18000"));
  CHECK(bot.exchange.creates == 2);  // the take-profit; the stop is held
  CHECK(bot.balance("BTC") == Balance{d("1.0999"), d("1")});
}

TEST_CASE("live: a cancelled parent never creates its chained orders", "[live_gateway]") {
  Bot bot;
  const auto& parent = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  bot.gateway->chain(parent.id, {OrderRequest::limit("BTC/USDT", Side::sell, d("0.0999"), d("22000"))});
  bot.exchange.run();
  bot.gateway->cancel_order(parent.id);
  bot.exchange.run();
  bot.exchange.set_price("BTC/USDT", d("19000"));
  bot.exchange.run();
  CHECK(bot.exchange.creates == 1);
  CHECK(bot.gateway->open_orders().empty());
}

TEST_CASE("live: a stop-loss-limit is held, then sent as a limit at its price when the price crosses the trigger",
          "[live_gateway]") {
  Bot bot;
  const auto& stop = bot.gateway->create_order(OrderRequest::triggered(
      "BTC/USDT", Side::sell, octobot::channel::OrderType::stop_loss_limit, d("0.2"), d("19500"), d("19400")));
  bot.exchange.run();
  CHECK(bot.exchange.creates == 0);
  bot.gateway->on_price("BTC/USDT", d("19600"));
  CHECK(bot.exchange.creates == 0);
  bot.gateway->on_price("BTC/USDT", d("19500"));
  bot.exchange.run();
  CHECK(bot.exchange.creates == 1);
  CHECK(bot.exchange.find(stop.id)->type == octobot::channel::OrderType::limit);
  CHECK(bot.exchange.find(stop.id)->price == d("19400"));
  bot.exchange.set_price("BTC/USDT", d("19400"));
  bot.exchange.run();
  CHECK(stop.state == OrderState::filled);
  bot.check_same_as_exchange("BTC");
  bot.check_same_as_exchange("USDT");
}

TEST_CASE("live: the exchange's balance snapshot wins over the local portfolio", "[live_gateway]") {
  Bot bot;
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  bot.exchange.run();
  CHECK(order.state == OrderState::open);
  // A deposit and a withdrawal made outside the bot.
  bot.gateway->on_balances({{"USDT", d("12000"), d("10100")}, {"BTC", d("0.5"), d("0.5")}});
  CHECK(bot.balance("USDT") == Balance{d("12000"), d("10100")});  // our reservation stays locked
  CHECK(bot.balance("BTC") == Balance{d("0.5"), d("0.5")});
}

TEST_CASE("live: fills arriving out of order end in the same state, each applied once", "[live_gateway]") {
  Bot bot;
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.2"), d("19000")));
  bot.exchange.run();
  // Two executions of the order, the stream delivering the second one first (and the first twice).
  octobot::exchanges::ClientOrder remote = *bot.exchange.find(order.id);
  octobot::exchanges::ClientFill first{"a", order.id, 1, d("19000"), d("0.05"), d("0.00005"), "BTC", true};
  octobot::exchanges::ClientFill second{"b", order.id, 2, d("19000"), d("0.15"), d("0.00015"), "BTC", true};
  remote.status = octobot::channel::OrderStatus::filled;
  remote.filled = d("0.2");
  bot.exchange.push({remote, second});
  remote.status = octobot::channel::OrderStatus::partially_filled;
  remote.filled = d("0.05");
  bot.exchange.push({remote, first});
  bot.exchange.push({remote, first});
  bot.exchange.run();
  bot.recorded.drain();
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled == d("0.2"));
  CHECK(order.fees == d("0.0002"));
  CHECK(bot.recorded.trades.size() == 2);
  CHECK(bot.balance("USDT") == Balance{d("6200"), d("6200")});
  CHECK(bot.balance("BTC") == Balance{d("1.1998"), d("1.1998")});
}

TEST_CASE("live: client order ids are unique within a run and across runs, a prefix Binance refuses is refused",
          "[live_gateway]") {
  TempDir dir;
  ExchangeDouble exchange{{btc_usdt()}};
  const std::vector<octobot::trading::Market> markets{btc_usdt()};
  LiveGateway first(exchange, dir.file("a.sqlite"), markets, "USDT");
  LiveGateway second(exchange, dir.file("b.sqlite"), markets, "USDT");
  exchange.balance = {{"USDT", d("1000")}};
  start(exchange, first);
  start(exchange, second);
  const std::string a = first.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.01"), d("19000"))).id;
  const std::string b = first.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.01"), d("19000"))).id;
  const std::string c = second.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.01"), d("19000"))).id;
  CHECK(a != b);
  CHECK(a != c);  // a new run draws a new salt
  CHECK_THROWS_AS(LiveGateway(exchange, dir.file("c.sqlite"), markets, "USDT", {}, options("has space")),
                  std::invalid_argument);
}

TEST_CASE("live: a fee charged in a third asset (BNB) is taken from that asset", "[live_gateway]") {
  Bot bot;
  bot.gateway->on_balances({{"BNB", d("2"), d("2")}});
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  bot.exchange.run();
  octobot::exchanges::ClientOrder remote = *bot.exchange.find(order.id);
  remote.status = octobot::channel::OrderStatus::filled;
  remote.filled = d("0.1");
  bot.gateway->on_order_event(
      {remote, octobot::exchanges::ClientFill{"bnb-1", order.id, 1, d("19000"), d("0.1"), d("0.0075"), "BNB", true}});
  CHECK(order.state == OrderState::filled);
  CHECK(order.fee_asset == "BNB");
  CHECK(bot.balance("BTC") == Balance{d("1.1"), d("1.1")});
  CHECK(bot.balance("USDT") == Balance{d("8100"), d("8100")});
  CHECK(bot.balance("BNB") == Balance{d("1.9925"), d("1.9925")});
}

TEST_CASE("live: while the event stream is down, polling settles fills and cancels once, and sends nothing else",
          "[live_gateway]") {
  Bot bot;
  const auto& bought = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  const auto& sold = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.2"), d("25000")));
  const auto& resting = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.1"), d("30000")));
  bot.exchange.run();
  REQUIRE(bought.state == OrderState::open);

  // The stream goes down; on the exchange the buy fills and the first sell is cancelled by hand.
  bot.exchange.push_events = false;
  bot.exchange.set_price("BTC/USDT", d("18900"));
  bot.exchange.cancel_outside(sold.id);
  bot.exchange.run();
  CHECK(bought.state == OrderState::open);  // nothing pushed: the bot does not know yet
  CHECK(sold.state == OrderState::open);

  const int creates = bot.exchange.creates;
  CHECK(bot.gateway->poll_open_orders() == 3);
  bot.exchange.run();
  CHECK(bought.state == OrderState::filled);
  CHECK(bought.filled == d("0.1"));
  CHECK(sold.state == OrderState::cancelled);
  CHECK(resting.state == OrderState::open);
  CHECK(bot.fills_heard == 1);
  bot.check_same_as_exchange("USDT");
  bot.check_same_as_exchange("BTC");

  // Polling again, with the stream back, applies nothing twice.
  CHECK(bot.gateway->poll_open_orders() == 1);
  bot.exchange.push_events = true;
  bot.exchange.run();
  CHECK(bot.fills_heard == 1);
  CHECK(bot.exchange.creates == creates);
  CHECK(bot.exchange.cancels == 0);
  bot.check_same_as_exchange("USDT");
  bot.check_same_as_exchange("BTC");
}

TEST_CASE("live: a failed poll changes nothing and the next one settles", "[live_gateway]") {
  Bot bot;
  const auto& order = bot.gateway->create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")));
  bot.exchange.run();
  bot.exchange.push_events = false;
  bot.exchange.set_price("BTC/USDT", d("18000"));
  bot.exchange.fail_lookups = true;
  CHECK(bot.gateway->poll_open_orders() == 1);
  bot.exchange.run();
  CHECK(order.state == OrderState::open);
  bot.exchange.fail_lookups = false;
  CHECK(bot.gateway->poll_open_orders() == 1);
  bot.exchange.run();
  CHECK(order.state == OrderState::filled);
  bot.check_same_as_exchange("USDT");
}

TEST_CASE("live: orders are polled while the connection is not connected, at most every interval, once when back",
          "[live_gateway]") {
  using octobot::exchanges::ConnectionState;
  OrderPollSchedule schedule(10'000);
  CHECK_FALSE(schedule.on_tick(1'000));  // connected from the start: events come pushed
  CHECK_FALSE(schedule.on_connection(ConnectionState::connected));
  CHECK_FALSE(schedule.on_tick(50'000));

  CHECK_FALSE(schedule.on_connection(ConnectionState::degraded));
  CHECK(schedule.events_may_be_missing());
  CHECK(schedule.on_tick(60'000));  // the first tick after the drop polls
  CHECK_FALSE(schedule.on_tick(65'000));
  CHECK_FALSE(schedule.on_tick(69'999));
  CHECK(schedule.on_tick(70'000));
  CHECK_FALSE(schedule.on_connection(ConnectionState::disconnected));  // still down: the interval goes on
  CHECK_FALSE(schedule.on_tick(75'000));
  CHECK(schedule.on_connection(ConnectionState::connected));  // back: once, at once
  CHECK_FALSE(schedule.events_may_be_missing());
  CHECK_FALSE(schedule.on_tick(200'000));

  CHECK_FALSE(schedule.on_connection(ConnectionState::banned));  // requests would be refused
  CHECK_FALSE(schedule.on_tick(300'000));
  CHECK_FALSE(schedule.on_connection(ConnectionState::degraded));  // ban over, stream not back yet
  CHECK(schedule.on_tick(300'001));
  CHECK(schedule.on_connection(ConnectionState::connected));
}
