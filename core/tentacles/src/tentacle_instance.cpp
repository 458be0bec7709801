#include <octobot/tentacles/library.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <cmath>
#include <cstddef>
#include <stdexcept>

namespace octobot::tentacles {
namespace {

std::runtime_error tentacle_error(const char* class_name, const char* what, ob_status status, ob_error& error) {
  error.message[sizeof(error.message) - 1] = '\0';  // never trust a foreign buffer's terminator
  return std::runtime_error(std::string(class_name) + ": " + what + " failed with status " + std::to_string(status) +
                            ": " + error.message);
}

// A note crossing back from a tentacle: the host enforces the contract too, since a pure C tentacle
// has no SDK check in front of it.
EvaluationResult checked_result(const char* class_name, ob_evaluation& out) {
  out.description[sizeof(out.description) - 1] = '\0';
  EvaluationResult result{out.state == OB_EVAL_READY, out.eval_note, out.description};
  if (result.ready && !(std::isfinite(result.note) && result.note >= -1.0 && result.note <= 1.0)) {
    throw std::runtime_error(std::string(class_name) + ": eval_note " + std::to_string(result.note) +
                             " is outside [-1, 1]");
  }
  return result;
}

// The kind's table when the library was built with `field` in it, else nullptr.
template <typename Table, typename Field>
const Table* table_with(const ob_class_descriptor* descriptor, std::uint32_t kind, Field Table::*field) {
  if (descriptor->kind != kind) return nullptr;
  const auto* table = static_cast<const Table*>(descriptor->vtable);
  static const Table probe{};  // a real object: member offsets without null-pointer arithmetic
  const auto offset =
      static_cast<std::size_t>(reinterpret_cast<const char*>(&(probe.*field)) - reinterpret_cast<const char*>(&probe));
  if (table->header.struct_size < offset + sizeof(Field)) return nullptr;
  return table;
}

}  // namespace

TentacleInstance::TentacleInstance(const ob_class_descriptor* descriptor, ob_instance* instance,
                                   std::shared_ptr<TentacleLibrary> library)
    : descriptor_(descriptor), instance_(instance), library_(std::move(library)) {}

TentacleInstance::~TentacleInstance() {
  static_cast<const ob_generic_vtable*>(descriptor_->vtable)->lifecycle.destroy(instance_);
}

void TentacleInstance::configure(const TentacleConfig& config) {
  const auto& lifecycle = static_cast<const ob_generic_vtable*>(descriptor_->vtable)->lifecycle;
  if (lifecycle.configure == nullptr) throw std::logic_error(std::string(class_name()) + " cannot be reconfigured");
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = lifecycle.configure(instance_, config.handle(), &error); status != OB_OK) {
    throw tentacle_error(class_name(), "configure", status, error);
  }
}

EvaluationResult TentacleInstance::evaluate(const ob_candles& candles) {
  if (descriptor_->kind != OB_KIND_TA_EVALUATOR) {
    throw std::logic_error(std::string(class_name()) + " is not a TA evaluator");
  }
  const auto* table = static_cast<const ob_ta_evaluator_vtable*>(descriptor_->vtable);
  ob_evaluation out = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_PENDING, 0.0, {0}};
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->evaluate(instance_, &candles, &out, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "evaluate", status, error);
  }
  return checked_result(class_name(), out);
}

bool TentacleInstance::supports(Callback callback) const noexcept {
  switch (callback) {
    case Callback::strategy: {
      const auto* t = table_with(descriptor_, OB_KIND_STRATEGY, &ob_strategy_vtable::on_matrix_update);
      return t != nullptr && t->on_matrix_update != nullptr;
    }
    case Callback::price: {
      const auto* t = table_with(descriptor_, OB_KIND_REALTIME_EVALUATOR, &ob_realtime_evaluator_vtable::on_price);
      return t != nullptr && t->on_price != nullptr;
    }
    case Callback::signal: {
      const auto* t = table_with(descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_strategy_signal);
      return t != nullptr && t->on_strategy_signal != nullptr;
    }
    case Callback::candle: {
      const auto* t = table_with(descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_candle);
      return t != nullptr && t->on_candle != nullptr;
    }
    case Callback::order_update: {
      const auto* t = table_with(descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_order_update);
      return t != nullptr && t->on_order_update != nullptr;
    }
    case Callback::decision: {
      const auto* t = table_with(descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_decision);
      return t != nullptr && t->on_decision != nullptr;
    }
    case Callback::service_feed: {
      const auto* t = table_with(descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_service_feed);
      return t != nullptr && t->on_service_feed != nullptr;
    }
  }
  return false;
}

