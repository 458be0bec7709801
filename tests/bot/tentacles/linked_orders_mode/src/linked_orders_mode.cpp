// A trading mode for the resumed-session tests: once, on the 1h candle closing at kPlaceAtMs, it
// places an order group and an entry with orders chained to it, and it never trades again. What
// happens to those orders afterwards depends on the candles alone, so a session stopped and resumed
// in between must end exactly as one that never stopped.
//
// With TestExchange's default clock (start 1699920000000, prices 100 + 20 sin(2 pi h / 48)) the price
// is about 85.9 at start + 234 h and rises to 120 at 252 h, falls to 80 at 276 h, rises again:
//   group (one cancels the other): sell 0.5 BTC, take-profit limit at 110 (fills near 244 h), stop at 75
//     (never reached): the take-profit's fill must cancel the stop;
//   entry: limit buy 1 BTC at 84 (fills near 271 h), with chained one-cancels-the-other exits: limit
//     sell 0.999 BTC at 95 (fills near 286 h), stop at 70 (never);
//   resting: limit buy 0.1 BTC at 50 (never fills).
// Then it acts on what it sees of its own orders, as a mode that cancels and replaces orders does, so
// that a resumed session in which the mode does not own its restored orders ends differently:
//   the take-profit of the group filled (its update, tag "group-take-profit") -> limit buy 0.1 at 60
//     ("after-take-profit");
//   the chained exit's take-profit filled (tag "exit-take-profit") -> limit buy 0.1 at 65 ("after-exit");
//   on the candle closing at kMoveAtMs, each of its open orders tagged "resting" is cancelled and
//     replaced by a limit buy 0.1 at 55 ("resting-moved").
#include <octobot/sdk.hpp>

#include <cstdint>
#include <string>

namespace sdk = octobot::sdk;

namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kPlaceAtMs = 1699920000000 + 234 * kHourMs;
constexpr std::int64_t kMoveAtMs = 1699920000000 + 250 * kHourMs;
constexpr std::int64_t kLateMs = 3 * kHourMs;  // a delivery this late still acts (once)

sdk::OrderRequest request(const std::string& symbol, sdk::Side side, sdk::OrderType type, const char* amount,
                          const char* price, const char* trigger, const char* tag) {
  sdk::OrderRequest order;
  order.symbol = symbol;
  order.side = side;
  order.type = type;
  order.amount = amount;
  order.price = price;
  order.trigger_price = trigger;
  order.tag = tag;
  return order;
}

}  // namespace

class LinkedOrdersMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("LinkedOrdersMode", "1.0.0", "tests: one order group and one chained exit, placed once");
  using TradingMode::TradingMode;

  // The candle's own close time, not the host's clock (already a candle further when this delivery
  // runs late), and once per instance: a late delivery shows the same latest candle twice. Reactions
  // place their orders here rather than through a decision, so that they take no more deliveries
  // than the chained exits do.
  void on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) override {
    const std::string symbol(candles.symbol());
    const std::int64_t close_ms = candles.open_time_ms().back() + kHourMs;
    if (!placed_ && close_ms >= kPlaceAtMs && close_ms < kPlaceAtMs + kLateMs) {
      placed_ = true;
      sink.submit({symbol, sdk::SignalState::very_long, -1.0, {}});
    }
    if (moved_ || close_ms < kMoveAtMs || close_ms >= kMoveAtMs + kLateMs) return;
    moved_ = true;
    for (const sdk::OrderView& order : orders().open_orders(symbol)) {
      if (order.tag != "resting") continue;
      orders().cancel(order.id);
      orders().create(request(symbol, sdk::Side::buy, sdk::OrderType::limit, "0.1", "55", "", "resting-moved"));
    }
  }

  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& /*sink*/) override {
    if (order.status != sdk::OrderStatus::filled) return;
    if (order.tag == "group-take-profit") {
      orders().create(
          request(order.symbol, sdk::Side::buy, sdk::OrderType::limit, "0.1", "60", "", "after-take-profit"));
    } else if (order.tag == "exit-take-profit") {
      orders().create(request(order.symbol, sdk::Side::buy, sdk::OrderType::limit, "0.1", "65", "", "after-exit"));
    }
  }

  void on_decision(const sdk::Decision& decision) override {
    const std::string& symbol = decision.symbol;
    orders().create_group(
        sdk::OrderGroup::one_cancels_the_other,
        {request(symbol, sdk::Side::sell, sdk::OrderType::limit, "0.5", "110", "", "group-take-profit"),
         request(symbol, sdk::Side::sell, sdk::OrderType::stop_loss, "0.5", "", "75", "group-stop")});
    const sdk::OrderView entry =
        orders().create(request(symbol, sdk::Side::buy, sdk::OrderType::limit, "1", "84", "", "entry"));
    orders().chain(entry.id, sdk::OrderGroup::one_cancels_the_other,
                   {request(symbol, sdk::Side::sell, sdk::OrderType::limit, "0.999", "95", "", "exit-take-profit"),
                    request(symbol, sdk::Side::sell, sdk::OrderType::stop_loss, "0.999", "", "70", "exit-stop")});
    orders().create(request(symbol, sdk::Side::buy, sdk::OrderType::limit, "0.1", "50", "", "resting"));
  }

 private:
  bool placed_ = false;
  bool moved_ = false;
};

OCTOBOT_TENTACLE_LIBRARY(LinkedOrdersMode)
