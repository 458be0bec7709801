#include "live_gateway_choice.hpp"

#include <octobot/channel/standard.hpp>
#include <octobot/exchanges/live_gateway.hpp>

#include "bot_wiring.hpp"

namespace octobot::bot::detail {

exchanges::LiveGateway* install_gateway(trading::ExchangeManager& exchange, exchanges::ExchangeClient& client,
                                        const GatewaySetup& setup) {
  if (setup.kind == TradingKind::paper) {
    if (setup.paper_totals != nullptr) {
      for (const auto& [asset, total] : *setup.paper_totals) {
        if (total.is_positive()) exchange.portfolio().deposit(asset, total);
      }
    } else {
      deposit_starting_portfolio(exchange, setup.profile->starting_portfolio);
    }
    exchange.start_simulation(trading::SimulationConfig{{}, setup.fill_time_frame});
    return nullptr;
  }
  std::vector<trading::Market> markets;
  for (const auto& [symbol, market] : exchange.markets()) markets.push_back(market);
  auto& registry = exchange.registry();
  trading::ExchangeChannels channels{registry.get<channel::OrdersChannel>(exchange.id()),
                                     registry.get<channel::TradesChannel>(exchange.id()),
                                     registry.get<channel::BalanceChannel>(exchange.id())};
  std::filesystem::create_directories(setup.journal_file.parent_path());
  exchanges::LiveGatewayOptions options;
  options.journal_durability = setup.journal_durability;
  auto gateway = std::make_unique<exchanges::LiveGateway>(client, setup.journal_file.string(), std::move(markets),
                                                          setup.profile->reference_market, std::move(channels),
                                                          std::move(options));
  exchanges::LiveGateway* live = gateway.get();
  exchange.set_gateway(std::move(gateway));
  return live;
}

}  // namespace octobot::bot::detail
