// Reads the reference CSV files of data/ (see data/README.md): a header of column names, then one row
// per candle; an empty field is a value TA-Lib does not produce (the warm-up), read as NaN.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace octobot::testing {

class CsvColumns {
 public:
  explicit CsvColumns(const std::string& file_name) {
    const std::string path = std::string(OCTOBOT_INDICATOR_DATA_DIR) + "/" + file_name;
    std::ifstream in(path);
    REQUIRE(in.good());
    std::string line;
    REQUIRE(std::getline(in, line));
    names_ = split(line);
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const std::vector<std::string> fields = split(line);
      REQUIRE(fields.size() == names_.size());
      for (std::size_t i = 0; i < fields.size(); ++i) {
        columns_[names_[i]].push_back(fields[i].empty() ? std::numeric_limits<double>::quiet_NaN()
                                                        : std::strtod(fields[i].c_str(), nullptr));
      }
    }
  }

  [[nodiscard]] const std::vector<double>& operator[](const std::string& name) const {
    const auto found = columns_.find(name);
    if (found == columns_.end()) FAIL("no column " << name);
    return found->second;
  }
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

 private:
  static std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
  }

  std::vector<std::string> names_;
  std::map<std::string, std::vector<double>> columns_;
};

// The candles every reference was computed on: 1,000 hours of Bitstamp BTC/USD, oldest first.
struct Candles {
  std::vector<double> open, high, low, close, volume;
};

inline const Candles& reference_candles() {
  static const Candles candles = [] {
    const CsvColumns csv("btcusd_1h_candles.csv");
    return Candles{csv["open"], csv["high"], csv["low"], csv["close"], csv["volume"]};
  }();
  return candles;
}

// Where `actual` and `expected` disagree beyond `relative` (plus an absolute floor for values near
// zero), or where one is NaN and the other is not. Returns the first mismatch's index, or -1.
inline long first_mismatch(const std::vector<double>& actual, const std::vector<double>& expected,
                           double relative = 1e-9, double absolute = 1e-10) {
  if (actual.size() != expected.size()) return 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (std::isnan(actual[i]) || std::isnan(expected[i])) {
      if (std::isnan(actual[i]) != std::isnan(expected[i])) return static_cast<long>(i);
      continue;
    }
    const double scale = std::max(std::fabs(actual[i]), std::fabs(expected[i]));
    if (std::fabs(actual[i] - expected[i]) > relative * scale + absolute) return static_cast<long>(i);
  }
  return -1;
}

}  // namespace octobot::testing
