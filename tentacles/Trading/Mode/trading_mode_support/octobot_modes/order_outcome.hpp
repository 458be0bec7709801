// What became of an order request, logged under the mode's name. The exchange refuses orders
// (minimums, funds) by answering REJECTED with a reason; a mode must say so, because a user whose
// bot "does nothing" needs that line to find out why.
#pragma once

#include <octobot/sdk/tentacle.hpp>
#include <octobot/sdk/trading.hpp>

#include <optional>
#include <set>
#include <string>

namespace octobot::modes {

[[nodiscard]] inline const char* side_name(sdk::Side side) noexcept { return side == sdk::Side::buy ? "buy" : "sell"; }

[[nodiscard]] inline const char* type_name(sdk::OrderType type) noexcept {
  switch (type) {
    case sdk::OrderType::market:
      return "market";
    case sdk::OrderType::limit:
      return "limit";
    case sdk::OrderType::stop_loss:
      return "stop-loss";
    case sdk::OrderType::stop_loss_limit:
      return "stop-loss-limit";
    case sdk::OrderType::take_profit:
      return "take-profit";
    case sdk::OrderType::take_profit_limit:
      return "take-profit-limit";
    case sdk::OrderType::trailing_stop:
      return "trailing-stop";
    case sdk::OrderType::trailing_stop_limit:
      return "trailing-stop-limit";
  }
  return "unknown";
}

[[nodiscard]] inline std::string describe(const sdk::OrderRequest& request) {
  std::string text = std::string(side_name(request.side)) + " " + type_name(request.type) + " " + request.amount + " " +
                     request.symbol;
  if (!request.price.empty()) text += " at " + request.price;
  if (!request.trigger_price.empty()) text += " trigger " + request.trigger_price;
  return text;
}

// Reports what became of each order a mode sends, once: a rejection is logged when the order is
// created, and again only if the exchange rejects it later (a live exchange may answer after the
// call), never twice for one order.
class OutcomeReporter {
 public:
  // Logs the outcome; returns true when the exchange accepted the order (open or already filled).
  bool report(const sdk::Tentacle& mode, const sdk::OrderRequest& request, const sdk::OrderView& order) {
    if (order.status == sdk::OrderStatus::rejected) {
      reported_.insert(order.id);
      mode.log(sdk::LogLevel::warning, "order rejected by the exchange: " + describe(request) + ": " +
                                           (order.reason.empty() ? std::string("no reason given") : order.reason));
      return false;
    }
    if (order.status == sdk::OrderStatus::cancelled || order.status == sdk::OrderStatus::expired) {
      mode.log(sdk::LogLevel::warning,
               "order " + order.id + " closed at creation: " + describe(request) + ": " + order.reason);
      return false;
    }
    // Checked first: the text costs more than the order when info lines are off (backtests).
    if (mode.host().log_enabled(sdk::LogLevel::info)) {
      mode.log(sdk::LogLevel::info, "order " + order.id + " created: " + describe(request));
    }
    return true;
  }

  // Creates one order and reports it.
  std::optional<sdk::OrderView> create(const sdk::TradingMode& mode, const sdk::OrderRequest& request) {
    sdk::OrderView order = mode.orders().create(request);
    if (!report(mode, request, order)) return std::nullopt;
    return order;
  }

  // An order update: a rejection not reported yet is logged with the exchange's reason.
  void on_update(const sdk::Tentacle& mode, const sdk::OrderView& order) {
    if (order.status != sdk::OrderStatus::rejected) return;
    if (reported_.erase(order.id) > 0) return;
    mode.log(sdk::LogLevel::warning, "order " + order.id + " (" + side_name(order.side) + " " + order.amount + " " +
                                         order.symbol + ") rejected by the exchange: " + order.reason);
  }

 private:
  std::set<std::string> reported_;  // ids rejected at creation, until their update arrives
};

}  // namespace octobot::modes
