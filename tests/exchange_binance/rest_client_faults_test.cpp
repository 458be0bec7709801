// Faults injected in the fake, survived (or reported) by the client: 429 with Retry-After, 418 IP
// bans, the weight limit, 5xx and timeouts (never a duplicated order), bad keys and signatures, clock
// skew; and no secret in any message or log line.
#include <catch2/catch.hpp>

#include "harness.hpp"

using namespace octobot::binance;
using namespace octobot::binance::testing;
using octobot::testing::Fault;

namespace {

OrderRequest buy_limit(std::string price = "90") { return limit_order(OrderSide::buy, "0.1", std::move(price)); }

}  // namespace

TEST_CASE("faults: a 429 is waited out for its Retry-After, then the request succeeds") {
  Harness h;
  auto& client = h.client();
  h.fake->inject(Fault{.http_status = 429, .count = 2, .path = "/api/v3/ticker/price", .retry_after_s = 3});
  CHECK(trimmed(client.ticker_price("BTCUSDT").price) == "100");
  CHECK(client.stats().rate_limited == 2);
  CHECK(client.stats().retries == 2);
  CHECK(h.sleeps == std::vector<std::int64_t>{3000, 3000});
  CHECK(client.stats().waited_ms == 6000);
  CHECK(h.fake->requests("/api/v3/ticker/price") == 1);  // the two refused requests were not served
}

TEST_CASE("faults: a real Retry-After wait with the default sleep") {
  Harness h;
  auto config = h.config();
  config.sleep = nullptr;  // std::this_thread::sleep_for
  RestClient client(config);
  h.fake->inject(Fault{.http_status = 429, .retry_after_s = 1});
  const auto started = std::chrono::steady_clock::now();
  client.ping();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  CHECK(elapsed >= std::chrono::milliseconds(1000));
  CHECK(elapsed < std::chrono::milliseconds(3000));
  CHECK(client.stats().rate_limited == 1);
}

TEST_CASE("faults: a 429 that outlasts the retries is a rate_limited error") {
  Harness h;
  auto config = h.config();
  config.max_retries = 2;
  RestClient client(config);
  h.fake->inject(Fault{.http_status = 429, .count = 10, .retry_after_s = 1});
  const auto error = error_of([&] { client.ping(); });
  CHECK(error.kind() == ErrorKind::rate_limited);
  CHECK(error.http_status() == 429);
  CHECK(client.stats().rate_limited == 3);

  // A Retry-After beyond the wait budget is not waited for at all.
  h.fake->clear_faults();
  h.fake->advance(1000);  // the last 429's back-off is over: the next request goes out at once
  h.fake->inject(Fault{.http_status = 429, .retry_after_s = 600});
  h.sleeps.clear();
  CHECK(error_of([&] { client.ping(); }).kind() == ErrorKind::rate_limited);
  CHECK(h.sleeps.empty());
}

TEST_CASE("faults: a 429 back-off met by a client is waited out by another sharing its limits, before it sends") {
  Harness h;
  const auto shared = std::make_shared<RequestLimits>(6000);
  auto config = h.config();
  config.limits = shared;
  config.max_retries = 0;  // gives up at the 429: Binance's back-off is left in force
  RestClient limited(config);
  config.max_retries = 3;
  RestClient other(config);
  h.fake->inject(Fault{.http_status = 429, .path = "/api/v3/ticker/price", .retry_after_s = 7});
  CHECK(error_of([&] { (void)limited.ticker_price("BTCUSDT"); }).kind() == ErrorKind::rate_limited);
  CHECK(h.sleeps.empty());
  CHECK(h.fake->requests("/api/v3/ticker/price") == 0);

  CHECK(trimmed(other.ticker_price("BTCUSDT").price) == "100");
  CHECK(h.sleeps == std::vector<std::int64_t>{7000});  // the sleep moves the fake's clock: sent after it
  CHECK(other.stats().waited_ms == 7000);
  CHECK(other.stats().requests == 1);
  CHECK(h.fake->requests("/api/v3/ticker/price") == 1);

  // A back-off beyond the wait budget: refused at once, nothing sent.
  h.fake->inject(Fault{.http_status = 429, .path = "/api/v3/ticker/price", .retry_after_s = 600});
  CHECK(error_of([&] { (void)limited.ticker_price("BTCUSDT"); }).kind() == ErrorKind::rate_limited);
  h.sleeps.clear();
  const auto error = error_of([&] { (void)other.ticker_price("BTCUSDT"); });
  CHECK(error.kind() == ErrorKind::rate_limited);
  CHECK(std::string(error.what()).find("not sent") != std::string::npos);
  CHECK(h.sleeps.empty());
  CHECK(other.stats().requests == 1);
  CHECK(h.fake->requests("/api/v3/ticker/price") == 1);
}

