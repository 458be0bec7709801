// Warm-ups: every indicator's lookback() is TA-Lib's lookback (data/talib_lookbacks.csv, read from
// TA-Lib's own output for each parameter set), the series hold NaN on exactly those candles, the
// incremental form returns its first value on the candle right after them, and inputs too short
// for one value give only NaN.
#include <catch2/catch.hpp>
#include <octobot/sdk/indicators.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace {

namespace ind = octobot::sdk::indicators;
using octobot::testing::reference_candles;

struct TaLibLookback {
  std::string function;
  std::vector<int> parameters;
  std::string lookback;  // a number, or "rejected" when TA-Lib refuses the parameters
};

std::vector<TaLibLookback> talib_lookbacks() {
  std::ifstream in(std::string(OCTOBOT_INDICATOR_DATA_DIR) + "/talib_lookbacks.csv");
  REQUIRE(in.good());
  std::vector<TaLibLookback> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    TaLibLookback row;
    std::string parameters;
    std::getline(fields, row.function, ',');
    std::getline(fields, parameters, ',');
    std::getline(fields, row.lookback, ',');
    std::stringstream numbers(parameters);
    for (int value = 0; numbers >> value;) row.parameters.push_back(value);
    out.push_back(row);
  }
  return out;
}

// What one indicator, built with TA-Lib's parameters, says about its warm-up.
struct WarmUp {
  int lookback;                             // the class's lookback()
  std::size_t series_nan_prefix;            // NaN candles at the start of the series function's output
  std::optional<std::size_t> first_update;  // the candle on which update() first returns a value
};

std::size_t nan_prefix(const std::vector<double>& series) {
  std::size_t count = 0;
  while (count < series.size() && std::isnan(series[count])) ++count;
  return count;
}

template <typename Indicator, typename Update>
WarmUp measure(Indicator indicator, const std::vector<double>& series, Update&& update) {
  const auto& c = reference_candles();
  std::optional<std::size_t> first;
  for (std::size_t i = 0; i < c.close.size() && !first; ++i) {
    if (update(indicator, i)) first = i;
  }
  return {indicator.lookback(), nan_prefix(series), first};
}

WarmUp warm_up(const std::string& function, const std::vector<int>& p) {
  const auto& c = reference_candles();
  const auto on_close = [&](auto& indicator, std::size_t i) { return indicator.update(c.close[i]).has_value(); };
  const auto on_hlc = [&](auto& indicator, std::size_t i) {
    return indicator.update(c.high[i], c.low[i], c.close[i]).has_value();
  };
  if (function == "SMA") return measure(ind::Sma(p[0]), ind::sma(c.close, p[0]), on_close);
  if (function == "EMA") return measure(ind::Ema(p[0]), ind::ema(c.close, p[0]), on_close);
  if (function == "WMA") return measure(ind::Wma(p[0]), ind::wma(c.close, p[0]), on_close);
  if (function == "RSI") return measure(ind::Rsi(p[0]), ind::rsi(c.close, p[0]), on_close);
  if (function == "MACD") {
    return measure(ind::Macd(p[0], p[1], p[2]), ind::macd(c.close, p[0], p[1], p[2]).signal, on_close);
  }
  if (function == "BBANDS")
    return measure(ind::BollingerBands(p[0]), ind::bollinger_bands(c.close, p[0]).upper, on_close);
  if (function == "ATR") return measure(ind::Atr(p[0]), ind::atr(c.high, c.low, c.close, p[0]), on_hlc);
  if (function == "ADX") return measure(ind::Adx(p[0]), ind::adx(c.high, c.low, c.close, p[0]), on_hlc);
  if (function == "PLUS_DI") {
    return measure(ind::DirectionalIndex(p[0]), ind::directional_index(c.high, c.low, c.close, p[0]).plus_di, on_hlc);
  }
  if (function == "MINUS_DI") {
    return measure(ind::DirectionalIndex(p[0]), ind::directional_index(c.high, c.low, c.close, p[0]).minus_di, on_hlc);
  }
  if (function == "STOCH") {
    return measure(ind::Stochastic(p[0], p[1], p[2]), ind::stochastic(c.high, c.low, c.close, p[0], p[1], p[2]).k,
                   on_hlc);
  }
  if (function == "STOCHF") {
    return measure(ind::StochasticFast(p[0], p[1]), ind::stochastic_fast(c.high, c.low, c.close, p[0], p[1]).d, on_hlc);
  }
  if (function == "STOCHRSI") {
    return measure(ind::StochasticRsi(p[0], p[1], p[2]), ind::stochastic_rsi(c.close, p[0], p[1], p[2]).k, on_close);
  }
  if (function == "OBV") {
    ind::Obv obv;
    obv.update(c.close[0], c.volume[0]);
    return {obv.lookback(), nan_prefix(ind::obv(c.close, c.volume)),
            obv.ready() ? std::optional<std::size_t>(0) : std::nullopt};
  }
  FAIL("no indicator for TA-Lib function " << function);
  return {};
}

}  // namespace

