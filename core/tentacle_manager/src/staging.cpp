#include "staging.hpp"

#include <unistd.h>

#include <chrono>
#include <random>

namespace octobot::tentacle_manager {

namespace fs = std::filesystem;

StagingFolder::StagingFolder(const TreeLayout& layout) {
  std::random_device random;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  name_ = "change-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count()) + "-" +
          std::to_string(::getpid()) + "-" + std::to_string(random() % 100000);
  path_ = layout.staging_dir() / name_;
  fs::create_directories(path_);
}

StagingFolder::~StagingFolder() {
  if (!owned_) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

void remove_stale_staging(const TreeLayout& layout) {
  std::error_code error;
  if (!fs::is_directory(layout.staging_dir(), error)) return;
  for (const auto& entry : fs::directory_iterator(layout.staging_dir(), error)) fs::remove_all(entry.path(), error);
}

}  // namespace octobot::tentacle_manager
