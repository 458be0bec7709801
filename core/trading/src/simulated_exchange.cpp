#include <octobot/commons/decimal_format.hpp>
#include <octobot/trading/simulated_exchange.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace octobot::trading {
namespace {

using commons::RoundingMode;

const Decimal kHundred = Decimal::from_integer(100);

// Where a trailing stop limit rests once triggered: its absolute price when it has one, otherwise
// limit_offset_percent beyond the current trigger (below it for a sell, above for a buy).
Decimal trailing_limit_price(const Market& market, const Order& order) {
  if (order.price.is_positive()) return order.price;
  const Decimal offset = order.trigger_price * order.limit_offset_percent / kHundred;
  return round_price(market, order.side == Side::sell ? order.trigger_price - offset : order.trigger_price + offset);
}

bool is_limit_type(OrderType type) {
  return type == OrderType::limit || type == OrderType::stop_loss_limit || type == OrderType::take_profit_limit;
}
bool needs_trigger(OrderType type) {
  return type == OrderType::stop_loss || type == OrderType::stop_loss_limit || type == OrderType::take_profit ||
         type == OrderType::take_profit_limit;
}
bool is_trailing(OrderType type) { return type == OrderType::trailing_stop || type == OrderType::trailing_stop_limit; }
// The price an order rests at once it is a limit order (limit types, and a triggered trailing stop limit).
bool rests_as_limit(const Order& order) {
  return is_limit_type(order.type) || (order.type == OrderType::trailing_stop_limit && order.triggered);
}

// Whether a stop-like trigger is hit on this candle, and the price a market order gets when it is:
// the trigger, or the open when the market gapped through it. A stop sells when the price falls to it;
// a take-profit sells when the price rises to it; buys mirror.
struct Trigger {
  bool hit = false;
  Decimal price;
};
Trigger check_trigger(bool falling, Decimal trigger, const channel::Candle& candle) {
  if (falling) {
    if (candle.low > trigger) return {};
    return {true, commons::min(candle.open, trigger)};
  }
  if (candle.high < trigger) return {};
  return {true, commons::max(candle.open, trigger)};
}
// Stop-loss sells and take-profit buys fire on a falling price.
bool fires_on_fall(OrderType type, Side side) {
  const bool stop = type == OrderType::stop_loss || type == OrderType::stop_loss_limit || is_trailing(type);
  return stop == (side == Side::sell);
}

}  // namespace

SimulatedExchange::SimulatedExchange(std::vector<Market> markets, Portfolio& portfolio, SimulatedExchangeConfig config,
                                     ExchangeChannels channels)
    : portfolio_(portfolio), config_(config), channels_(std::move(channels)) {
  for (Market& market : markets) {
    std::string symbol = market.symbol;
    symbols_.emplace(std::move(symbol), SymbolState{std::move(market), false, {}, std::nullopt});
  }
}

SimulatedExchange::SymbolState& SimulatedExchange::symbol_state(std::string_view symbol) {
  const auto found = symbols_.find(symbol);
  if (found == symbols_.end()) throw std::invalid_argument(fmt::format("unknown market '{}'", symbol));
  return found->second;
}

const Market& SimulatedExchange::market(std::string_view symbol) const {
  const auto found = symbols_.find(symbol);
  if (found == symbols_.end()) throw std::invalid_argument(fmt::format("unknown market '{}'", symbol));
  return found->second.market;
}

const Order* SimulatedExchange::order(std::string_view id) const {
  const auto found = orders_.find(id);
  return found == orders_.end() ? nullptr : &found->second.order;
}

SimulatedExchange::Tracked* SimulatedExchange::find(std::string_view id) {
  const auto found = orders_.find(id);
  return found == orders_.end() ? nullptr : &found->second;
}

void SimulatedExchange::closed(const Tracked& tracked) { closed_ids_.push_back(tracked.order.id); }

void SimulatedExchange::release_closed() {
  std::erase_if(open_ids_, [this](const std::string& id) { return is_final(orders_.find(id)->second.order.state); });
  while (closed_ids_.size() > config_.closed_orders_kept) {
    orders_.erase(closed_ids_.front());
    closed_ids_.pop_front();
  }
}

std::vector<const Order*> SimulatedExchange::open_orders() const {
  std::vector<const Order*> result;
  for (const auto& id : open_ids_) result.push_back(&orders_.find(id)->second.order);
  return result;
}

