#include <octobot/backtesting/data/series.hpp>

#include <stdexcept>
#include <string>

namespace octobot::backtesting::data {

BaseQuote split_symbol(std::string_view symbol) {
  const auto slash = symbol.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == symbol.size() ||
      symbol.find('/', slash + 1) != std::string_view::npos) {
    throw std::invalid_argument("expected a symbol BASE/QUOTE such as BTC/USDT, found \"" + std::string(symbol) + "\"");
  }
  return {std::string(symbol.substr(0, slash)), std::string(symbol.substr(slash + 1))};
}

}  // namespace octobot::backtesting::data
