// The one error type of the package: a data file (native or imported) that cannot be used as it is.
#pragma once

#include <stdexcept>
#include <string>

namespace octobot::backtesting::data {

// what() is "<file>: expected <...>, found <...>", or "<file>: <where>: expected ..., found ..." when
// the problem is in one place of the file (a CSV line, an OctoBot `ohlcv` row, a series).
class DataFileError : public std::runtime_error {
 public:
  DataFileError(std::string file, std::string expected, std::string found, std::string where = {});

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::string& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& expected() const noexcept { return expected_; }
  [[nodiscard]] const std::string& found() const noexcept { return found_; }

 private:
  std::string file_;
  std::string where_;
  std::string expected_;
  std::string found_;
};

}  // namespace octobot::backtesting::data