Decimal SimulatedExchange::with_slippage(const Market& market, Side side, Decimal price) const {
  if (config_.slippage_rate.is_zero()) return price;
  const Decimal one = Decimal::from_integer(1);
  if (side == Side::buy) {
    return (price * (one + config_.slippage_rate)).round_to_decimals(market.price_decimals, RoundingMode::ceiling);
  }
  return (price * (one - config_.slippage_rate)).round_to_decimals(market.price_decimals, RoundingMode::floor);
}

Decimal SimulatedExchange::volume_cap(const Market& market, const channel::Candle& candle) const {
  if (config_.max_volume_fraction.is_zero()) return Decimal::max_value();
  return round_amount(market, candle.volume * config_.max_volume_fraction);
}

void SimulatedExchange::publish(const Tracked& tracked, std::int64_t time_ms) {
  if (!channels_.orders) return;
  const Order& order = tracked.order;
  channel::OrderMessage message;
  message.cryptocurrency = market(order.symbol).base;
  message.symbol = order.symbol;
  message.order_id = order.id;
  message.side = order.side;
  message.type = order.type;
  message.status = to_channel_status(order.state);
  message.price = rests_as_limit(order) ? order.price : order.trigger_price;
  message.amount = order.amount;
  message.filled = order.filled;
  message.timestamp_ms = time_ms;
  channels_.orders->send(std::move(message));
}

void SimulatedExchange::reject(Tracked& tracked, std::string reason) {
  tracked.order.reason = std::move(reason);
  tracked.order.transition(OrderState::rejected);
  closed(tracked);
  publish(tracked, tracked.order.created_at_ms);
}

SimulatedExchange::Tracked& SimulatedExchange::place(const OrderRequest& request, Portfolio* portfolio) {
  SymbolState& state = symbol_state(request.symbol);
  const Market& m = state.market;
  const auto type_name = static_cast<int>(request.type);
  if (is_limit_type(request.type) && !request.price.is_positive()) {
    throw std::invalid_argument(fmt::format("order type {} on {} needs a positive price", type_name, request.symbol));
  }
  if (needs_trigger(request.type) && !request.trigger_price.is_positive()) {
    throw std::invalid_argument(
        fmt::format("order type {} on {} needs a positive trigger price", type_name, request.symbol));
  }
  if (is_trailing(request.type) && !request.trailing_percent.is_positive()) {
    throw std::invalid_argument(fmt::format("trailing order on {} needs a positive trailing percent", request.symbol));
  }
  if (request.type == OrderType::unknown) {
    throw std::invalid_argument(fmt::format("order type {} is not supported by the simulated exchange", type_name));
  }
  if (request.type == OrderType::trailing_stop_limit &&
      (request.limit_offset_percent.is_negative() || request.price.is_negative())) {
    throw std::invalid_argument(
        fmt::format("trailing stop limit on {} needs a non-negative limit offset and price", request.symbol));
  }
  Tracked tracked{Order{}, portfolio != nullptr ? portfolio : &portfolio_,
                  state.has_candle ? state.latest.open_time_ms : INT64_MIN, Decimal{}};
  Order& order = tracked.order;
  order.id = fmt::format("sim-{}", next_id_++);
  order.symbol = request.symbol;
  order.side = request.side;
  order.type = request.type;
  order.amount = round_amount(m, request.amount);
  // A trailing stop limit may carry an absolute limit price; otherwise its limit is set when it triggers.
  const bool has_price =
      is_limit_type(request.type) || (request.type == OrderType::trailing_stop_limit && request.price.is_positive());
  order.price = has_price ? round_price(m, request.price) : Decimal{};
  order.trigger_price = needs_trigger(request.type) ? round_price(m, request.trigger_price) : Decimal{};
  order.trailing_percent = request.trailing_percent;
  order.limit_offset_percent = request.limit_offset_percent;
  order.expire_at_ms = request.type == OrderType::market ? 0 : request.expire_at_ms;
  order.created_at_ms = state.has_candle ? state.latest.open_time_ms : 0;
  order.reserved_asset = order.side == Side::buy ? m.quote : m.base;
  return orders_.emplace(order.id, std::move(tracked)).first->second;
}

