// Writes a demo report of a synthetic run: `backtest_report_demo <folder> [candles]` creates
// <folder>/report.html and <folder>/report.json and prints the terminal summary (coloured on a TTY).
#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/commons/files.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "synthetic_run.hpp"

int main(int argc, char** argv) {
  using namespace octobot::backtesting::report;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <output folder> [candle count, default 720]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  const std::size_t candles = argc > 2 ? std::stoul(argv[2]) : 720;
  std::filesystem::create_directories(folder);
  const auto report = make_report(testing::synthetic_run(candles));
  octobot::commons::write_file_atomically(folder / "report.html", render_html(report));
  octobot::commons::write_file_atomically(folder / "report.json", render_json(report));
  const auto colour = isatty(STDOUT_FILENO) ? TerminalColour::ansi : TerminalColour::plain;
  std::fputs(render_terminal_summary(report, colour).c_str(), stdout);
  return 0;
}
