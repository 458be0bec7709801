#include "daily_state.hpp"

#include <cmath>

namespace octobot::tentacles_bundled::daily {

sdk::SignalState state_for_note(double note, double risk, const StateThresholds& thresholds) {
  if (std::isnan(note)) return sdk::SignalState::neutral;
  const double delta_risk = thresholds.risk * risk;
  if (note < thresholds.very_long + delta_risk) return sdk::SignalState::very_long;
  if (note < thresholds.long_ + delta_risk) return sdk::SignalState::long_;
  if (note < thresholds.neutral - delta_risk) return sdk::SignalState::neutral;
  if (note < thresholds.short_ - delta_risk) return sdk::SignalState::short_;
  return sdk::SignalState::very_short;
}

const char* state_name(sdk::SignalState state) noexcept {
  switch (state) {
    case sdk::SignalState::very_long:
      return "VERY_LONG";
    case sdk::SignalState::long_:
      return "LONG";
    case sdk::SignalState::neutral:
      return "NEUTRAL";
    case sdk::SignalState::short_:
      return "SHORT";
    case sdk::SignalState::very_short:
      return "VERY_SHORT";
  }
  return "UNKNOWN";
}

std::optional<StateTracker::Change> StateTracker::on_note(std::string_view strategy, double note, double risk) {
  // A NaN note is not a valid evaluation: OctoBot leaves it out of the average.
  if (!std::isnan(note)) {
    const auto known = notes_.find(strategy);
    if (known != notes_.end()) {
      known->second = note;
    } else {
      notes_.emplace(std::string(strategy), note);
    }
  }
  if (notes_.empty()) return std::nullopt;
  double sum = 0.0;
  for (const auto& [name, value] : notes_) sum += value;
  final_note_ = sum / static_cast<double>(notes_.size());
  const sdk::SignalState state = state_for_note(final_note_, risk, thresholds_);
  if (state_ == state) return std::nullopt;
  state_ = state;
  return Change{state, final_note_};
}

}  // namespace octobot::tentacles_bundled::daily
