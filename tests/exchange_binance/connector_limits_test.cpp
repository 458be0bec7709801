// The Binance connector's REST clients share one weight / ban / back-off state (RequestLimits):
// the exchange thread's, the order lane's and each stream client's (gap fills after a reconnect,
// listen keys, the WS API's clock). Binance bans the IP, not a client: a 418 met by one of them must
// stop the others before they send, or they keep polling into a longer ban. Through the C table,
// against the in-process fake, with the 418 answered to one thread and the other thread watched.
#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "connector_harness.hpp"

namespace {

using namespace octobot::binance::testing;

// Polls `condition` until it holds or 5 s have passed.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

bool logged(Run& run, const std::string& part) {
  const auto lines = run.log.snapshot();
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(part) != std::string::npos; });
}

int closed_candles(Sink& sink) {
  return static_cast<int>(
      std::count_if(sink.candles.begin(), sink.candles.end(), [](const CandleEvent& c) { return c.closed; }));
}

// Candles subscribed and one closed live, so the market stream client knows its last closed candle
// and sees a gap after a reconnect.
void subscribe_with_one_closed(Run& run) {
  REQUIRE(run.table->subscribe(run.instance, "BTC/USDT", "1m", OB_STREAM_CANDLES, &run.error) == OB_OK);
  REQUIRE(run.sink.wait([](Sink& s) { return !s.candles.empty(); }));
  run.market.fake->advance(kMinute);
  REQUIRE(run.sink.wait([](Sink& s) { return closed_candles(s) >= 1; }));
}

// Started, subscribed with one candle closed, and the fake set to answer the next GET /api/v3/klines
// (whoever sends it) with a 418 whose ban ends in 30 minutes of the fake's clock. Returns that end.
std::int64_t start_with_klines_ban(Run& run) {
  REQUIRE(run.start() == OB_OK);
  subscribe_with_one_closed(run);
  const std::int64_t ban_end = run.market.fake->now_ms() + 30 * kMinute;
  run.market.fake->inject(
      {.http_status = 418, .count = 1, .method = "GET", .path = "/api/v3/klines", .ban_until_ms = ban_end});
  return ban_end;
}

// The market connection cut while three candles close: on reconnecting, the stream client fetches
// them over REST (GET /api/v3/klines) from its own thread. Handshakes are refused meanwhile, so the
// candles close on no connection (the drop has returned before the clock moves).
void cut_market_stream_while_candles_close(Run& run) {
  run.market.fake->refuse_websocket_for(300);
  run.market.fake->drop_websocket_connections();
  run.market.fake->advance(3 * kMinute);
}

}  // namespace

TEST_CASE(
    "connector limits: a 418 answered to a stream's gap fill is the connection's state at once and stops "
    "the exchange thread before it sends",
    "[connector][limits]") {
  Run run;
  const std::int64_t ban_end = start_with_klines_ban(run);
  const std::int64_t account_reads = run.market.fake->requests("/api/v3/account");

  cut_market_stream_while_candles_close(run);
  // The stream thread met the ban: its gap fill failed (logged) instead of delivering the candles.
  REQUIRE(eventually([&] { return logged(run, "not filled: Binance banned this IP"); }));
  // The connection says so at once, with the end Binance gave, before the exchange thread calls.
  REQUIRE(run.sink.wait([](Sink& s) { return !s.ban_ends.empty(); }));
  CHECK(run.sink.ban_ends.back() == ban_end);
  CHECK(run.sink.connections.back() == OB_CONNECTION_BANNED);

  // The exchange thread's next calls are refused as banned, and nothing reaches the fake.
  const ob_status balances = run.table->balances(
      run.instance, [](void*, const ob_asset_balance*) {}, nullptr, &run.error);
  CHECK(balances == OB_ERROR_EXCHANGE_BANNED);
  CHECK(run.market.fake->requests("/api/v3/account") == account_reads);
  ob_order_view view{};
  CHECK(run.order("while-banned", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1", "", view) == OB_ERROR_EXCHANGE_BANNED);
  CHECK(run.market.fake->requests("/api/v3/order") == 0);
  CHECK(run.market.fake->orders_created() == 0);
  // The order lane sees it too: busy, nothing written.
  const ob_order_request request = Run::order_request(OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.1", "");
  CHECK(run.table->submit_order(
            run.instance, &request, "lane-while-banned", [](void*, ob_status, const ob_order_view*, const ob_error*) {},
            nullptr, &run.error) == OB_ERROR_EXCHANGE_BUSY);
  CHECK(run.market.fake->orders_created() == 0);
  // Still the same ban end after the exchange thread's refusals.
  const std::lock_guard lock(run.sink.mutex);
  CHECK(run.sink.ban_ends.back() == ban_end);
}

TEST_CASE("connector limits: a 418 answered to the exchange thread stops a stream's gap fill before it sends",
          "[connector][limits]") {
  Run run;
  const std::int64_t ban_end = start_with_klines_ban(run);
  ob_status status = OB_OK;
  (void)run.candle_opens(kStart - 10 * kMinute, 10, &status);
  REQUIRE(status == OB_ERROR_EXCHANGE_BANNED);
  const std::int64_t kline_reads = run.market.fake->requests("/api/v3/klines");

  cut_market_stream_while_candles_close(run);
  // The stream client reconnects and sees the gap; its fill is refused by the shared ban unsent
  // (a fill that went out would deliver the three candles from REST).
  REQUIRE(eventually([&] {
    const std::lock_guard lock(run.sink.mutex);
    return logged(run, "not filled: Binance banned this IP") || closed_candles(run.sink) > 1;
  }));
  CHECK(logged(run, "not filled: Binance banned this IP"));
  CHECK(run.market.fake->requests("/api/v3/klines") == kline_reads);
  // The exchange thread met the ban itself: the connection says so, with the end Binance gave.
  REQUIRE(run.sink.wait([](Sink& s) { return !s.ban_ends.empty(); }));
  CHECK(run.sink.ban_ends.back() == ban_end);
  const std::lock_guard lock(run.sink.mutex);
  CHECK(closed_candles(run.sink) == 1);
}
