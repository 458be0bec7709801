// Shared by the C ABI tests: an ob_host that serves "channels/1", and shared-library loading.
#pragma once

#include <octobot/abi.h>
#include <octobot/channels.h>

#include <dlfcn.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace octobot::channel::test {

template <typename T>
ob_header header_of() {
  return ob_header{static_cast<std::uint32_t>(sizeof(T)), OB_ABI_MAJOR, OB_ABI_MINOR};
}

inline ob_error make_error() { return ob_error{header_of<ob_error>(), {0}}; }

// An ob_host whose only service is the given channels table.
class ChannelsHost {
 public:
  explicit ChannelsHost(const ob_channels_service_v1* channels)
      : channels_(channels), raw_{header_of<ob_host>(), "0.1.0", &get_service, this} {}
  ChannelsHost(const ChannelsHost&) = delete;
  ChannelsHost& operator=(const ChannelsHost&) = delete;
  [[nodiscard]] const ob_host* raw() const noexcept { return &raw_; }

 private:
  static const void* get_service(const ob_host* host, const char* service_id) {
    const auto* self = static_cast<const ChannelsHost*>(host->host_context);
    return std::strcmp(service_id, OB_SERVICE_CHANNELS_V1) == 0 ? self->channels_ : nullptr;
  }
  const ob_channels_service_v1* channels_;
  ob_host raw_;
};

// dlopen/dlclose with typed symbol lookup.
class SharedLibrary {
 public:
  explicit SharedLibrary(const std::string& path) : handle_(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
    if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen failed: ") + dlerror());
  }
  ~SharedLibrary() { dlclose(handle_); }
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  template <typename Function>
  Function* symbol(const char* name) const {
    void* address = dlsym(handle_, name);
    if (address == nullptr) throw std::runtime_error(std::string("missing symbol ") + name);
    return reinterpret_cast<Function*>(address);
  }

 private:
  void* handle_;
};

}  // namespace octobot::channel::test
