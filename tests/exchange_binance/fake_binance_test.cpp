// The fake itself, seen through raw HTTP: Binance's error shapes and HTTP statuses, the weight
// headers, where the signature is taken from, and its fault answers.
#include <catch2/catch.hpp>

#include <octobot_binance/signing.hpp>

#include "harness.hpp"

using namespace octobot::binance;
using namespace octobot::binance::testing;
using octobot::testing::Fault;

namespace {

std::vector<std::string> key_header(const std::string& key = kApiKey) {
  std::vector<std::string> headers;
  headers.push_back("X-MBX-APIKEY: " + key);
  return headers;
}

struct Raw {
  explicit Raw(const octobot::testing::FakeBinance& fake) : base(fake.base_url()) {}
  HttpResponse get(const std::string& target, std::vector<std::string> headers = {}) {
    return http.perform(HttpMethod::get, base + target, headers);
  }
  // A signed request with the parameters split between the query and the body as given.
  HttpResponse signed_post(const std::string& query, const std::string& body, const std::string& secret) {
    const std::string signature = hmac_sha256_hex(secret, query + body);
    return http.perform(HttpMethod::post, base + "/api/v3/order?" + query, key_header(),
                        body + "&signature=" + signature);
  }
  std::string base;
  HttpTransport http;
};

std::string ts(const octobot::testing::FakeBinance& fake) { return std::to_string(fake.now_ms()); }

}  // namespace

TEST_CASE("fake binance: weight headers per endpoint, Binance's weights") {
  Harness h;
  Raw raw(*h.fake);
  auto response = raw.get("/api/v3/ping");
  CHECK(response.status == 200);
  CHECK(response.body == "{}");
  CHECK(response.used_weight_1m == 1);
  CHECK(raw.get("/api/v3/exchangeInfo").used_weight_1m == 21);
  CHECK(raw.get("/api/v3/depth?symbol=BTCUSDT&limit=500").used_weight_1m == 46);
  CHECK(raw.get("/api/v3/depth?symbol=BTCUSDT&limit=1000").used_weight_1m == 96);
  CHECK(raw.get("/api/v3/klines?symbol=BTCUSDT&interval=1m").used_weight_1m == 98);
  h.fake->advance(kMinute);  // a new minute, a new window
  CHECK(raw.get("/api/v3/ticker/price").used_weight_1m == 4);
}

TEST_CASE("fake binance: signed endpoints check the key, the signature and the timestamp") {
  Harness h;
  Raw raw(*h.fake);
  auto response = raw.get("/api/v3/account?timestamp=" + ts(*h.fake));
  CHECK(response.status == 401);
  CHECK(response.body == R"({"code":-2014,"msg":"API-key format invalid."})");
  response = raw.get("/api/v3/account?timestamp=" + ts(*h.fake), key_header("wrong"));
  CHECK(response.status == 401);
  CHECK(response.body == R"({"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."})");
  response = raw.get("/api/v3/account?timestamp=" + ts(*h.fake), key_header());
  CHECK(response.status == 400);
  CHECK(response.body.find("-1102") != std::string::npos);  // no signature
  const std::string query = "timestamp=" + ts(*h.fake);
  response = raw.get("/api/v3/account?" + query + "&signature=" + hmac_sha256_hex("nope", query), key_header());
  CHECK(response.body == R"({"code":-1022,"msg":"Signature for this request is not valid."})");
  response = raw.get("/api/v3/account?" + query + "&signature=" + hmac_sha256_hex(kApiSecret, query), key_header());
  CHECK(response.status == 200);
  CHECK(response.body.find("\"balances\":[") != std::string::npos);

  // The signature covers the query string followed by the body.
  const std::string q = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC";
  const std::string b = "quantity=0.1&price=90&timestamp=" + ts(*h.fake);
  response = raw.signed_post(q, b, kApiSecret);
  CHECK(response.status == 200);
  CHECK(response.body.find("\"status\":\"NEW\"") != std::string::npos);
  CHECK(h.fake->orders_created() == 1);

  // A timestamp older than recvWindow.
  const std::string old = "timestamp=" + std::to_string(h.fake->now_ms() - 5001);
  response = raw.get("/api/v3/openOrders?" + old + "&signature=" + hmac_sha256_hex(kApiSecret, old), key_header());
  CHECK(response.body == R"({"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."})");
}

TEST_CASE("fake binance: on an accelerated clock recvWindow spans real time, not clock time") {
  auto options = Harness::default_options();
  options.clock_speed = 3600;  // an hour a second: the default recvWindow is 5 s of real time, 5 h of clock
  Harness h(options);
  Raw raw(*h.fake);
  const auto account = [&](std::int64_t timestamp) {
    const std::string query = "timestamp=" + std::to_string(timestamp);
    return raw.get("/api/v3/account?" + query + "&signature=" + hmac_sha256_hex(kApiSecret, query), key_header()).body;
  };
  // Synced a real second ago: the clock moved an hour since, the request is not late.
  CHECK(account(h.fake->now_ms() - 3'600'000).find("\"balances\":[") != std::string::npos);
  CHECK(account(h.fake->now_ms() - 5000 * 3600).find("\"balances\":[") != std::string::npos);
  // Past the window in real time, and ahead by more than a real second: refused as Binance would.
  CHECK(account(h.fake->now_ms() - 5000 * 3600 - 1) ==
        R"({"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."})");
  CHECK(account(h.fake->now_ms() + 1000 * 3600) ==
        R"({"code":-1021,"msg":"Timestamp for this request was 1000ms ahead of the server's time."})");
  CHECK(account(h.fake->now_ms() + 1000 * 3600 - 1).find("\"balances\":[") != std::string::npos);
}

TEST_CASE("fake binance: fault answers carry Binance's bodies and headers") {
  Harness h;
  Raw raw(*h.fake);
  h.fake->inject(Fault{.http_status = 429, .retry_after_s = 7});
  auto response = raw.get("/api/v3/ping");
  CHECK(response.status == 429);
  CHECK(response.retry_after_s == 7);
  CHECK(response.body.find("\"code\":-1003") != std::string::npos);
  h.fake->inject(Fault{.http_status = 418, .retry_after_s = 30});
  response = raw.get("/api/v3/ping");
  CHECK(response.status == 418);
  CHECK(response.body.find("IP banned until " + std::to_string(kStart + 30'000)) != std::string::npos);
  h.fake->inject(Fault{.http_status = 503, .path = "/api/v3/time"});
  CHECK(raw.get("/api/v3/ping").status == 200);  // the fault waits for its path
  response = raw.get("/api/v3/time");
  CHECK(response.status == 503);
  CHECK(response.body.find("execution status unknown") != std::string::npos);
  CHECK(raw.get("/api/v3/time").status == 200);  // count 1: used up
  CHECK(raw.get("/api/v3/nothing").status == 404);
}
