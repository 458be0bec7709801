#include <octobot/tentacle_manager/download.hpp>

#include <curl/curl.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace octobot::tentacle_manager {
namespace {

struct Sink {
  std::FILE* file = nullptr;
  std::uint64_t written = 0;
  std::uint64_t max_bytes = 0;
  bool over_limit = false;
  bool write_failed = false;
};

// Returning less than asked aborts the transfer (CURLE_WRITE_ERROR); the flags say why.
std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * count;
  if (sink->written + bytes > sink->max_bytes) {
    sink->over_limit = true;
    return 0;
  }
  if (std::fwrite(data, 1, bytes, sink->file) != bytes) {
    sink->write_failed = true;
    return 0;
  }
  sink->written += bytes;
  return bytes;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string seconds(std::chrono::milliseconds duration) {
  return std::to_string(duration.count() / 1000) +
         (duration.count() % 1000 != 0 ? "." + std::to_string(duration.count() % 1000 / 100) : "") + " s";
}

std::string mib(std::uint64_t bytes) {
  return bytes % (1ULL << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

std::string status_text(long status) {
  switch (status) {
    case 400:
      return " Bad Request";
    case 401:
      return " Unauthorized";
    case 403:
      return " Forbidden";
    case 404:
      return " Not Found";
    case 410:
      return " Gone";
    case 429:
      return " Too Many Requests";
    case 500:
      return " Internal Server Error";
    case 502:
      return " Bad Gateway";
    case 503:
      return " Service Unavailable";
    default:
      return "";
  }
}

}  // namespace

bool is_url(std::string_view source) {
  auto starts_with_ci = [&](std::string_view prefix) {
    if (source.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      const char c = source[i];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != prefix[i]) return false;
    }
    return true;
  };
  return starts_with_ci("http://") || starts_with_ci("https://");
}

void download_file(const std::string& url, const std::filesystem::path& destination, const DownloadLimits& limits) {
  if (!is_url(url)) throw DownloadError(url + ": not an http:// or https:// URL");
  global_init();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw DownloadError(url + ": cannot start libcurl");
  std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(destination.c_str(), "wb"), std::fclose);
  if (!file) throw DownloadError(url + ": cannot write " + destination.string());

  Sink sink{file.get(), 0, limits.max_bytes, false, false};
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe with threads
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "octobot-tentacles");
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);

  const CURLcode code = curl_easy_perform(handle);
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (std::fflush(file.get()) != 0) sink.write_failed = true;
  const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);

  if (sink.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
    throw DownloadError(url + ": larger than the " + mib(limits.max_bytes) + " download limit");
  }
  if (sink.write_failed) throw DownloadError(url + ": cannot write " + destination.string() + " (disk full?)");
  if (code == CURLE_OPERATION_TIMEDOUT) {
    throw DownloadError(url + ": timed out after " + seconds(limits.timeout) + " (curl: " + detail + ")");
  }
  if (code != CURLE_OK) throw DownloadError(url + ": download failed (curl: " + detail + ")");
  if (status < 200 || status >= 300) {
    throw DownloadError(url + ": HTTP " + std::to_string(status) + status_text(status) +
                        " (expected 200 with the package)");
  }
}

}  // namespace octobot::tentacle_manager
