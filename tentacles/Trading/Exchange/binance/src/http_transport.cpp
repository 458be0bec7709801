#include <curl/curl.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <octobot_binance/http_transport.hpp>

#include "ca_file.hpp"
#include "whole_integer.hpp"

namespace octobot::binance {

const char* to_string(HttpMethod method) noexcept {
  switch (method) {
    case HttpMethod::get:
      return "GET";
    case HttpMethod::post:
      return "POST";
    case HttpMethod::put:
      return "PUT";
    case HttpMethod::del:
      return "DELETE";
  }
  return "?";
}

namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
  return detail::whole_integer(text);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& response = *static_cast<HttpResponse*>(user);
  const std::string_view line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto value = line.substr(colon + 1);
    if (name == "x-mbx-used-weight-1m") response.used_weight_1m = parse_int(value);
    if (name == "retry-after") response.retry_after_s = parse_int(value);
  }
  return size * count;
}

// Called by libcurl (OpenSSL backend) with a new connection's context before its handshake: the
// extra CA file joins the store curl filled with the system's CAs. CURLOPT_CAINFO would replace that
// bundle, and the WebSocket client adds the file to the system's store too: one meaning for both.
CURLcode add_ca_file(CURL*, void* ssl_context, void* path) {
  if (SSL_CTX_load_verify_locations(static_cast<SSL_CTX*>(ssl_context), static_cast<const char*>(path), nullptr) != 1) {
    return CURLE_SSL_CACERT_BADFILE;
  }
  return CURLE_OK;
}

// Failures of the TLS handshake, whose libcurl detail (the error buffer: the certificate's problem,
// never the URL's parameters or the headers) the user needs to act.
bool is_tls_failure(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR || code == CURLE_SSL_CACERT_BADFILE;
}

}  // namespace

struct HttpTransport::Impl {
  CURL* handle = nullptr;
  TransportOptions options;
  std::int64_t connections = 0;
};

HttpTransport::HttpTransport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  global_init_once();
  impl_->options = std::move(options);
  if (!impl_->options.ca_file.empty()) check_ca_file(impl_->options.ca_file);
  impl_->handle = curl_easy_init();
  if (impl_->handle == nullptr) throw std::runtime_error("libcurl: curl_easy_init failed");
}

HttpTransport::~HttpTransport() {
  if (impl_ && impl_->handle != nullptr) curl_easy_cleanup(impl_->handle);
}

std::int64_t HttpTransport::connections_opened() const noexcept { return impl_->connections; }

HttpResponse HttpTransport::perform(HttpMethod method, const std::string& url, const std::vector<std::string>& headers,
                                    std::string_view body) {
  CURL* curl = impl_->handle;
  // Options are set again on each request, but the handle (and with it the connection cache) stays.
  curl_easy_reset(curl);
  HttpResponse response;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl_->options.connect_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->options.request_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, impl_->options.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  char detail[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
  const std::string& ca_file = impl_->options.ca_file;
  if (!ca_file.empty() && (curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, &add_ca_file) != CURLE_OK ||
                           curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, ca_file.c_str()) != CURLE_OK)) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());  // a libcurl without OpenSSL: the file alone
  }
  switch (method) {
    case HttpMethod::get:
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
      break;
    case HttpMethod::post:
      curl_easy_setopt(curl, CURLOPT_POST, 1L);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
      break;
    case HttpMethod::put:
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");  // parameters in the query, no body
      break;
    case HttpMethod::del:
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
      break;
  }
  curl_slist* list = nullptr;
  for (const auto& header : headers) list = curl_slist_append(list, header.c_str());
  if (method == HttpMethod::post) list = curl_slist_append(list, "Content-Type: application/x-www-form-urlencoded");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);
  long new_connections = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &new_connections);
  impl_->connections += new_connections;
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // `detail` ends with this call
  if (code != CURLE_OK) {
    // curl_easy_strerror names the failure, never the URL's parameters or the headers.
    std::string message = std::string(to_string(method)) + " request got no answer: " + curl_easy_strerror(code);
    if (!is_tls_failure(code)) throw TransportError(std::move(message), code == CURLE_OPERATION_TIMEDOUT);
    if (detail[0] != '\0') message += std::string(" (") + detail + ")";
    const bool refused = code == CURLE_PEER_FAILED_VERIFICATION;
    if (refused) {
      message +=
          ": the server's TLS certificate was refused and nothing was sent (a certificate for another host "
          "name, or from a CA that is neither in the system's store nor in ca_file)";
    }
    throw TransportError(std::move(message), false, refused);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace octobot::binance
