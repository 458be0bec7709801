// One tentacle shared library opened in this process: the handle, its descriptor checked against
// metadata.json, and its init/shutdown. Used by the host and by the probe process alike, so both
// run exactly the same checks.
#pragma once

#include <octobot/abi.h>
#include <octobot/tentacles/metadata.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace octobot::tentacles {

// A load failure at a named stage ("open", "entry", "descriptor", "init").
class LoadError : public std::runtime_error {
 public:
  LoadError(std::string stage, const std::string& message) : std::runtime_error(message), stage_(std::move(stage)) {}
  [[nodiscard]] const std::string& stage() const noexcept { return stage_; }

 private:
  std::string stage_;
};

// Every way `descriptor` disagrees with the ABI or with `metadata`, one sentence each; empty when
// it is acceptable. All problems are listed at once so one fix-and-retry is enough.
[[nodiscard]] std::vector<std::string> check_descriptor(const ob_library_descriptor* descriptor,
                                                        const TentacleMetadata& metadata);

class TentacleLibrary {
 public:
  // Opens `file` (RTLD_NOW | RTLD_LOCAL), calls the entry function and checks the descriptor.
  // Throws LoadError. Never calls init.
  static std::unique_ptr<TentacleLibrary> open(const std::filesystem::path& file, const TentacleMetadata& metadata);

  ~TentacleLibrary();
  TentacleLibrary(const TentacleLibrary&) = delete;
  TentacleLibrary& operator=(const TentacleLibrary&) = delete;

  // Calls the library's init with `host`; throws LoadError("init", message) when it reports an error.
  void init(const ob_host* host);
  // Calls shutdown once if init succeeded. Also done by the destructor.
  void shutdown() noexcept;

  [[nodiscard]] const ob_library_descriptor& descriptor() const noexcept { return *descriptor_; }
  [[nodiscard]] std::vector<const ob_class_descriptor*> classes() const;
  [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }

 private:
  struct Handle;
  TentacleLibrary(std::unique_ptr<Handle> handle, const ob_library_descriptor* descriptor, std::filesystem::path file);

  std::unique_ptr<Handle> handle_;
  const ob_library_descriptor* descriptor_;
  std::filesystem::path file_;
  bool initialised_ = false;
};

}  // namespace octobot::tentacles
