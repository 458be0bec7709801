// The Binance connector's order lane (ABI 1.6 submit_order), through the C table as the host calls
// it, against the in-process fake: the order written on the caller's thread on a kept-alive
// connection, completed from the lane's thread with create_order's view; refusals as REJECTED
// results; a dropped connection or a 5xx settled by looking the order up (never a duplicate); busy
// (nothing sent) without an idle connection, or while banned; stop completing what is in flight once;
// the same over TLS (the CA trusted through ca_file, the host checked).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "connector_harness.hpp"
#include "tls_fixture.hpp"

namespace {

using namespace octobot::binance::testing;

// The completions the connector delivers (any thread).
struct Completions {
  struct Done {
    ob_status status;
    ob_order_view view;
    std::string message;
    std::thread::id thread;
  };
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Done> done;

  static void on_done(void* context, ob_status status, const ob_order_view* order, const ob_error* error) {
    auto* self = static_cast<Completions*>(context);
    const std::lock_guard lock(self->mutex);
    self->done.push_back({status, order != nullptr ? *order : ob_order_view{},
                          error != nullptr ? std::string(error->message) : std::string(), std::this_thread::get_id()});
    self->changed.notify_all();
  }
  bool wait(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return done.size() >= count; });
  }
  std::size_t size() {
    const std::lock_guard lock(mutex);
    return done.size();
  }
};

ob_status submit(Run& run, Completions& completions, const char* id, uint32_t side, uint32_t type, const char* amount,
                 const char* price = "") {
  const ob_order_request request = Run::order_request(side, type, amount, price);
  return run.table->submit_order(run.instance, &request, id, &Completions::on_done, &completions, &run.error);
}

}  // namespace

TEST_CASE("order lane: a submitted order is placed and completes with create_order's view, its fill pushed once",
          "[connector][submit_order]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  REQUIRE(run.sink.wait([](Sink& s) { return s.connections.back() == OB_CONNECTION_CONNECTED; }));
  const int balances_before = run.sink.balances;
  Completions completions;
  REQUIRE(submit(run, completions, "sub-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.2") == OB_OK);
  REQUIRE(completions.wait(1));
  const Completions::Done done = completions.done[0];
  REQUIRE(done.status == OB_OK);
  CHECK(done.thread != std::this_thread::get_id());
  CHECK(run.market.fake->orders_created() == 1);

  ob_order_view created{};
  REQUIRE(run.order("ref-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.2", "", created) == OB_OK);
  CHECK(std::string(done.view.id) == "sub-1");
  CHECK(done.view.state == created.state);
  CHECK(done.view.state == OB_ORDER_STATUS_FILLED);
  CHECK(std::string(done.view.filled.text) == created.filled.text);
  CHECK(std::string(done.view.average_price.text) == created.average_price.text);
  CHECK(std::string(done.view.fee.text) == created.fee.text);
  CHECK(std::string(done.view.fee_asset) == created.fee_asset);
  CHECK(std::string(done.view.amount.text) == created.amount.text);
  CHECK(std::string(done.view.tag) == created.tag);
  CHECK(done.view.side == created.side);
  CHECK(done.view.type == created.type);

  // The answer's execution and the stream's report of it: the sink gets it once.
  REQUIRE(run.sink.wait([&](Sink& s) { return s.balances > balances_before + 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(run.sink.fills_of("sub-1").size() == 1);
  // One line per order event, as create_order's: the order and Binance's answer.
  const auto lines = run.log.snapshot();
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
          return line.find("order BUY MARKET BTCUSDT quantity 0.2 client id") != std::string::npos &&
                 line.find("sub-1: FILLED") != std::string::npos;
        }) == 1);
  CHECK(completions.size() == 1);
}

