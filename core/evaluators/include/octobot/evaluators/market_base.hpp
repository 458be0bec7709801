// The base asset of a symbol ("BTC/USDT" -> "BTC", "BTC/USDT:USDT" -> "BTC"): the matrix's
// cryptocurrency key, as OctoBot derives it.
#pragma once

#include <string>
#include <string_view>

namespace octobot::evaluators {

[[nodiscard]] inline std::string base_of(std::string_view symbol) {
  const auto slash = symbol.find('/');
  return std::string(slash == std::string_view::npos ? symbol : symbol.substr(0, slash));
}

}  // namespace octobot::evaluators
