// A configured amount in OctoBot's syntax, checked when the configuration is read, so that a typo is
// a configuration error naming the key rather than a failed order much later. The host resolves the
// amount ("portfolio/1" resolve_amount); this only checks its shape: a positive number, optionally
// followed by q (quote), % or a% (of available), t% (of total) or p% (of position).
#pragma once

#include <octobot/sdk/error.hpp>

#include <cstdlib>
#include <string>

namespace octobot::modes {

inline void check_amount_syntax(const std::string& key, const std::string& text) {
  if (text.empty()) return;  // not set
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  const std::string suffix(end);
  const bool known_suffix =
      suffix.empty() || suffix == "q" || suffix == "%" || suffix == "a%" || suffix == "t%" || suffix == "p%";
  if (end == text.c_str() || !known_suffix || !(value > 0)) {
    throw sdk::ConfigError("'" + key + "' must be an amount such as 0.1 (base), 100q (quote), 10% or 10a% (of " +
                           "available), 10t% (of total) or 10p% (of position); got \"" + text + "\"");
  }
}

}  // namespace octobot::modes
