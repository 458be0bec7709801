// A tentacle in C++ that uses only the SDK (octobot/sdk/channels.hpp): it follows BTC/USDT trading
// mode signals and answers each with an order update. It exercises the wrapper's RAII handle, its
// exception trampoline (a very short signal throws) and unsubscribing from inside its own callback
// (a neutral signal ends the subscription). Loaded with dlopen by abi_tentacle_test.cpp.
#include <octobot/sdk/channels.hpp>

#include <optional>
#include <stdexcept>
#include <string>

namespace sdk = octobot::sdk;

namespace {

struct TraderState {
  std::optional<sdk::Channels> channels;
  sdk::ChannelSubscription subscription;
  int received = 0;
};

TraderState& state() {
  static TraderState instance;
  return instance;
}

void on_signal(const sdk::ChannelMessage& message) {
  const auto* signal = message.as<ob_trading_mode_message>();
  if (signal == nullptr) throw std::runtime_error("expected a trading mode signal");
  ++state().received;
  if (signal->state == OB_SIGNAL_VERY_SHORT) throw sdk::Error(OB_ERROR_GENERIC, "very short signals are not handled");
  if (signal->state == OB_SIGNAL_NEUTRAL) {
    state().subscription.reset();  // unsubscribes from inside the callback; the callable lives on until we return
    return;
  }
  auto order = sdk::make_channel_message<ob_order_message>();
  const std::string order_id = "order-" + std::to_string(state().received);
  order.cryptocurrency = signal->cryptocurrency;
  order.symbol = signal->symbol;
  order.order_id = order_id.c_str();
  order.side = signal->state == OB_SIGNAL_LONG || signal->state == OB_SIGNAL_VERY_LONG ? OB_SIDE_BUY : OB_SIDE_SELL;
  order.order_type = OB_ORDER_TYPE_LIMIT;
  order.status = OB_ORDER_STATUS_OPEN;
  order.price = sdk::make_decimal(signal->data);  // the signal carries the limit price
  order.amount = sdk::make_decimal("0.001");
  order.from_this_bot = 1;
  state().channels->publish(OB_CHANNEL_ORDERS, std::string(message.channel_id()), order);
}

}  // namespace

extern "C" OB_EXPORT ob_status cpp_trader_start(const ob_host* host, ob_error* error) {
  return sdk::detail::guarded(error, [&] {
    state().channels.emplace(sdk::Host(host));
    state().subscription =
        state().channels->subscribe(OB_CHANNEL_TRADING_MODE, "binance",
                                    sdk::ChannelSubscribeOptions()
                                        .with_name("CppTrader")
                                        .with_priority(sdk::ChannelPriority::high)
                                        .with_filter(sdk::ChannelFilter().where("symbol", "BTC/USDT")),
                                    &on_signal);
  });
}

extern "C" OB_EXPORT void cpp_trader_stop() { state().subscription.reset(); }
extern "C" OB_EXPORT int cpp_trader_received() { return state().received; }
extern "C" OB_EXPORT int cpp_trader_subscribed() { return state().subscription.active() ? 1 : 0; }

// Errors from subscribe come back as sdk::Error carrying the host's status and message.
extern "C" OB_EXPORT ob_status cpp_trader_subscribe_with_typo(ob_error* error) {
  return sdk::detail::guarded(error, [&] {
    auto subscription = state().channels->subscribe(
        OB_CHANNEL_TRADING_MODE, "binance",
        sdk::ChannelSubscribeOptions().with_filter(sdk::ChannelFilter().where("simbol", "x")),
        [](const sdk::ChannelMessage&) {});
  });
}
