#include "dca_trigger.hpp"

#include <octobot/sdk/error.hpp>

#include <algorithm>
#include <cmath>

namespace octobot::tentacles_bundled::dca {

TriggerMode parse_trigger_mode(const std::string& text) {
  if (text == "Time based") return TriggerMode::time_based;
  if (text == "Maximum evaluators signals based") return TriggerMode::maximum_evaluators_signals_based;
  throw sdk::ConfigError("'trigger_mode' must be \"Time based\" or \"Maximum evaluators signals based\", got \"" +
                         text + "\"");
}

bool TimeTrigger::due(std::int64_t now_ms) {
  if (last_entry_ms_ && now_ms < *last_entry_ms_ + period_ms_) return false;
  last_entry_ms_ = now_ms;
  return true;
}

sdk::SignalState SignalTrigger::on_note(const std::string& strategy, double note) {
  if (!std::isnan(note)) notes_[strategy] = note;
  if (initialization_pending_) {
    initialization_pending_ = false;
    return sdk::SignalState::very_long;
  }
  if (notes_.empty()) return sdk::SignalState::neutral;
  const auto all_equal = [&](double value) {
    return std::all_of(notes_.begin(), notes_.end(), [&](const auto& entry) { return entry.second == value; });
  };
  if (all_equal(-1.0)) return sdk::SignalState::very_long;
  if (all_equal(1.0)) return sdk::SignalState::very_short;
  return sdk::SignalState::neutral;
}

}  // namespace octobot::tentacles_bundled::dca
