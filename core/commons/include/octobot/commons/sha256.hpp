// SHA-256 of files and buffers (OpenSSL), as lowercase hex: package manifests, metadata sha256 and
// the probe cache key.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace octobot::commons {

[[nodiscard]] std::string sha256_hex(std::string_view data);
// Streams the file; throws std::runtime_error naming the file when it cannot be read.
[[nodiscard]] std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace octobot::commons
