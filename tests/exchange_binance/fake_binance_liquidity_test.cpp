// The fake's liquidity cap (FakeBinanceOptions::fill_share_of_order / _volume) and its fill control
// (fill_open_orders), seen as a client sees Binance: a resting order filled in parts, each part a
// Binance executionReport (x=TRADE, X=PARTIALLY_FILLED then FILLED, l/z/L/n/N/t) on the user-data
// stream, a myTrades row, and REST order answers and balances consistent with them, to the unit.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <octobot_binance/stream_client.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"

namespace {

using octobot::binance::ExecutionReport;
using octobot::binance::OrderSide;
using octobot::binance::StreamClient;
using octobot::binance::StreamConfig;
using namespace octobot::binance::testing;

// The user-data stream's executionReports, guarded.
struct Reports {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<ExecutionReport> all;
  StreamConfig config(Harness& h) {
    StreamConfig config;
    config.ws_api_url = h.fake->ws_api_url();  // the user data over the WebSocket API (the default)
    config.rest = h.config();
    config.user_data = true;
    config.on_execution_report = [this](const ExecutionReport& report) {
      const std::lock_guard lock(mutex);
      all.push_back(report);
      changed.notify_all();
    };
    return config;
  }
  // The first `count` reports, once that many arrived (5 s at most; fewer when they did not).
  std::vector<ExecutionReport> wait_for(std::size_t count) {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(5), [&] { return all.size() >= count; });
    return all;
  }
};

// Subscribed: the events published from now on reach the client.
bool wait_connected(Harness& h) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (h.fake->user_data_subscriptions() < 1) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

octobot::testing::FakeBinanceOptions capped(std::string share_of_order, std::string share_of_volume = {}) {
  auto options = Harness::default_options();
  options.fill_share_of_order = std::move(share_of_order);
  options.fill_share_of_volume = std::move(share_of_volume);
  return options;
}

}  // namespace

TEST_CASE(
    "fake binance liquidity: a resting order fills in parts, one candle each, every part an executionReport "
    "and a trade, the REST order and the balances consistent with them") {
  // 40 % of the order per candle, or 0.4 % of a candle's volume (10 BTC each): the same 0.04 BTC cap.
  const auto options = GENERATE(capped("0.4"), capped("", "0.004"), capped("0.9", "0.004"));
  Harness h(options);
  Reports reports;
  StreamClient stream(reports.config(h));
  stream.start();
  REQUIRE(wait_connected(h));
  auto& client = h.client();
  const auto placed = client.create_order(limit_order(OrderSide::buy, "0.1", "96"));
  REQUIRE(placed.status == "NEW");
  REQUIRE(reports.wait_for(1).size() == 1);

  // Candles 1-10 stay above 96; the 11th dips to 94, the ones after it trade down to 95.5.
  h.fake->advance(10 * kMinute);
  CHECK(client.order("BTCUSDT", placed.order_id).status == "NEW");
  struct Part {
    const char* status;
    const char* last;
    const char* cumulative;
    const char* quote;
    const char* usdt_locked;
  };
  const Part parts[] = {{"PARTIALLY_FILLED", "0.04", "0.04", "3.84", "5.76"},
                        {"PARTIALLY_FILLED", "0.04", "0.08", "7.68", "1.92"},
                        {"FILLED", "0.02", "0.1", "9.6", "0"}};
  std::int64_t previous_trade = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("part " << i + 1);
    h.fake->advance(kMinute);
    const auto seen = reports.wait_for(i + 2);
    REQUIRE(seen.size() == i + 2);
    const ExecutionReport& report = seen[i + 1];
    CHECK(report.execution_type == "TRADE");
    CHECK(report.order_status == parts[i].status);
    CHECK(trimmed(report.last_quantity) == parts[i].last);
    CHECK(trimmed(report.last_price) == "96");
    CHECK(trimmed(report.cumulative_quantity) == parts[i].cumulative);
    CHECK(trimmed(report.cumulative_quote) == parts[i].quote);
    CHECK(trimmed(report.commission) == (i < 2 ? "0.00004" : "0.00002"));  // 0.1 % of this part's BTC
    CHECK(report.commission_asset == "BTC");
    CHECK(report.is_maker);
    CHECK(report.trade_id > previous_trade);  // a trade of its own
    previous_trade = report.trade_id;
    const auto order = client.order("BTCUSDT", placed.order_id);
    CHECK(order.status == parts[i].status);
    CHECK(trimmed(order.executed_qty) == parts[i].cumulative);
    CHECK(trimmed(order.cumulative_quote_qty) == parts[i].quote);
    CHECK(h.fake->locked_balance("USDT") == parts[i].usdt_locked);
    CHECK(client.open_orders("BTC/USDT").size() == (i < 2 ? 1U : 0U));
  }
  h.fake->advance(5 * kMinute);  // filled: nothing more happens
  CHECK(reports.wait_for(5).size() == 4);

  const auto trades = client.my_trades("BTC/USDT", placed.order_id);
  REQUIRE(trades.size() == 3);
  CHECK(trimmed(trades[0].qty) == "0.04");
  CHECK(trimmed(trades[1].qty) == "0.04");
  CHECK(trimmed(trades[2].qty) == "0.02");
  CHECK(trimmed(trades[2].quote_qty) == "1.92");
  CHECK(trimmed(trades[2].commission) == "0.00002");
  CHECK(trades[0].time_ms < trades[1].time_ms);
  // The account moved by the whole order once: 9.6 USDT out, 0.1 BTC less 0.0001 BTC of fees in.
  CHECK(h.fake->free_balance("USDT") == "9990.4");
  CHECK(h.fake->free_balance("BTC") == "1.0999");
  stream.stop();
}

