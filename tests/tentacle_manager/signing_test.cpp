// Ed25519 signatures: a signature verifies only the exact bytes, only with its key; keys of another
// type and malformed signature files are refused with the fix.
#include <catch2/catch.hpp>
#include <octobot/tentacle_manager/signing.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "temp_dir.hpp"

namespace {

using Catch::Matchers::Contains;
using namespace octobot::tentacle_manager;

}  // namespace

TEST_CASE("a signature verifies the signed bytes with the signer's key, nothing else", "[signing]") {
  const auto pair = generate_ed25519_key_pair();
  const auto other = generate_ed25519_key_pair();
  const auto private_key = Ed25519PrivateKey::from_pem(pair.private_pem, "test key");
  const auto public_key = Ed25519PublicKey::from_pem(pair.public_pem, "test key");
  const auto other_public = Ed25519PublicKey::from_pem(other.public_pem, "other key");
  CHECK(private_key.key_id() == public_key.key_id());
  CHECK(public_key.key_id().size() == 64);
  CHECK(public_key.key_id() != other_public.key_id());

  const std::string manifest = R"({"name": "x", "files": []})";
  const std::string signature = private_key.sign(manifest);
  CHECK(signature.size() == 64);
  CHECK(public_key.verify(manifest, signature));
  CHECK_FALSE(public_key.verify(manifest + " ", signature));
  CHECK_FALSE(other_public.verify(manifest, signature));
  std::string flipped = signature;
  flipped[10] = static_cast<char>(flipped[10] ^ 0x01);
  CHECK_FALSE(public_key.verify(manifest, flipped));
  CHECK_FALSE(public_key.verify(manifest, signature.substr(0, 63)));
}

TEST_CASE("keys that are not Ed25519 PEM keys are refused with how to make one", "[signing]") {
  CHECK_THROWS_WITH(Ed25519PublicKey::from_pem("not a key", "config.json: tentacles.trusted-keys[0]"),
                    Contains("config.json: tentacles.trusted-keys[0]: expected a PEM public key"));
  CHECK_THROWS_WITH(
      Ed25519PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "k.pem"),
      Contains("openssl genpkey -algorithm ed25519"));
  EVP_PKEY* ec = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  REQUIRE(ec != nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, ec);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  const std::string pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(ec);
  CHECK_THROWS_WITH(Ed25519PublicKey::from_pem(pem, "ec.pub.pem"),
                    Contains("ec.pub.pem: expected an Ed25519 public key, found a EC key"));
}

TEST_CASE("signature files round-trip; malformed ones are refused", "[signing]") {
  const auto pair = generate_ed25519_key_pair();
  const auto key = Ed25519PrivateKey::from_pem(pair.private_pem, "k");
  const DetachedSignature signature{key.key_id(), key.sign("data")};
  const auto parsed = parse_signature_file(format_signature_file(signature), "manifest.sig");
  CHECK(parsed.key_id == signature.key_id);
  CHECK(parsed.signature == signature.signature);

  CHECK_THROWS_WITH(parse_signature_file("{", "manifest.sig"), Contains("bad signature file"));
  CHECK_THROWS_WITH(parse_signature_file(R"({"algorithm": "rsa", "key_id": "a", "signature": "AA=="})", "manifest.sig"),
                    Contains("expected \"algorithm\": \"ed25519\", found \"rsa\""));
  CHECK_THROWS_WITH(
      parse_signature_file(R"({"algorithm": "ed25519", "key_id": "a", "signature": "AAAA"})", "manifest.sig"),
      Contains("base64 of 64 bytes"));
}

TEST_CASE("base64 round-trips every length", "[signing]") {
  std::string bytes;
  for (int length = 0; length < 70; ++length) {
    INFO(length);
    const auto decoded = base64_decode(base64_encode(bytes));
    REQUIRE(decoded);
    CHECK(*decoded == bytes);
    bytes += static_cast<char>(length * 37);
  }
  CHECK_FALSE(base64_decode("abc"));
  CHECK_FALSE(base64_decode("a!b?"));
}