std::optional<std::string> SimulatedExchange::prepare(Tracked& tracked, Decimal& reference_price,
                                                      std::vector<BookFill>* book_fills_out) {
  Order& order = tracked.order;
  const SymbolState& state = symbol_state(order.symbol);
  const Market& m = state.market;
  const bool needs_current_price = order.type == OrderType::market || is_trailing(order.type);
  if (needs_current_price && !state.has_candle) {
    return fmt::format("{}: no price yet for a {} order", m.symbol,
                       order.type == OrderType::market ? "market" : "trailing");
  }
  reference_price = order.price;
  if (order.type == OrderType::market) {
    std::vector<BookFill> fills = book_fills(state, order);
    if (fills.empty()) {
      reference_price = with_slippage(m, order.side, state.latest.close);
    } else {
      // The average price of the walk, rounded away from the buyer's favour: a buy reserves at least
      // its cost (the rest is released once filled).
      Decimal cost;
      for (const BookFill& fill : fills) cost += fill.amount * fill.price;
      reference_price = order.amount.is_positive()
                            ? cost.div(order.amount, m.price_decimals,
                                       order.side == Side::buy ? RoundingMode::ceiling : RoundingMode::floor)
                            : fills.front().price;
    }
    if (book_fills_out != nullptr) *book_fills_out = std::move(fills);
  } else if (is_trailing(order.type)) {
    tracked.best_price = state.latest.close;
    const Decimal distance = tracked.best_price * order.trailing_percent / kHundred;
    order.trigger_price =
        round_price(m, order.side == Side::sell ? tracked.best_price - distance : tracked.best_price + distance);
    reference_price =
        order.type == OrderType::trailing_stop_limit ? trailing_limit_price(m, order) : order.trigger_price;
  } else if (!is_limit_type(order.type)) {
    reference_price = order.trigger_price;
  }
  if (auto rejection = check_minimums(m, order.amount, reference_price)) return std::move(rejection->reason);
  if (order.expire_at_ms != 0 && state.has_candle && order.expire_at_ms <= state.latest.open_time_ms) {
    return fmt::format("{}: expiry {} ms is not after the latest candle ({} ms): the order could never fill", m.symbol,
                       order.expire_at_ms, state.latest.open_time_ms);
  }
  return std::nullopt;
}

void SimulatedExchange::open(Tracked& tracked) {
  tracked.order.transition(OrderState::open);
  publish(tracked, tracked.order.created_at_ms);
  open_ids_.push_back(tracked.order.id);
}

const Order& SimulatedExchange::create_order(const OrderRequest& request, Portfolio* portfolio) {
  Tracked& tracked = place(request, portfolio);
  Order& order = tracked.order;
  Decimal reference_price;
  std::vector<BookFill> fills;  // a market order's walk of the book, if it has one
  if (auto reason = prepare(tracked, reference_price, &fills)) {
    reject(tracked, std::move(*reason));
    return order;
  }
  const Decimal needed = order.side == Side::buy ? order.amount * reference_price : order.amount;
  try {
    tracked.portfolio->lock(order.reserved_asset, needed);
  } catch (const InsufficientFunds& error) {
    reject(tracked, error.what());
    return order;
  }
  order.reserved = needed;
  publish_balance(*tracked.portfolio, order.reserved_asset);
  if (order.type == OrderType::market) {
    const Market& m = market(order.symbol);
    if (fills.empty()) {
      fill(tracked, m, order.amount, reference_price, false, order.created_at_ms);
    } else {
      for (const BookFill& level : fills) {
        if (!fill(tracked, m, level.amount, level.price, false, order.created_at_ms)) break;
      }
    }
  } else {
    open(tracked);
  }
  return order;
}

std::vector<const Order*> SimulatedExchange::create_order_group(OrderGroupKind kind,
                                                                const std::vector<OrderRequest>& requests,
                                                                Portfolio* portfolio) {
  check_group_requests(kind, requests);
  std::vector<Tracked*> members;
  for (const OrderRequest& request : requests) members.push_back(&place(request, portfolio));
  const auto reject_all = [&](const std::string& reason) {
    std::vector<const Order*> rejected;
    for (Tracked* member : members) {
      reject(*member, reason);
      rejected.push_back(&member->order);
    }
    return rejected;
  };
  Decimal needed;
  for (Tracked* member : members) {
    Decimal reference_price;
    if (auto reason = prepare(*member, reference_price)) {
      return reject_all(fmt::format("group member {}: {}", member->order.id, *reason));
    }
    const Order& order = member->order;
    needed = commons::max(needed, order.side == Side::buy ? order.amount * reference_price : order.amount);
  }
  Tracked& first = *members.front();
  try {
    first.portfolio->lock(first.order.reserved_asset, needed);
  } catch (const InsufficientFunds& error) {
    return reject_all(error.what());
  }
  publish_balance(*first.portfolio, first.order.reserved_asset);
  const std::uint64_t key = next_group_++;
  Group& group =
      groups_.emplace(key, Group{kind, {}, needed, first.portfolio, first.order.reserved_asset}).first->second;
  std::vector<const Order*> result;
  for (Tracked* member : members) {
    member->group = key;
    group.ids.push_back(member->order.id);
    open(*member);
    result.push_back(&member->order);
  }
  return result;
}

