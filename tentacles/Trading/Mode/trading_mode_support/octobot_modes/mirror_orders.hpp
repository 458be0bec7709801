// The machinery the grid and staggered-orders modes share: limit orders at planned prices, and the
// "mirror" of each fill (an order on the other side) sent as a decision, optionally after a delay
// (OctoBot's mirror_order_delay). Only the planning differs between the two modes, so only the
// planning lives in each mode.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <algorithm>
#include <cstdint>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/flat_json.hpp>
#include <octobot_modes/order_outcome.hpp>
#include <string>
#include <vector>

namespace octobot::modes {

// A limit order as a plan holds it, before rounding by the exchange.
struct LimitOrder {
  sdk::Side side = sdk::Side::buy;
  double price = 0;
  double amount = 0;
};

// The market's limits a plan must respect so that each order it makes can be placed.
struct Minimums {
  double amount_step = 0;
  double min_amount = 0;
  double min_cost = 0;
};

[[nodiscard]] inline Minimums minimums_of(const sdk::MarketInfo& market) {
  return {market.amount_step, market.min_amount, market.min_cost};
}

// Producer side: the mirror of a fill, as a decision the consumer turns into an order.
inline void submit_mirror(const sdk::DecisionSink& sink, const std::string& symbol, const LimitOrder& order) {
  sink.submit(sdk::Decision{symbol, order.side == sdk::Side::buy ? sdk::SignalState::long_ : sdk::SignalState::short_,
                            0.0,
                            FlatJsonWriter()
                                .text("action", "mirror")
                                .text("side", side_name(order.side))
                                .number("price", order.price)
                                .number("amount", order.amount)
                                .str()});
}

// Consumer side: the order a "mirror" decision asks for.
[[nodiscard]] inline LimitOrder parse_mirror(const FlatJson& data) {
  return {data.text("side", "") == "sell" ? sdk::Side::sell : sdk::Side::buy, data.number("price", 0),
          data.number("amount", 0)};
}

// Never more than the account holds: fees or other modes may have taken part of it since the plan.
[[nodiscard]] inline LimitOrder capped_to_available(LimitOrder order, double base_available, double quote_available) {
  if (order.side == sdk::Side::sell) {
    order.amount = std::min(order.amount, base_available);
  } else if (order.price > 0) {
    order.amount = std::min(order.amount, quote_available / order.price);
  }
  return order;
}

// Places `order` with its side's tag unless it is below the market's minimums (then says why);
// true when the exchange accepted it.
inline bool place_limit(const sdk::TradingMode& mode, OutcomeReporter& reporter, const std::string& symbol,
                        const LimitOrder& order, const sdk::MarketInfo& market, const char* buy_tag,
                        const char* sell_tag) {
  sdk::OrderRequest request;
  request.symbol = symbol;
  request.side = order.side;
  request.type = sdk::OrderType::limit;
  request.amount = sdk::to_decimal(order.amount).text;
  request.price = sdk::to_decimal(order.price).text;
  request.tag = order.side == sdk::Side::buy ? buy_tag : sell_tag;
  if (const auto why = below_minimum(market, order.amount, order.price)) {
    mode.log(sdk::LogLevel::warning, "order not created: " + describe(request) + ": " + *why);
    return false;
  }
  return reporter.create(mode, request).has_value();
}

// Mirrors waiting for their delay, sent in the order the fills came.
class DelayedMirrors {
 public:
  void schedule(std::int64_t due_ms, const LimitOrder& order) { pending_.push_back({due_ms, order}); }

  // Sends every mirror due at `now_ms`.
  void submit_due(std::int64_t now_ms, const sdk::DecisionSink& sink, const std::string& symbol) {
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->due_ms > now_ms) {
        ++it;
        continue;
      }
      submit_mirror(sink, symbol, it->order);
      it = pending_.erase(it);
    }
  }

 private:
  struct Pending {
    std::int64_t due_ms;
    LimitOrder order;
  };
  std::vector<Pending> pending_;
};

// A fill's mirror goes out now, or after `delay_seconds` of bot time.
inline void mirror_fill(DelayedMirrors& delayed, double delay_seconds, std::int64_t now_ms,
                        const sdk::DecisionSink& sink, const std::string& symbol, const LimitOrder& mirror) {
  if (delay_seconds > 0) {
    delayed.schedule(now_ms + static_cast<std::int64_t>(delay_seconds * 1000), mirror);
    return;
  }
  submit_mirror(sink, symbol, mirror);
}

}  // namespace octobot::modes
