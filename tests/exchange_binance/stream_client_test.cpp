// The WebSocket stream client (octobot_binance/stream_client.hpp) against the fake Binance's streams
// on loopback: market streams, a dropped connection with the candles closed meanwhile, the user-data
// stream and the listen-key keep-alive.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <octobot_binance/stream_client.hpp>
#include <string>
#include <thread>
#include <vector>

#include "stream_recorder.hpp"

namespace {

using octobot::binance::AccountPosition;
using octobot::binance::BookTickerEvent;
using octobot::binance::DepthEvent;
using octobot::binance::ExecutionReport;
using octobot::binance::KlineEvent;
using octobot::binance::OrderSide;
using octobot::binance::StreamClient;
using octobot::binance::StreamConfig;
using octobot::binance::StreamState;
using octobot::binance::TickerEvent;
using namespace octobot::binance::testing;

}  // namespace

TEST_CASE("stream client receives klines, tickers and the partial book from the fake's combined stream") {
  Harness h;
  Recorder r;
  auto config = stream_config(h, r);
  config.streams = {"btcusdt@kline_1m", "btcusdt@ticker", "btcusdt@bookTicker", "btcusdt@depth5"};
  StreamClient client(config);
  client.start();

  // At once: the candle in progress (only its open), the ticker and the book around the last close (100).
  REQUIRE(
      r.wait([&] { return !r.klines.empty() && !r.tickers.empty() && !r.book_tickers.empty() && !r.depths.empty(); }));
  {
    std::lock_guard lock(r.mutex);
    CHECK(r.klines[0].symbol == "BTCUSDT");
    CHECK(r.klines[0].interval == "1m");
    CHECK(r.klines[0].kline.open_time_ms == kStart);
    CHECK(r.klines[0].kline.close_time_ms == kStart + kMinute - 1);
    CHECK_FALSE(r.klines[0].closed);
    CHECK(r.tickers[0].last_price == "100.00000000");
    CHECK(r.book_tickers[0].bid.price == "99.99000000");
    CHECK(r.book_tickers[0].ask.price == "100.01000000");
    REQUIRE(r.depths[0].book.bids.size() == 5);
    CHECK(r.depths[0].symbol == "BTCUSDT");
    CHECK(r.depths[0].book.bids[0].price == "99.99000000");
    CHECK(r.depths[0].book.asks[4].price == "100.05000000");
  }
  REQUIRE(wait_accepted(h, 1));

  // The clock moves a minute: the candle closes (exact text), the next one opens, the ticker follows.
  h.fake->advance(kMinute);
  REQUIRE(r.wait([&] { return r.klines.size() >= 3 && r.tickers.size() >= 2 && r.depths.size() >= 2; }));
  std::lock_guard lock(r.mutex);
  CHECK(r.klines[1].closed);
  CHECK(r.klines[1].kline.open_time_ms == kStart);
  CHECK(r.klines[1].kline.close == "99.70000000");
  CHECK(r.klines[1].kline.low == "99.20000000");
  CHECK(r.klines[1].kline.volume == "10.00000000");
  CHECK_FALSE(r.klines[1].from_rest);
  CHECK(r.klines[2].kline.open_time_ms == kStart + kMinute);
  CHECK_FALSE(r.klines[2].closed);
  CHECK(r.tickers[1].last_price == "99.70000000");
  CHECK(r.depths[1].book.bids[0].price == "99.69000000");
  CHECK(client.stats().parse_errors == 0);
}

