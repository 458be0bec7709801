#include "bridges.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include "c_subscription.hpp"
#include "c_values.hpp"
#include "codecs.hpp"

namespace octobot::channel::abi {
namespace {

template <typename Spec>
Channel<Spec>& typed(ChannelBase& channel) {
  auto* typed_channel = dynamic_cast<Channel<Spec>*>(&channel);
  if (typed_channel == nullptr) {
    throw std::invalid_argument("channel '" + channel.name() + "' of set '" + channel.id() +
                                "' does not carry the standard messages of that name");
  }
  return *typed_channel;
}

template <typename Spec>
Subscription subscribe(ChannelBase& channel, const ConsumerOptions& options, CSubscription* target) {
  using CMessage = typename CMessageOf<Spec>::type;
  return typed<Spec>(channel).subscribe(
      [target](const typename Spec::Message& message) {
        CMessage c_message{};
        CStorage storage;
        write_c(message, c_message, storage);
        target->deliver(CMessageOf<Spec>::kId, &c_message);
      },
      options);
}

template <typename Spec>
void publish(ChannelBase& channel, const void* raw) {
  using CMessage = typename CMessageOf<Spec>::type;
  const auto& c_message = *static_cast<const CMessage*>(raw);
  // The header first: only then is it safe to read any other field.
  check_header(c_message.header, sizeof(CMessage),
               std::string("message for channel '") + std::string(Spec::kName) + "'");
  if (c_message.type != CMessageOf<Spec>::kId) {
    throw std::invalid_argument("channel '" + std::string(Spec::kName) + "' carries message type " +
                                std::to_string(CMessageOf<Spec>::kId) + ", got type " + std::to_string(c_message.type));
  }
  typed<Spec>(channel).send(read_c(c_message));
}

template <typename Spec>
constexpr Bridge bridge_for() {
  return Bridge{Spec::kName, CMessageOf<Spec>::kId, Spec::kDefaultQueue, &subscribe<Spec>, &publish<Spec>};
}

constexpr std::array kBridges{
    bridge_for<TimeChannel>(),       bridge_for<OhlcvChannel>(),     bridge_for<KlineChannel>(),
    bridge_for<TickerChannel>(),     bridge_for<OrderBookChannel>(), bridge_for<RecentTradesChannel>(),
    bridge_for<MarkPriceChannel>(),  bridge_for<FundingChannel>(),   bridge_for<BalanceChannel>(),
    bridge_for<OrdersChannel>(),     bridge_for<TradesChannel>(),    bridge_for<PositionsChannel>(),
    bridge_for<EvaluatorsChannel>(), bridge_for<MatrixChannel>(),    bridge_for<TradingModeChannel>(),
};

}  // namespace

const Bridge* find_bridge(std::string_view channel_name) noexcept {
  for (const Bridge& bridge : kBridges) {
    if (bridge.channel == channel_name) return &bridge;
  }
  return nullptr;
}

}  // namespace octobot::channel::abi
