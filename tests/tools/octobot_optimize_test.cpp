// `octobot optimize` as a user runs it, and `octobot backtest` over several --data files.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/bot/candle_data.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "shell_run.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

using Run = octobot::testing::ShellRun;

Run run_octobot(const octobot::testing::TempDir& user_dir, const std::string& arguments) {
  return octobot::testing::shell_run(std::string(OCTOBOT_BINARY) + " --user-dir " + user_dir.path().string() +
                                     " --log-level error " + arguments + " 2>&1");
}

std::string read(const fs::path& file) {
  std::string text;
  FILE* in = std::fopen(file.c_str(), "rb");
  REQUIRE(in != nullptr);
  std::array<char, 4096> buffer{};
  while (const std::size_t count = std::fread(buffer.data(), 1, buffer.size(), in)) text.append(buffer.data(), count);
  std::fclose(in);
  return text;
}

const std::string kWindow = "--start 2021-01-01 --end 2021-01-22";
const std::string kParams =
    "--param RSIMomentumEvaluator.period_length=10..14:2 --param "
    "DoubleMovingAverageTrendEvaluator.short_period_length=3,5";

}  // namespace

TEST_CASE("octobot optimize: a grid on the bundled data prints the ranking and writes both files", "[cli][optimize]") {
  octobot::testing::TempDir user_dir;
  const auto one = user_dir / "one";
  const auto run =
      run_octobot(user_dir, "optimize " + kParams + " " + kWindow + " --jobs 1 --report-dir " + one.string());
  INFO(run.output);
  REQUIRE(run.status == 0);
  CHECK_THAT(run.output, Catch::Contains("6 runs (grid of 6 combinations) on 1 threads") &&
                             Catch::Contains("ranked by total_return") &&
                             Catch::Contains("RSIMomentumEvaluator.period_length") && Catch::Contains("return %") &&
                             Catch::Contains("optimize.html"));
  const std::string html = read(one / "optimize.html");
  CHECK(html.find("<table id=\"runs\">") != std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);

  // Two threads: the same file, byte for byte.
  const auto two = user_dir / "two";
  const auto parallel =
      run_octobot(user_dir, "optimize " + kParams + " " + kWindow + " --jobs 2 --quiet --report-dir " + two.string());
  REQUIRE(parallel.status == 0);
  const std::string json = read(one / "optimize.json");
  CHECK(json == read(two / "optimize.json"));
  CHECK(json.find("\"format\": \"octobot-optimize/1\"") != std::string::npos);
  CHECK(json.find("\"rank\": 6") != std::string::npos);
}

TEST_CASE("octobot optimize --random --json: a seeded sample on stdout", "[cli][optimize]") {
  octobot::testing::TempDir user_dir;
  const auto args =
      "optimize " + kParams + " " + kWindow + " --random 2 --seed 3 --json --rank-by sharpe --report-dir ";
  const auto first = run_octobot(user_dir, args + (user_dir / "a").string());
  const auto second = run_octobot(user_dir, args + (user_dir / "b").string());
  INFO(first.output);
  REQUIRE(first.status == 0);
  CHECK(first.output == second.output);
  CHECK(first.output.find("\"search\": \"random\"") != std::string::npos);
  CHECK(first.output.find("\"rank\": 3") == std::string::npos);  // two runs only
}

TEST_CASE("octobot optimize: bad parameters say what was expected and what was found", "[cli][optimize]") {
  octobot::testing::TempDir user_dir;
  const auto syntax = run_octobot(user_dir, "optimize --param RSIMomentumEvaluator.period_length=3..1:1");
  CHECK(syntax.status == 2);
  CHECK_THAT(syntax.output, Catch::Contains("found 3..1"));
  const auto key = run_octobot(user_dir, "optimize --param RSIMomentumEvaluator.length=3,4");
  CHECK(key.status == 2);
  CHECK_THAT(key.output, Catch::Contains("'length'") && Catch::Contains("period_length"));
  const auto cls = run_octobot(user_dir, "optimize --param Nope.length=3,4");
  CHECK(cls.status == 2);
  CHECK_THAT(cls.output, Catch::Contains("found 'Nope'") && Catch::Contains("DailyTradingMode"));
  const auto stat = run_octobot(user_dir, "optimize --param RSIMomentumEvaluator.period_length=3,4 --rank-by gains");
  CHECK(stat.status == 2);
  CHECK_THAT(stat.output, Catch::Contains("--rank-by: expected one of total_return") && Catch::Contains("'gains'"));
}

TEST_CASE("octobot backtest: two --data files replay like the one file they were split from", "[cli][backtest]") {
  octobot::testing::TempDir user_dir;
  const fs::path bundled = fs::path(OCTOBOT_SOURCE_DIR) / "data" / "bitstamp-btcusd.sqlite";
  const auto loaded = octobot::bot::load_candles({bundled});  // kept alive through the loop
  for (const auto& series : loaded->series()) {
    octobot::backtesting::data::DataFileWriter writer(
        user_dir / (series.info.time_frame == octobot::commons::TimeFrame::one_day ? "d.sqlite" : "h.sqlite"), "split");
    const auto id = writer.series({series.info.exchange, series.info.symbol, series.info.time_frame});
    (void)writer.append(id, series.candles);
    writer.commit();
  }
  const auto merged = run_octobot(
      user_dir, "backtest --json --no-store " + kWindow + " --data " + (user_dir / "h.sqlite").string() + " --data " +
                    (user_dir / "d.sqlite").string() + " --report-dir " + (user_dir / "m").string());
  const auto single = run_octobot(user_dir, "backtest --json --no-store " + kWindow + " --data " + bundled.string() +
                                                " --report-dir " + (user_dir / "s").string());
  INFO(merged.output);
  REQUIRE(merged.status == 0);
  CHECK(read(user_dir / "m" / "report.json") == read(user_dir / "s" / "report.json"));
}
