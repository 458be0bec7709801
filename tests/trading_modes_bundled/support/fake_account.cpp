#include "fake_account.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace octobot::test {

namespace {

ob_decimal decimal(double value) {
  ob_decimal out{};
  std::snprintf(out.text, sizeof(out.text), "%.12g", value);
  return out;
}

double parse(const ob_decimal& value) { return value.text[0] == '\0' ? 0.0 : std::strtod(value.text, nullptr); }

template <std::size_t N>
void copy(char (&target)[N], const std::string& text) {
  std::snprintf(target, N, "%s", text.c_str());
}

ob_status fail(ob_error* error, ob_status status, const std::string& message) {
  if (error != nullptr) copy(error->message, message);
  return status;
}

bool is_stop(std::uint32_t type) {
  return type == OB_ORDER_TYPE_STOP_LOSS || type == OB_ORDER_TYPE_STOP_LOSS_LIMIT ||
         type == OB_ORDER_TYPE_TRAILING_STOP || type == OB_ORDER_TYPE_TRAILING_STOP_LIMIT;
}

}  // namespace

FakeAccount::FakeAccount()
    : orders_{OB_HEADER_INIT(ob_orders_service_v1), this, &FakeAccount::create, &FakeAccount::create_group,
              &FakeAccount::chain, &FakeAccount::cancel, &FakeAccount::open_orders_raw, &FakeAccount::market,
              &FakeAccount::last_price,
              // No ABI 1.4 functions: the modes under test take the SDK's text fallback here, and the
              // host's binary reads are covered by tests/trading_modes and the runner tests.
              nullptr, nullptr, nullptr},
      portfolio_{OB_HEADER_INIT(ob_portfolio_service_v1),
                 this,
                 &FakeAccount::balance,
                 &FakeAccount::reference_market,
                 &FakeAccount::value,
                 &FakeAccount::resolve_amount,
                 nullptr,
                 nullptr} {}

ob_order_view FakeAccount::view_of(const FakeOrder& order) {
  ob_order_view view{};
  view.header = OB_HEADER_INIT(ob_order_view);
  copy(view.id, order.id);
  copy(view.symbol, order.symbol);
  copy(view.tag, order.tag);
  view.side = order.side;
  view.type = order.type;
  view.state = order.state;
  view.amount = decimal(order.amount);
  view.filled = decimal(order.state == OB_ORDER_STATUS_FILLED ? order.amount : 0.0);
  view.price = decimal(order.price);
  if (order.state == OB_ORDER_STATUS_FILLED) view.average_price = decimal(order.price);
  copy(view.reason, order.reason);
  return view;
}

double FakeAccount::total(const std::string& asset) const {
  const auto it = totals_.find(asset);
  return it == totals_.end() ? 0.0 : it->second;
}

// Open limit orders hold their funds; stop orders do not (they guard funds another order or the
// position holds, as on most spot exchanges in one-cancels-the-other).
double FakeAccount::reserved(const std::string& asset) const {
  double sum = 0;
  for (const auto& order : history_) {
    if (order.state != OB_ORDER_STATUS_OPEN || is_stop(order.type)) continue;
    const FakeMarket& market = markets_.at(order.symbol);
    if (order.side == OB_SIDE_BUY && market.quote == asset) sum += order.amount * order.price;
    if (order.side == OB_SIDE_SELL && market.base == asset) sum += order.amount;
  }
  return sum;
}

double FakeAccount::available(const std::string& asset) const { return total(asset) - reserved(asset); }

std::vector<FakeOrder> FakeAccount::open_orders() const {
  std::vector<FakeOrder> open;
  for (const auto& order : history_) {
    if (order.state == OB_ORDER_STATUS_OPEN) open.push_back(order);
  }
  return open;
}

const FakeOrder* FakeAccount::find(const std::string& id) const {
  for (const auto& order : history_) {
    if (order.id == id) return &order;
  }
  return nullptr;
}

std::optional<std::string> FakeAccount::refusal(const FakeOrder& order) const {
  const FakeMarket& market = markets_.at(order.symbol);
  const double amount = std::floor(order.amount / market.amount_step + 1e-9) * market.amount_step;
  if (amount <= 0 || amount < market.min_amount) {
    return "amount " + std::to_string(order.amount) + " is below the minimum " + std::to_string(market.min_amount);
  }
  if (amount * order.price < market.min_cost) {
    return "cost " + std::to_string(amount * order.price) + " is below the minimum " + std::to_string(market.min_cost);
  }
  if (is_stop(order.type)) return std::nullopt;
  const double needed = order.side == OB_SIDE_BUY ? amount * order.price : amount;
  const std::string& asset = order.side == OB_SIDE_BUY ? market.quote : market.base;
  if (needed > available(asset) * (1 + 1e-9)) {
    return "insufficient funds: needs " + std::to_string(needed) + " " + asset + ", available " +
           std::to_string(available(asset));
  }
  return std::nullopt;
}