TEST_CASE("stream client reconnects after a drop and delivers the candles closed meanwhile once and in order") {
  Harness h;
  Recorder r;
  auto config = stream_config(h, r);
  config.streams = {"btcusdt@kline_1m"};
  StreamClient client(config);
  client.start();
  REQUIRE(r.wait([&] { return !r.klines.empty(); }));
  REQUIRE(wait_accepted(h, 1));
  h.fake->advance(2 * kMinute);  // kStart and kStart+1m close live
  REQUIRE(r.wait([&] { return r.closed_klines_unlocked() >= 2; }));

  // Cut: every connection dropped, handshakes refused for 1 s, and three candles close meanwhile.
  h.fake->refuse_websocket_for(1000);
  h.fake->drop_websocket_connections();
  h.fake->advance(3 * kMinute);
  // Reconnected: the snapshot of the candle in progress (kStart+5m) reveals the gap, filled over REST.
  REQUIRE(r.wait([&] { return r.closed_klines_unlocked() >= 5; }));
  CHECK(h.fake->requests("/api/v3/klines") >= 1);
  REQUIRE(wait_accepted(h, 2));
  h.fake->advance(kMinute);  // kStart+5m closes live on the new connection
  REQUIRE(r.wait([&] { return r.closed_klines_unlocked() >= 6; }));

  const auto closed = r.closed_klines();
  REQUIRE(closed.size() == 6);
  for (std::size_t i = 0; i < closed.size(); ++i) {
    INFO("closed candle " << i);
    CHECK(closed[i].kline.open_time_ms == kStart + static_cast<std::int64_t>(i) * kMinute);
    CHECK(closed[i].from_rest == (i >= 2 && i <= 4));
  }
  CHECK(closed[2].kline.close == "99.10000000");  // the REST candle's exact text, as the stream's
  CHECK(closed[4].kline.close == "98.50000000");
  const auto stats = client.stats();
  CHECK(stats.connects >= 2);
  CHECK(stats.connect_failures >= 2);  // the drop, then at least one refused handshake
  CHECK(stats.gap_candles_fetched == 3);
  CHECK(h.fake->websocket_connections_accepted() >= 2);
}

TEST_CASE("stream client user data delivers the executionReport of a limit order filled by the fake") {
  Harness h;
  Recorder r;
  auto config = stream_config(h, r);
  config.user_data = true;
  StreamClient client(config);
  client.start();
  REQUIRE(wait_accepted(h, 1));
  CHECK_FALSE(h.fake->listen_key().empty());

  const auto order = h.client().create_order(limit_order(OrderSide::buy, "0.1", "97.5"));
  REQUIRE(order.status == "NEW");
  REQUIRE(r.wait([&] { return !r.reports.empty() && !r.positions.empty(); }));
  {
    std::lock_guard lock(r.mutex);
    CHECK(r.reports[0].execution_type == "NEW");
    CHECK(r.reports[0].order_status == "NEW");
    CHECK(r.reports[0].client_order_id == order.client_order_id);
    CHECK(r.reports[0].order_id == order.order_id);
    CHECK(r.reports[0].price == "97.50000000");
    CHECK(r.reports[0].quantity == "0.10000000");
    CHECK(r.reports[0].order_created_ms == order.time_ms);
    CHECK(r.positions[0].balances.size() == 2);
  }

  h.fake->advance(11 * kMinute);  // the 7th candle's low (97.4) crosses 97.5
  REQUIRE(r.wait([&] { return r.reports.size() >= 2 && r.positions.size() >= 2; }));
  std::lock_guard lock(r.mutex);
  const auto& fill = r.reports[1];
  CHECK(fill.execution_type == "TRADE");
  CHECK(fill.order_status == "FILLED");
  CHECK(fill.last_price == "97.50000000");
  CHECK(fill.last_quantity == "0.10000000");
  CHECK(fill.cumulative_quantity == "0.10000000");
  CHECK(fill.cumulative_quote == "9.75000000");
  CHECK(fill.commission == "0.00010000");
  CHECK(fill.commission_asset == "BTC");
  CHECK(fill.is_maker);
  CHECK(fill.trade_id >= 1);
  // "O" is the order's creation, "T" this trade's, 11 minutes of the fake's clock later.
  CHECK(fill.order_created_ms == order.time_ms);
  CHECK(fill.transaction_time_ms > fill.order_created_ms);
  const auto& balances = r.positions[1].balances;
  REQUIRE(balances.size() == 2);
  CHECK(balances[0].asset == "BTC");
  CHECK(trimmed(balances[0].free) == h.fake->free_balance("BTC"));
  CHECK(trimmed(balances[1].free) == h.fake->free_balance("USDT"));
  CHECK(trimmed(balances[1].locked) == "0");
}

