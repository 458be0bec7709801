// Package archives (.tar.gz and .zip, through libarchive): extraction that refuses anything that
// could write outside its destination or exhaust the disk, and reproducible writing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::tentacle_manager {

// Limits against archive bombs. Sizes are checked against each member's declared size before a
// byte is written, and against the bytes actually produced while they are written.
struct ArchiveLimits {
  std::uint64_t max_total_bytes = 1ULL << 30;  // all members, unpacked
  std::uint64_t max_file_bytes = 512ULL << 20;
  std::uint64_t max_entries = 10'000;
};

class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The reason `path` (a member of an archive or a manifest, '/'-separated) could escape the folder
// it is relative to, or nothing when it is safe. Accepted: plain relative paths; "./" prefixes and
// doubled slashes are tolerated. Refused: empty paths, absolute paths, ".." components,
// backslashes and control characters.
[[nodiscard]] std::optional<std::string> unsafe_path_reason(std::string_view path);

// `path` without "./" components and doubled slashes (call after unsafe_path_reason()).
[[nodiscard]] std::string normalize_relative_path(std::string_view path);

// Extracts `archive` (tar, optionally gzip-compressed, or zip: recognised by content) into
// `destination`, which is created and must not exist yet. Only regular files and folders are
// written; links, devices and members escaping the destination are refused, as is an archive over
// `limits`. Throws ArchiveError naming the archive and the member. Returns the files written,
// relative to `destination`, sorted.
std::vector<std::string> extract_archive(const std::filesystem::path& archive, const std::filesystem::path& destination,
                                         const ArchiveLimits& limits);

enum class ArchiveFormat { tar_gz, zip };

// From an output file name: ".tar.gz" or ".tgz" -> tar_gz, ".zip" -> zip.
[[nodiscard]] std::optional<ArchiveFormat> archive_format_for(const std::filesystem::path& file);

// Writes `files` (relative to `source_dir`, in this order) into `output`, replacing it atomically.
// Reproducible: the same files give the same bytes (fixed times, owner 0, modes 0644 or 0755).
void write_archive(const std::filesystem::path& output, ArchiveFormat format, const std::filesystem::path& source_dir,
                   const std::vector<std::string>& files);

}  // namespace octobot::tentacle_manager
