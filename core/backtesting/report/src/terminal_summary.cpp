#include <octobot/backtesting/report/backtest_report.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "summary_rows.hpp"

namespace octobot::backtesting::report {

namespace {

constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";

}  // namespace

std::string render_terminal_summary(const BacktestReport& report, TerminalColour colour) {
  const auto sections = summary_sections(report);
  std::size_t width = 0;
  for (const auto& section : sections) {
    for (const auto& row : section.rows) width = std::max(width, row.label.size());
  }
  const bool ansi = colour == TerminalColour::ansi;
  std::string text;
  for (const auto& section : sections) {
    if (section.rows.empty()) continue;
    if (!text.empty()) text += '\n';
    if (ansi) {
      text += fmt::format("{}{}{}\n", kBold, section.title, kReset);
    } else {
      text += section.title + '\n';
    }
    for (const auto& row : section.rows) {
      std::string value = row.value;
      if (ansi && row.tone != Tone::neutral) {
        value = fmt::format("{}{}{}", row.tone == Tone::gain ? kGreen : kRed, row.value, kReset);
      }
      text += fmt::format("  {:<{}}  {}\n", row.label, width, value);
    }
  }
  return text;
}

}  // namespace octobot::backtesting::report
