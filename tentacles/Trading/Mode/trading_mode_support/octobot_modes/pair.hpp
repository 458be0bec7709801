// A trading pair's two assets, from OctoBot's "BASE/QUOTE" symbol (futures suffixes ":SETTLE" are
// cut off: the modes here trade spot).
#pragma once

#include <string>
#include <string_view>

namespace octobot::modes {

struct Pair {
  std::string base;
  std::string quote;
};

[[nodiscard]] inline Pair parse_pair(std::string_view symbol) {
  const auto slash = symbol.find('/');
  if (slash == std::string_view::npos) return {std::string(symbol), {}};
  std::string_view quote = symbol.substr(slash + 1);
  if (const auto colon = quote.find(':'); colon != std::string_view::npos) quote = quote.substr(0, colon);
  return {std::string(symbol.substr(0, slash)), std::string(quote)};
}

}  // namespace octobot::modes
