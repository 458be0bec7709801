// DCATradingMode's producer logic, free of the ABI: when to enter. Two of OctoBot's trigger modes:
//  - "Time based": an entry at start, then one every minutes_before_next_buy (on the bot clock, so
//    it also works in a backtest, where OctoBot's own timer did not);
//  - "Maximum evaluators signals based": an entry when every strategy's latest note is -1
//    (VERY_LONG); all at +1 is VERY_SHORT, which DCA does not trade (no sell entries, as in OctoBot).
//    enable_initialization_entry makes the first signal an entry whatever its value.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace octobot::tentacles_bundled::dca {

enum class TriggerMode { time_based, maximum_evaluators_signals_based };

// OctoBot's option texts ("Time based", "Maximum evaluators signals based"); throws ConfigError.
[[nodiscard]] TriggerMode parse_trigger_mode(const std::string& text);

class TimeTrigger {
 public:
  explicit TimeTrigger(std::int64_t period_minutes) : period_ms_(period_minutes * 60'000) {}
  // True when an entry is due at `now_ms` (and records it as done).
  bool due(std::int64_t now_ms);
  [[nodiscard]] std::optional<std::int64_t> last_entry_ms() const noexcept { return last_entry_ms_; }

 private:
  std::int64_t period_ms_;
  std::optional<std::int64_t> last_entry_ms_;
};

class SignalTrigger {
 public:
  explicit SignalTrigger(bool initialization_entry) : initialization_pending_(initialization_entry) {}
  // The state the latest notes call for: VERY_LONG when all are -1, VERY_SHORT when all are +1,
  // NEUTRAL otherwise; VERY_LONG for the first note with enable_initialization_entry.
  sdk::SignalState on_note(const std::string& strategy, double note);

 private:
  std::map<std::string, double, std::less<>> notes_;
  bool initialization_pending_;
};

}  // namespace octobot::tentacles_bundled::dca
