// TradingViewSignalsTradingMode: trades the TradingView alerts posted to the bot's webhook (the web
// API's POST /api/v1/webhook/<name>, published on the ServiceFeed channel; ABI 1.5 on_service_feed).
// The producer parses the alert (tradingview_alert.hpp) and submits it as a decision; the consumer
// places it: a market or limit BUY/SELL of VOLUME (resolved by the host's amount syntax), with a
// BUY's STOP_PRICE/TAKE_PROFIT_PRICE as exits chained to the entry (one cancels the other when both),
// or CANCEL of the mode's open orders on the symbol. A bad alert is logged, naming the key and value
// at fault, and nothing is traded.
#pragma once

#include <octobot/sdk.hpp>

#include <octobot_modes/order_outcome.hpp>
#include <string>
#include <utility>

#include "tradingview_alert.hpp"

namespace octobot::tentacles_bundled {

class TradingViewSignalsTradingMode : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("TradingViewSignalsTradingMode", "1.0.0",
                         "Places the orders of TradingView alerts posted to the bot's webhook");
  static constexpr bool wants_service_feed = true;

  // Tags of the orders when the alert gives no TAG (the exits append their role to the entry's tag).
  static constexpr const char* default_tag = "tradingview";

  explicit TradingViewSignalsTradingMode(sdk::InstanceContext context) : TradingMode(std::move(context)) {}

  void configure(const sdk::Config& config) override;
  void on_service_feed(const sdk::ServiceFeedMessage& message, const sdk::DecisionSink& sink) override;
  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) override;
  void on_decision(const sdk::Decision& decision) override;

 private:
  struct Settings {
    bool use_market_orders = true;
    bool use_maximum_size_orders = false;
    bool cancel_previous_orders = false;
    double close_to_current_price_difference = 0.005;
    std::string buy_order_amount = "10%";
    std::string sell_order_amount = "100%";
  };

  void cancel(const std::string& symbol, const std::string& tag, const char* why);
  void place(const std::string& symbol, const tradingview::Alert& alert);
  [[nodiscard]] std::string limit_price(const std::string& symbol, const tradingview::Alert& alert) const;
  void place_exits(const std::string& symbol, const tradingview::Alert& alert, const sdk::OrderView& entry,
                   const std::string& tag);

  Settings settings_;
  modes::OutcomeReporter reporter_;
};

}  // namespace octobot::tentacles_bundled
