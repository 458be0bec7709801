#include <catch2/catch.hpp>

#include <octobot_binance/signing.hpp>
#include <octobot_binance/types.hpp>

using namespace octobot::binance;

TEST_CASE("signing: HMAC-SHA256 equals the signature of Binance's documented example") {
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api (SIGNED endpoint examples).
  const std::string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  const std::string query =
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
  CHECK(hmac_sha256_hex(secret, query) == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  // One changed character changes the signature.
  CHECK(hmac_sha256_hex(secret, query + "0") != "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

TEST_CASE("signing: HMAC-SHA256 matches RFC 4231, keys shorter and longer than the block") {
  // Test case 2: a 4-byte key.
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a 131-byte key, hashed first.
  CHECK(hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  // An empty payload and an empty key are valid HMAC inputs (RFC 2104).
  CHECK(hmac_sha256_hex("", "") == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST_CASE("signing: the keyed RequestSigner gives the same signatures, call after call, appended to the text") {
  const std::string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  const std::string query =
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
  RequestSigner signer(secret);
  std::string out = "signature=";
  signer.append_hex(query, out);
  CHECK(out == "signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  // Each call starts over with the same key: a second payload, then the first again.
  std::string other;
  signer.append_hex(query + "0", other);
  CHECK(other == hmac_sha256_hex(secret, query + "0"));
  std::string again;
  signer.append_hex(query, again);
  CHECK(again == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  // RFC 4231's long key (hashed first) and the empty key.
  const std::string long_key(131, '\xaa');
  RequestSigner long_signer(long_key);
  std::string rfc;
  long_signer.append_hex("Test Using Larger Than Block-Size Key - Hash Key First", rfc);
  CHECK(rfc == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  RequestSigner empty_key("");
  std::string empty;
  empty_key.append_hex("", empty);
  CHECK(empty == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST_CASE("signing: the WebSocket API signs its params sorted by name, and Binance's documented example matches") {
  // Binance's WebSocket API "SIGNED request example (HMAC)" (order.place), params given out of order:
  // the signed text is them sorted by name, the signature itself left out.
  const std::string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  const std::string key = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  const std::string payload = ws_api_signature_payload({{"symbol", "BTCUSDT"},
                                                        {"side", "SELL"},
                                                        {"type", "LIMIT"},
                                                        {"timeInForce", "GTC"},
                                                        {"quantity", "0.01000000"},
                                                        {"price", "52000.00"},
                                                        {"newOrderRespType", "ACK"},
                                                        {"recvWindow", "100"},
                                                        {"timestamp", "1645423376532"},
                                                        {"apiKey", key},
                                                        {"signature", "not-signed"}});
  CHECK(payload ==
        "apiKey=" + key +
            "&newOrderRespType=ACK&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT"
            "&timeInForce=GTC&timestamp=1645423376532&type=LIMIT");
  CHECK(hmac_sha256_hex(secret, payload) == "cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a");
  // The user-data subscription's own text (hand-computed: printf '%s' PAYLOAD | openssl dgst -sha256 -hmac SECRET).
  const std::string subscribe =
      ws_api_signature_payload({{"timestamp", "1645423376532"}, {"recvWindow", "5000"}, {"apiKey", key}});
  CHECK(subscribe == "apiKey=" + key + "&recvWindow=5000&timestamp=1645423376532");
  CHECK(hmac_sha256_hex(secret, subscribe) == "4e969a560f7877137f387f0ee2ba91209b365e088880f469d65dd7673e132988");
  CHECK(ws_api_signature_payload({}).empty());
}

TEST_CASE("signing: values are form-encoded except RFC 3986 unreserved characters") {
  CHECK(url_encode("BTCUSDT") == "BTCUSDT");
  CHECK(url_encode("x-OCTOBOT_a.b~c") == "x-OCTOBOT_a.b~c");
  CHECK(url_encode("[\"BTCUSDT\",\"ETHUSDT\"]") == "%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D");
  CHECK(url_encode("a b/c:d") == "a%20b%2Fc%3Ad");
}

TEST_CASE("types: symbols and step decimals") {
  CHECK(to_exchange_symbol("BTC/USDT") == "BTCUSDT");
  CHECK(to_exchange_symbol("BTCUSDT") == "BTCUSDT");
  CHECK(to_exchange_symbol("BTC/USDT:USDT") == "BTCUSDT");
  CHECK(step_decimals("0.01000000") == 2);
  CHECK(step_decimals("0.00001000") == 5);
  CHECK(step_decimals("1.00000000") == 0);
  CHECK(step_decimals("10") == 0);
}