TEST_CASE("order lane: a refused order completes REJECTED with Binance's reason", "[connector][submit_order]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  Completions completions;
  REQUIRE(submit(run, completions, "big-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "1000") == OB_OK);
  REQUIRE(completions.wait(1));
  REQUIRE(submit(run, completions, "tiny-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.000001", "95") == OB_OK);
  REQUIRE(completions.wait(2));
  CHECK(completions.done[0].status == OB_OK);
  CHECK(completions.done[0].view.state == OB_ORDER_STATUS_REJECTED);
  CHECK(std::string(completions.done[0].view.reason).find("insufficient balance") != std::string::npos);
  CHECK(completions.done[1].view.state == OB_ORDER_STATUS_REJECTED);
  CHECK(std::string(completions.done[1].view.reason).find("LOT_SIZE") != std::string::npos);
  CHECK(run.market.fake->orders_created() == 0);
}

TEST_CASE("order lane: a dropped connection or a 5xx after the request is settled by a lookup, never a duplicate",
          "[connector][submit_order]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  Completions completions;
  SECTION("the connection closes after the order was placed") {
    run.market.fake->inject({.http_status = 0,
                             .method = "POST",
                             .path = "/api/v3/order",
                             .after_processing = true,
                             .drop_connection = true});
    REQUIRE(submit(run, completions, "cut-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
    REQUIRE(completions.wait(1));
    CHECK(completions.done[0].status == OB_OK);
    CHECK(completions.done[0].view.state == OB_ORDER_STATUS_FILLED);
    CHECK(run.market.fake->orders_created() == 1);
  }
  SECTION("the connection closes before the order was placed: looked up, unknown, sent again once") {
    run.market.fake->inject({.http_status = 0, .method = "POST", .path = "/api/v3/order", .drop_connection = true});
    REQUIRE(submit(run, completions, "cut-2", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
    REQUIRE(completions.wait(1));
    CHECK(completions.done[0].status == OB_OK);
    CHECK(completions.done[0].view.state == OB_ORDER_STATUS_FILLED);
    CHECK(run.market.fake->orders_created() == 1);
  }
  SECTION("a 503 after the order was placed") {
    run.market.fake->inject(
        {.http_status = 503, .count = 1, .method = "POST", .path = "/api/v3/order", .after_processing = true});
    REQUIRE(submit(run, completions, "five-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
    REQUIRE(completions.wait(1));
    CHECK(completions.done[0].status == OB_OK);
    CHECK(completions.done[0].view.state == OB_ORDER_STATUS_FILLED);
    CHECK(run.market.fake->orders_created() == 1);
  }
  CHECK(run.market.fake->requests("/api/v3/order") >= 2);  // the order and its lookup
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(completions.size() == 1);
}

TEST_CASE("order lane: busy (nothing sent, no completion) without an idle connection or while banned",
          "[connector][submit_order]") {
  Completions completions;
  SECTION("no lane connection configured") {
    Run run(true, Harness::default_options(), {{"order_lane_connections", "0"}});
    REQUIRE(run.start() == OB_OK);
    CHECK(submit(run, completions, "busy-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_ERROR_EXCHANGE_BUSY);
    CHECK(run.market.fake->orders_created() == 0);
  }
  SECTION("its one connection waits for an answer") {
    Run run(true, Harness::default_options(), {{"order_lane_connections", "1"}});
    REQUIRE(run.start() == OB_OK);
    run.market.fake->inject(
        {.http_status = 0, .method = "POST", .path = "/api/v3/order", .after_processing = true, .delay_ms = 300});
    REQUIRE(submit(run, completions, "slow-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
    CHECK(submit(run, completions, "busy-2", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_ERROR_EXCHANGE_BUSY);
    REQUIRE(completions.wait(1));
    CHECK(completions.done[0].view.state == OB_ORDER_STATUS_FILLED);
    CHECK(run.market.fake->orders_created() == 1);
    // The connection is kept alive and idle again: the next one goes out.
    REQUIRE(submit(run, completions, "next-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
    REQUIRE(completions.wait(2));
    CHECK(run.market.fake->orders_created() == 2);
  }
  SECTION("banned (418) by an answer to the exchange thread's client") {
    Run run;
    REQUIRE(run.start() == OB_OK);
    run.market.fake->inject(
        {.http_status = 418, .count = 1, .path = "/api/v3/klines", .ban_until_ms = kStart + 3'600'000});
    ob_status status = OB_OK;
    (void)run.candle_opens(kStart - 10 * kMinute, 10, &status);
    REQUIRE(status == OB_ERROR_EXCHANGE_BANNED);
    CHECK(submit(run, completions, "banned-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_ERROR_EXCHANGE_BUSY);
    CHECK(run.market.fake->orders_created() == 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(std::none_of(completions.done.begin(), completions.done.end(), [](const Completions::Done& d) {
    return std::strncmp(d.view.id, "busy", 4) == 0 || std::strncmp(d.view.id, "banned", 6) == 0;
  }));
}

TEST_CASE("order lane: a 429 (not accepted) is waited for and sent again, and the lane stays busy meanwhile",
          "[connector][submit_order]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  run.market.fake->inject(
      {.http_status = 429, .count = 1, .method = "POST", .path = "/api/v3/order", .retry_after_s = 1});
  Completions completions;
  const auto sent = std::chrono::steady_clock::now();
  REQUIRE(submit(run, completions, "limited-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // Backed off as Binance asked: nothing more is written on the lane until then.
  CHECK(submit(run, completions, "limited-2", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_ERROR_EXCHANGE_BUSY);
  REQUIRE(completions.wait(1));
  CHECK(std::chrono::steady_clock::now() - sent >= std::chrono::milliseconds(1000));
  CHECK(completions.done[0].status == OB_OK);
  CHECK(completions.done[0].view.state == OB_ORDER_STATUS_FILLED);
  CHECK(run.market.fake->orders_created() == 1);
  CHECK(completions.size() == 1);
}

TEST_CASE("order lane: stop with an order in flight completes it once, before stop returns, and never again",
          "[connector][submit_order]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  run.market.fake->inject({.http_status = 0, .method = "POST", .path = "/api/v3/order", .delay_ms = 3000});
  Completions completions;
  REQUIRE(submit(run, completions, "late-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(run.table->stop(run.instance, &run.error) == OB_OK);
  REQUIRE(completions.size() == 1);
  CHECK(completions.done[0].status == OB_ERROR_EXCHANGE_NETWORK);
  CHECK(completions.done[0].message.find("stopped before the answer") != std::string::npos);
  CHECK(completions.done[0].message.find("late-1") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(completions.size() == 1);
}

TEST_CASE("order lane over TLS: the order goes out on a verified TLS connection and completes",
          "[connector][tls][submit_order]") {
  TlsFixture tls;
  Run run(true, tls.options(), {{"ca_file", "\"" + tls.ca_file() + "\""}});
  INFO(run.error.message);
  REQUIRE(run.start() == OB_OK);
  Completions completions;
  REQUIRE(submit(run, completions, "tls-1", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);
  REQUIRE(completions.wait(1));
  INFO(completions.done[0].message);
  CHECK(completions.done[0].status == OB_OK);
  CHECK(completions.done[0].view.state == OB_ORDER_STATUS_FILLED);
  REQUIRE(submit(run, completions, "tls-2", OB_SIDE_SELL, OB_ORDER_TYPE_MARKET, "0.1") == OB_OK);  // kept alive
  REQUIRE(completions.wait(2));
  CHECK(completions.done[1].view.state == OB_ORDER_STATUS_FILLED);
  CHECK(run.market.fake->orders_created() == 2);
  CHECK(run.market.fake->tls_handshakes_failed() == 0);
}