TEST_CASE("faults: a 418 IP ban stops every request until the ban's end") {
  Harness h;
  auto& client = h.client();
  const std::int64_t ban_end = kStart + 120'000;
  h.fake->inject(Fault{.http_status = 418, .retry_after_s = 120, .ban_until_ms = ban_end});
  const auto error = error_of([&] { client.ping(); });
  CHECK(error.kind() == ErrorKind::ip_banned);
  CHECK(error.ban_until_ms() == ban_end);
  CHECK(std::string(error.what()).find(std::to_string(ban_end)) != std::string::npos);
  CHECK(client.banned_until_ms() == ban_end);

  const auto requests = client.stats().requests;
  const auto refused = error_of([&] { (void)client.ticker_price("BTCUSDT"); });
  CHECK(refused.kind() == ErrorKind::ip_banned);
  CHECK(refused.ban_until_ms() == ban_end);
  CHECK(client.stats().requests == requests);  // nothing was sent during the ban

  h.fake->set_time(ban_end);
  CHECK_NOTHROW(client.ping());
  CHECK(client.banned_until_ms() == 0);
}

TEST_CASE("faults: the client throttles itself before the weight limit, so the fake never answers 429") {
  auto options = Harness::default_options();
  options.weight_limit_1m = 100;
  Harness h(options);
  auto& client = h.client();
  (void)client.exchange_info();  // weight 20; adopts the limit of 100
  REQUIRE(client.weight_limit_1m() == 100);
  for (int i = 0; i < 100; ++i) (void)client.ticker_price("BTCUSDT");  // 2 each: 200 in all
  CHECK(client.stats().rate_limited == 0);
  CHECK(client.stats().throttle_waits >= 2);
  CHECK(client.stats().requests == 101);
  // Each wait ends just after a minute boundary of the server's clock.
  CHECK_FALSE(h.sleeps.empty());
  CHECK(h.fake->now_ms() >= kStart + 2 * kMinute);
  CHECK(h.fake->used_weight() <= 90);
}

TEST_CASE("faults: without throttling the fake enforces the weight limit with 429 and Retry-After") {
  auto options = Harness::default_options();
  options.weight_limit_1m = 10;
  Harness h(options);
  auto config = h.config();
  config.throttle_percent = 100000;  // never waits on its own
  config.max_retries = 0;
  RestClient client(config);
  for (int i = 0; i < 5; ++i) (void)client.ticker_price("BTCUSDT");
  const auto error = error_of([&] { (void)client.ticker_price("BTCUSDT"); });
  CHECK(error.kind() == ErrorKind::rate_limited);
  CHECK(std::string(error.what()).find("60000 ms") != std::string::npos);  // Retry-After: the next minute
}

TEST_CASE("faults: a 5xx on a GET is retried") {
  Harness h;
  auto& client = h.client();
  h.fake->inject(Fault{.http_status = 503, .path = "/api/v3/account"});
  h.fake->inject(Fault{.http_status = 502, .path = "/api/v3/account"});
  CHECK_NOTHROW((void)client.account());
  CHECK(client.stats().server_errors == 2);
  CHECK(client.stats().retries == 2);
}

TEST_CASE("faults: a 5xx before the order was placed: looked up, unknown, sent again, one order") {
  Harness h;
  auto& client = h.client();
  h.fake->inject(Fault{.http_status = 503, .method = "POST", .path = "/api/v3/order"});
  const auto order = client.create_order(buy_limit());
  CHECK(order.status == "NEW");
  CHECK(h.fake->orders_created() == 1);
  CHECK(client.stats().order_lookups == 1);
  CHECK(h.fake->requests("/api/v3/order") == 2);  // the lookup and the resend
}

