// The Binance exchange-connector tentacle (libbinance_exchange.so) loaded by the real tentacle host
// from a tree holding only it, its table called through the C ABI as the daemon calls it, against the
// in-process fake Binance: markets, history, streams through the sink, orders with their executions
// delivered once, refusals as results, errors as connector codes, and no secret in any log line.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "connector_harness.hpp"
#include "test_keys.hpp"

namespace {

using namespace octobot::binance::testing;

std::string opened(std::int64_t ms, const char* close) { return std::to_string(ms) + " " + close + " rest"; }

}  // namespace

TEST_CASE("connector: the host loads Binance as an exchange connector; markets carry the exact filters and fees",
          "[connector]") {
  auto options = Harness::default_options();
  options.maker_fee = "0.00075";  // the account's commission, not the reference config's default
  Run run(true, options);
  REQUIRE(run.start() == OB_OK);
  std::vector<std::string> markets;
  REQUIRE(run.table->markets(
              run.instance,
              [](void* c, const ob_exchange_market* m) {
                const ob_market_info& i = *m->info;
                static_cast<std::vector<std::string>*>(c)->push_back(
                    std::string(m->symbol) + " " + i.base + "/" + i.quote + " tick " + i.price_tick.text + " step " +
                    i.amount_step.text + " min " + i.min_amount.text + " cost " + i.min_cost.text + " fees " +
                    i.maker_fee.text + "/" + i.taker_fee.text);
              },
              &markets, &run.error) == OB_OK);
  CHECK(markets ==
        std::vector<std::string>{"BTC/USDT BTC/USDT tick 0.01 step 0.00001 min 0.00001 cost 5 fees 0.00075/0.001"});
  CHECK(run.sink.wait([](Sink& s) {  // connecting until the user-data stream is up
    return s.connections.size() >= 2 && s.connections.front() == OB_CONNECTION_CONNECTING &&
           s.connections.back() == OB_CONNECTION_CONNECTED;
  }));
}

TEST_CASE("connector: history candles are the closed ones, oldest first, exact, at most the limit", "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  const std::int64_t first = kStart - 100 * kMinute;
  const auto all = run.candle_opens(first, 1000);
  REQUIRE(all.size() == 100);  // the candle opening at kStart is in progress: not history
  CHECK(all.front() == opened(first, "100"));
  CHECK(all.back() == opened(kStart - kMinute, "100"));
  CHECK(run.candle_opens(first, 30).size() == 30);
  run.market.fake->advance(11 * kMinute);
  const auto later = run.candle_opens(kStart, 1000);
  REQUIRE(later.size() == 11);
  CHECK(later[0] == opened(kStart, "99.7"));
  CHECK(later[10] == opened(kStart + 10 * kMinute, "95"));
  ob_status status = OB_OK;
  const ob_status bad = run.table->candles(run.instance, "BTC/USDT", "7m", first, 10, nullptr, nullptr, &run.error);
  CHECK(bad == OB_ERROR_INVALID_ARGUMENT);
  (void)run.candle_opens(first, 10, &status);
  CHECK(status == OB_OK);
}

