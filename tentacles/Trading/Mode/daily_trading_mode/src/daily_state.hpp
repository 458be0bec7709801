// DailyTradingMode's producer logic, free of the ABI so it can be tested directly: the average of the
// strategies' latest notes becomes one of OctoBot's five states, and only a change of state is acted
// upon (OctoBot's DailyTradingModeProducer).
#pragma once

#include <octobot/sdk/trading.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace octobot::tentacles_bundled::daily {

// OctoBot's thresholds: a note below -0.85 is VERY_LONG, below -0.25 LONG, below 0.25 NEUTRAL, below
// 0.85 SHORT, else VERY_SHORT. Risk (0..1) widens the LONG and SHORT bands by 0.2 * risk, so a
// riskier trader acts on weaker notes. SignalTradingMode uses its own (OctoBot's) values.
struct StateThresholds {
  double very_long = -0.85;
  double long_ = -0.25;
  double neutral = 0.25;
  double short_ = 0.85;
  double risk = 0.2;
};

// NaN is NEUTRAL.
[[nodiscard]] sdk::SignalState state_for_note(double note, double risk, const StateThresholds& thresholds = {});

[[nodiscard]] const char* state_name(sdk::SignalState state) noexcept;

class StateTracker {
 public:
  explicit StateTracker(StateThresholds thresholds = {}) : thresholds_(thresholds) {}

  struct Change {
    sdk::SignalState state;
    double final_note;
  };

  // Records `strategy`'s latest note and returns the new state when the average of every
  // strategy's latest note leads to a state different from the current one. The name is copied
  // only the first time a strategy is heard (once per strategy, not once per note).
  std::optional<Change> on_note(std::string_view strategy, double note, double risk);

  [[nodiscard]] std::optional<sdk::SignalState> state() const noexcept { return state_; }
  [[nodiscard]] double final_note() const noexcept { return final_note_; }

 private:
  StateThresholds thresholds_;
  std::map<std::string, double, std::less<>> notes_;
  std::optional<sdk::SignalState> state_;
  double final_note_ = 0.0;
};

}  // namespace octobot::tentacles_bundled::daily