namespace {
template <typename Table, typename Field>
const Table* require_table(const TentacleInstance& self, const ob_class_descriptor* descriptor, std::uint32_t kind,
                           Field Table::*field, const char* what) {
  const Table* table = table_with(descriptor, kind, field);
  if (table == nullptr || table->*field == nullptr) {
    throw std::logic_error(std::string(self.class_name()) + " does not implement " + what);
  }
  return table;
}
}  // namespace

EvaluationResult TentacleInstance::on_matrix_update(const ob_matrix_update& update) {
  const auto* table = require_table(*this, descriptor_, OB_KIND_STRATEGY, &ob_strategy_vtable::on_matrix_update,
                                    "on_matrix_update (strategies)");
  ob_evaluation out = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_PENDING, 0.0, {0}};
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->on_matrix_update(instance_, &update, &out, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "on_matrix_update", status, error);
  }
  return checked_result(class_name(), out);
}

EvaluationResult TentacleInstance::on_price(const ob_price_update& update) {
  const auto* table = require_table(*this, descriptor_, OB_KIND_REALTIME_EVALUATOR,
                                    &ob_realtime_evaluator_vtable::on_price, "on_price (real-time evaluators)");
  ob_evaluation out = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_PENDING, 0.0, {0}};
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->on_price(instance_, &update, &out, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "on_price", status, error);
  }
  return checked_result(class_name(), out);
}

std::uint32_t TentacleInstance::trading_mode_scope() const {
  const auto* table = table_with(descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::scope);
  if (descriptor_->kind != OB_KIND_TRADING_MODE) {
    throw std::logic_error(std::string(class_name()) + " is not a trading mode");
  }
  return table != nullptr ? table->scope : OB_SCOPE_SYMBOL;
}

void TentacleInstance::on_strategy_signal(const ob_strategy_signal& signal, const ob_decision_sink& sink) {
  const auto* table = require_table(*this, descriptor_, OB_KIND_TRADING_MODE,
                                    &ob_trading_mode_vtable::on_strategy_signal, "on_strategy_signal");
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->on_strategy_signal(instance_, &signal, &sink, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "on_strategy_signal", status, error);
  }
}

void TentacleInstance::on_candle(const ob_candles& candles, const ob_decision_sink& sink) {
  const auto* table =
      require_table(*this, descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_candle, "on_candle");
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->on_candle(instance_, &candles, &sink, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "on_candle", status, error);
  }
}

void TentacleInstance::on_order_update(const ob_order_view& order, const ob_decision_sink& sink) {
  const auto* table = require_table(*this, descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_order_update,
                                    "on_order_update");
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->on_order_update(instance_, &order, &sink, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "on_order_update", status, error);
  }
}

void TentacleInstance::on_service_feed(const ob_service_feed_message& message, const ob_decision_sink& sink) {
  const auto* table = require_table(*this, descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_service_feed,
                                    "on_service_feed (ABI 1.5)");
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->on_service_feed(instance_, &message, &sink, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "on_service_feed", status, error);
  }
}

void TentacleInstance::on_decision(const ob_trading_decision& decision) {
  const auto* table =
      require_table(*this, descriptor_, OB_KIND_TRADING_MODE, &ob_trading_mode_vtable::on_decision, "on_decision");
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  if (const ob_status status = table->on_decision(instance_, &decision, &error); status != OB_OK) {
    throw tentacle_error(class_name(), "on_decision", status, error);
  }
}

}  // namespace octobot::tentacles