TEST_CASE("lookbacks and warm-ups are TA-Lib's", "[indicators][warm_up]") {
  const std::vector<TaLibLookback> rows = talib_lookbacks();
  REQUIRE(rows.size() >= 30);
  for (const TaLibLookback& row : rows) {
    std::string parameters;
    for (const int value : row.parameters) parameters += std::to_string(value) + " ";
    INFO(row.function << " " << parameters << "-> TA-Lib lookback " << row.lookback);
    if (row.lookback == "rejected") {
      // Only SMA(1): TA-Lib's SMA refuses it while its MA (which STOCH uses) accepts it; so do we.
      CHECK(row.function == "SMA");
      CHECK(row.parameters == std::vector<int>{1});
      CHECK(ind::Sma(1).lookback() == 0);
      continue;
    }
    const std::size_t expected = std::stoul(row.lookback);
    const WarmUp measured = warm_up(row.function, row.parameters);
    CHECK(static_cast<std::size_t>(measured.lookback) == expected);
    CHECK(measured.series_nan_prefix == expected);
    CHECK(measured.first_update == expected);
  }
}

TEST_CASE("lookbacks of the indicators TA-Lib lacks", "[indicators][warm_up]") {
  // VWMA: period - 1 (like TA-Lib's SUM); SuperTrend: its ATR's, `period`; Klinger: the volume force
  // starts on candle 1, KO on candle `slow`, the signal slow + signal - 1.
  CHECK(ind::Vwma(20).lookback() == 19);
  CHECK(ind::SuperTrend(10, 3).lookback() == 10);
  CHECK(ind::Klinger(34, 55, 13).lookback() == 67);
  const auto& c = reference_candles();
  CHECK(nan_prefix(ind::vwma(c.close, c.volume, 20)) == 19);
  CHECK(nan_prefix(ind::supertrend(c.high, c.low, c.close, 10, 3).value) == 10);
  CHECK(nan_prefix(ind::klinger(c.high, c.low, c.close, c.volume, 34, 55, 13).oscillator) == 67);
}

TEST_CASE("inputs shorter than the warm-up give only NaN, one more candle gives one value", "[indicators][warm_up]") {
  const auto& c = reference_candles();
  const auto values_in = [](const std::vector<double>& series) {
    std::size_t count = 0;
    for (const double value : series) count += std::isnan(value) ? 0 : 1;
    return count;
  };
  const auto first = [](const std::vector<double>& column, std::size_t count) {
    return std::vector<double>(column.begin(), column.begin() + static_cast<long>(count));
  };
  for (const std::size_t extra : {0, 1}) {
    INFO("lookback + " << extra << " candles");
    CHECK(values_in(ind::rsi(first(c.close, 14 + extra), 14)) == extra);
    CHECK(values_in(ind::macd(first(c.close, 33 + extra)).histogram) == extra);
    CHECK(values_in(ind::adx(first(c.high, 27 + extra), first(c.low, 27 + extra), first(c.close, 27 + extra))) ==
          extra);
    CHECK(values_in(ind::stochastic_rsi(first(c.close, 20 + extra)).d) == extra);
    CHECK(values_in(ind::klinger(first(c.high, 67 + extra), first(c.low, 67 + extra), first(c.close, 67 + extra),
                                 first(c.volume, 67 + extra))
                        .signal) == extra);
  }
  CHECK(ind::sma(std::vector<double>{}, 3).empty());
  CHECK(ind::obv(std::vector<double>{}, std::vector<double>{}).empty());
}
