#include "fetch_source.hpp"

#include <octobot/tentacle_manager/archive.hpp>
#include <octobot/tentacle_manager/download.hpp>
#include <octobot/tentacle_manager/manager.hpp>
#include <octobot/tentacle_manager/manifest.hpp>
#include <octobot/tentacle_manager/package_builder.hpp>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

// An unpacked package folder, copied under the same rules and limits as an archive.
void copy_package_folder(const fs::path& from, const fs::path& to, const ArchiveLimits& limits) {
  std::uint64_t entries = 0;
  std::uint64_t bytes = 0;
  fs::create_directories(to);
  for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator(); ++it) {
    if (++entries > limits.max_entries) {
      throw ManagerError(from.string() + ": more than " + std::to_string(limits.max_entries) + " files");
    }
    const auto status = it->symlink_status();
    const fs::path target = to / fs::relative(it->path(), from);
    if (fs::is_symlink(status)) {
      throw ManagerError(it->path().string() + ": refused: a symbolic link; packages hold regular files only");
    }
    if (fs::is_directory(status)) {
      fs::create_directories(target);
      continue;
    }
    if (!fs::is_regular_file(status)) throw ManagerError(it->path().string() + ": refused: not a regular file");
    bytes += fs::file_size(it->path());
    if (bytes > limits.max_total_bytes) {
      throw ManagerError(from.string() + ": larger than the package limit of " +
                         std::to_string(limits.max_total_bytes) + " bytes");
    }
    fs::copy_file(it->path(), target);
  }
}

}  // namespace

FetchedSource fetch_source(const std::string& source, const fs::path& work_dir, std::size_t index,
                           const ManagerSettings& settings) {
  const std::string tag = std::to_string(index);
  FetchedSource fetched;
  fetched.package_folder = work_dir / ("package-" + tag);
  if (is_url(source)) {
    const fs::path download = work_dir / ("download-" + tag);
    download_file(source, download, settings.download);
    extract_archive(download, fetched.package_folder, settings.limits);
    fetched.recorded_source = source;
    return fetched;
  }
  std::error_code error;
  const fs::path path = fs::absolute(source);
  fetched.recorded_source = path.lexically_normal().string();
  if (fs::is_regular_file(path, error)) {
    extract_archive(path, fetched.package_folder, settings.limits);
  } else if (fs::is_directory(path, error)) {
    if (fs::is_regular_file(path / kManifestFileName, error)) {
      copy_package_folder(path, fetched.package_folder, settings.limits);
    } else {
      try {
        PackageSpec spec;
        spec.inputs = {path};
        stage_package(spec, fetched.package_folder);
      } catch (const PackageError& e) {
        throw ManagerError(source +
                           ": a folder without manifest.json is packaged on the fly, and that failed: " + e.what());
      }
    }
  } else {
    throw ManagerError("cannot install \"" + source +
                       "\": expected a package file (.tar.gz, .zip), a folder or an http(s) URL, found " +
                       (fs::exists(fs::symlink_status(path, error)) ? "something else" : "no such file or folder"));
  }
  return fetched;
}

}  // namespace octobot::tentacle_manager
