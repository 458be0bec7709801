// The client's public endpoints against the fake: time sync, markets, klines, ticker, depth,
// keep-alive, and a market fed from the bundled data file.
#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace octobot::binance;
using namespace octobot::binance::testing;

TEST_CASE("rest client: ping, server time and the clock offset") {
  Harness h;
  auto& client = h.client();
  client.ping();
  CHECK(client.server_time() == kStart);
  CHECK(client.sync_time() == 0);
  h.skew_ms = -2500;  // the local clock 2.5 s behind the server's
  CHECK(client.sync_time() == 2500);
  CHECK(client.stats().time_syncs == 2);
  CHECK(h.fake->requests("/api/v3/time") == 3);
}

TEST_CASE("rest client: exchange info gives markets with their filters and the weight limit") {
  auto options = Harness::default_options();
  options.weight_limit_1m = 1200;
  Harness h(options);
  auto legacy = btc_market();
  legacy.base = "ETH";
  legacy.legacy_min_notional = true;
  legacy.min_notional = "10";
  legacy.tick_size = "0.1";
  legacy.step_size = "0.001";
  legacy.min_qty = "0.001";
  h.fake->add_market(legacy);

  auto& client = h.client();
  CHECK(client.weight_limit_1m() == 6000);
  const auto info = client.exchange_info();
  CHECK(client.weight_limit_1m() == 1200);
  CHECK(info.server_time_ms == kStart);
  REQUIRE(info.markets.size() == 2);
  const auto* btc = info.find("BTC/USDT");
  REQUIRE(btc != nullptr);
  CHECK(btc->exchange_symbol == "BTCUSDT");
  CHECK(btc->base == "BTC");
  CHECK(btc->quote == "USDT");
  CHECK(btc->status == "TRADING");
  CHECK(btc->tick_size == "0.01000000");
  CHECK(btc->price_decimals == 2);
  CHECK(btc->step_size == "0.00001000");
  CHECK(btc->amount_decimals == 5);
  CHECK(btc->min_qty == "0.00001000");
  CHECK(btc->max_qty == "9000.00000000");
  CHECK(btc->min_notional == "5.00000000");
  CHECK(btc->min_notional_filter == "NOTIONAL");
  const auto* eth = info.find("ETHUSDT");
  REQUIRE(eth != nullptr);
  CHECK(eth->min_notional == "10.00000000");
  CHECK(eth->min_notional_filter == "MIN_NOTIONAL");
  CHECK(eth->price_decimals == 1);
  CHECK(eth->amount_decimals == 3);

  const auto one = client.exchange_info({"ETH/USDT"});
  REQUIRE(one.markets.size() == 1);
  CHECK(one.markets[0].symbol == "ETH/USDT");
  const auto both = client.exchange_info({"ETH/USDT", "BTCUSDT"});
  CHECK(both.markets.size() == 2);
  try {
    (void)client.exchange_info({"DOGE/USDT"});
    FAIL("an unknown symbol was accepted");
  } catch (const BinanceError& error) {
    CHECK(error.kind() == ErrorKind::invalid_request);
    CHECK(error.code() == -1121);
    CHECK(std::string(error.what()).find("Invalid symbol.") != std::string::npos);
  }
}

