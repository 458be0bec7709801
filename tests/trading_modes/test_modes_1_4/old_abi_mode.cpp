// OldAbiMode: a trading mode exactly as a library built against ABI 1.4 exports it, written against
// the raw C ABI: its table ends before on_service_feed (struct_size), and its headers say 1.4. What
// lies in memory past that end is garbage a careless host would take for on_service_feed: a pointer
// that crashes when called. The host must read struct_size, load the library, run the mode's 1.1
// callbacks and never call past its table.
//
// A note becomes a NEUTRAL decision for the note's symbol; the consumer logs "old decision <symbol>
// on instance '<symbol>'".
#include <octobot/abi.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace {

struct OldInstance {
  const ob_log_service_v1* log = nullptr;
  char symbol[OB_SYMBOL_CAPACITY] = {};
};

OldInstance* self(ob_instance* instance) { return reinterpret_cast<OldInstance*>(instance); }

ob_status create(const ob_instance_args* args, ob_instance** out, ob_error* /*error*/) {
  auto* instance = new OldInstance;
  instance->log = static_cast<const ob_log_service_v1*>(args->host->get_service(args->host, OB_SERVICE_LOG_V1));
  std::snprintf(instance->symbol, sizeof(instance->symbol), "%s", args->symbol != nullptr ? args->symbol : "");
  *out = reinterpret_cast<ob_instance*>(instance);
  return OB_OK;
}

void destroy(ob_instance* instance) { delete self(instance); }

ob_status on_strategy_signal(ob_instance* /*instance*/, const ob_strategy_signal* signal, const ob_decision_sink* sink,
                             ob_error* error) {
  const ob_trading_decision decision{OB_HEADER_INIT(ob_trading_decision), signal->symbol, OB_SIGNAL_NEUTRAL,
                                     signal->eval_note, nullptr};
  return sink->submit(sink->context, &decision, error);
}

ob_status on_decision(ob_instance* instance, const ob_trading_decision* decision, ob_error* /*error*/) {
  char text[160];
  std::snprintf(text, sizeof(text), "old decision %s on instance '%s'", decision->symbol, self(instance)->symbol);
  if (self(instance)->log != nullptr)
    self(instance)->log->write(self(instance)->log->context, OB_LOG_INFO, "OldAbiMode", text);
  return OB_OK;
}

constexpr ob_header header_1_4(std::size_t size) { return {static_cast<std::uint32_t>(size), 1, 4}; }

ob_trading_mode_vtable old_table() {
  ob_trading_mode_vtable table{};
  table.header = header_1_4(offsetof(ob_trading_mode_vtable, on_service_feed));
  table.lifecycle = {&create, &destroy, nullptr};
  table.scope = OB_SCOPE_SYMBOL;
  table.on_strategy_signal = &on_strategy_signal;
  table.on_decision = &on_decision;
  // Past the 1.4 table: never to be read.
  table.on_service_feed = reinterpret_cast<decltype(table.on_service_feed)>(std::uintptr_t{1});
  return table;
}

const ob_trading_mode_vtable kTable = old_table();
const ob_class_descriptor kClass = {header_1_4(sizeof(ob_class_descriptor)),
                                    OB_KIND_TRADING_MODE,
                                    "OldAbiMode",
                                    "1.0.0",
                                    "tests: a trading mode built against ABI 1.4",
                                    &kTable};
const ob_class_descriptor* const kClasses[] = {&kClass};
const ob_library_descriptor kLibrary = {
    header_1_4(sizeof(ob_library_descriptor)), "1.4.0", 1, kClasses, nullptr, nullptr};

}  // namespace

extern "C" OB_EXPORT const ob_library_descriptor* ob_tentacle_entry(uint16_t /*host_abi_major*/,
                                                                    uint16_t /*host_abi_minor*/) {
  return &kLibrary;
}
