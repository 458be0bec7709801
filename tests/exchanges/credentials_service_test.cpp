// credentials/1: the decrypted credentials of an account, copied into the caller's buffer; a
// missing one is OB_ERROR_NOT_FOUND with a message that names the field, never a value.
#include <catch2/catch.hpp>
#include <octobot/exchanges/credentials_service.hpp>

#include <string>

#include "temp_dir.hpp"

namespace {

using namespace octobot;

std::string get(const exchanges::CredentialsService& service, const char* exchange, const char* name, ob_status& status,
                std::string& message, std::uint64_t capacity = 256) {
  std::string buffer(capacity, '\0');
  std::uint64_t length = 0;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  const auto* table = service.table();
  status = table->get(table->context, exchange, name, buffer.data(), capacity, &length, &error);
  message = error.message;
  if (status != OB_OK) return {};
  CHECK(length >= std::string(buffer.c_str()).size());
  return buffer.c_str();
}

}  // namespace

TEST_CASE("credentials/1 serves the decrypted key and secret of config.json", "[exchanges]") {
  octobot::testing::TempDir dir;
  auto config = commons::UserConfig::open(dir.path());
  config.set_credentials("binance", {commons::Secret("my-api-key"), commons::Secret("my-api-secret"), {}});
  const exchanges::CredentialsService service(config);
  ob_status status = OB_OK;
  std::string message;
  CHECK(get(service, "binance", OB_CREDENTIAL_API_KEY, status, message) == "my-api-key");
  CHECK(status == OB_OK);
  CHECK(get(service, "Binance", OB_CREDENTIAL_API_SECRET, status, message) == "my-api-secret");
  CHECK(service.has("BINANCE"));
  CHECK_FALSE(service.has("kraken"));

  // Truncated to the capacity, with the full length reported.
  CHECK(get(service, "binance", OB_CREDENTIAL_API_SECRET, status, message, 4) == "my-");

  // A missing credential names what is missing, never a value.
  CHECK(get(service, "binance", OB_CREDENTIAL_API_PASSWORD, status, message).empty());
  CHECK(status == OB_ERROR_NOT_FOUND);
  CHECK(message.find("api_password") != std::string::npos);
  CHECK(message.find("my-api") == std::string::npos);
  CHECK(get(service, "kraken", OB_CREDENTIAL_API_KEY, status, message).empty());
  CHECK(status == OB_ERROR_NOT_FOUND);
}
