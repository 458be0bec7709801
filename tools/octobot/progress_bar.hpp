// A one-line progress bar on a terminal: units done (candles of a backtest, runs of an optimizer
// search), units per second and the time left. Drawn at most ten times a second (redrawing a
// terminal line costs more than replaying candles).
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>

namespace octobot::app {

class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& out, std::string unit = "candles") : out_(out), unit_(std::move(unit)) {}
  void update(std::uint64_t done, std::uint64_t total, double elapsed_seconds);
  void finish();  // clears the line

 private:
  std::ostream& out_;
  std::string unit_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
};

}  // namespace octobot::app
