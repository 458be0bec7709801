#include <octobot/tentacles/discovery.hpp>

#include <algorithm>
#include <stdexcept>
#include <system_error>

namespace octobot::tentacles {
namespace {

namespace fs = std::filesystem;

bool has_metadata(const fs::path& folder) {
  std::error_code error;
  return fs::is_regular_file(folder / "metadata.json", error);
}

void walk(const fs::path& folder, int depth, DiscoveredFolders& out) {
  std::error_code error;
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
  if (error) {
    out.errors.push_back("cannot list " + folder.string() + ": " + error.message());
    return;
  }
  std::vector<fs::path> children;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) break;
    std::error_code type_error;
    if (it->is_directory(type_error)) children.push_back(it->path());
  }
  std::sort(children.begin(), children.end());
  for (const auto& child : children) {
    const int child_depth = depth + 1;
    if (has_metadata(child)) {
      (child_depth <= kMaxTentacleDepth ? out.tentacles : out.too_deep).push_back(child);
      continue;  // a tentacle folder's sub-folders (config/, resources/) are never tentacles
    }
    // One level past the limit is looked at only to tell the user why a tentacle is not picked up.
    if (child_depth <= kMaxTentacleDepth) walk(child, child_depth, out);
  }
}

}  // namespace

DiscoveredFolders discover_tentacle_folders(const std::filesystem::path& root) {
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    throw std::runtime_error("tentacles root " + root.string() + " is not a directory" +
                             (error ? ": " + error.message() : std::string()));
  }
  DiscoveredFolders out;
  walk(root, 0, out);
  return out;
}

}  // namespace octobot::tentacles
