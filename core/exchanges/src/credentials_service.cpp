#include <octobot/exchanges/credentials_service.hpp>
#include <octobot/tentacles/host_services.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace octobot::exchanges {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void write_error(ob_error* error, const std::string& message) {
  if (error == nullptr) return;
  std::snprintf(error->message, sizeof(error->message), "%s", message.c_str());
}

}  // namespace

CredentialsService::CredentialsService(const commons::UserConfig& config)
    : table_{OB_HEADER_INIT(ob_credentials_service_v1), this, &CredentialsService::get} {
  for (const auto& name : config.exchanges()) {
    if (auto credentials = config.credentials(name)) credentials_.emplace(lower(name), std::move(*credentials));
  }
}

CredentialsService::CredentialsService(const std::map<std::string, commons::ExchangeCredentials>& credentials)
    : table_{OB_HEADER_INIT(ob_credentials_service_v1), this, &CredentialsService::get} {
  for (const auto& [name, value] : credentials) credentials_.emplace(lower(name), value);
}

void CredentialsService::register_on(tentacles::HostServices& services) const {
  services.register_service(OB_SERVICE_CREDENTIALS_V1, &table_);
}

bool CredentialsService::has(std::string_view exchange) const {
  const auto it = credentials_.find(lower(exchange));
  return it != credentials_.end() && !it->second.api_key.empty();
}

ob_status CredentialsService::get(void* context, const char* exchange, const char* name, char* buffer,
                                  uint64_t capacity, uint64_t* length, ob_error* error) {
  const auto* self = static_cast<const CredentialsService*>(context);
  if (exchange == nullptr || name == nullptr || (buffer == nullptr && capacity > 0)) {
    write_error(error, "credentials/1 get: exchange, name and buffer are required");
    return OB_ERROR_INVALID_ARGUMENT;
  }
  const auto it = self->credentials_.find(lower(exchange));
  const commons::Secret* secret = nullptr;
  if (it != self->credentials_.end()) {
    if (std::strcmp(name, OB_CREDENTIAL_API_KEY) == 0) secret = &it->second.api_key;
    if (std::strcmp(name, OB_CREDENTIAL_API_SECRET) == 0) secret = &it->second.api_secret;
    if (std::strcmp(name, OB_CREDENTIAL_API_PASSWORD) == 0) secret = &it->second.api_password;
  }
  if (secret == nullptr || secret->empty()) {
    write_error(error, std::string("no ") + name + " for exchange " + exchange +
                           " in config.json (`octobot config set-key " + exchange + "` sets one)");
    return OB_ERROR_NOT_FOUND;
  }
  const std::string_view value = secret->reveal();
  if (length != nullptr) *length = value.size();
  if (capacity > 0) {
    const std::size_t copied = std::min<std::size_t>(value.size(), capacity - 1);
    std::memcpy(buffer, value.data(), copied);
    buffer[copied] = '\0';
  }
  return OB_OK;
}

}  // namespace octobot::exchanges
