// `octobot indicator NAME [--param KEY=VALUE ...] --data FILE [--output FILE]`: one SDK indicator
// over a candle file, printed as CSV so that users can hold it against their charting tool.
#include <octobot/commons/candle_csv.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/sdk/indicators.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"

namespace octobot::app {
namespace {

namespace ind = sdk::indicators;

// Exit status for a NAME or parameter the command does not know (bad data files give 1).
constexpr int kUsageError = 2;

// A usage mistake: unknown indicator or parameter, or a value out of range.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CandleColumns {
  std::vector<std::int64_t> time_ms;
  std::vector<double> open, high, low, close, volume;
};

struct Parameter {
  std::string name;
  double default_value;
  std::string help;
  bool integer = true;
};

using ParameterValues = std::map<std::string, double>;
using Series = std::vector<std::vector<double>>;  // one NaN-padded column per output

struct Indicator {
  std::string name;
  std::string summary;
  std::vector<Parameter> parameters;
  std::vector<std::string> outputs;
  std::function<Series(const CandleColumns&, const ParameterValues&)> compute;
};

int integer(const ParameterValues& values, const std::string& name) { return static_cast<int>(values.at(name)); }

// Every indicator of the SDK, as the command exposes it. Single-input indicators run on the close.
const std::vector<Indicator>& catalog() {
  static const std::vector<Indicator> indicators = {
      {"sma",
       "simple moving average of the close",
       {{"period", 30, "candles averaged"}},
       {"sma"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         return {ind::sma(c.close, integer(p, "period"))};
       }},
      {"ema",
       "exponential moving average of the close, seeded with an SMA",
       {{"period", 30, "candles; k = 2 / (period + 1)"}},
       {"ema"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         return {ind::ema(c.close, integer(p, "period"))};
       }},
      {"wma",
       "linearly weighted moving average of the close",
       {{"period", 30, "candles, weights 1..period"}},
       {"wma"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         return {ind::wma(c.close, integer(p, "period"))};
       }},
      {"vwma",
       "volume-weighted moving average of the close",
       {{"period", 20, "candles"}},
       {"vwma"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         return {ind::vwma(c.close, c.volume, integer(p, "period"))};
       }},
      {"rsi",
       "Wilder's relative strength index of the close",
       {{"period", 14, "candles"}},
       {"rsi"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         return {ind::rsi(c.close, integer(p, "period"))};
       }},
      {"macd",
       "MACD of the close (TA-Lib's alignment)",
       {{"fast", 12, "fast EMA period"}, {"slow", 26, "slow EMA period"}, {"signal", 9, "signal EMA period"}},
       {"macd", "signal", "histogram"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         auto out = ind::macd(c.close, integer(p, "fast"), integer(p, "slow"), integer(p, "signal"));
         return {std::move(out.macd), std::move(out.signal), std::move(out.histogram)};
       }},
      {"bbands",
       "Bollinger Bands of the close (SMA, population standard deviation)",
       {{"period", 5, "candles (TA-Lib's default; Bollinger's is 20)"},
        {"deviations_up", 2, "standard deviations above", false},
        {"deviations_down", 2, "standard deviations below", false}},
       {"upper", "middle", "lower"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         auto out = ind::bollinger_bands(c.close, integer(p, "period"), p.at("deviations_up"), p.at("deviations_down"));
         return {std::move(out.upper), std::move(out.middle), std::move(out.lower)};
       }},
      {"atr",
       "Wilder's average true range",
       {{"period", 14, "candles"}},
       {"atr"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         return {ind::atr(c.high, c.low, c.close, integer(p, "period"))};
       }},
      {"adx",
       "average directional index with +DI and -DI",
       {{"period", 14, "candles"}},
       {"adx", "plus_di", "minus_di"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         const int period = integer(p, "period");
         auto di = ind::directional_index(c.high, c.low, c.close, period);
         return {ind::adx(c.high, c.low, c.close, period), std::move(di.plus_di), std::move(di.minus_di)};
       }},
      {"stoch",
       "slow stochastic oscillator",
       {{"fast_k", 5, "candles of the high/low window"}, {"slow_k", 3, "SMA of raw %K"}, {"slow_d", 3, "SMA of %K"}},
       {"k", "d"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         auto out =
             ind::stochastic(c.high, c.low, c.close, integer(p, "fast_k"), integer(p, "slow_k"), integer(p, "slow_d"));
         return {std::move(out.k), std::move(out.d)};
       }},
      {"stochf",
       "fast stochastic oscillator",
       {{"fast_k", 5, "candles of the high/low window"}, {"fast_d", 3, "SMA of %K"}},
       {"k", "d"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         auto out = ind::stochastic_fast(c.high, c.low, c.close, integer(p, "fast_k"), integer(p, "fast_d"));
         return {std::move(out.k), std::move(out.d)};
       }},
      {"stochrsi",
       "stochastic RSI of the close (fast stochastic of the RSI)",
       {{"period", 14, "RSI period"}, {"fast_k", 5, "candles of the RSI window"}, {"fast_d", 3, "SMA of %K"}},
       {"k", "d"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         auto out = ind::stochastic_rsi(c.close, integer(p, "period"), integer(p, "fast_k"), integer(p, "fast_d"));
         return {std::move(out.k), std::move(out.d)};
       }},
      {"supertrend",
       "SuperTrend (TradingView's rules; direction 1 up, -1 down)",
       {{"period", 10, "ATR period"}, {"multiplier", 3, "ATR multiple", false}},
       {"supertrend", "direction"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         auto out = ind::supertrend(c.high, c.low, c.close, integer(p, "period"), p.at("multiplier"));
         return {std::move(out.value), std::move(out.direction)};
       }},
      {"klinger",
       "Klinger volume oscillator and its signal line",
       {{"fast", 34, "fast EMA period"}, {"slow", 55, "slow EMA period"}, {"signal", 13, "signal EMA period"}},
       {"klinger", "signal"},
       [](const CandleColumns& c, const ParameterValues& p) -> Series {
         auto out = ind::klinger(c.high, c.low, c.close, c.volume, integer(p, "fast"), integer(p, "slow"),
                                 integer(p, "signal"));
         return {std::move(out.oscillator), std::move(out.signal)};
       }},
      {"obv",
       "on-balance volume",
       {},
       {"obv"},
       [](const CandleColumns& c, const ParameterValues&) -> Series { return {ind::obv(c.close, c.volume)}; }},
  };
  return indicators;
}

std::string indicator_names() {
  std::string names;
  for (const Indicator& indicator : catalog()) names += (names.empty() ? "" : ", ") + indicator.name;
  return names;
}

std::string parameter_list(const Indicator& indicator) {
  if (indicator.parameters.empty()) return "(none)";
  std::string list;
  for (const Parameter& parameter : indicator.parameters) {
    list += (list.empty() ? "" : " ") + fmt::format("{}={}", parameter.name, parameter.default_value);
  }
  return list;
}

// The --help footer: every indicator, its parameters with defaults, its output columns.
std::string catalog_help() {
  std::string text =
      "Indicators (parameters with their defaults, then the output columns). Definitions, defaults and warm-ups "
      "are TA-Lib's; VWMA, SuperTrend and Klinger, which TA-Lib lacks, follow the published definitions given in "
      "docs/indicators.md:\n";
  for (const Indicator& indicator : catalog()) {
    text += fmt::format("  {:<11}{}\n  {:<11}  params: {}\n  {:<11}  columns: time,{}\n", indicator.name,
                        indicator.summary, "", parameter_list(indicator), "", fmt::join(indicator.outputs, ","));
  }
  text +=
      "\nThe candle file may be a CryptoDataDownload export (banner line, newest first), a "
      "timestamp,Open,High,Low,Close,Volume file with UTC date-times, or time,open,high,low,close,volume in Unix "
      "seconds or milliseconds. Output: CSV with the candle's open time in ISO 8601 UTC; warm-up candles have "
      "empty fields. Exit status 2 for an unknown indicator or parameter, 1 for an unreadable candle file.";
  return text;
}

const Indicator& find_indicator(const std::string& name) {
  for (const Indicator& indicator : catalog()) {
    if (indicator.name == name) return indicator;
  }
  throw UsageError("unknown indicator \"" + name + "\"; valid names: " + indicator_names());
}

// Defaults, overridden by "KEY=VALUE" arguments.
ParameterValues parameter_values(const Indicator& indicator, const std::vector<std::string>& arguments) {
  ParameterValues values;
  for (const Parameter& parameter : indicator.parameters) values[parameter.name] = parameter.default_value;
  const std::string valid = indicator.parameters.empty()
                                ? std::string("it takes no parameters")
                                : "valid parameters (with their defaults): " + parameter_list(indicator);
  for (const std::string& argument : arguments) {
    const std::size_t equals = argument.find('=');
    const std::string key = argument.substr(0, equals);
    const auto parameter = std::find_if(indicator.parameters.begin(), indicator.parameters.end(),
                                        [&](const Parameter& p) { return p.name == key; });
    if (parameter == indicator.parameters.end()) {
      throw UsageError(fmt::format("{} has no parameter \"{}\"; {}", indicator.name, key, valid));
    }
    const std::string text = equals == std::string::npos ? "" : argument.substr(equals + 1);
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    const bool whole = std::isfinite(value) && std::nearbyint(value) == value;
    if (text.empty() || used != text.size() || !std::isfinite(value) || (parameter->integer && !whole)) {
      throw UsageError(fmt::format("--param {}: expected {}, found \"{}\"", argument,
                                   parameter->integer ? "an integer" : "a number", text));
    }
    if (parameter->integer && std::fabs(value) > 1e9) {
      throw UsageError(fmt::format("--param {}: {} is out of range", argument, key));
    }
    values[key] = value;
  }
  return values;
}

CandleColumns columns_of(const std::vector<commons::Candle>& candles) {
  CandleColumns columns;
  for (const commons::Candle& candle : candles) {
    columns.time_ms.push_back(candle.open_time_ms);
    columns.open.push_back(candle.open);
    columns.high.push_back(candle.high);
    columns.low.push_back(candle.low);
    columns.close.push_back(candle.close);
    columns.volume.push_back(candle.volume);
  }
  return columns;
}

std::string iso_utc(std::int64_t time_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds(time_ms)};
  const sys_days day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  const auto millis = clock.subseconds().count();
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                     clock.minutes().count(), clock.seconds().count(),
                     millis != 0 ? fmt::format(".{:03}", millis) : std::string());
}