Decimal& SimulatedExchange::reservation(Tracked& tracked) {
  return tracked.group == kNoGroup ? tracked.order.reserved : groups_.at(tracked.group).reserved;
}

void SimulatedExchange::close_order(Tracked& tracked, OrderState state, std::string reason, std::int64_t time_ms) {
  tracked.order.reason = std::move(reason);
  if (tracked.group == kNoGroup && tracked.order.reserved.is_positive()) {
    tracked.portfolio->unlock(tracked.order.reserved_asset, tracked.order.reserved);
    tracked.order.reserved = Decimal{};
    publish_balance(*tracked.portfolio, tracked.order.reserved_asset);
  }
  tracked.order.transition(state);
  closed(tracked);
  publish(tracked, time_ms);
}

void SimulatedExchange::release_group_if_done(std::uint64_t key) {
  const auto found = groups_.find(key);
  if (found == groups_.end()) return;
  Group& group = found->second;
  for (const std::string& id : group.ids) {
    const Tracked* member = find(id);  // a released member was final
    if (member != nullptr && !is_final(member->order.state)) return;
  }
  if (group.reserved.is_positive()) {
    group.portfolio->unlock(group.reserved_asset, group.reserved);
    publish_balance(*group.portfolio, group.reserved_asset);
  }
  groups_.erase(found);  // every member is final: nothing refers to the group any more
}

bool SimulatedExchange::cancel_order(std::string_view id) {
  const auto found = orders_.find(id);
  if (found == orders_.end() || is_final(found->second.order.state)) return false;
  Tracked& tracked = found->second;
  const std::int64_t now = symbol_state(tracked.order.symbol).latest.open_time_ms;
  chained_.erase(tracked.order.id);  // a cancelled parent never fills: its chained orders never exist
  if (tracked.group == kNoGroup) {
    close_order(tracked, OrderState::cancelled, "cancelled", now);
  } else {
    for (const std::string& member_id : groups_.at(tracked.group).ids) {
      Tracked* member = find(member_id);
      if (member == nullptr || is_final(member->order.state)) continue;
      close_order(*member, OrderState::cancelled, fmt::format("group cancelled with {}", tracked.order.id), now);
    }
    release_group_if_done(tracked.group);
  }
  std::erase_if(open_ids_,
                [this](const std::string& open_id) { return is_final(orders_.find(open_id)->second.order.state); });
  return true;
}

bool SimulatedExchange::fill(Tracked& tracked, const Market& m, Decimal amount, Decimal price, bool maker,
                             std::int64_t time_ms) {
  Order& order = tracked.order;
  Portfolio& portfolio = *tracked.portfolio;
  Decimal& reserved = reservation(tracked);
  const Decimal fee_rate = maker ? m.maker_fee : m.taker_fee;
  const Decimal cost = amount * price;
  Decimal fee;
  if (order.side == Side::buy) {
    // A stop buy gapping up can cost more than what was reserved at its trigger: lock the difference.
    if (cost > reserved) {
      const Decimal missing = cost - reserved;
      try {
        portfolio.lock(m.quote, missing);
      } catch (const InsufficientFunds& error) {
        close_order(tracked, OrderState::cancelled,
                    fmt::format("fill of {} at {} needs {} {} more: {}", amount, price, missing, m.quote, error.what()),
                    time_ms);
        if (tracked.group != kNoGroup) release_group_if_done(tracked.group);
        return false;
      }
      reserved += missing;
    }
    portfolio.spend_locked(m.quote, cost);
    reserved -= cost;
    fee = amount * fee_rate;
    if (amount > fee) portfolio.receive(m.base, amount - fee);
    order.fee_asset = m.base;
  } else {
    portfolio.spend_locked(m.base, amount);
    reserved -= amount;
    fee = cost * fee_rate;
    if (cost > fee) portfolio.receive(m.quote, cost - fee);
    order.fee_asset = m.quote;
  }
  order.filled += amount;
  order.filled_cost += cost;
  order.fees += fee;
  const bool complete = order.filled == order.amount;
  if (complete && tracked.group == kNoGroup && reserved.is_positive()) {
    portfolio.unlock(order.reserved_asset, reserved);  // filled at a better price than reserved
    reserved = Decimal{};
  }
  order.transition(complete ? OrderState::filled : OrderState::partially_filled);
  if (complete) closed(tracked);
  publish(tracked, time_ms);

  channel::TradeMessage trade{m.base,   order.symbol, fmt::format("sim-trade-{}", ++trade_count_),
                              order.id, order.side,   price,
                              amount,   fee,          order.fee_asset,
                              time_ms};
  if (channels_.trades) channels_.trades->send(trade);
  trades_.push_back(std::move(trade));
  publish_balance(portfolio, m.base);
  publish_balance(portfolio, m.quote);
  if (fill_listener_) fill_listener_(portfolio, order, trades_.back());
  while (trades_.size() > config_.closed_orders_kept) trades_.pop_front();
  if (tracked.group != kNoGroup) after_fill(tracked, amount, time_ms);
  if (complete) create_chained(order.id);
  return true;
}

