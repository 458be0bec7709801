// Package downloads over http(s) with libcurl: bounded in time and size, with errors that name the
// URL and say what went wrong (HTTP status, curl's own text).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace octobot::tentacle_manager {

struct DownloadLimits {
  std::chrono::milliseconds timeout{120'000};  // the whole transfer
  std::chrono::milliseconds connect_timeout{15'000};
  std::uint64_t max_bytes = 256ULL << 20;
};

class DownloadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "http://..." or "https://..." (case-insensitive scheme).
[[nodiscard]] bool is_url(std::string_view source);

// Downloads `url` into `destination` (created or replaced). Only http and https are followed,
// redirects included. Throws DownloadError, e.g. "<url>: HTTP 404 Not Found", "<url>: larger than
// the 256 MiB download limit", "<url>: timed out after 120 s (curl: ...)".
void download_file(const std::string& url, const std::filesystem::path& destination, const DownloadLimits& limits);

}  // namespace octobot::tentacle_manager
