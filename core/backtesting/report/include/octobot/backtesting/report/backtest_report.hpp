// A finished run with its round trips and statistics, and the three ways to show it: a terminal
// summary, a JSON document (byte-identical for identical runs) and one self-contained HTML page.
#pragma once

#include <octobot/backtesting/report/round_trips.hpp>
#include <octobot/backtesting/report/run_data.hpp>
#include <octobot/backtesting/report/statistics.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace octobot::backtesting::report {

struct BacktestReport {
  RunData run;
  RoundTrips round_trips;
  Statistics statistics;
};

// Takes the run (moved: an equity curve can hold millions of points), builds round trips and statistics.
[[nodiscard]] BacktestReport make_report(RunData run);

// When the report lists only the latest closed trades (a long run, run_accumulator.hpp): how many of
// how many, and where every fill is. Empty when every closed trade is listed.
[[nodiscard]] std::optional<std::string> trade_list_note(const BacktestReport& report);

enum class TerminalColour : std::uint8_t { plain, ansi };

// A few dozen aligned lines; ANSI colours (green gains, red losses) only with TerminalColour::ansi.
[[nodiscard]] std::string render_terminal_summary(const BacktestReport& report, TerminalColour colour);

// Stable key order; money as exact decimal strings, ratios as numbers with 12 significant digits,
// undefined figures as null with a "<name>_reason" string.
[[nodiscard]] std::string render_json(const BacktestReport& report);

struct HtmlOptions {
  std::size_t max_chart_points = 1500;  // per chart: candles or line points
  std::size_t max_listed_trades = 500;  // rows of the closed-trade table (the latest ones)
};

// One HTML file with inline CSS and SVG: no script, no network.
[[nodiscard]] std::string render_html(const BacktestReport& report, const HtmlOptions& options = {});

}  // namespace octobot::backtesting::report
