#include <octobot/backtesting/report/run_data.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace octobot::backtesting::report {

std::uint64_t total_fills(const RunData& run) noexcept {
  return std::max<std::uint64_t>(run.fills_total, run.fills.size());
}

std::string_view to_string(TradeSide side) noexcept { return side == TradeSide::buy ? "buy" : "sell"; }

SymbolAssets split_symbol(std::string_view symbol) {
  const auto slash = symbol.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == symbol.size()) {
    throw std::invalid_argument("symbol \"" + std::string(symbol) + "\" is not BASE/QUOTE");
  }
  auto quote = symbol.substr(slash + 1);
  if (const auto colon = quote.find(':'); colon != std::string_view::npos) quote = quote.substr(0, colon);
  return {std::string(symbol.substr(0, slash)), std::string(quote)};
}

}  // namespace octobot::backtesting::report
