// Turns C++ tentacle classes into the C ABI: noexcept trampolines per kind, the class and library
// descriptors, and the one exported entry function (OCTOBOT_TENTACLE_LIBRARY).
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/error.hpp>
#include <octobot/sdk/exchange.hpp>
#include <octobot/sdk/tentacle.hpp>
#include <octobot/sdk/version.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
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
      const ob_account* account = OB_HAS_FIELD(args, ob_instance_args, account) ? args->account : nullptr;
      InstanceContext context{Host(args->host),
                              T::tentacle_name,
                              copy_text(args->exchange),
                              copy_text(args->symbol),
                              copy_text(args->time_frame),
                              account};
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

  // Checks a note before it crosses back to the host.
  static void write_evaluation(const Evaluation& result, ob_evaluation* out) {
    if (result.ready && !(std::isfinite(result.note) && result.note >= -1.0 && result.note <= 1.0)) {
      throw Error(OB_ERROR_GENERIC,
                  std::string(T::tentacle_name) + ": eval_note " + std::to_string(result.note) + " is outside [-1, 1]");
    }
    out->state = result.ready ? OB_EVAL_READY : OB_EVAL_PENDING;
    out->eval_note = result.ready ? result.note : 0.0;
    // What snprintf("%s") would write, without printf's machinery: this runs once per evaluation.
    const std::size_t length = strnlen(result.description.c_str(), sizeof(out->description) - 1);
    std::memcpy(out->description, result.description.c_str(), length);
    out->description[length] = '\0';
  }

  static T* self(ob_instance* instance) noexcept { return static_cast<T*>(as_tentacle(instance)); }
  static std::string_view view(const char* text) noexcept { return text != nullptr ? text : ""; }

  static ob_status evaluate(ob_instance* instance, const ob_candles* candles, ob_evaluation* out,
                            ob_error* error) noexcept {
    return guarded(error, [&] { write_evaluation(self(instance)->evaluate(Candles(*candles)), out); });
  }

  static ob_status on_matrix_update(ob_instance* instance, const ob_matrix_update* update, ob_evaluation* out,
                                    ob_error* error) noexcept {
    return guarded(error, [&] {
      const MatrixUpdate value{view(update->exchange),
                               view(update->evaluator_type),
                               view(update->evaluator_name),
                               view(update->cryptocurrency),
                               view(update->symbol),
                               view(update->time_frame),
                               update->now_ms};
      write_evaluation(self(instance)->on_matrix_update(value), out);
    });
  }

  static ob_status on_price(ob_instance* instance, const ob_price_update* update, ob_evaluation* out,
                            ob_error* error) noexcept {
    return guarded(error, [&] {
      const PriceUpdate value{view(update->exchange), view(update->symbol), update->time_ms, update->price,
                              update->volume};
      write_evaluation(self(instance)->on_price(value), out);
    });
  }

  static ob_status on_strategy_signal(ob_instance* instance, const ob_strategy_signal* signal,
                                      const ob_decision_sink* sink, ob_error* error) noexcept {
    return guarded(error,
                   [&] { self(instance)->on_strategy_signal(StrategySignal::from_raw(*signal), DecisionSink(sink)); });
  }

  static ob_status on_candle(ob_instance* instance, const ob_candles* candles, const ob_decision_sink* sink,
                             ob_error* error) noexcept {
    return guarded(error, [&] { self(instance)->on_candle(Candles(*candles), DecisionSink(sink)); });
  }

  static ob_status on_order_update(ob_instance* instance, const ob_order_view* order, const ob_decision_sink* sink,
                                   ob_error* error) noexcept {
    return guarded(error, [&] { self(instance)->on_order_update(OrderView::from_raw(*order), DecisionSink(sink)); });
  }

  static ob_status on_decision(ob_instance* instance, const ob_trading_decision* decision, ob_error* error) noexcept {
    return guarded(error, [&] { self(instance)->on_decision(Decision::from_raw(*decision)); });
  }

  static ob_status on_service_feed(ob_instance* instance, const ob_service_feed_message* message,
                                   const ob_decision_sink* sink, ob_error* error) noexcept {
    return guarded(
        error, [&] { self(instance)->on_service_feed(ServiceFeedMessage::from_raw(*message), DecisionSink(sink)); });
  }

  static constexpr ob_lifecycle lifecycle() noexcept { return {&create, &destroy, &configure}; }

  static const void* vtable() noexcept {
    if constexpr (std::is_base_of_v<TAEvaluator, T>) {
      static const ob_ta_evaluator_vtable table = {OB_HEADER_INIT(ob_ta_evaluator_vtable), lifecycle(), &evaluate};
      return &table;
    } else if constexpr (std::is_base_of_v<Strategy, T>) {
      static const ob_strategy_vtable table = {OB_HEADER_INIT(ob_strategy_vtable), lifecycle(), &on_matrix_update};
      return &table;
    } else if constexpr (std::is_base_of_v<RealTimeEvaluator, T>) {
      static const ob_realtime_evaluator_vtable table = {OB_HEADER_INIT(ob_realtime_evaluator_vtable), lifecycle(),
                                                         &on_price};
      return &table;
    } else if constexpr (std::is_base_of_v<TradingMode, T>) {
      static const ob_trading_mode_vtable table = {OB_HEADER_INIT(ob_trading_mode_vtable),
                                                   lifecycle(),
                                                   T::scope,
                                                   &on_strategy_signal,
                                                   &on_candle,
                                                   &on_order_update,
                                                   &on_decision,
                                                   T::wants_service_feed ? &on_service_feed : nullptr};
      return &table;
    } else if constexpr (std::is_base_of_v<ExchangeConnector, T>) {
      return ExchangeBinding<T>::table(lifecycle());
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
