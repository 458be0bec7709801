// "credentials/1" (exchange.h): the exchange accounts' API credentials, decrypted from config.json
// once when the service is built and handed to connectors on request. Held as commons::Secret (wiped
// when the service goes), never logged: the service's own messages name the exchange and the field,
// never a value.
//
// THREAD: get is [any-thread] (the map is read-only after construction).
#pragma once

#include <octobot/commons/user_config.hpp>
#include <octobot/exchange.h>

#include <map>
#include <string>
#include <string_view>

namespace octobot::tentacles {
class HostServices;
}

namespace octobot::exchanges {

class CredentialsService {
 public:
  // Every exchange of `config` that has an api-key. Throws std::runtime_error (naming the field,
  // never its value) when a stored credential cannot be decrypted.
  explicit CredentialsService(const commons::UserConfig& config);
  // Exchange name (any case) -> credentials.
  explicit CredentialsService(const std::map<std::string, commons::ExchangeCredentials>& credentials);
  CredentialsService(const CredentialsService&) = delete;
  CredentialsService& operator=(const CredentialsService&) = delete;

  // Registers the table under OB_SERVICE_CREDENTIALS_V1; the service must outlive `services`' use.
  void register_on(tentacles::HostServices& services) const;
  [[nodiscard]] const ob_credentials_service_v1* table() const noexcept { return &table_; }
  // Whether `exchange` (any case) has an API key.
  [[nodiscard]] bool has(std::string_view exchange) const;

 private:
  static ob_status get(void* context, const char* exchange, const char* name, char* buffer, uint64_t capacity,
                       uint64_t* length, ob_error* error);

  std::map<std::string, commons::ExchangeCredentials, std::less<>> credentials_;  // lower-case names
  ob_credentials_service_v1 table_;
};

}  // namespace octobot::exchanges
