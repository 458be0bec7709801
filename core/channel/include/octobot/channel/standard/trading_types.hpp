// Small enumerations shared by the standard messages.
#pragma once

#include <cstdint>
#include <string_view>

namespace octobot::channel {

enum class Side : std::uint8_t { buy, sell };

enum class OrderType : std::uint8_t {
  unknown,
  market,
  limit,
  stop_loss,
  stop_loss_limit,
  take_profit,
  take_profit_limit,
  trailing_stop,
  trailing_stop_limit,
};

// "market", "limit", "stop_loss", ... (OctoBot's names); "unknown" for anything else.
[[nodiscard]] constexpr std::string_view to_string(OrderType type) noexcept {
  switch (type) {
    case OrderType::market:
      return "market";
    case OrderType::limit:
      return "limit";
    case OrderType::stop_loss:
      return "stop_loss";
    case OrderType::stop_loss_limit:
      return "stop_loss_limit";
    case OrderType::take_profit:
      return "take_profit";
    case OrderType::take_profit_limit:
      return "take_profit_limit";
    case OrderType::trailing_stop:
      return "trailing_stop";
    case OrderType::trailing_stop_limit:
      return "trailing_stop_limit";
    case OrderType::unknown:
      break;
  }
  return "unknown";
}

enum class OrderStatus : std::uint8_t { unknown, open, partially_filled, filled, canceled, rejected, expired };

// `both` is one-way mode (a single net position per symbol).
enum class PositionSide : std::uint8_t { both, long_side, short_side };

// Whether an evaluation holds a note yet (OctoBot's "pending").
enum class EvaluationState : std::uint8_t { pending, ready };

// OctoBot's EvaluatorStates, from the strongest buy to the strongest sell signal.
enum class SignalState : std::uint8_t { very_long, long_signal, neutral, short_signal, very_short };

}  // namespace octobot::channel
