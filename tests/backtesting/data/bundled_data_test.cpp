// The bundled data set (data/ at the repository root) opens with this reader and holds what
// docs/data-files.md says: Bitstamp BTC/USD 1h and 1d, SOL/USDT 1h, each series complete and ordered.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/data_file.hpp>

#include "data_test_support.hpp"

namespace {

using namespace octobot::backtesting::data;
using octobot::commons::TimeFrame;

const std::filesystem::path kData = std::filesystem::path(OCTOBOT_SOURCE_DIR) / "data";

void check_series_consistent(const DataFile& file, const SeriesInfo& info) {
  INFO(info.exchange << " " << info.symbol << " " << octobot::commons::to_string(info.time_frame));
  CHECK(info.candle_count > 0);
  // Count, span and gaps agree: count = slots in the span - missing candles.
  const GapReport gaps = file.gaps(info.id);
  const std::int64_t slots =
      (info.last_open_time_ms - info.first_open_time_ms) / octobot::commons::duration_ms(info.time_frame) + 1;
  CHECK(info.candle_count == slots - gaps.missing_candles);
  // And the stream gives exactly those candles, oldest first, with sane prices.
  CandleStream stream(file, {.series_ids = {info.id}});
  std::int64_t count = 0;
  std::int64_t previous = INT64_MIN;
  for (StreamedCandle c; stream.next(c);) {
    CHECK(c.candle.open_time_ms > previous);
    previous = c.candle.open_time_ms;
    CHECK(c.candle.low <= std::min(c.candle.open, c.candle.close));
    CHECK(c.candle.high >= std::max(c.candle.open, c.candle.close));
    CHECK(c.candle.volume >= 0);
    ++count;
  }
  CHECK(count == info.candle_count);
}

}  // namespace

TEST_CASE("bundled Bitstamp BTC/USD: hourly without a missing hour, daily over a longer span",
          "[backtesting][data][bundled]") {
  const DataFile file = DataFile::open(kData / "bitstamp-btcusd.sqlite");
  const auto hourly = file.find({"bitstamp", "BTC/USD", TimeFrame::one_hour});
  const auto daily = file.find({"bitstamp", "BTC/USD", TimeFrame::one_day});
  REQUIRE(hourly);
  REQUIRE(daily);
  CHECK(file.series().size() == 2);
  check_series_consistent(file, *hourly);
  check_series_consistent(file, *daily);
  CHECK(file.gaps(hourly->id).gap_count == 0);  // the source's hourly series has no missing hour
  CHECK(daily->first_open_time_ms < hourly->first_open_time_ms);

  // Merged, the two series come in close order, every candle once.
  CandleStream stream(file);
  std::int64_t count = 0;
  std::int64_t previous_close = INT64_MIN;
  for (StreamedCandle c; stream.next(c);) {
    CHECK(c.close_time_ms >= previous_close);
    previous_close = c.close_time_ms;
    ++count;
  }
  CHECK(count == hourly->candle_count + daily->candle_count);
}

TEST_CASE("bundled SOL/USDT hourly candles of 2024", "[backtesting][data][bundled]") {
  const DataFile file = DataFile::open(kData / "solusdt-1h-2024.sqlite");
  REQUIRE(file.series().size() == 1);
  const SeriesInfo& info = file.series()[0];
  CHECK(info.symbol == "SOL/USDT");
  CHECK(info.time_frame == TimeFrame::one_hour);
  check_series_consistent(file, info);
}