// Duplicates make the series meaningless (two candles for one time): an error. Gaps and corrected
// volumes do not stop the command, but the user hears about them on stderr.
void check_candle_times(const commons::CandleCsv& csv, const std::string& file) {
  if (!csv.duplicates.empty()) {
    const commons::DuplicateCandleTime& first = csv.duplicates.front();
    throw std::runtime_error(
        fmt::format("{}: {} duplicate candle time{} (first: {} on lines {} and {}); an "
                    "indicator needs one candle per time",
                    file, csv.duplicates.size(), csv.duplicates.size() == 1 ? "" : "s", iso_utc(first.time_ms),
                    first.first_line, first.second_line));
  }
  if (!csv.gaps.empty()) {
    std::cerr << fmt::format(
        "octobot: warning: {}: {} gap{} in candles {} s apart (first: from {} to {}); the indicator runs over the "
        "candles as they are\n",
        file, csv.gaps.size(), csv.gaps.size() == 1 ? "" : "s", csv.interval_ms / 1000, iso_utc(csv.gaps[0].from_ms),
        iso_utc(csv.gaps[0].to_ms));
  }
  if (csv.swapped_volume_rows > 0) {
    std::cerr << fmt::format("octobot: note: {}: {} row{} had the base and quote volume columns swapped; corrected\n",
                             file, csv.swapped_volume_rows, csv.swapped_volume_rows == 1 ? "" : "s");
  }
}

