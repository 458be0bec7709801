// One change's private folder inside the tree's staging area: removed when the change fails or
// is done; a crash leaves it for the next manager run to remove.
#pragma once

#include <octobot/tentacle_manager/installed_packages.hpp>

#include <filesystem>
#include <string>

namespace octobot::tentacle_manager {

class StagingFolder {
 public:
  explicit StagingFolder(const TreeLayout& layout);
  ~StagingFolder();
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  // The journal owns the folder from the commit point on (apply_journal removes it).
  void hand_over_to_journal() noexcept { owned_ = false; }

 private:
  std::string name_;
  std::filesystem::path path_;
  bool owned_ = true;
};

// Removes every staging folder: called with the lock held, after any journal was applied, when no
// other change can be using one.
void remove_stale_staging(const TreeLayout& layout);

}  // namespace octobot::tentacle_manager
