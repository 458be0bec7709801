// Binance REST client against the fake Binance on loopback (one kept-alive connection), printed as
// one JSON object per figure:
//  - round trip of a public request (GET /api/v3/ticker/price, weight 2): p50 / p99 / p99.9 in µs;
//  - round trip of a signed order creation (POST /api/v3/order, a resting LIMIT order: signing,
//    the fake's signature check and matching engine, the FULL answer parsed): p50 / p99 / p99.9;
//  - the order lane (ABI 1.6 submit_order's path, one kept-alive connection): the same order
//    prepared, signed and written by the caller, until its bytes were handed to the kernel
//    (`lane.submit`), and until the lane's thread had its answer (`lane.order_round_trip`);
//  - signing alone (HMAC-SHA256 of a typical order query: one-shot and keyed; Ed25519 as REST sends
//    it, base64 and URL-encoded), for reference;
//  - the WebSocket stream client's figures (stream_bench.cpp);
//  - the connector's decimal text, normalize against the exact arithmetic (decimal_bench.cpp);
//  - a market looked up among 3,000, through the index against a scan (markets_bench.cpp).
// The fake runs in this process on its own thread; both share the machine's cores.
#include <octobot/testing/fake_binance.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <octobot_binance/order_lane.hpp>
#include <octobot_binance/order_params.hpp>
#include <octobot_binance/rest_client.hpp>
#include <octobot_binance/signing.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"

using octobot::bench::do_not_optimize;
using octobot::bench::report;
using octobot::bench::Stopwatch;
namespace binance = octobot::binance;

void run_stream_bench();   // stream_bench.cpp
void run_decimal_bench();  // decimal_bench.cpp
void run_markets_bench();  // markets_bench.cpp

namespace {

constexpr int kWarmup = 200;
constexpr int kSamples = 5000;

void report_percentiles(const std::string& name, std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) {
    return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))];
  };
  report(name + ".p50", "us", at(0.50));
  report(name + ".p99", "us", at(0.99));
  report(name + ".p999", "us", at(0.999));
}

template <typename F>
std::vector<double> sample(F&& call) {
  for (int i = 0; i < kWarmup; ++i) call(i);
  std::vector<double> micros;
  micros.reserve(kSamples);
  for (int i = 0; i < kSamples; ++i) {
    const auto start = std::chrono::steady_clock::now();
    call(kWarmup + i);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  return micros;
}

}  // namespace