TEST_CASE("faults: a 5xx after the order was placed: found by its client id, not sent again") {
  Harness h;
  auto& client = h.client();
  h.fake->inject(Fault{.http_status = 503, .method = "POST", .path = "/api/v3/order", .after_processing = true});
  auto request = buy_limit();
  request.client_order_id = "retry-1";
  const auto order = client.create_order(request);
  CHECK(order.status == "NEW");
  CHECK(order.client_order_id == "x-OCTOBOTretry-1");
  CHECK(h.fake->orders_created() == 1);
  CHECK(h.fake->open_order_count() == 1);
  CHECK(client.stats().order_lookups == 1);
}

TEST_CASE("faults: a market order filled before its 500: found filled, not placed twice") {
  Harness h;
  auto& client = h.client();
  h.fake->inject(Fault{.http_status = 500, .method = "POST", .path = "/api/v3/order", .after_processing = true});
  OrderRequest request;
  request.symbol = "BTCUSDT";
  request.side = OrderSide::buy;
  request.type = OrderType::market;
  request.quantity = "0.2";
  const auto order = client.create_order(request);
  CHECK(order.status == "FILLED");  // no open order holds the id any more: only the lookup can tell
  CHECK(h.fake->orders_created() == 1);
  CHECK(h.fake->free_balance("BTC") == "1.1998");
}

TEST_CASE("faults: an order creation timing out after placement is found, not duplicated") {
  Harness h;
  auto config = h.config();
  config.transport.request_timeout_ms = 600;
  RestClient client(config);
  h.fake->inject(Fault{.http_status = 0, .method = "POST", .path = "/api/v3/order", .delay_ms = 3000});
  const auto order = client.create_order(buy_limit());
  CHECK(order.status == "NEW");
  CHECK(h.fake->orders_created() == 1);
  CHECK(client.stats().timeouts == 1);
  CHECK(client.stats().order_lookups == 1);
}

TEST_CASE("faults: a slow GET beyond the timeout is retried; a dead server is a network error") {
  Harness h;
  auto config = h.config();
  config.transport.request_timeout_ms = 600;
  RestClient client(config);
  h.fake->inject(Fault{.http_status = 0, .path = "/api/v3/time", .delay_ms = 3000});
  CHECK(client.server_time() == kStart + 10);  // after one back-off of 10 ms (on the fake's clock)
  CHECK(client.stats().timeouts == 1);

  config.base_url = h.fake->base_url();
  h.fake.reset();  // nobody listens on that port any more
  config.max_retries = 1;
  config.clock = [] { return kStart; };  // the harness's clock and sleep used the fake
  config.sleep = [](std::chrono::milliseconds) {};
  RestClient orphan(config);
  const auto error = error_of([&] { orphan.ping(); });
  CHECK(error.kind() == ErrorKind::network);
  CHECK(error.http_status() == 0);
}

TEST_CASE("faults: bad signatures and bad keys are typed errors") {
  Harness h;
  {
    h.fake->set_bad_signature_mode(true);
    const auto error = error_of([&] { (void)h.client().account(); });
    CHECK(error.kind() == ErrorKind::invalid_signature);
    CHECK(error.code() == -1022);
    CHECK(std::string(error.what()).find("secret does not match") != std::string::npos);
    h.fake->set_bad_signature_mode(false);
    CHECK_NOTHROW((void)h.client().account());
  }
  {
    auto config = h.config();
    config.api_secret = "another-secret-entirely";
    RestClient client(config);
    CHECK(error_of([&] { (void)client.account(); }).kind() == ErrorKind::invalid_signature);
  }
  {
    auto config = h.config();
    config.api_key = "unknown-key-123456";
    RestClient client(config);
    const auto error = error_of([&] { (void)client.open_orders(); });
    CHECK(error.kind() == ErrorKind::invalid_api_key);
    CHECK(error.code() == -2015);
    CHECK(error.http_status() == 401);
  }
  {
    auto config = h.config();
    config.api_key.clear();
    RestClient client(config);
    const auto error = error_of([&] { (void)client.account(); });
    CHECK(error.kind() == ErrorKind::invalid_api_key);
    CHECK(error.code() == -2014);
  }
}