void SimulatedExchange::after_fill(Tracked& tracked, Decimal amount, std::int64_t time_ms) {
  Group& group = groups_.at(tracked.group);
  for (const std::string& id : group.ids) {
    Tracked* found = find(id);
    if (found == nullptr) continue;  // released: it was final
    Tracked& other = *found;
    if (&other == &tracked || is_final(other.order.state)) continue;
    if (group.kind == OrderGroupKind::one_cancels_the_other) {
      close_order(other, OrderState::cancelled, fmt::format("one-cancels-the-other: {} filled", tracked.order.id),
                  time_ms);
      continue;
    }
    // Balanced: what is left to exit shrank by `amount` on every side.
    other.order.amount -= amount;
    if (other.order.remaining().is_positive()) {
      publish(other, time_ms);  // same state, new amount
    } else {
      close_order(other, OrderState::cancelled, fmt::format("balanced group: {} filled", tracked.order.id), time_ms);
    }
  }
  release_group_if_done(tracked.group);
}

void SimulatedExchange::process(Tracked& tracked, const SymbolState& state, const channel::Candle& candle) {
  if (candle.open_time_ms <= tracked.fillable_after_ms) return;  // no look-ahead
  Order& order = tracked.order;
  const Market& m = state.market;
  Decimal fill_price;
  bool maker = false;
  if (order.type == OrderType::limit || order.triggered) {
    const bool crossed = order.side == Side::buy ? candle.low <= order.price : candle.high >= order.price;
    if (!crossed) return;
    fill_price = order.price;
    maker = true;
  } else if (is_trailing(order.type)) {
    const Trigger trigger = check_trigger(order.side == Side::sell, order.trigger_price, candle);
    if (!trigger.hit) {
      // Only now may this candle's extreme move the stop: it applies from the next candle on.
      const Decimal distance_base = order.side == Side::sell ? candle.high : candle.low;
      const bool better =
          order.side == Side::sell ? distance_base > tracked.best_price : distance_base < tracked.best_price;
      if (better) {
        tracked.best_price = distance_base;
        const Decimal distance = tracked.best_price * order.trailing_percent / kHundred;
        order.trigger_price =
            round_price(m, order.side == Side::sell ? tracked.best_price - distance : tracked.best_price + distance);
      }
      return;
    }
    if (order.type == OrderType::trailing_stop_limit) {
      // Now a resting limit order, fillable from the next candle (as for stop-loss-limit).
      order.price = trailing_limit_price(m, order);
      order.triggered = true;
      tracked.fillable_after_ms = candle.open_time_ms;
      publish(tracked, candle.open_time_ms);  // same state, now with its limit price
      return;
    }
    fill_price = with_slippage(m, order.side, trigger.price);
  } else {
    const Trigger trigger = check_trigger(fires_on_fall(order.type, order.side), order.trigger_price, candle);
    if (!trigger.hit) return;
    if (is_limit_type(order.type)) {
      // Now a resting limit order; which came first inside this candle is unknown, so it may fill
      // from the next candle only.
      order.triggered = true;
      tracked.fillable_after_ms = candle.open_time_ms;
      return;
    }
    fill_price = with_slippage(m, order.side, trigger.price);
  }
  const Decimal amount = commons::min(order.remaining(), volume_cap(m, candle));
  if (!amount.is_positive()) return;
  fill(tracked, m, amount, fill_price, maker, candle.open_time_ms);
}