std::string format_csv(const Indicator& indicator, const CandleColumns& candles, const Series& series) {
  std::string out = fmt::format("time,{}\n", fmt::join(indicator.outputs, ","));
  for (std::size_t i = 0; i < candles.time_ms.size(); ++i) {
    out += iso_utc(candles.time_ms[i]);
    for (const std::vector<double>& column : series) {
      out += ',';
      if (!std::isnan(column[i])) out += fmt::format("{}", column[i]);
    }
    out += '\n';
  }
  return out;
}

struct IndicatorCommandOptions {
  std::string name;
  std::vector<std::string> parameters;
  std::string data_file;
  std::string output_file;
};

int run_indicator(const IndicatorCommandOptions& options) {
  const Indicator& indicator = find_indicator(options.name);
  const ParameterValues values = parameter_values(indicator, options.parameters);
  const commons::CandleCsv csv = commons::read_candle_csv(options.data_file);
  check_candle_times(csv, options.data_file);
  const CandleColumns candles = columns_of(csv.candles);
  Series series;
  try {
    series = indicator.compute(candles, values);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());  // e.g. "rsi: period must be in [2, 100000], got 1"
  }
  const std::string text = format_csv(indicator, candles, series);
  if (options.output_file.empty()) {
    std::cout << text;
  } else {
    commons::write_file_atomically(options.output_file, text);
  }
  return 0;
}

}  // namespace

void register_indicator_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<IndicatorCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "indicator",
      "Compute an indicator over a candle file and print its series as CSV (time, values), to check it "
      "against a charting tool.");
  command->add_option("NAME", options->name, "Indicator name (listed below)")->required();
  command->add_option("--param", options->parameters, "Set a parameter, e.g. --param period=20 (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  command->add_option("--data", options->data_file, "Candle CSV file")->required()->type_name("FILE");
  command->add_option("--output", options->output_file, "Write the CSV to FILE instead of standard output")
      ->type_name("FILE");
  command->footer(catalog_help());
  command->callback([&exit_status, options] {
    try {
      exit_status = run_indicator(*options);
    } catch (const UsageError& e) {
      std::cerr << "octobot indicator: " << e.what() << "\n";
      exit_status = kUsageError;
    } catch (const std::exception& e) {
      std::cerr << "octobot indicator: " << e.what() << "\n";
      exit_status = 1;
    }
  });
}

}  // namespace octobot::app
