#include <octobot/channel/consumer_options.hpp>
#include <octobot/trading/trading_recorder.hpp>

#include <stdexcept>
#include <utility>

namespace octobot::trading {
namespace {

OrderState from_channel_status(channel::OrderStatus status) {
  switch (status) {
    case channel::OrderStatus::open:
      return OrderState::open;
    case channel::OrderStatus::partially_filled:
      return OrderState::partially_filled;
    case channel::OrderStatus::filled:
      return OrderState::filled;
    case channel::OrderStatus::canceled:
      return OrderState::cancelled;
    case channel::OrderStatus::rejected:
      return OrderState::rejected;
    case channel::OrderStatus::expired:
      return OrderState::expired;
    case channel::OrderStatus::unknown:
      break;
  }
  return OrderState::pending;
}

}  // namespace

TradingRecorder::TradingRecorder(TradingStore& store, ExchangeManager& exchange, std::string reference_market)
    : store_(store), exchange_(exchange), reference_(std::move(reference_market)) {
  const auto options = [](const char* name) {
    return channel::ConsumerOptions().with_name(name).with_priority(channel::Priority::medium);
  };
  auto& registry = exchange_.registry();
  orders_subscription_ = registry.get<channel::OrdersChannel>(exchange_.id())
                             ->subscribe([this](const channel::OrderMessage& message) { on_order(message); },
                                         options("TradingRecorder.orders"));
  trades_subscription_ = registry.get<channel::TradesChannel>(exchange_.id())
                             ->subscribe(
                                 [this](const channel::TradeMessage& trade) {
                                   store_.save_trade(trade);
                                   ++trades_saved_;
                                 },
                                 options("TradingRecorder.trades"));
}

// The subscriptions end first (members are destroyed in reverse order), so no callback runs while the
// rest of the recorder goes.
TradingRecorder::~TradingRecorder() = default;

void TradingRecorder::on_order(const channel::OrderMessage& message) {
  const Order* known = exchange_.has_gateway() ? exchange_.gateway().order(message.order_id) : nullptr;
  if (known != nullptr) {
    store_.save_order(*known);
  } else {
    Order order;
    order.id = message.order_id;
    order.symbol = message.symbol;
    order.side = message.side;
    order.type = message.type;
    order.state = from_channel_status(message.status);
    order.amount = message.amount;
    order.price = message.price;
    order.filled = message.filled;
    order.created_at_ms = message.timestamp_ms;
    store_.save_order(order);
  }
  ++orders_saved_;
}

void TradingRecorder::record_open_orders() {
  if (!exchange_.has_gateway()) return;
  for (const Order* order : exchange_.gateway().open_orders()) store_.save_order(*order);
}

void TradingRecorder::record_order_links(const OrderLinks& links) {
  if (links_saved_ == links) return;  // most checkpoints: nothing to rewrite
  store_.save_order_links(links);
  links_saved_ = links;
}

void TradingRecorder::record(std::int64_t time_ms, const Portfolio& portfolio,
                             const std::map<std::string, Decimal, std::less<>>& prices) {
  store_.save_portfolio(time_ms, portfolio);
  try {
    store_.save_portfolio_value(time_ms, portfolio.name(), reference_, portfolio.value_in(reference_, prices));
  } catch (const std::invalid_argument&) {
    // An asset without a price yet (before its first candle): no value to record at this time.
  }
  for (const auto& [name, child] : portfolio.sub_portfolios()) record(time_ms, *child, prices);
}

void TradingRecorder::record_portfolio(std::int64_t time_ms) {
  // The gateway's portfolio is the account's truth: the simulated exchange's is the manager's own,
  // a LiveGateway keeps the exchange's balances in its own portfolio (the manager's stays empty).
  const Portfolio& account = exchange_.has_gateway() ? exchange_.gateway().portfolio() : exchange_.portfolio();
  record(time_ms, account, exchange_.prices_in(reference_));
}

void TradingRecorder::flush() { store_.flush(); }

}  // namespace octobot::trading
