// Calling the services the way a C tentacle does: through their tables, with ABI structs.
#pragma once

#include <octobot/abi.h>
#include <octobot/trading_modes/decimal_text.hpp>

#include <string>

namespace trading_modes_test {

inline ob_order_request request(const char* symbol, std::uint32_t side, std::uint32_t type, const std::string& amount,
                                const std::string& price = {}, const std::string& trigger = {}) {
  ob_order_request raw{};
  raw.header = OB_HEADER_INIT(ob_order_request);
  raw.symbol = symbol;
  raw.side = side;
  raw.type = type;
  octobot::trading_modes::copy_text(raw.amount.text, sizeof(raw.amount.text), amount);
  octobot::trading_modes::copy_text(raw.price.text, sizeof(raw.price.text), price);
  octobot::trading_modes::copy_text(raw.trigger_price.text, sizeof(raw.trigger_price.text), trigger);
  return raw;
}

inline ob_order_view blank_view() {
  ob_order_view view{};
  view.header = OB_HEADER_INIT(ob_order_view);
  return view;
}

inline ob_error blank_error() {
  ob_error error{};
  error.header = OB_HEADER_INIT(ob_error);
  return error;
}

}  // namespace trading_modes_test