void FakeAccount::settle(FakeOrder& order, double price) {
  const FakeMarket& market = markets_.at(order.symbol);
  const double sign = order.side == OB_SIDE_BUY ? 1.0 : -1.0;
  totals_[market.base] += sign * order.amount;
  totals_[market.quote] -= sign * order.amount * price;
  order.price = price;
  order.state = OB_ORDER_STATUS_FILLED;
}

FakeOrder FakeAccount::submit(const ob_order_request& request, const std::string& group) {
  FakeOrder order;
  order.id = "order-" + std::to_string(next_id_++);
  order.symbol = request.symbol;
  order.tag = request.tag != nullptr ? request.tag : "";
  order.side = request.side;
  order.type = request.type;
  order.amount = parse(request.amount);
  order.group = group;
  const double last = prices_.at(order.symbol);
  order.price = request.type == OB_ORDER_TYPE_MARKET ? last
                : is_stop(request.type)              ? parse(request.trigger_price)
                                                     : parse(request.price);
  if (reject_next_) {
    order.state = OB_ORDER_STATUS_REJECTED;
    order.reason = *reject_next_;
    reject_next_.reset();
  } else if (auto why = refusal(order)) {
    order.state = OB_ORDER_STATUS_REJECTED;
    order.reason = *why;
  } else if (request.type == OB_ORDER_TYPE_MARKET) {
    settle(order, last);
  }
  history_.push_back(order);
  return order;
}

void FakeAccount::close_group(const FakeOrder& filled) {
  if (filled.group.empty()) return;
  for (auto& other : history_) {
    if (other.group == filled.group && other.id != filled.id && other.state == OB_ORDER_STATUS_OPEN) {
      other.state = OB_ORDER_STATUS_CANCELED;
      other.reason = "other order of the group filled";
    }
  }
}

ob_order_view FakeAccount::fill(const std::string& id) {
  for (auto& order : history_) {
    if (order.id != id || order.state != OB_ORDER_STATUS_OPEN) continue;
    settle(order, order.price);
    const FakeOrder filled = order;  // history_ may grow below
    close_group(filled);
    if (const auto it = chains_.find(id); it != chains_.end()) {
      for (auto& chain : it->second) {
        const std::string group = chain.group != OB_GROUP_NONE ? "group-" + std::to_string(next_group_++) : "";
        for (auto& chained : chain.orders) {
          chained.id = "order-" + std::to_string(next_id_++);
          chained.group = group;
          history_.push_back(chained);
        }
      }
      chains_.erase(it);
    }
    return view_of(filled);
  }
  throw std::invalid_argument("fill: no open order " + id);
}

ob_status FakeAccount::create(void* context, const ob_account* /*account*/, const ob_order_request* request,
                              ob_order_view* out, ob_error* error) {
  FakeAccount* account = self(context);
  if (account->markets_.count(request->symbol) == 0) return fail(error, OB_ERROR_INVALID_ARGUMENT, "unknown symbol");
  *out = view_of(account->submit(*request, {}));
  return OB_OK;
}

ob_status FakeAccount::create_group(void* context, const ob_account* /*account*/, uint32_t group,
                                    const ob_order_request* requests, uint64_t count, ob_order_view* out,
                                    ob_error* error) {
  FakeAccount* account = self(context);
  if (count < 2) return fail(error, OB_ERROR_INVALID_ARGUMENT, "a group needs at least two orders");
  const std::string id = group != OB_GROUP_NONE ? "group-" + std::to_string(account->next_group_++) : "";
  for (uint64_t i = 0; i < count; ++i) out[i] = view_of(account->submit(requests[i], id));
  return OB_OK;
}

ob_status FakeAccount::chain(void* context, const ob_account* /*account*/, const char* parent_id, uint32_t group,
                             const ob_order_request* requests, uint64_t count, ob_error* error) {
  FakeAccount* account = self(context);
  const FakeOrder* parent = account->find(parent_id);
  if (parent == nullptr || parent->state != OB_ORDER_STATUS_OPEN) {
    return fail(error, OB_ERROR_NOT_FOUND, "no open order " + std::string(parent_id));
  }
  Chain chained{group, {}};
  for (uint64_t i = 0; i < count; ++i) {
    FakeOrder order;
    order.symbol = requests[i].symbol;
    order.tag = requests[i].tag != nullptr ? requests[i].tag : "";
    order.side = requests[i].side;
    order.type = requests[i].type;
    order.amount = parse(requests[i].amount);
    order.price = is_stop(requests[i].type) ? parse(requests[i].trigger_price) : parse(requests[i].price);
    chained.orders.push_back(order);
  }
  account->chains_[parent_id].push_back(chained);
  return OB_OK;
}

