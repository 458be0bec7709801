#include <octobot/backtesting/data/data_file_error.hpp>

#include <utility>

namespace octobot::backtesting::data {
namespace {

std::string message(const std::string& file, const std::string& where, const std::string& expected,
                    const std::string& found) {
  std::string text = file;
  if (!where.empty()) text += ": " + where;
  return text + ": expected " + expected + ", found " + found;
}

}  // namespace

DataFileError::DataFileError(std::string file, std::string expected, std::string found, std::string where)
    : std::runtime_error(message(file, where, expected, found)),
      file_(std::move(file)),
      where_(std::move(where)),
      expected_(std::move(expected)),
      found_(std::move(found)) {}

}  // namespace octobot::backtesting::data
