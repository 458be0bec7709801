#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/secret_box.hpp>

#include <sys/stat.h>

#include "temp_dir.hpp"

using namespace octobot::commons;

TEST_CASE("a credential encrypts to the stored form and back, with a fresh nonce each time", "[secret_box]") {
  const SecretBox box = SecretBox::from_material(std::string(32, 'k'));
  const Secret secret("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
  const std::string first = box.encrypt(secret);
  const std::string second = box.encrypt(secret);
  CHECK(SecretBox::is_encrypted(first));
  CHECK(first != second);  // a random nonce per value: equal secrets do not look equal on disk
  CHECK(first.find("NhqPtmd") == std::string::npos);
  CHECK(box.decrypt(first) == secret);
  CHECK(box.decrypt(second) == secret);
  CHECK(box.decrypt(box.encrypt(Secret(""))).empty());
}

TEST_CASE("a value edited by hand or encrypted under another secret is refused, not garbled", "[secret_box]") {
  const SecretBox box = SecretBox::from_material(std::string(32, 'k'));
  const SecretBox other = SecretBox::from_material(std::string(32, 'o'));
  std::string stored = box.encrypt(Secret("my-api-secret"));
  CHECK_THROWS_WITH(other.decrypt(stored), Catch::Contains("does not authenticate"));
  stored[stored.size() - 6] = stored[stored.size() - 6] == 'A' ? 'B' : 'A';
  CHECK_THROWS_WITH(box.decrypt(stored), Catch::Contains("does not authenticate"));
  CHECK_THROWS_WITH(box.decrypt("enc:v1:!!!!"), Catch::Contains("damaged"));
  CHECK_THROWS_WITH(box.decrypt("plain-text-key"),
                    Catch::Contains("found a value in clear") && !Catch::Contains("plain-text-key"));
}

TEST_CASE("the local secret file is created once, private, and reused", "[secret_box]") {
  octobot::testing::TempDir dir;
  const auto key_file = dir / "user" / "local_secret.key";
  const std::string stored = SecretBox::from_key_file(key_file).encrypt(Secret("value"));
  struct stat info {};
  REQUIRE(::stat(key_file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(read_text_file(key_file).size() == 32);
  CHECK(SecretBox::from_key_file(key_file).decrypt(stored) == Secret("value"));

  write_file_atomically(key_file, "short");
  CHECK_THROWS_WITH(SecretBox::from_key_file(key_file),
                    Catch::Contains("holds 5 bytes, expected 32") && Catch::Contains("local_secret.key"));
}

TEST_CASE("a secret shows only its length", "[secret_box]") {
  CHECK(Secret("abcdef").redacted() == "<secret, 6 characters>");
  CHECK(Secret().redacted() == "<empty>");
  Secret moved("xyz");
  const Secret target = std::move(moved);
  CHECK(target.reveal() == "xyz");
}
