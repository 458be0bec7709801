// Extraction is written by hand on top of libarchive's reader (rather than archive_write_disk) so
// that every member is judged by one short list of rules, each with its own message: regular files
// and folders only, relative paths that stay inside, sizes within the limits.
#include <octobot/tentacle_manager/archive.hpp>

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

std::string bytes_text(std::uint64_t bytes) {
  if (bytes >= (1ULL << 20) && bytes % (1ULL << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Resolves a symbolic link's target as the extractor would follow it, without touching the disk,
// and tells whether it stays inside the destination.
bool link_stays_inside(const std::string& member, const std::string& target) {
  if (target.empty() || target.front() == '/') return false;
  std::vector<std::string> parts;
  const std::string joined = fs::path(member).parent_path().string() + "/" + target;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const auto end = std::min(joined.find('/', start), joined.size());
    const std::string part = joined.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  return true;
}

class Extractor {
 public:
  Extractor(const fs::path& archive_file, const fs::path& destination, const ArchiveLimits& limits)
      : archive_file_(archive_file), destination_(destination), limits_(limits) {}

  std::vector<std::string> run() {
    ArchivePtr reader(archive_read_new(), archive_read_free);
    if (!reader) throw ArchiveError("out of memory opening " + archive_file_.string());
    archive_read_support_filter_gzip(reader.get());
    archive_read_support_format_tar(reader.get());
    archive_read_support_format_gnutar(reader.get());
    archive_read_support_format_zip(reader.get());
    std::error_code error;
    if (!fs::is_regular_file(archive_file_, error)) throw ArchiveError(where() + "cannot open: no such file");
    // libarchive reads the first block when opening: a garbled or truncated start fails here.
    if (archive_read_open_filename(reader.get(), archive_file_.c_str(), 64 * 1024) != ARCHIVE_OK) {
      throw ArchiveError(where() + header_error(reader.get(), 0));
    }
    if (fs::exists(destination_, error)) throw ArchiveError(where() + destination_.string() + " already exists");
    fs::create_directories(destination_);

    archive_entry* entry = nullptr;
    for (;;) {
      const int status = archive_read_next_header(reader.get(), &entry);
      if (status == ARCHIVE_EOF) break;
      if (status == ARCHIVE_FATAL || status == ARCHIVE_RETRY)
        throw ArchiveError(where() + header_error(reader.get(), entries_));
      if (++entries_ > limits_.max_entries) {
        throw ArchiveError(where() + "more than " + std::to_string(limits_.max_entries) +
                           " members (the limit against archive bombs)");
      }
      extract_entry(reader.get(), entry);
    }
    if (entries_ == 0) throw ArchiveError(where() + "the archive is empty");
    std::sort(files_.begin(), files_.end());
    return files_;
  }

 private:
  [[nodiscard]] std::string where() const { return archive_file_.string() + ": "; }
  [[nodiscard]] std::string where(const std::string& member) const {
    return archive_file_.string() + ": member \"" + member + "\": ";
  }

  // An unrecognised format at the first member is "not a package"; anything else is corruption.
  static std::string header_error(archive* reader, std::uint64_t entries) {
    // libarchive reports an unknown format with ARCHIVE_ERRNO_FILE_FORMAT, which its public header
    // leaves undefined; on Linux it is EILSEQ.
    const bool not_an_archive = entries == 0 && archive_errno(reader) == EILSEQ;
    return (not_an_archive ? "not a .tar.gz or .zip package: " : "corrupted archive: ") + error_text(reader);
  }

  static std::string error_text(archive* reader) {
    const char* text = archive_error_string(reader);
    return text != nullptr ? text : "unknown libarchive error";
  }

  void extract_entry(archive* reader, archive_entry* entry) {
    const char* raw_name = archive_entry_pathname(entry);
    const std::string name = raw_name != nullptr ? raw_name : "";
    if (auto reason = unsafe_path_reason(name)) {
      throw ArchiveError(where(name) + "refused: " + *reason + " could write outside the package folder");
    }
    const std::string relative = normalize_relative_path(name);
    if (archive_entry_hardlink(entry) != nullptr) {
      throw ArchiveError(where(name) + "refused: a hard link (to \"" + archive_entry_hardlink(entry) +
                         "\"); packages hold regular files only");
    }
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFLNK) {
      const char* raw_target = archive_entry_symlink(entry);
      const std::string target = raw_target != nullptr ? raw_target : "";
      if (!link_stays_inside(relative, target)) {
        throw ArchiveError(where(name) + "refused: a symbolic link to \"" + target +
                           "\", which points outside the package folder");
      }
      throw ArchiveError(where(name) + "refused: a symbolic link (to \"" + target +
                         "\"); packages hold regular files only");
    }
    if (type == AE_IFDIR) {
      fs::create_directories(destination_ / relative);
      return;
    }
    if (type != AE_IFREG) throw ArchiveError(where(name) + "refused: not a regular file or folder (device, fifo...)");
    write_file(reader, entry, name, relative);
  }

  void write_file(archive* reader, archive_entry* entry, const std::string& name, const std::string& relative) {
    if (archive_entry_size_is_set(entry) != 0) check_size(name, static_cast<std::uint64_t>(archive_entry_size(entry)));
    const fs::path file = destination_ / relative;
    fs::create_directories(file.parent_path());
    const mode_t mode = (archive_entry_perm(entry) & 0100) != 0 ? 0755 : 0644;
    // O_EXCL: a member listed twice would silently replace the first copy; O_NOFOLLOW: never write
    // through a link (none can exist, links are refused, but the rule costs nothing).
    FileDescriptor out(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (out.get() < 0) {
      if (errno == EEXIST) throw ArchiveError(where(name) + "refused: the archive holds this member twice");
      throw ArchiveError(where(name) + "cannot create " + file.string() + ": " + std::strerror(errno));
    }
    std::array<char, 64 * 1024> buffer{};
    std::uint64_t file_bytes = 0;
    for (;;) {
      const la_ssize_t count = archive_read_data(reader, buffer.data(), buffer.size());
      if (count == 0) break;
      if (count < 0) throw ArchiveError(where(name) + "corrupted archive: " + error_text(reader));
      file_bytes += static_cast<std::uint64_t>(count);
      total_bytes_ += static_cast<std::uint64_t>(count);
      check_written(name, file_bytes);
      const char* data = buffer.data();
      std::size_t left = static_cast<std::size_t>(count);
      while (left > 0) {
        const ssize_t written = ::write(out.get(), data, left);
        if (written < 0) {
          if (errno == EINTR) continue;
          throw ArchiveError(where(name) + "cannot write " + file.string() + ": " + std::strerror(errno));
        }
        data += written;
        left -= static_cast<std::size_t>(written);
      }
    }
    if (::close(out.release()) != 0) {
      throw ArchiveError(where(name) + "cannot write " + file.string() + ": " + std::strerror(errno));
    }
    files_.push_back(relative);
  }

  // The declared size: refused before anything is written.
  void check_size(const std::string& name, std::uint64_t declared) const {
    if (declared > limits_.max_file_bytes) {
      throw ArchiveError(where(name) + "declares " + bytes_text(declared) + ", over the per-file limit of " +
                         bytes_text(limits_.max_file_bytes) + " (the limit against archive bombs)");
    }
    if (total_bytes_ + declared > limits_.max_total_bytes) {
      throw ArchiveError(where(name) + "unpacking it would exceed the package limit of " +
                         bytes_text(limits_.max_total_bytes) + " (the limit against archive bombs)");
    }
  }

  // The bytes actually produced: a member whose header lies about its size is caught here.
  void check_written(const std::string& name, std::uint64_t file_bytes) const {
    if (file_bytes > limits_.max_file_bytes || total_bytes_ > limits_.max_total_bytes) {
      throw ArchiveError(
          where(name) + "unpacks to more than " +
          bytes_text(file_bytes > limits_.max_file_bytes ? limits_.max_file_bytes : limits_.max_total_bytes) +
          " (the limit against archive bombs)");
    }
  }

  const fs::path& archive_file_;
  const fs::path& destination_;
  const ArchiveLimits& limits_;
  std::uint64_t entries_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::vector<std::string> files_;
};

}  // namespace

std::vector<std::string> extract_archive(const fs::path& archive, const fs::path& destination,
                                         const ArchiveLimits& limits) {
  return Extractor(archive, destination, limits).run();
}

}  // namespace octobot::tentacle_manager
