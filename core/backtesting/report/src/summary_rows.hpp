// The statistics as labelled text rows, in sections: one list shared by the terminal summary and the
// HTML table, so both always show the same figures with the same wording.
#pragma once

#include <octobot/backtesting/report/backtest_report.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace octobot::backtesting::report {

enum class Tone : std::uint8_t { neutral, gain, loss };

struct SummaryRow {
  std::string label;
  std::string value;
  Tone tone = Tone::neutral;
};

struct SummarySection {
  std::string title;
  std::vector<SummaryRow> rows;
};

[[nodiscard]] std::vector<SummarySection> summary_sections(const BacktestReport& report);

}  // namespace octobot::backtesting::report