TEST_CASE("connector: subscribed streams push closed candles in order, tickers and books through the sink",
          "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  REQUIRE(run.table->subscribe(run.instance, "BTC/USDT", "1m", OB_STREAM_CANDLES | OB_STREAM_TICKER | OB_STREAM_BOOK,
                               &run.error) == OB_OK);
  REQUIRE(run.sink.wait([](Sink& s) { return !s.candles.empty() && s.tickers > 0 && s.books > 0; }));
  CHECK_FALSE(run.sink.candles.front().closed);  // the candle in progress, on connection
  run.market.fake->advance(3 * kMinute);
  REQUIRE(run.sink.wait([](Sink& s) {
    return std::count_if(s.candles.begin(), s.candles.end(), [](const CandleEvent& c) { return c.closed; }) >= 3;
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // nothing more may come
  std::vector<std::string> closed;
  {
    const std::lock_guard lock(run.sink.mutex);
    for (const auto& c : run.sink.candles) {
      if (c.closed)
        closed.push_back(c.symbol + " " + c.time_frame + " " + std::to_string(c.open_time_ms) + " " + c.close);
    }
    CHECK(run.sink.last_book_levels == 5);
    CHECK(run.sink.last_ticker.rfind("BTC/USDT ", 0) == 0);
  }
  CHECK(closed == std::vector<std::string>{"BTC/USDT 1m " + std::to_string(kStart) + " 99.7",
                                           "BTC/USDT 1m " + std::to_string(kStart + kMinute) + " 99.4",
                                           "BTC/USDT 1m " + std::to_string(kStart + 2 * kMinute) + " 99.1"});
  CHECK(run.table->subscribe(run.instance, "NOPE/USDT", "1m", OB_STREAM_CANDLES, &run.error) ==
        OB_ERROR_INVALID_ARGUMENT);

  // A cut with handshakes refused meanwhile: degraded, then connected again.
  run.market.fake->refuse_websocket_for(300);
  run.market.fake->drop_websocket_connections();
  CHECK(run.sink.wait([](Sink& s) {
    const auto degraded = std::find(s.connections.begin(), s.connections.end(), OB_CONNECTION_DEGRADED);
    return degraded != s.connections.end() && s.connections.back() == OB_CONNECTION_CONNECTED;
  }));
}

TEST_CASE("connector: a candle closing while a new stream set reconnects is fetched over REST, once, in order",
          "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  REQUIRE(run.table->subscribe(run.instance, "BTC/USDT", "1m", OB_STREAM_CANDLES, &run.error) == OB_OK);
  REQUIRE(run.sink.wait([](Sink& s) { return !s.candles.empty(); }));
  run.market.fake->advance(2 * kMinute);  // kStart and kStart+1m close live
  REQUIRE(run.sink.wait([](Sink& s) {
    return std::count_if(s.candles.begin(), s.candles.end(), [](const CandleEvent& c) { return c.closed; }) >= 2;
  }));

  // Adding the ticker restarts the market connection; its handshakes are refused for a while, and
  // three candles close in that window, on no connection at all.
  run.market.fake->refuse_websocket_for(600);
  std::thread clock([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    run.market.fake->advance(3 * kMinute);
  });
  const ob_status subscribed =
      run.table->subscribe(run.instance, "BTC/USDT", "1m", OB_STREAM_CANDLES | OB_STREAM_TICKER, &run.error);
  clock.join();
  REQUIRE(subscribed == OB_OK);
  REQUIRE(run.sink.wait([](Sink& s) {
    return std::count_if(s.candles.begin(), s.candles.end(), [](const CandleEvent& c) { return c.closed; }) >= 5;
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // nothing more may come
  std::vector<std::string> closed;
  {
    const std::lock_guard lock(run.sink.mutex);
    for (const auto& c : run.sink.candles) {
      if (c.closed)
        closed.push_back(std::to_string((c.open_time_ms - kStart) / kMinute) + (c.from_rest ? " rest" : " live"));
    }
  }
  CHECK(closed == std::vector<std::string>{"0 live", "1 live", "2 rest", "3 rest", "4 rest"});
}

TEST_CASE("connector: a resting limit order fills when the clock moves; its execution reaches the sink once",
          "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  ob_order_view view{};
  REQUIRE(run.order("dip-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "95", view) == OB_OK);
  CHECK(std::string(view.id) == "dip-1");  // the host's name, without the broker prefix
  CHECK(std::string(view.tag) == "t");
  INFO(view.reason);
  CHECK(view.state == OB_ORDER_STATUS_OPEN);
  CHECK(std::string(view.amount.text) == "0.1");
  CHECK(std::string(view.price.text) == "95");
  CHECK(run.market.fake->open_order_count() == 1);

  ob_order_view fetched{};
  REQUIRE(run.table->fetch_order(run.instance, "BTC/USDT", "dip-1", &fetched, &run.error) == OB_OK);
  CHECK(fetched.state == OB_ORDER_STATUS_OPEN);
  std::vector<std::string> open;
  REQUIRE(run.table->open_orders(
              run.instance, "BTC/USDT",
              [](void* c, const ob_order_view* o) { static_cast<std::vector<std::string>*>(c)->push_back(o->id); },
              &open, &run.error) == OB_OK);
  CHECK(open == std::vector<std::string>{"dip-1"});

  run.market.fake->advance(11 * kMinute);  // the 11th candle dips to 94
  REQUIRE(run.sink.wait([&](Sink& s) {
    return std::any_of(s.orders.begin(), s.orders.end(),
                       [](const OrderEvent& e) { return e.id == "dip-1" && !e.trade_id.empty(); });
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto fills = run.sink.fills_of("dip-1");
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].state == OB_ORDER_STATUS_FILLED);
  CHECK(fills[0].filled == "0.1");
  CHECK(fills[0].maker == 1);
  CHECK(fills[0].fee == "0.0001");  // 0.1 % of the 0.1 BTC received
  // The execution report's order keeps its creation time (Binance's "O"), not the trade's (11 minutes on).
  CHECK(view.created_ms != 0);
  CHECK(fills[0].created_ms == view.created_ms);
  REQUIRE(run.table->fetch_order(run.instance, "BTC/USDT", "dip-1", &fetched, &run.error) == OB_OK);
  CHECK(fetched.state == OB_ORDER_STATUS_FILLED);
  CHECK(std::string(fetched.average_price.text) == "95");
}

TEST_CASE("connector: a market order fills at once; the REST answer and the stream report it, the sink gets it once",
          "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  REQUIRE(run.sink.wait([](Sink& s) { return s.connections.back() == OB_CONNECTION_CONNECTED; }));
  const int balances_before = run.sink.balances;
  ob_order_view view{};
  REQUIRE(run.order("mkt-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.2", "", view) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_FILLED);
  CHECK(std::string(view.filled.text) == "0.2");
  CHECK(std::string(view.average_price.text) == "100");
  CHECK(std::string(view.fee.text) == "0.0002");
  CHECK(std::string(view.fee_asset) == "BTC");
  // The stream's executionReports come before its outboundAccountPosition: once that is seen, both
  // sources have reported the trade.
  REQUIRE(run.sink.wait([&](Sink& s) { return s.balances > balances_before; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto fills = run.sink.fills_of("mkt-1");
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].maker == 0);
  CHECK(fills[0].filled == "0.2");
  std::set<std::string> trade_ids;
  {
    const std::lock_guard lock(run.sink.mutex);
    for (const auto& e : run.sink.orders) {
      if (!e.trade_id.empty()) CHECK(trade_ids.insert(e.trade_id).second);
    }
  }

  std::vector<std::string> fills_seen;
  REQUIRE(run.table->fills_since(
              run.instance, "BTC/USDT", kStart - 1,
              [](void* c, const char* id, const ob_exchange_fill* f) {
                static_cast<std::vector<std::string>*>(c)->push_back(std::string(id) + " " + f->amount.text + " " +
                                                                     f->price.text + " " + f->fee.text);
              },
              &fills_seen, &run.error) == OB_OK);
  CHECK(fills_seen == std::vector<std::string>{"mkt-1 0.2 100 0.0002"});
}

TEST_CASE("connector: fills_since walks Binance's 24-hour myTrades windows up to now", "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  ob_order_view view{};
  REQUIRE(run.order("day-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1", "", view) == OB_OK);
  run.market.fake->advance(30 * 60 * kMinute);  // more than a day later
  REQUIRE(run.order("day-2", OB_SIDE_SELL, OB_ORDER_TYPE_MARKET, "0.1", "", view) == OB_OK);
  REQUIRE(view.state == OB_ORDER_STATUS_FILLED);
  std::vector<std::string> ids;
  REQUIRE(run.table->fills_since(
              run.instance, "BTC/USDT", kStart - 1,
              [](void* c, const char* id, const ob_exchange_fill*) {
                static_cast<std::vector<std::string>*>(c)->push_back(id);
              },
              &ids, &run.error) == OB_OK);
  CHECK(ids == std::vector<std::string>{"day-1", "day-2"});
}

TEST_CASE("connector: refusals are REJECTED results naming the cause; nothing reaches the book", "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  ob_order_view view{};
  REQUIRE(run.order("big-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "1000", "", view) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_REJECTED);
  CHECK(std::string(view.reason).find("insufficient balance") != std::string::npos);
  REQUIRE(run.order("tiny-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.000001", "95", view) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_REJECTED);
  CHECK(std::string(view.reason).find("LOT_SIZE") != std::string::npos);
  CHECK(run.market.fake->orders_created() == 0);
  ob_order_request stop{};
  stop.header = OB_HEADER_INIT(ob_order_request);
  stop.symbol = "BTC/USDT";
  stop.type = OB_ORDER_TYPE_STOP_LOSS;
  CHECK(run.table->create_order(run.instance, &stop, "sl-1", &view, &run.error) == OB_ERROR_UNSUPPORTED);
}

TEST_CASE("connector: cancel, then cancel again is an unknown order with the last known state", "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  ob_order_view view{};
  REQUIRE(run.order("rest-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "90", view) == OB_OK);
  REQUIRE(run.table->cancel_order(run.instance, "BTC/USDT", "rest-1", &view, &run.error) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_CANCELED);
  CHECK(run.market.fake->open_order_count() == 0);
  std::memset(&view, 0, sizeof(view));
  CHECK(run.table->cancel_order(run.instance, "BTC/USDT", "rest-1", &view, &run.error) ==
        OB_ERROR_EXCHANGE_UNKNOWN_ORDER);
  CHECK(view.state == OB_ORDER_STATUS_CANCELED);  // the last known state
  CHECK(run.table->fetch_order(run.instance, "BTC/USDT", "never-sent", &view, &run.error) ==
        OB_ERROR_EXCHANGE_UNKNOWN_ORDER);
  CHECK(std::string(run.error.message).find("unknown order") != std::string::npos);
}

TEST_CASE("connector: key permissions as Binance reports them, withdrawals included", "[connector]") {
  auto options = Harness::default_options();
  options.enable_withdrawals = true;
  Run run(true, options);
  REQUIRE(run.start() == OB_OK);
  ob_key_permissions permissions{};
  REQUIRE(run.table->key_permissions(run.instance, &permissions, &run.error) == OB_OK);
  CHECK(permissions.known == 1);
  CHECK(permissions.can_trade == 1);
  CHECK(permissions.can_withdraw == 1);
  CHECK(std::string(permissions.detail).find("withdrawals ON") != std::string::npos);
}

TEST_CASE("connector: without credentials, market data works and trading is refused as an auth error", "[connector]") {
  Run run(false);
  REQUIRE(run.start() == OB_OK);
  CHECK(
      run.sink.wait([](Sink& s) { return s.connections.back() == OB_CONNECTION_CONNECTED; }));  // no stream to wait for
  CHECK(run.candle_opens(kStart - 10 * kMinute, 1000).size() == 10);
  ob_key_permissions permissions{};
  REQUIRE(run.table->key_permissions(run.instance, &permissions, &run.error) == OB_OK);
  CHECK(permissions.known == 0);
  ob_order_view view{};
  CHECK(run.order("no-key", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1", "", view) == OB_ERROR_EXCHANGE_AUTH);
  CHECK(run.table->balances(run.instance, nullptr, nullptr, &run.error) == OB_ERROR_EXCHANGE_AUTH);
  CHECK(run.market.fake->orders_created() == 0);
}

TEST_CASE("connector: a 5xx after the order was placed is settled by a lookup: one order on the exchange",
          "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  run.market.fake->inject(
      {.http_status = 503, .count = 1, .method = "POST", .path = "/api/v3/order", .after_processing = true});
  ob_order_view view{};
  REQUIRE(run.order("uncertain-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1", "", view) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_FILLED);
  CHECK(run.market.fake->orders_created() == 1);
  // Its execution still reaches the sink once, from the user-data stream this time.
  CHECK(run.sink.wait([](Sink& s) {
    return std::any_of(s.orders.begin(), s.orders.end(),
                       [](const OrderEvent& e) { return e.id == "uncertain-1" && !e.trade_id.empty(); });
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(run.sink.fills_of("uncertain-1").size() == 1);
}

TEST_CASE("connector: bans and bad keys are connector codes; no log line ever holds the secret or the key",
          "[connector]") {
  std::vector<std::string> lines;
  {
    Run run;
    REQUIRE(run.start() == OB_OK);
    ob_order_view view{};
    REQUIRE(run.order("log-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1", "", view) == OB_OK);
    REQUIRE(run.order("log-2", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "1000", "", view) == OB_OK);
    run.market.fake->inject({.http_status = 418, .count = 1, .path = "/api/v3/klines", .ban_until_ms = kStart + 5000});
    ob_status status = OB_OK;
    (void)run.candle_opens(kStart - 10 * kMinute, 10, &status);
    CHECK(status == OB_ERROR_EXCHANGE_BANNED);
    CHECK(std::string(run.error.message).find("ban") != std::string::npos);
    CHECK(run.sink.wait([](Sink& s) { return !s.ban_ends.empty(); }));
    CHECK(run.sink.ban_ends.front() == kStart + 5000);
    lines = run.log.snapshot();
  }
  {
    Run run;
    run.credentials.secret = "wrong-secret-W4r0ng-NEVER-IN-LOGS";
    const ob_status status = run.start();
    CHECK(status == OB_ERROR_EXCHANGE_AUTH);
    CHECK(std::string(run.error.message).find("secret") != std::string::npos);
    const auto more = run.log.snapshot();
    lines.insert(lines.end(), more.begin(), more.end());
  }
  // An Ed25519 key: trading with it (REST and the WS-API user stream), then another Ed25519 key
  // refused by Binance, then an RSA key refused before anything is sent.
  const TestKeyPair ed25519 = new_ed25519_key();
  const TestKeyPair other_ed25519 = new_ed25519_key();
  auto ed25519_options = Harness::default_options();
  ed25519_options.api_public_key_pem = ed25519.public_pem;
  {
    Run run(true, ed25519_options);
    run.credentials.secret = ed25519.private_pem;
    REQUIRE(run.start() == OB_OK);
    CHECK(run.sink.wait([](Sink& s) { return s.connections.back() == OB_CONNECTION_CONNECTED; }));
    ob_order_view view{};
    REQUIRE(run.order("ed-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1", "", view) == OB_OK);
    CHECK(run.sink.wait([](Sink& s) { return !s.orders.empty(); }));  // its executionReport, from the WS API
    CHECK(run.market.fake->user_data_subscriptions() == 1);
    const auto more = run.log.snapshot();
    CHECK(std::any_of(more.begin(), more.end(), [](const std::string& line) {
      return line.find("trading account, Ed25519 API key") != std::string::npos;
    }));
    lines.insert(lines.end(), more.begin(), more.end());
  }
  {
    Run run(true, ed25519_options);
    run.credentials.secret = other_ed25519.private_pem;
    CHECK(run.start() == OB_ERROR_EXCHANGE_AUTH);
    CHECK(std::string(run.error.message).find("secret does not match") != std::string::npos);
    const auto more = run.log.snapshot();
    lines.insert(lines.end(), more.begin(), more.end());
  }
  const TestKeyPair rsa = new_rsa_key();
  {
    Run run;
    run.credentials.secret = rsa.private_pem;
    CHECK(run.start() == OB_ERROR_EXCHANGE_AUTH);
    const std::string message = run.error.message;
    INFO(message);
    CHECK(message.find("the API secret of binance: the API secret is an RSA private key") != std::string::npos);
    CHECK(message.find("Ed25519") != std::string::npos);
    CHECK(message.find(pem_body(rsa.private_pem).substr(0, 16)) == std::string::npos);
    CHECK(run.market.fake->requests("/api/v3/time") == 0);  // refused before anything was sent
    const auto more = run.log.snapshot();
    lines.insert(lines.end(), more.begin(), more.end());
  }
  REQUIRE(lines.size() >= 5);  // orders, the rejection, the ban: the connector logs through log/1
  for (const auto& line : lines) {
    INFO(line);
    CHECK(line.find(kApiSecret) == std::string::npos);
    CHECK(line.find("wrong-secret-W4r0ng") == std::string::npos);
    CHECK(line.find(kApiKey) == std::string::npos);
    for (const auto* pem : {&ed25519.private_pem, &other_ed25519.private_pem, &rsa.private_pem}) {
      const std::string body = pem_body(*pem);
      CHECK(line.find(body.substr(0, 16)) == std::string::npos);
      CHECK(line.find(body.substr(body.size() - 16)) == std::string::npos);
    }
  }
}
