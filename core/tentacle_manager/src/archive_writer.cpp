#include <octobot/tentacle_manager/archive.hpp>

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <array>
#include <fstream>
#include <memory>
#include <random>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

// 1980-01-01T00:00:00Z: the earliest time a zip can store, used for every member of both formats
// so that packaging the same files twice gives the same bytes.
constexpr time_t kFixedMtime = 315532800;

using WriterPtr = std::unique_ptr<archive, decltype(&archive_write_free)>;
using EntryPtr = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void check(archive* writer, int status, const fs::path& output, const std::string& what) {
  if (status == ARCHIVE_OK) return;
  const char* text = archive_error_string(writer);
  throw ArchiveError("cannot write " + output.string() + ": " + what + ": " + (text != nullptr ? text : "unknown"));
}

void add_member(archive* writer, const fs::path& output, const fs::path& source_dir, const std::string& relative) {
  const fs::path file = source_dir / relative;
  struct stat info {};
  if (::lstat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    throw ArchiveError("cannot package " + file.string() + ": not a regular file");
  }
  EntryPtr entry(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(entry.get(), relative.c_str());
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), (info.st_mode & S_IXUSR) != 0 ? 0755 : 0644);
  archive_entry_set_size(entry.get(), info.st_size);
  archive_entry_set_mtime(entry.get(), kFixedMtime, 0);
  archive_entry_set_uid(entry.get(), 0);
  archive_entry_set_gid(entry.get(), 0);
  check(writer, archive_write_header(writer, entry.get()), output, relative);

  std::ifstream in(file, std::ios::binary);
  std::array<char, 64 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto count = in.gcount();
    if (count <= 0) break;
    if (archive_write_data(writer, buffer.data(), static_cast<std::size_t>(count)) != count) {
      check(writer, ARCHIVE_FATAL, output, relative);
    }
  }
  if (in.bad()) throw ArchiveError("cannot read " + file.string());
}

}  // namespace

std::optional<ArchiveFormat> archive_format_for(const fs::path& file) {
  const std::string name = file.filename().string();
  if (ends_with(name, ".tar.gz") || ends_with(name, ".tgz")) return ArchiveFormat::tar_gz;
  if (ends_with(name, ".zip")) return ArchiveFormat::zip;
  return std::nullopt;
}

void write_archive(const fs::path& output, ArchiveFormat format, const fs::path& source_dir,
                   const std::vector<std::string>& files) {
  std::random_device random;
  const fs::path temp = output.parent_path() / ("." + output.filename().string() + ".tmp" + std::to_string(random()));
  try {
    WriterPtr writer(archive_write_new(), archive_write_free);
    if (format == ArchiveFormat::tar_gz) {
      check(writer.get(), archive_write_set_format_pax_restricted(writer.get()), output, "tar format");
      check(writer.get(), archive_write_add_filter_gzip(writer.get()), output, "gzip filter");
      // No time stamp in the gzip header either: same files, same bytes.
      check(writer.get(), archive_write_set_filter_option(writer.get(), "gzip", "timestamp", nullptr), output,
            "gzip options");
    } else {
      check(writer.get(), archive_write_set_format_zip(writer.get()), output, "zip format");
    }
    check(writer.get(), archive_write_open_filename(writer.get(), temp.c_str()), output, "open");
    for (const auto& relative : files) add_member(writer.get(), output, source_dir, relative);
    check(writer.get(), archive_write_close(writer.get()), output, "close");
    writer.reset();
    fs::rename(temp, output);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

}  // namespace octobot::tentacle_manager
