// Small file helpers whose errors say which file and why (errno text), never just "failed".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace octobot::commons {

// Reads a whole file. Throws std::runtime_error "cannot read <path>: <reason>".
std::string read_text_file(const std::filesystem::path& path);

// Writes `content` to `path` atomically: a temporary file in the same folder, fsync, then rename,
// so a crash leaves either the old or the new file, never a torn one.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace octobot::commons