TEST_CASE("faults: clock skew is resynchronised once, or reported with the recvWindow") {
  Harness h;
  h.skew_ms = 10'000;  // the local clock 10 s ahead: Binance refuses timestamps from the future
  {
    auto config = h.config();
    config.resync_on_clock_skew = false;
    RestClient client(config);
    const auto error = error_of([&] { (void)client.account(); });
    CHECK(error.kind() == ErrorKind::clock_skew);
    CHECK(error.code() == -1021);
    CHECK(std::string(error.what()).find("5000 ms recvWindow") != std::string::npos);
    CHECK(std::string(error.what()).find("ahead of the server's time") != std::string::npos);
  }
  {
    RestClient client(h.config());
    CHECK_NOTHROW((void)client.account());
    CHECK(client.stats().time_syncs == 1);
    CHECK(client.time_offset_ms() == -10'000);
  }
  h.skew_ms = -6'000;  // 6 s behind: outside a 5 s recvWindow
  auto config = h.config();
  config.resync_on_clock_skew = false;
  RestClient late(config);
  const auto error = error_of([&] { (void)late.open_orders("BTCUSDT"); });
  CHECK(error.kind() == ErrorKind::clock_skew);
  CHECK(std::string(error.what()).find("outside of the recvWindow") != std::string::npos);
}

TEST_CASE("faults: neither the secret nor the key appears in any error message or log line") {
  Harness h;
  std::vector<std::string> messages;
  const auto collect = [&](auto&& call) {
    try {
      call();
    } catch (const BinanceError& error) {
      messages.emplace_back(error.what());
    }
  };
  auto& client = h.client();
  h.fake->set_bad_signature_mode(true);
  collect([&] { (void)client.account(); });
  h.fake->set_bad_signature_mode(false);
  collect([&] { client.create_order(buy_limit("95.001")); });
  OrderRequest too_big = buy_limit();
  too_big.quantity = "500";
  collect([&] { client.create_order(too_big); });
  h.fake->inject(Fault{.http_status = 503, .method = "POST", .path = "/api/v3/order", .after_processing = true});
  collect([&] { client.create_order(buy_limit()); });
  h.fake->inject(Fault{.http_status = 418, .retry_after_s = 1});
  collect([&] { client.ping(); });
  collect([&] { client.ping(); });
  h.fake->advance(2000);
  h.fake->inject(Fault{.http_status = 429, .retry_after_s = 1});
  collect([&] { client.ping(); });
  {
    auto config = h.config();
    config.api_key = std::string(kApiKey) + "x";  // an unknown key that contains the real one
    RestClient other(config);
    collect([&] { (void)other.account(); });
  }
  {
    auto config = h.config();
    config.resync_on_clock_skew = false;
    h.skew_ms = 30'000;
    RestClient skewed(config);
    collect([&] { (void)skewed.account(); });
    h.skew_ms = 0;
  }
  REQUIRE(messages.size() >= 6);
  REQUIRE(h.logs.size() >= 10);
  for (const auto& text : messages) {
    CHECK(text.find(kApiSecret) == std::string::npos);
    CHECK(text.find(kApiKey) == std::string::npos);
  }
  for (const auto& line : h.logs) {
    CHECK(line.find(kApiSecret) == std::string::npos);
    CHECK(line.find(kApiKey) == std::string::npos);
  }
}

TEST_CASE("faults: a cancel with an unknown outcome is settled by looking the order up") {
  Harness h;
  auto& client = h.client();
  const auto first = client.create_order(buy_limit());
  const auto second = client.create_order(buy_limit("91"));
  // Cancelled, then the answer lost: the lookup shows it cancelled, nothing is sent again.
  h.fake->inject(Fault{.http_status = 503, .method = "DELETE", .after_processing = true});
  CHECK(client.cancel_order("BTCUSDT", first.order_id).status == "CANCELED");
  CHECK(client.stats().order_lookups == 1);
  // Refused before the cancel happened: the lookup shows it open, the cancel is sent once more.
  h.fake->inject(Fault{.http_status = 503, .method = "DELETE"});
  CHECK(client.cancel_order("BTCUSDT", second.client_order_id).status == "CANCELED");
  CHECK(client.stats().order_lookups == 2);
  CHECK(h.fake->open_order_count() == 0);
  CHECK(h.fake->free_balance("USDT") == "10000");
}
