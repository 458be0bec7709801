#include "live_gateway_choice.hpp"

#include "bot_wiring.hpp"

namespace octobot::bot::detail {

std::optional<std::string> real_gateway_unavailable() {
  return std::string(
      "real trading (trader.enabled in the profile) is not available in this build yet: the live order gateway "
      "is not part of it. Disable trader and enable trader-simulator to paper-trade on live data.");
}

std::optional<std::string> install_gateway(trading::ExchangeManager& exchange, TradingKind kind,
                                           exchanges::ExchangeClient& /*client*/, const commons::Profile& profile,
                                           commons::TimeFrame fill_time_frame) {
  if (kind == TradingKind::real) {
    if (auto reason = real_gateway_unavailable()) return reason;
    return std::string("real trading: no gateway");
  }
  deposit_starting_portfolio(exchange, profile.starting_portfolio);
  exchange.start_simulation(trading::SimulationConfig{{}, fill_time_frame});
  return std::nullopt;
}

}  // namespace octobot::bot::detail
