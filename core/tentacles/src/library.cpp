// Boost.DLL stays inside this file: nothing else in the project includes it.
#define BOOST_DLL_USE_STD_FS 1
#include <octobot/tentacles/library.hpp>

#include <boost/dll/shared_library.hpp>

namespace octobot::tentacles {

struct TentacleLibrary::Handle {
  boost::dll::shared_library library;
};

TentacleLibrary::TentacleLibrary(std::unique_ptr<Handle> handle, const ob_library_descriptor* descriptor,
                                 std::filesystem::path file)
    : handle_(std::move(handle)), descriptor_(descriptor), file_(std::move(file)) {}

TentacleLibrary::~TentacleLibrary() { shutdown(); }

std::unique_ptr<TentacleLibrary> TentacleLibrary::open(const std::filesystem::path& file,
                                                       const TentacleMetadata& metadata) {
  auto handle = std::make_unique<Handle>();
  boost::dll::fs::error_code error;
  // rtld_local: two tentacles never resolve each other's symbols. rtld_now: an unresolved symbol
  // fails here, at load, rather than later in the middle of trading.
  handle->library.load(file, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, error);
  if (error) throw LoadError("open", "cannot open " + file.string() + ": " + error.message());
  if (!handle->library.has(OB_ENTRY_SYMBOL)) {
    throw LoadError("entry", std::string("the library does not export the entry function \"") + OB_ENTRY_SYMBOL +
                                 "\" (build it with octobot_add_tentacle and OCTOBOT_TENTACLE_LIBRARY)");
  }
  const auto entry = handle->library.get<std::remove_pointer_t<ob_tentacle_entry_fn>>(OB_ENTRY_SYMBOL);
  const ob_library_descriptor* descriptor = entry(OB_ABI_MAJOR, OB_ABI_MINOR);
  const auto problems = check_descriptor(descriptor, metadata);
  if (!problems.empty()) {
    std::string message;
    for (const auto& problem : problems) message += (message.empty() ? "" : "; ") + problem;
    throw LoadError("descriptor", message);
  }
  return std::unique_ptr<TentacleLibrary>(new TentacleLibrary(std::move(handle), descriptor, file));
}

void TentacleLibrary::init(const ob_host* host) {
  if (initialised_) return;
  if (descriptor_->init != nullptr) {
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    const ob_status status = descriptor_->init(host, &error);
    if (status != OB_OK) {
      error.message[sizeof(error.message) - 1] = '\0';  // never trust a foreign buffer's terminator
      throw LoadError("init", "init returned status " + std::to_string(status) + ": " +
                                  (error.message[0] != '\0' ? error.message : "(no message)"));
    }
  }
  initialised_ = true;
}

void TentacleLibrary::shutdown() noexcept {
  if (!initialised_) return;
  initialised_ = false;
  if (descriptor_->shutdown != nullptr) descriptor_->shutdown();
}

std::vector<const ob_class_descriptor*> TentacleLibrary::classes() const {
  return {descriptor_->classes, descriptor_->classes + descriptor_->class_count};
}

}  // namespace octobot::tentacles
