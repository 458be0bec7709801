// Turns C++ tentacle classes into the C ABI: noexcept trampolines per kind, the class and library
// descriptors, and the one exported entry function (OCTOBOT_TENTACLE_LIBRARY).
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/error.hpp>
#include <octobot/sdk/tentacle.hpp>
#include <octobot/sdk/version.hpp>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <type_traits>

namespace octobot::sdk::detail {

inline std::string copy_text(const char* value) { return value != nullptr ? std::string(value) : std::string(); }

template <typename T>
concept HasLibraryInit = requires(const Host& host) {
  T::on_library_init(host);
};
template <typename T>
concept HasLibraryShutdown = requires {
  T::on_library_shutdown();
};

// The host handed to init, kept for the library's lifetime (the ABI allows it).
inline const ob_host*& library_host() noexcept {
  static const ob_host* host = nullptr;
  return host;
}

inline Tentacle* as_tentacle(ob_instance* instance) noexcept { return reinterpret_cast<Tentacle*>(instance); }

template <typename T>
struct Binding {
  static_assert(std::is_base_of_v<Tentacle, T>, "a tentacle class derives from an octobot::sdk kind base class");

  static ob_status create(const ob_instance_args* args, ob_instance** out, ob_error* error) noexcept {
    if (args == nullptr || out == nullptr) {
      write_error(error, "create: args and out must not be NULL");
      return OB_ERROR_INVALID_ARGUMENT;
    }
    return guarded(error, [&] {
      InstanceContext context{Host(args->host), T::tentacle_name, copy_text(args->exchange), copy_text(args->symbol),
                              copy_text(args->time_frame)};
      auto instance = std::make_unique<T>(std::move(context));
      instance->configure(Config(instance->host().config_service(), args->config));
      *out = reinterpret_cast<ob_instance*>(static_cast<Tentacle*>(instance.release()));
    });
  }

  static void destroy(ob_instance* instance) noexcept { delete as_tentacle(instance); }

  static ob_status configure(ob_instance* instance, const ob_config* config, ob_error* error) noexcept {
    return guarded(error, [&] {
      Tentacle* self = as_tentacle(instance);
      self->configure(Config(self->host().config_service(), config));
    });
  }

  static ob_status evaluate(ob_instance* instance, const ob_candles* candles, ob_evaluation* out,
                            ob_error* error) noexcept {
    return guarded(error, [&] {
      auto* self = static_cast<T*>(as_tentacle(instance));
      const Evaluation result = self->evaluate(Candles(*candles));
      if (result.ready && !(std::isfinite(result.note) && result.note >= -1.0 && result.note <= 1.0)) {
        throw Error(OB_ERROR_GENERIC, std::string(T::tentacle_name) + ": eval_note " + std::to_string(result.note) +
                                          " is outside [-1, 1]");
      }
      out->state = result.ready ? OB_EVAL_READY : OB_EVAL_PENDING;
      out->eval_note = result.ready ? result.note : 0.0;
      std::snprintf(out->description, sizeof(out->description), "%s", result.description.c_str());
    });
  }

  static constexpr ob_lifecycle lifecycle() noexcept { return {&create, &destroy, &configure}; }

  static const void* vtable() noexcept {
    if constexpr (std::is_base_of_v<TAEvaluator, T>) {
      static const ob_ta_evaluator_vtable table = {OB_HEADER_INIT(ob_ta_evaluator_vtable), lifecycle(), &evaluate};
      return &table;
    } else {
      static const ob_generic_vtable table = {OB_HEADER_INIT(ob_generic_vtable), lifecycle()};
      return &table;
    }
  }

  static const ob_class_descriptor* descriptor() noexcept {
    static const ob_class_descriptor value = {OB_HEADER_INIT(ob_class_descriptor),
                                              T::kind,
                                              T::tentacle_name,
                                              T::tentacle_version,
                                              T::tentacle_description,
                                              vtable()};
    return &value;
  }
};

template <typename... Classes>
struct Library {
  static_assert(sizeof...(Classes) > 0, "OCTOBOT_TENTACLE_LIBRARY needs at least one class");

  static ob_status init(const ob_host* host, ob_error* error) noexcept {
    library_host() = host;
    return guarded(error, [&] {
      const Host view(host);
      (call_init<Classes>(view), ...);
    });
  }

  static void shutdown() noexcept {
    (call_shutdown<Classes>(), ...);
    library_host() = nullptr;
  }

  static const ob_library_descriptor* descriptor() noexcept {
    static const ob_class_descriptor* const classes[] = {Binding<Classes>::descriptor()...};
    static const ob_library_descriptor value = {OB_HEADER_INIT(ob_library_descriptor),
                                                OCTOBOT_SDK_VERSION,
                                                static_cast<std::uint32_t>(sizeof...(Classes)),
                                                classes,
                                                &init,
                                                &shutdown};
    return &value;
  }

 private:
  template <typename T>
  static void call_init(const Host& host) {
    if constexpr (HasLibraryInit<T>) T::on_library_init(host);
  }
  template <typename T>
  static void call_shutdown() noexcept {
    if constexpr (HasLibraryShutdown<T>) {
      try {
        T::on_library_shutdown();
      } catch (...) {  // shutdown cannot report errors; the host is unloading us anyway.
      }
    }
  }
};

}  // namespace octobot::sdk::detail

// Exports the library entry function for the listed classes. Use once per library, at namespace
// scope in one source file:  OCTOBOT_TENTACLE_LIBRARY(MyEvaluator, MyOtherEvaluator)
#define OCTOBOT_TENTACLE_LIBRARY(...)                                                            \
  extern "C" OB_EXPORT const ob_library_descriptor* ob_tentacle_entry(uint16_t host_abi_major,   \
                                                                      uint16_t host_abi_minor) { \
    (void)host_abi_major;                                                                        \
    (void)host_abi_minor;                                                                        \
    return ::octobot::sdk::detail::Library<__VA_ARGS__>::descriptor();                           \
  }