ob_status FakeAccount::cancel(void* context, const ob_account* /*account*/, const char* order_id, ob_error* error) {
  for (auto& order : self(context)->history_) {
    if (order.id == order_id && order.state == OB_ORDER_STATUS_OPEN) {
      order.state = OB_ORDER_STATUS_CANCELED;
      order.reason = "cancelled by the mode";
      self(context)->chains_.erase(order.id);
      return OB_OK;
    }
  }
  return fail(error, OB_ERROR_NOT_FOUND, "no open order " + std::string(order_id));
}

uint64_t FakeAccount::open_orders_raw(void* context, const ob_account* /*account*/, const char* symbol,
                                      ob_order_view* out, uint64_t capacity) {
  uint64_t count = 0;
  for (const auto& order : self(context)->history_) {
    if (order.state != OB_ORDER_STATUS_OPEN) continue;
    if (symbol != nullptr && order.symbol != symbol) continue;
    if (count < capacity) out[count] = view_of(order);
    ++count;
  }
  return count;
}

ob_status FakeAccount::market(void* context, const ob_account* /*account*/, const char* symbol, ob_market_info* out,
                              ob_error* error) {
  const auto it = self(context)->markets_.find(symbol);
  if (it == self(context)->markets_.end()) return fail(error, OB_ERROR_INVALID_ARGUMENT, "unknown symbol");
  copy(out->base, it->second.base);
  copy(out->quote, it->second.quote);
  out->price_tick = decimal(it->second.price_tick);
  out->amount_step = decimal(it->second.amount_step);
  out->min_amount = decimal(it->second.min_amount);
  out->min_cost = decimal(it->second.min_cost);
  out->maker_fee = decimal(0.001);
  out->taker_fee = decimal(0.001);
  return OB_OK;
}

ob_status FakeAccount::last_price(void* context, const ob_account* /*account*/, const char* symbol, ob_decimal* out,
                                  ob_error* error) {
  const auto it = self(context)->prices_.find(symbol);
  if (it == self(context)->prices_.end()) return fail(error, OB_ERROR_STATE, "no price yet");
  *out = decimal(it->second);
  return OB_OK;
}

ob_status FakeAccount::balance(void* context, const ob_account* /*account*/, const char* asset, ob_balance* out,
                               ob_error* /*error*/) {
  out->total = decimal(self(context)->total(asset));
  out->available = decimal(self(context)->available(asset));
  return OB_OK;
}

ob_status FakeAccount::reference_market(void* /*context*/, const ob_account* /*account*/, char* out, uint64_t capacity,
                                        ob_error* /*error*/) {
  std::snprintf(out, capacity, "USDT");
  return OB_OK;
}

ob_status FakeAccount::value(void* context, const ob_account* /*account*/, ob_decimal* out, ob_error* /*error*/) {
  FakeAccount* account = self(context);
  double sum = account->total("USDT");
  for (const auto& [symbol, market] : account->markets_) {
    if (market.quote == "USDT" && account->prices_.count(symbol) != 0) {
      sum += account->total(market.base) * account->prices_.at(symbol);
    }
  }
  *out = decimal(sum);
  return OB_OK;
}

// OctoBot's amount syntax: "0.1" base, "100q" quote, "12%"/"12a%" of available, "12t%" of total.
ob_status FakeAccount::resolve_amount(void* context, const ob_account* /*account*/, const char* symbol, uint32_t side,
                                      const char* expression, ob_decimal* out, ob_error* error) {
  FakeAccount* account = self(context);
  const auto market = account->markets_.find(symbol);
  if (market == account->markets_.end()) return fail(error, OB_ERROR_INVALID_ARGUMENT, "unknown symbol");
  const double price = account->prices_.at(symbol);
  std::string_view text(expression);
  const double number = std::strtod(std::string(text).c_str(), nullptr);
  const std::string& spent = side == OB_SIDE_BUY ? market->second.quote : market->second.base;
  const double to_base = side == OB_SIDE_BUY ? 1.0 / price : 1.0;
  double amount = number;
  if (text.ends_with("t%")) {
    amount = account->total(spent) * number / 100.0 * to_base;
  } else if (text.ends_with("%")) {
    amount = account->available(spent) * number / 100.0 * to_base;
  } else if (text.ends_with("q")) {
    amount = number / price;
  }
  *out = decimal(amount);
  return OB_OK;
}

}  // namespace octobot::test