void SimulatedExchange::on_candle(std::string_view symbol, const channel::Candle& candle) {
  SymbolState& state = symbol_state(symbol);
  if (state.has_candle && candle.open_time_ms <= state.latest.open_time_ms) {
    throw std::invalid_argument(fmt::format("{}: candle at {} ms is not newer than the latest at {} ms", symbol,
                                            candle.open_time_ms, state.latest.open_time_ms));
  }
  // The candle is the latest from here on: orders created while it is processed (chained orders of a
  // parent filled on it) may fill only on later candles.
  state.latest = candle;
  state.has_candle = true;
  // Every update published before this candle has been delivered (the bot drains its channels at
  // each time step): closed orders beyond the window can go.
  release_closed();
  if (open_ids_.empty()) return;                  // most candles of a run: nothing to copy, sort or fill
  std::vector<std::string> eligible = open_ids_;  // chained orders created below join open_ids_
  // Inside one candle the order of prices is unknown. Stops go first: when a candle crosses both the
  // take-profit and the stop-loss of an exit, the pessimistic reading is that the stop was hit.
  std::stable_partition(eligible.begin(), eligible.end(), [this](const std::string& id) {
    const OrderType type = orders_.find(id)->second.order.type;
    return type == OrderType::stop_loss || type == OrderType::stop_loss_limit || is_trailing(type);
  });
  for (const std::string& id : eligible) {
    Tracked& tracked = orders_.find(id)->second;
    // A group member may have been closed by another member's fill earlier in this loop.
    if (tracked.order.symbol != symbol || is_final(tracked.order.state)) continue;
    // Expired before this candle opened: the candle may not fill it.
    if (tracked.order.expire_at_ms != 0 && candle.open_time_ms >= tracked.order.expire_at_ms) {
      expire(tracked, candle.open_time_ms);
      continue;
    }
    process(tracked, state, candle);
  }
  std::erase_if(open_ids_, [this](const std::string& id) { return is_final(orders_.find(id)->second.order.state); });
}

void SimulatedExchange::publish_balance(const Portfolio& portfolio, std::string_view asset) {
  if (!channels_.balance) return;
  // The Balance channel carries the account's balances: the root of the portfolio tree.
  const Portfolio* root = &portfolio;
  while (root->parent() != nullptr) root = root->parent();
  const Balance balance = root->balance(asset);
  channels_.balance->send(channel::BalanceMessage{std::string(asset), balance.total, balance.available});
}

void SimulatedExchange::expire(Tracked& tracked, std::int64_t time_ms) {
  chained_.erase(tracked.order.id);  // an expired parent never fills: its chained orders never exist
  close_order(tracked, OrderState::expired, fmt::format("expired at {} ms", tracked.order.expire_at_ms), time_ms);
  if (tracked.group != kNoGroup) release_group_if_done(tracked.group);
}

std::size_t SimulatedExchange::expire_orders(std::int64_t now_ms) {
  std::size_t count = 0;
  for (const std::string& id : open_ids_) {
    Tracked& tracked = orders_.find(id)->second;
    if (is_final(tracked.order.state) || tracked.order.expire_at_ms == 0 || tracked.order.expire_at_ms > now_ms) {
      continue;
    }
    expire(tracked, now_ms);
    ++count;
  }
  std::erase_if(open_ids_, [this](const std::string& id) { return is_final(orders_.find(id)->second.order.state); });
  return count;
}

void SimulatedExchange::chain(std::string_view parent_id, std::vector<OrderRequest> requests,
                              std::optional<OrderGroupKind> group, Portfolio* portfolio) {
  const Order* parent = order(parent_id);
  if (parent == nullptr || is_final(parent->state)) {
    throw std::invalid_argument(fmt::format("cannot chain orders to '{}': no such open order", parent_id));
  }
  if (requests.empty() || (group.has_value() && requests.size() < 2)) {
    throw std::invalid_argument(fmt::format("chained orders of '{}': nothing to create", parent_id));
  }
  chained_[std::string(parent_id)].push_back(Chained{std::move(requests), group, portfolio, {}});
}

void SimulatedExchange::create_chained(const std::string& parent_id) {
  const auto found = chained_.find(parent_id);
  if (found == chained_.end()) return;
  const std::vector<Chained> children = std::move(found->second);
  chained_.erase(found);
  for (const Chained& child : children) {
    if (child.group.has_value()) {
      create_order_group(*child.group, child.requests, child.portfolio);
    } else {
      for (const OrderRequest& request : child.requests) create_order(request, child.portfolio);
    }
  }
}

}  // namespace octobot::trading