TEST_CASE("rest client: klines are the closed candles up to now, latest last, aggregated on request") {
  Harness h;
  auto& client = h.client();
  auto klines = client.klines("BTC/USDT", "1m", 5);
  REQUIRE(klines.size() == 5);
  // The clock is at the close of candle 99: candles 95..99 are closed; candle 100 has just opened.
  const auto candles = crafted_candles();
  CHECK(klines.back().open_time_ms == kStart);
  CHECK(trimmed(klines.back().close) == "100");
  CHECK(klines.back().volume == "0.00000000");
  CHECK(klines[3].open_time_ms == candles[99].open_time_ms);
  CHECK(klines[3].close_time_ms == kStart - 1);
  CHECK(trimmed(klines[3].high) == "100.2");

  h.fake->advance(11 * kMinute);  // candles 100..110 close (110 is the dip)
  klines = client.klines("BTCUSDT", "1m", 2);
  REQUIRE(klines.size() == 2);
  CHECK(klines[0].open_time_ms == candles[110].open_time_ms);
  CHECK(trimmed(klines[0].low) == "94");
  CHECK(trimmed(klines[0].close) == "95");

  // From a start time: the first candles from there.
  klines = client.klines("BTCUSDT", "1m", 3, candles[0].open_time_ms);
  REQUIRE(klines.size() == 3);
  CHECK(klines[0].open_time_ms == candles[0].open_time_ms);

  // 5m: five 1m candles each; the 5m candle of 100..104 has the highest high and lowest low of them.
  klines = client.klines("BTCUSDT", "5m", 500, candles[100].open_time_ms - candles[100].open_time_ms % (5 * kMinute));
  REQUIRE_FALSE(klines.empty());
  for (const auto& k : klines) CHECK(k.open_time_ms % (5 * kMinute) == 0);
  try {
    (void)client.klines("BTCUSDT", "7m");
    FAIL("an invalid interval was accepted");
  } catch (const BinanceError& error) {
    CHECK(error.code() == -1120);
  }
}

TEST_CASE("rest client: ticker and depth follow the fake's clock") {
  Harness h;
  auto& client = h.client();
  CHECK(trimmed(client.ticker_price("BTC/USDT").price) == "100");
  h.fake->advance(kMinute);
  const auto ticker = client.ticker_price("BTCUSDT");
  CHECK(ticker.symbol == "BTCUSDT");
  CHECK(trimmed(ticker.price) == "99.7");
  const auto all = client.ticker_prices();
  REQUIRE(all.size() == 1);
  CHECK(all[0].price == ticker.price);

  const auto book = client.depth("BTCUSDT", 10);
  REQUIRE(book.bids.size() == 10);
  REQUIRE(book.asks.size() == 10);
  CHECK(trimmed(book.bids.front().price) == "99.69");
  CHECK(trimmed(book.asks.front().price) == "99.71");
  CHECK(trimmed(book.bids.back().price) == "99.6");
  CHECK(book.last_update_id > 0);
  // This minute (the first ticker was in the previous one): ticker 2 + all tickers 4 + depth 5.
  CHECK(client.used_weight_1m() == 2 + 4 + 5);
  CHECK(h.fake->used_weight() == 11);
}

TEST_CASE("rest client: one kept-alive connection serves every request") {
  Harness h;
  auto& client = h.client();
  for (int i = 0; i < 10; ++i) (void)client.ticker_price("BTCUSDT");
  (void)client.account();
  CHECK(client.stats().requests == 11);
  CHECK(client.connections_opened() == 1);
  CHECK(h.fake->connections_accepted() == 1);
}

TEST_CASE("rest client: a market fed from the bundled data file serves the file's candles") {
  const auto candles =
      octobot::testing::candles_from_data_file(OCTOBOT_DATA_DIR "/solusdt-1h-2024.sqlite", "SOL/USDT", "1h", 48);
  REQUIRE(candles.size() == 48);
  auto options = Harness::default_options();
  options.start_time_ms = candles.back().open_time_ms + 3'600'000;  // every candle closed
  octobot::testing::FakeBinance fake(options);
  octobot::testing::FakeMarket market;
  market.base = "SOL";
  market.quote = "USDT";
  market.interval_ms = 3'600'000;
  market.candles = candles;
  fake.add_market(market);

  ClientConfig config;
  config.base_url = fake.base_url();
  RestClient client(config);
  const auto klines = client.klines("SOL/USDT", "1h", 1000, candles.front().open_time_ms);
  REQUIRE(klines.size() == 48);
  for (std::size_t i = 0; i < candles.size(); ++i) {
    CHECK(klines[i].open_time_ms == candles[i].open_time_ms);
    CHECK(trimmed(klines[i].open) == trimmed(candles[i].open));
    CHECK(trimmed(klines[i].close) == trimmed(candles[i].close));
  }
  CHECK(trimmed(client.ticker_price("SOLUSDT").price) == trimmed(candles.back().close));
  const auto daily = client.klines("SOL/USDT", "1d", 1000, candles.front().open_time_ms);
  CHECK(daily.size() >= 2);
}
