// Candle sources for the fake: a series of a native data file, or a deterministic random walk.
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/commons/decimal.hpp>
#include <octobot/commons/time_frame.hpp>
#include <octobot/testing/fake_binance.hpp>

#include <random>
#include <stdexcept>

namespace octobot::testing {

namespace {

using commons::Decimal;
using commons::RoundingMode;

std::string fixed(Decimal value, int decimals) {
  return value.round_to_decimals(decimals, RoundingMode::half_even).to_string();
}

std::string fixed(double value, int decimals) { return fixed(Decimal::from_double(value), decimals); }

}  // namespace

std::vector<FakeCandle> candles_from_data_file(const std::filesystem::path& file, const std::string& symbol,
                                               const std::string& time_frame, std::size_t limit, int decimals) {
  const auto tf = commons::parse_time_frame(time_frame);
  if (!tf) throw std::invalid_argument("unknown time frame \"" + time_frame + "\"");
  const auto data = backtesting::data::DataFile::open(file);
  const backtesting::data::SeriesInfo* series = nullptr;
  for (const auto& s : data.series()) {
    if (s.symbol == symbol && s.time_frame == *tf) series = &s;
  }
  if (series == nullptr) {
    throw std::invalid_argument(file.string() + " holds no " + symbol + " " + time_frame + " series");
  }
  backtesting::data::CandleStream stream(data, {.series_ids = {series->id}});
  std::vector<FakeCandle> out;
  backtesting::data::StreamedCandle candle;
  while ((limit == 0 || out.size() < limit) && stream.next(candle)) {
    const auto& c = candle.candle;
    out.push_back(FakeCandle{c.open_time_ms, fixed(c.open, decimals), fixed(c.high, decimals), fixed(c.low, decimals),
                             fixed(c.close, decimals), fixed(c.volume, 8)});
  }
  return out;
}

std::vector<FakeCandle> generate_candles(std::int64_t start_ms, std::int64_t interval_ms, std::size_t count,
                                         const std::string& start_price, std::uint64_t seed, int decimals) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> move(-50, 50);  // basis points per candle
  std::uniform_int_distribution<int> wick(0, 20);
  std::uniform_int_distribution<int> volume(1, 1000);
  const Decimal bp = Decimal::from_string("0.0001");
  Decimal price = Decimal::from_string(start_price);
  std::vector<FakeCandle> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const Decimal open = price;
    const Decimal close =
        (open + open * bp * Decimal::from_integer(move(random))).round_to_decimals(decimals, RoundingMode::half_even);
    const Decimal top = std::max(open, close);
    const Decimal bottom = std::min(open, close);
    const Decimal high =
        (top + top * bp * Decimal::from_integer(wick(random))).round_to_decimals(decimals, RoundingMode::up);
    const Decimal low =
        (bottom - bottom * bp * Decimal::from_integer(wick(random))).round_to_decimals(decimals, RoundingMode::down);
    out.push_back(FakeCandle{start_ms + static_cast<std::int64_t>(i) * interval_ms, fixed(open, decimals),
                             fixed(high, decimals), fixed(low, decimals), fixed(close, decimals),
                             Decimal::from_integer(volume(random)).to_string()});
    price = close;
  }
  return out;
}

}  // namespace octobot::testing
