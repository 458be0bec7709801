// `octobot backtest` as a user runs it (the README's main job): the bundled tentacles and data, the
// summary, the report files, and clear errors for bad options.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "shell_run.hpp"
#include "temp_dir.hpp"

namespace {

using Run = octobot::testing::ShellRun;

Run run_backtest(const octobot::testing::TempDir& user_dir, const std::string& arguments) {
  return octobot::testing::shell_run(std::string(OCTOBOT_BINARY) + " --user-dir " + user_dir.path().string() +
                                     " --log-level error backtest " + arguments + " 2>&1");
}

}  // namespace

TEST_CASE("octobot backtest: the default profile on the bundled data prints the summary and writes the reports",
          "[cli][backtest]") {
  octobot::testing::TempDir user_dir;
  const auto reports = user_dir / "reports";
  const auto run =
      run_backtest(user_dir, "--start 2021-01-01 --end \"2021-03-01 00:00\" --report-dir " + reports.string());
  INFO(run.output);
  REQUIRE(run.status == 0);
  CHECK_THAT(run.output, Catch::Contains("DailyTrading") && Catch::Contains("Total return") &&
                             Catch::Contains("Buy and hold return") && Catch::Contains("Report: "));
  CHECK_THAT(run.output, Catch::Contains("the data is quoted in USD"));  // the fallback is said, not silent
  CHECK(std::filesystem::file_size(reports / "report.html") > 10'000);
  CHECK(std::filesystem::file_size(reports / "report.json") > 1'000);
  CHECK(std::filesystem::exists(reports / "run.sqlite"));
}

TEST_CASE("octobot backtest --json prints the same report it writes", "[cli][backtest]") {
  octobot::testing::TempDir user_dir;
  const auto reports = user_dir / "reports";
  const auto run =
      run_backtest(user_dir, "--json --no-store --start 2021-01-01 --end 2021-01-15 --report-dir " + reports.string());
  REQUIRE(run.status == 0);
  CHECK(run.output.find("\"statistics\"") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(reports / "run.sqlite"));
}

TEST_CASE("octobot backtest: bad options say what was expected and what was found", "[cli][backtest]") {
  octobot::testing::TempDir user_dir;
  const auto bad_date = run_backtest(user_dir, "--start 2021-13-01");
  CHECK(bad_date.status == 1);
  CHECK_THAT(bad_date.output, Catch::Contains("--start: expected YYYY-MM-DD") && Catch::Contains("found '2021-13-01'"));
  const auto missing = run_backtest(user_dir, "--data " + (user_dir / "nope.sqlite").string());
  CHECK(missing.status == 1);
  CHECK_THAT(missing.output, Catch::Contains("nope.sqlite"));
  const auto symbol = run_backtest(user_dir, "--symbol ETH/USD");
  CHECK(symbol.status == 1);
  CHECK_THAT(symbol.output, Catch::Contains("symbol ETH/USD is not in"));
}

TEST_CASE("octobot backtest: a series in two --data files is an error naming both", "[cli][backtest]") {
  octobot::testing::TempDir user_dir;
  const std::string bundled = (std::filesystem::path(OCTOBOT_SOURCE_DIR) / "data" / "bitstamp-btcusd.sqlite").string();
  const auto copy = user_dir / "copy.sqlite";
  std::filesystem::copy_file(bundled, copy);
  const auto run = run_backtest(user_dir, "--data " + bundled + " --data " + copy.string());
  CHECK(run.status == 1);
  CHECK_THAT(run.output,
             Catch::Contains("copy.sqlite") && Catch::Contains("both hold") && Catch::Contains("BTC/USD 1h"));
}