TEST_CASE("stream client keeps the listen key alive at the configured interval") {
  Harness h;
  Recorder r;
  auto config = stream_config(h, r);
  config.user_data = true;
  config.keepalive_interval_ms = 50;
  StreamClient client(config);
  client.start();
  REQUIRE(wait_accepted(h, 1));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  // The fake counts a PUT before the client has read its answer: wait for both.
  while ((h.fake->listen_key_keepalives() < 3 || client.stats().keepalives < 3) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(h.fake->listen_key_keepalives() >= 3);
  CHECK(client.stats().keepalives >= 3);
  CHECK(h.fake->requests("/api/v3/userDataStream") >= 4);  // one POST, then the PUTs
  client.stop();
  const auto sent = h.fake->listen_key_keepalives();
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  CHECK(h.fake->listen_key_keepalives() == sent);  // stopped: no more keep-alives
}

TEST_CASE("stream client counts malformed frames and drops a closed candle delivered twice") {
  Recorder r;
  StreamConfig config;
  config.ws_base_url = "ws://127.0.0.1:1";  // never connected: frames are fed with handle_frame
  config.streams = {"btcusdt@kline_1m"};
  r.wire(config);
  StreamClient client(config);
  const auto frame = [](std::int64_t open, bool closed) {
    return R"({"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":)" + std::to_string(open) +
           R"(,"T":)" + std::to_string(open + kMinute - 1) +
           R"(,"s":"BTCUSDT","i":"1m","o":"1.10","c":"1.20","h":"1.30","l":"1.00","v":"5","n":3,"x":)" +
           (closed ? "true" : "false") + R"(,"q":"6.00"}}})";
  };
  client.handle_frame("not json");
  client.handle_frame(R"({"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"BTCUSDT"}})");  // no "k"
  client.handle_frame(frame(kStart, true));
  client.handle_frame(frame(kStart, true));            // the same closed candle again: dropped
  client.handle_frame(frame(kStart - kMinute, true));  // older than the last delivered: dropped
  client.handle_frame(frame(kStart + kMinute, false));
  const auto stats = client.stats();
  CHECK(stats.parse_errors == 2);
  CHECK(stats.duplicates_dropped == 2);
  std::lock_guard lock(r.mutex);
  REQUIRE(r.klines.size() == 2);
  CHECK(r.klines[0].kline.open == "1.10");  // the text as sent
  CHECK(r.klines[0].kline.quote_volume == "6.00");
  CHECK(r.klines[0].kline.trades == 3);
  CHECK_FALSE(r.klines[1].closed);
}

TEST_CASE("stream client replacing another starts from what that one delivered and fetches the gap over REST") {
  Harness h;
  Recorder first_recorder;
  auto first_config = stream_config(h, first_recorder);
  first_config.streams = {"btcusdt@kline_1m"};
  std::int64_t delivered = 0;
  {
    StreamClient first(first_config);
    first.start();
    REQUIRE(first_recorder.wait([&] { return !first_recorder.klines.empty(); }));
    REQUIRE(wait_accepted(h, 1));
    h.fake->advance(2 * kMinute);  // kStart and kStart+1m close on the first connection
    REQUIRE(first_recorder.wait([&] { return first_recorder.closed_klines_unlocked() >= 2; }));
    delivered = first_recorder.closed_klines().back().kline.open_time_ms;
    first.stop();
  }
  REQUIRE(delivered == kStart + kMinute);
  h.fake->advance(3 * kMinute);  // kStart+2m .. +4m close while no connection is open

  Recorder r;
  auto config = stream_config(h, r);
  config.streams = {"btcusdt@kline_1m", "btcusdt@ticker"};  // a new stream set: a new connection
  config.delivered_closed = {{"BTCUSDT 1m", delivered}};
  StreamClient client(config);
  client.start();
  // The snapshot of the candle in progress (kStart+5m) shows three candles closed in between.
  REQUIRE(r.wait([&] { return r.closed_klines_unlocked() >= 3; }));
  const auto closed = r.closed_klines();
  REQUIRE(closed.size() == 3);
  for (std::size_t i = 0; i < closed.size(); ++i) {
    INFO("gap candle " << i);
    CHECK(closed[i].kline.open_time_ms == kStart + static_cast<std::int64_t>(i + 2) * kMinute);
    CHECK(closed[i].from_rest);
  }
  CHECK(client.stats().gap_candles_fetched == 3);
}
