#include "daily_state.hpp"

#include <cmath>

namespace octobot::tentacles_bundled::daily {

namespace {
constexpr double kVeryLongThreshold = -0.85;
constexpr double kLongThreshold = -0.25;
constexpr double kNeutralThreshold = 0.25;
constexpr double kShortThreshold = 0.85;
constexpr double kRiskThreshold = 0.2;
}  // namespace

sdk::SignalState state_for_note(double note, double risk) {
  if (std::isnan(note)) return sdk::SignalState::neutral;
  const double delta_risk = kRiskThreshold * risk;
  if (note < kVeryLongThreshold + delta_risk) return sdk::SignalState::very_long;
  if (note < kLongThreshold + delta_risk) return sdk::SignalState::long_;
  if (note < kNeutralThreshold - delta_risk) return sdk::SignalState::neutral;
  if (note < kShortThreshold - delta_risk) return sdk::SignalState::short_;
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

std::optional<StateTracker::Change> StateTracker::on_note(const std::string& strategy, double note, double risk) {
  // A NaN note is not a valid evaluation: OctoBot leaves it out of the average.
  if (!std::isnan(note)) notes_[strategy] = note;
  if (notes_.empty()) return std::nullopt;
  double sum = 0.0;
  for (const auto& [name, value] : notes_) sum += value;
  final_note_ = sum / static_cast<double>(notes_.size());
  const sdk::SignalState state = state_for_note(final_note_, risk);
  if (state_ == state) return std::nullopt;
  state_ = state;
  return Change{state, final_note_};
}

}  // namespace octobot::tentacles_bundled::daily
