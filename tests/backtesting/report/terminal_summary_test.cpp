#include <catch2/catch.hpp>
#include <octobot/backtesting/report/backtest_report.hpp>

#include "synthetic_run.hpp"

using namespace octobot::backtesting::report;

TEST_CASE("the terminal summary lists the key figures, aligned, coloured only when asked", "[report][terminal]") {
  const auto report = make_report(testing::synthetic_run(600));
  const auto plain = render_terminal_summary(report, TerminalColour::plain);
  for (const auto* line :
       {"Net profit", "Total return", "Buy and hold return", "CAGR", "Sharpe ratio", "Sortino ratio", "Calmar ratio",
        "Max drawdown", "Win rate", "Profit factor", "SQN", "Exposure", "Total fees", "Closed trades"}) {
    CHECK_THAT(plain, Catch::Contains(std::string("\n  ") + line));
  }
  CHECK(plain.find('\x1b') == std::string::npos);
  const auto lines = std::count(plain.begin(), plain.end(), '\n');
  CHECK(lines >= 30);
  CHECK(lines <= 80);
  // Values start in one column: the label column is padded to the longest label.
  const auto net = plain.find("  Net profit");
  const auto fees = plain.find("  Total fees");
  const auto value_column = [&](std::size_t at) {
    const auto end_of_label = plain.find("  ", at + 2);
    return plain.find_first_not_of(' ', end_of_label) - plain.rfind('\n', at);
  };
  CHECK(value_column(net) == value_column(fees));

  const auto coloured = render_terminal_summary(report, TerminalColour::ansi);
  CHECK(coloured.find("\x1b[1m") != std::string::npos);
  CHECK((coloured.find("\x1b[32m") != std::string::npos || coloured.find("\x1b[31m") != std::string::npos));
}