int main() {
  octobot::testing::FakeBinanceOptions options;
  options.weight_limit_1m = 1'000'000'000;  // measure the path, not the throttle
  octobot::testing::FakeBinance fake(options);
  octobot::testing::FakeMarket market;
  market.base = "BTC";
  market.quote = "USDT";
  market.candles = octobot::testing::generate_candles(options.start_time_ms - 100 * 60'000, 60'000, 200, "30000");
  fake.add_market(market);
  fake.set_balance("USDT", "100000000");

  binance::ClientConfig config;
  config.base_url = fake.base_url();
  config.api_key = options.api_key;
  config.api_secret = options.api_secret;
  config.clock = [&fake] { return fake.now_ms(); };
  binance::RestClient client(config);
  // Adopts the fake's weight limit: the fake's clock stands still, so a throttle wait would never end.
  (void)client.exchange_info();

  report_percentiles("exchange_binance.rest.ticker_round_trip",
                     sample([&](int) { do_not_optimize(client.ticker_price("BTCUSDT").price.size()); }));

  binance::OrderRequest request;
  request.symbol = "BTCUSDT";
  request.side = binance::OrderSide::buy;
  request.type = binance::OrderType::limit;
  request.quantity = "0.001";
  request.price = "10000";  // far below the market: rests
  report_percentiles("exchange_binance.rest.limit_order_round_trip",
                     sample([&](int) { do_not_optimize(client.create_order(request).order_id); }));
  report("exchange_binance.rest.connections", "count", static_cast<double>(client.connections_opened()));

  // The order lane: what submit_order does on the bot loop (prepare, sign, write), then the answer.
  binance::LaneConfig lane_config;
  lane_config.base_url = fake.base_url();
  lane_config.connections = 1;
  binance::OrderLane lane(lane_config);
  lane.start();
  while (lane.idle_connections() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  binance::RequestSigner lane_signer(options.api_secret);
  const std::string key_header = "X-MBX-APIKEY: " + options.api_key + "\r\n";
  std::atomic<int> answered{-1};
  std::atomic<bool> all_accepted{true};
  std::vector<double> write_micros;
  std::vector<double> round_trip_micros;
  for (int i = 0; i < kWarmup + kSamples; ++i) {
    request.client_order_id = "lane-" + std::to_string(i);
    const auto start = std::chrono::steady_clock::now();
    const binance::PreparedOrder order = binance::prepare_order(request, "", [] { return std::string(); });
    std::string body = binance::encode_params(order.params);
    binance::sign_query(body, 5000, fake.now_ms(), lane_signer);
    const bool sent = lane.submit(lane.request_text("POST", "/api/v3/order", key_header, body),
                                  [&answered, &all_accepted, i](binance::LaneAnswer answer) {
                                    if (!answer.response || answer.response->status != 200) all_accepted = false;
                                    answered.store(i, std::memory_order_release);
                                  });
    const auto written = std::chrono::steady_clock::now();
    if (!sent) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      --i;
      continue;
    }
    while (answered.load(std::memory_order_acquire) != i) std::this_thread::yield();
    const auto done = std::chrono::steady_clock::now();
    if (i >= kWarmup) {
      write_micros.push_back(std::chrono::duration<double, std::micro>(written - start).count());
      round_trip_micros.push_back(std::chrono::duration<double, std::micro>(done - start).count());
    }
  }
  lane.stop();
  report_percentiles("exchange_binance.lane.submit", write_micros);
  report_percentiles("exchange_binance.lane.order_round_trip", round_trip_micros);
  report("exchange_binance.lane.orders_accepted", "fraction", all_accepted ? 1.0 : 0.0);
  report("exchange_binance.lane.connections", "count", static_cast<double>(lane.connections_opened()));

  const std::string query =
      "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=10000&newClientOrderId="
      "x-OCTOBOTabcdefgh12&newOrderRespType=FULL&recvWindow=5000&timestamp=1700000000000";
  constexpr int kSigns = 200'000;
  // The one-shot HMAC() (algorithm looked up per call) next to the RestClient's keyed signer.
  const Stopwatch watch;
  for (int i = 0; i < kSigns; ++i) do_not_optimize(binance::hmac_sha256_hex(options.api_secret, query));
  report("exchange_binance.signing", "signatures/s", kSigns / watch.seconds());
  binance::RequestSigner signer(options.api_secret);
  std::string signature;
  const Stopwatch keyed_watch;
  for (int i = 0; i < kSigns; ++i) {
    signature.clear();
    signer.append_signature(query, signature);
    do_not_optimize(signature);
  }
  report("exchange_binance.signing.keyed", "signatures/s", kSigns / keyed_watch.seconds());
  // An Ed25519 API key (RFC 8032's test-1 secret key, a published vector, as PKCS#8 PEM): the same
  // query signed as REST sends it, base64 then URL-encoded.
  binance::RequestSigner ed25519(
      "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
      "-----END PRIVATE KEY-----\n");
  constexpr int kEd25519Signs = 50'000;
  const Stopwatch ed25519_watch;
  for (int i = 0; i < kEd25519Signs; ++i) {
    signature.clear();
    ed25519.append_signature(query, signature);
    do_not_optimize(binance::url_encode(signature));
  }
  report("exchange_binance.signing.ed25519", "signatures/s", kEd25519Signs / ed25519_watch.seconds());
  run_stream_bench();
  run_decimal_bench();
  run_markets_bench();
  return 0;
}
