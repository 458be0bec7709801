// Brings one install SOURCE into staging as an unpacked package folder, whatever its form: an
// http(s) URL (downloaded, then unpacked), an archive (unpacked with the safety limits), an unpacked
// package folder (copied, so the files checked are the files installed), or a tentacles tree /
// tentacle folder (packaged on the fly: unsigned).
#pragma once

#include <octobot/tentacle_manager/manager_settings.hpp>

#include <filesystem>
#include <string>

namespace octobot::tentacle_manager {

struct FetchedSource {
  std::string recorded_source;  // what `update` fetches again: the URL or the absolute path
  std::filesystem::path package_folder;
};

// Throws ManagerError (or the archive/download error) naming the source.
FetchedSource fetch_source(const std::string& source, const std::filesystem::path& work_dir, std::size_t index,
                           const ManagerSettings& settings);

}  // namespace octobot::tentacle_manager