TEST_CASE("fake binance liquidity: a cap rounding below the market's step fills nothing on that candle") {
  Harness h(capped("", "0.0000001"));  // 0.000001 BTC of a 10 BTC candle: below the 0.00001 step
  auto& client = h.client();
  const auto placed = client.create_order(limit_order(OrderSide::buy, "0.1", "96"));
  h.fake->advance(20 * kMinute);
  CHECK(client.order("BTCUSDT", placed.order_id).status == "NEW");
  CHECK(client.my_trades("BTC/USDT", placed.order_id).empty());
}

TEST_CASE("fake binance liquidity: a share not above 0 or above 1 is refused") {
  CHECK_THROWS_AS(octobot::testing::FakeBinance(capped("0")), std::invalid_argument);
  CHECK_THROWS_AS(octobot::testing::FakeBinance(capped("1.5")), std::invalid_argument);
  CHECK_THROWS_AS(octobot::testing::FakeBinance(capped("", "0")), std::invalid_argument);
}

TEST_CASE(
    "fake binance fill control: every open limit order fills what is left at its limit price, one maker trade "
    "each, reported on the stream") {
  Harness h(capped("0.4"));
  Reports reports;
  StreamClient stream(reports.config(h));
  stream.start();
  REQUIRE(wait_connected(h));
  auto& client = h.client();
  const auto buy = client.create_order(limit_order(OrderSide::buy, "0.1", "96"));
  const auto sell = client.create_order(limit_order(OrderSide::sell, "0.2", "150"));
  const auto cancelled = client.create_order(limit_order(OrderSide::buy, "0.1", "90"));
  (void)client.cancel_order("BTCUSDT", cancelled.order_id);
  REQUIRE(reports.wait_for(4).size() == 4);
  h.fake->advance(11 * kMinute);  // the buy's first 40 %
  REQUIRE(reports.wait_for(5).size() == 5);
  const std::int64_t clock = h.fake->now_ms();

  CHECK(h.fake->fill_open_orders() == 2);
  CHECK(h.fake->now_ms() == clock);  // the clock did not move: no candle did it
  const auto seen = reports.wait_for(7);
  REQUIRE(seen.size() == 7);
  CHECK(seen[5].client_order_id == buy.client_order_id);
  CHECK(seen[5].order_status == "FILLED");
  CHECK(trimmed(seen[5].last_quantity) == "0.06");  // what the cap had left
  CHECK(trimmed(seen[5].last_price) == "96");
  CHECK(trimmed(seen[5].cumulative_quantity) == "0.1");
  CHECK(seen[6].client_order_id == sell.client_order_id);
  CHECK(seen[6].execution_type == "TRADE");
  CHECK(seen[6].order_status == "FILLED");
  CHECK(trimmed(seen[6].last_quantity) == "0.2");
  CHECK(trimmed(seen[6].last_price) == "150");  // its limit, far above the market
  CHECK(seen[6].is_maker);
  CHECK(client.order("BTCUSDT", sell.order_id).status == "FILLED");
  CHECK(client.order("BTCUSDT", cancelled.order_id).status == "CANCELED");
  CHECK(client.my_trades("BTC/USDT", sell.order_id).size() == 1);
  CHECK(h.fake->open_order_count() == 0);
  CHECK(h.fake->fill_open_orders() == 0);
  CHECK(h.fake->locked_balance("USDT") == "0");
  CHECK(h.fake->locked_balance("BTC") == "0");
  CHECK(h.fake->free_balance("USDT") == "10020.37");  // 10000 - 9.6 + 30 - 0.03 fee
  CHECK(h.fake->free_balance("BTC") == "0.8999");     // 1 + 0.1 - 0.0001 fee - 0.2
  stream.stop();
}
