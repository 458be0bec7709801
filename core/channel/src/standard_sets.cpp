#include <octobot/channel/standard.hpp>

namespace octobot::channel {

void create_exchange_channels(ChannelRegistry& registry, const std::string& exchange_id, const DeliveryMode& mode) {
  registry.create<OhlcvChannel>(exchange_id, mode);
  registry.create<KlineChannel>(exchange_id, mode);
  registry.create<TickerChannel>(exchange_id, mode);
  registry.create<OrderBookChannel>(exchange_id, mode);
  registry.create<RecentTradesChannel>(exchange_id, mode);
  registry.create<MarkPriceChannel>(exchange_id, mode);
  registry.create<FundingChannel>(exchange_id, mode);
  registry.create<BalanceChannel>(exchange_id, mode);
  registry.create<OrdersChannel>(exchange_id, mode);
  registry.create<TradesChannel>(exchange_id, mode);
  registry.create<PositionsChannel>(exchange_id, mode);
  registry.create<TradingModeChannel>(exchange_id, mode);
}

void create_matrix_channels(ChannelRegistry& registry, const std::string& matrix_id, const DeliveryMode& mode) {
  registry.create<EvaluatorsChannel>(matrix_id, mode);
  registry.create<MatrixChannel>(matrix_id, mode);
}

void create_time_channel(ChannelRegistry& registry, const std::string& bot_id, const DeliveryMode& mode) {
  registry.create<TimeChannel>(bot_id, mode);
}

}  // namespace octobot::channel
