#include <catch2/catch.hpp>

#include <octobot_binance/signing.hpp>
#include <octobot_binance/types.hpp>

#include "test_keys.hpp"

using namespace octobot::binance;
using namespace octobot::binance::testing;

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
  signer.append_signature(query, out);
  CHECK(out == "signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  // Each call starts over with the same key: a second payload, then the first again.
  std::string other;
  signer.append_signature(query + "0", other);
  CHECK(other == hmac_sha256_hex(secret, query + "0"));
  std::string again;
  signer.append_signature(query, again);
  CHECK(again == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  // RFC 4231's long key (hashed first) and the empty key.
  const std::string long_key(131, '\xaa');
  RequestSigner long_signer(long_key);
  std::string rfc;
  long_signer.append_signature("Test Using Larger Than Block-Size Key - Hash Key First", rfc);
  CHECK(rfc == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  RequestSigner empty_key("");
  std::string empty;
  empty_key.append_signature("", empty);
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

TEST_CASE("signing: an Ed25519 PEM secret signs in base64, RFC 8032 test 1 and a signature pinned with openssl") {
  const TestKeyPair rfc = rfc8032_test1_key();
  REQUIRE(rfc.private_pem.starts_with("-----BEGIN PRIVATE KEY-----"));
  // The public key RFC 8032 gives for this secret (d75a98...511a, in its SubjectPublicKeyInfo).
  CHECK(rfc.public_pem.find("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=") != std::string::npos);
  RequestSigner signer(rfc.private_pem);
  CHECK(signer.key_type() == KeyType::ed25519);
  CHECK(std::string(to_string(signer.key_type())) == "Ed25519");
  // RFC 8032 TEST 1's signature of the empty message (e55643...100b), in base64.
  std::string empty;
  signer.append_signature("", empty);
  CHECK(empty == "5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc+bRr0lv18FlbviRlUUFDjnoQCw==");
  // Binance's REST example query, signed by `printf '%s' QUERY | openssl pkeyutl -sign -rawin -inkey
  // rfc8032-test1.pem | base64 -w0` (OpenSSL 3.0.19), appended to what is already there.
  const std::string query =
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
  std::string out = "signature=";
  signer.append_signature(query, out);
  CHECK(out == "signature=3fhuDZ9nYMviDQ5OEtJBJS11jUZDTRzRQ+TQMarm+LErFiJvUiVPQjTzDoWZQe4miPX+yHk1v/Z7TWLYjIbmCA==");
  // Call after call the same key: another text, then the first again (Ed25519 is deterministic).
  std::string subscribe;
  signer.append_signature(
      "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&recvWindow=5000&timestamp=1645423376532",
      subscribe);
  CHECK(subscribe == "/tbPJx0Zo5zAmY+8oTeSCKwI/zkqqTA0X4Q83Rzd8xddOqiI9Gmzt13Pb25vhcF4+SZzYaUZYa0aQ4XT3G4BCw==");
  std::string again;
  signer.append_signature(query, again);
  CHECK("signature=" + again == out);
  // On REST the base64 goes URL-encoded (+ / = are not plain text in a query string).
  CHECK(url_encode(again) ==
        "3fhuDZ9nYMviDQ5OEtJBJS11jUZDTRzRQ%2BTQMarm%2BLErFiJvUiVPQjTzDoWZQe4miPX%2ByHk1v%2FZ7TWLYjIbmCA%3D%3D");
  // Leading white space (a pasted key) is still a PEM; any other text is an HMAC secret.
  CHECK(is_pem("\n  " + rfc.private_pem));
  CHECK_FALSE(is_pem("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"));
  CHECK(RequestSigner("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j").key_type() ==
        KeyType::hmac_sha256);
  CHECK(RequestSigner("\n" + rfc.private_pem).key_type() == KeyType::ed25519);
}

namespace {

// The SigningKeyError a secret gets (the test fails when it signs).
std::string refusal_of(const std::string& secret) {
  try {
    RequestSigner signer(secret);
  } catch (const SigningKeyError& error) {
    return error.what();
  }
  FAIL("the secret was accepted");
  return {};
}

}  // namespace

TEST_CASE("signing: a PEM that is not an unencrypted Ed25519 private key is refused, naming what it is") {
  const TestKeyPair rsa = new_rsa_key();
  const std::string rsa_refused = refusal_of(rsa.private_pem);
  INFO(rsa_refused);
  CHECK(rsa_refused.find("an RSA private key") != std::string::npos);
  CHECK(rsa_refused.find("Ed25519 private key as unencrypted PKCS#8 PEM") != std::string::npos);

  const std::string ec_refused = refusal_of(new_ec_key().private_pem);
  CHECK(ec_refused.find("an EC (ECDSA) private key") != std::string::npos);
  // The same keys in OpenSSL's traditional form.
  const std::string rsa_traditional = traditional_pem(rsa.private_pem);
  REQUIRE(rsa_traditional.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
  CHECK(refusal_of(rsa_traditional).find("an RSA private key") != std::string::npos);
  const std::string ec_traditional = traditional_pem(new_ec_key().private_pem);
  REQUIRE(ec_traditional.starts_with("-----BEGIN EC PRIVATE KEY-----"));
  CHECK(refusal_of(ec_traditional).find("an EC (ECDSA) private key") != std::string::npos);

  const TestKeyPair ed = new_ed25519_key();
  const std::string public_refused = refusal_of(ed.public_pem);
  CHECK(public_refused.find("is a public key") != std::string::npos);

  const std::string encrypted = new_encrypted_ed25519_pem();
  REQUIRE(encrypted.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
  CHECK(refusal_of(encrypted).find("encrypted (pass-phrase protected)") != std::string::npos);

  // A damaged PEM: its END line lost, 3 base64 characters lost, 20 lost (still whole base64 groups,
  // no key any more), then one whose base64 is not a key at all.
  const std::string cut = ed.private_pem.substr(0, ed.private_pem.find("-----END"));
  const std::string cut_refused = refusal_of(cut);
  CHECK(cut_refused.find("not a well-formed one") != std::string::npos);
  CHECK(refusal_of(std::string(ed.private_pem).erase(40, 3)).find("not a well-formed one") != std::string::npos);
  CHECK(refusal_of(std::string(ed.private_pem).erase(40, 20)).find("does not hold a readable private key") !=
        std::string::npos);
  const std::string not_a_key = refusal_of("-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n");
  CHECK(not_a_key.find("does not hold a readable private key") != std::string::npos);
  CHECK(refusal_of("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").find("\"CERTIFICATE\"") !=
        std::string::npos);

  // No message quotes the secret, whole or a line of it.
  for (const auto& [secret, message] : {std::pair{rsa.private_pem, rsa_refused}, std::pair{cut, cut_refused}}) {
    const std::string body = pem_body(secret);
    CHECK(message.find(body.substr(0, 16)) == std::string::npos);
    CHECK(message.find(body.substr(body.size() / 2, 16)) == std::string::npos);
  }
}

TEST_CASE("signing: credentials are redacted, a PEM secret whole and line by line") {
  const TestKeyPair ed = new_ed25519_key();
  const std::string body = pem_body(ed.private_pem);
  const std::string text = "whole: " + ed.private_pem + " line: " + body + " key: the-key-123";
  const std::string redacted = redact_credentials(text, "the-key-123", ed.private_pem);
  INFO(redacted);
  CHECK(redacted.find(body) == std::string::npos);
  CHECK(redacted.find("the-key-123") == std::string::npos);
  CHECK(redacted.find("<redacted>") != std::string::npos);
  // An HMAC secret is hidden where it appears, nothing else touched.
  CHECK(redact_credentials("a secret-xyz b", "", "secret-xyz") == "a <redacted> b");
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
