// The REST client with an Ed25519 API key against the fake registered with its public key: signed
// calls verified (the base64 signature URL-encoded), another key's signatures refused with -1022,
// a key of a type Binance keys may be but this client does not sign with (RSA) refused at once, and
// the private key never in a message or log line.
#include <string>
#include <vector>

#include "harness.hpp"
#include "test_keys.hpp"

namespace {

using namespace octobot::binance;
using namespace octobot::binance::testing;

octobot::testing::FakeBinanceOptions ed25519_options(const TestKeyPair& key) {
  auto options = Harness::default_options();
  options.api_public_key_pem = key.public_pem;
  return options;
}

}  // namespace

TEST_CASE("REST Ed25519: signed calls pass the fake's verification, the base64 signature URL-encoded") {
  const TestKeyPair key = new_ed25519_key();
  Harness h(ed25519_options(key));
  auto config = h.config();
  config.api_secret = key.private_pem;
  RestClient client(config);
  // Many signatures: with + and / in about 3 of 4 base64 signatures, one sent unescaped would be read
  // as a space or a separator by the server and refused.
  const Account account = client.account();
  CHECK(trimmed(account.find("USDT")->free) == "10000");
  std::vector<Order> placed;
  for (const char* price : {"90", "90.5", "91", "91.5", "92", "92.5", "93", "93.5"}) {
    placed.push_back(client.create_order(limit_order(OrderSide::buy, "0.1", price)));
  }
  CHECK(client.open_orders("BTC/USDT").size() == placed.size());
  CHECK(client.order("BTC/USDT", placed.front().client_order_id).status == "NEW");
  for (const Order& order : placed) CHECK(client.cancel_order("BTC/USDT", order.order_id).status == "CANCELED");
  CHECK(h.fake->open_order_count() == 0);
  CHECK(client.stats().requests >= 19);
  CHECK(client.stats().retries == 0);
}

TEST_CASE("REST Ed25519: another key's signature, or an HMAC secret, is refused with Binance's -1022") {
  const TestKeyPair registered = new_ed25519_key();
  Harness h(ed25519_options(registered));
  {
    auto config = h.config();
    config.api_secret = new_ed25519_key().private_pem;  // not the key registered for this API key
    RestClient client(config);
    const auto error = error_of([&] { (void)client.account(); });
    CHECK(error.kind() == ErrorKind::invalid_signature);
    CHECK(error.code() == -1022);
    CHECK(std::string(error.what()).find("Signature for this request is not valid.") != std::string::npos);
  }
  {
    RestClient client(h.config());  // kApiSecret: an HMAC signature for an Ed25519 key
    CHECK(error_of([&] { (void)client.account(); }).code() == -1022);
  }
  // The fake in bad-signature mode refuses even the right key (the HMAC path's switch).
  auto config = h.config();
  config.api_secret = registered.private_pem;
  RestClient client(config);
  CHECK_NOTHROW((void)client.account());
  h.fake->set_bad_signature_mode(true);
  CHECK(error_of([&] { (void)client.account(); }).code() == -1022);
}

TEST_CASE("REST Ed25519: an RSA private key is refused when the client is made, saying what it is") {
  Harness h;
  auto config = h.config();
  const TestKeyPair rsa = new_rsa_key();
  config.api_secret = rsa.private_pem;
  try {
    RestClient client(config);
    FAIL("an RSA secret was accepted");
  } catch (const SigningKeyError& error) {
    const std::string message = error.what();
    INFO(message);
    CHECK(message.find("RSA private key") != std::string::npos);
    CHECK(message.find("Ed25519") != std::string::npos);
    CHECK(message.find(pem_body(rsa.private_pem).substr(0, 20)) == std::string::npos);
  }
  CHECK(h.fake->requests("/api/v3/account") == 0);
}

TEST_CASE("REST Ed25519: the private key appears in no error message or log line") {
  const TestKeyPair key = new_ed25519_key();
  Harness h(ed25519_options(key));
  auto config = h.config();
  config.api_secret = key.private_pem;
  RestClient client(config);
  std::vector<std::string> messages;
  const auto collect = [&](auto&& call) {
    try {
      call();
    } catch (const BinanceError& error) {
      messages.emplace_back(error.what());
    }
  };
  h.fake->set_bad_signature_mode(true);
  collect([&] { (void)client.account(); });
  h.fake->set_bad_signature_mode(false);
  collect([&] { client.create_order(limit_order(OrderSide::buy, "0.1", "95.001")); });
  h.fake->inject({.http_status = 503, .method = "POST", .path = "/api/v3/order", .after_processing = true});
  collect([&] { client.create_order(limit_order(OrderSide::buy, "0.1", "90")); });
  h.fake->inject({.http_status = 429, .retry_after_s = 1});
  collect([&] { client.ping(); });
  REQUIRE(messages.size() >= 2);
  REQUIRE(h.logs.size() >= 3);
  const std::string body = pem_body(key.private_pem);
  std::vector<std::string> said = messages;
  said.insert(said.end(), h.logs.begin(), h.logs.end());
  for (const auto& text : said) {
    INFO(text);
    CHECK(text.find(body) == std::string::npos);
    CHECK(text.find(body.substr(16, 24)) == std::string::npos);
    CHECK(text.find(kApiKey) == std::string::npos);
  }
}
