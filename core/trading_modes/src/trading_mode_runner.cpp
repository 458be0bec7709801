#include <octobot/commons/logging.hpp>
#include <octobot/trading_modes/order_view.hpp>
#include <octobot/trading_modes/service_error.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <utility>

#include "service_guard.hpp"

namespace octobot::trading_modes {

namespace {

// A NUL-terminated copy of a view for the C ABI, on the stack when short: a strategy signal passes
// three texts to the modes once per candle, and a strategy's name alone ("SimpleStrategyEvaluator")
// is past std::string's inline capacity, a heap allocation per signal.
class TerminatedText {
 public:
  explicit TerminatedText(std::string_view text) {
    if (text.size() < sizeof(inline_)) {
      // An empty view may hold a null pointer, which memcpy must not be given even for 0 bytes.
      if (!text.empty()) std::memcpy(inline_, text.data(), text.size());
      inline_[text.size()] = '\0';
      data_ = inline_;
    } else {
      heap_.assign(text);
      data_ = heap_.c_str();
    }
  }
  TerminatedText(const TerminatedText&) = delete;
  TerminatedText& operator=(const TerminatedText&) = delete;

  [[nodiscard]] const char* c_str() const noexcept { return data_; }

 private:
  char inline_[64];
  std::string heap_;
  const char* data_ = nullptr;
};

}  // namespace

struct TradingModeRunner::Instance {
  TradingModeRunner* runner = nullptr;
  std::string class_name;
  std::string symbol;  // "" for exchange scope
  std::uint32_t scope = OB_SCOPE_SYMBOL;
  Account* account = nullptr;
  std::unique_ptr<tentacles::TentacleInstance> tentacle;
  bool has_signal = false;
  bool has_candle = false;
  bool has_order_update = false;
  bool has_decision = false;
  bool has_service_feed = false;
  ob_decision_sink sink{};
  channel::Subscription decisions;
};

// Marks whose callback is running, so that the orders it creates are routed back to it, and lets the
// services accept that instance's account only.
class TradingModeRunner::CurrentInstance {
 public:
  CurrentInstance(TradingModeRunner& runner, Instance* instance) noexcept
      : runner_(runner), previous_(runner.current_), previous_account_(runner.accounts_.restriction()) {
    runner_.current_ = instance;
    runner_.accounts_.restrict_to(instance->account);
  }
  ~CurrentInstance() {
    runner_.current_ = previous_;
    runner_.accounts_.restrict_to(previous_account_);
  }
  CurrentInstance(const CurrentInstance&) = delete;
  CurrentInstance& operator=(const CurrentInstance&) = delete;

 private:
  TradingModeRunner& runner_;
  Instance* previous_;
  const Account* previous_account_;
};

namespace {

// The scope is needed before the first instance exists (it decides whether instances get a symbol),
// so it is read from the class's table, checking the table is long enough to hold it.
std::uint32_t declared_scope(const ob_class_descriptor& descriptor) {
  const auto* table = static_cast<const ob_trading_mode_vtable*>(descriptor.vtable);
  if (table == nullptr || table->header.struct_size < offsetof(ob_trading_mode_vtable, scope) + sizeof(table->scope)) {
    return OB_SCOPE_SYMBOL;
  }
  return table->scope == OB_SCOPE_EXCHANGE ? OB_SCOPE_EXCHANGE : OB_SCOPE_SYMBOL;
}

std::optional<trading::OrderState> final_state(channel::OrderStatus status) {
  switch (status) {
    case channel::OrderStatus::filled:
      return trading::OrderState::filled;
    case channel::OrderStatus::canceled:
      return trading::OrderState::cancelled;
    case channel::OrderStatus::rejected:
      return trading::OrderState::rejected;
    case channel::OrderStatus::expired:
      return trading::OrderState::expired;
    default:
      return std::nullopt;
  }
}

}  // namespace

TradingModeRunner::TradingModeRunner(tentacles::TentacleHost& host, TradingModeRunnerConfig config)
    : config_(std::move(config)), orders_service_(accounts_), portfolio_service_(accounts_) {
  if (!config_.decisions)
    throw std::invalid_argument("the trading-mode runner needs the exchange's TradingMode channel");
  for (std::size_t i = 0; i < config_.modes.size(); ++i) {
    const TradingModeAssignment& mode = config_.modes[i];
    if (mode.account == nullptr) throw std::invalid_argument("trading mode " + mode.class_name + " has no account");
    for (std::size_t j = 0; j < i; ++j) {
      if (config_.modes[j].class_name == mode.class_name) {
        throw std::invalid_argument("trading mode " + mode.class_name +
                                    " is listed twice: its decisions could not be told apart on the TradingMode "
                                    "channel");
      }
    }
    const ob_class_descriptor* descriptor = host.find_class(mode.class_name);
    if (descriptor == nullptr) throw std::invalid_argument("trading mode " + mode.class_name + " is not loaded");
    if (descriptor->kind != OB_KIND_TRADING_MODE) {
      throw std::invalid_argument(mode.class_name + " is not a trading mode (kind " + std::to_string(descriptor->kind) +
                                  ")");
    }
  }
  if (config_.host_services != nullptr) {
    services_ = config_.host_services;
  } else {
    own_services_ = std::make_unique<tentacles::HostServices>(config_.clock);
    services_ = own_services_.get();
  }
  services_->register_service(OB_SERVICE_ORDERS_V1, orders_service_.table());
  services_->register_service(OB_SERVICE_PORTFOLIO_V1, portfolio_service_.table());
  try {
    for (const TradingModeAssignment& mode : config_.modes) attach(*mode.account);
    for (const TradingModeAssignment& mode : config_.modes) create_instances(host, mode);
    if (config_.orders) {
      orders_subscription_ = config_.orders->subscribe(
          [this](const channel::OrderMessage& message) { on_order_message(message); },
          channel::ConsumerOptions().with_name("TradingModeRunner(" + config_.exchange + ")"));
    }
    if (config_.service_feed) {
      service_feed_subscription_ = config_.service_feed->subscribe(
          [this](const channel::ServiceFeedMessage& message) { on_service_feed(message); },
          channel::ConsumerOptions().with_name("TradingModeRunner(" + config_.exchange + "): service feed"));
    }
  } catch (...) {
    release();  // no destructor runs for a half-built runner: leave nothing pointing at it
    throw;
  }
}

// The orders `account` creates belong to the instance whose callback runs (current_).
void TradingModeRunner::attach(Account& account) {
  accounts_.add(account);
  account.set_creation_listener([this](const Account&, const trading::Order& order) {
    // Every order, final ones included (a market fill, a rejection): their one update is routed
    // too, then forgotten. Without an Orders channel no update ever comes, so nothing is kept.
    if (current_ != nullptr && config_.orders) order_owner_[order.id] = current_;
  });
  // The same instance, given to the gateway with each request: a live one journals it with the
  // order before the send (what a restart falls back on when the store has no owner for it).
  account.set_placer_source([this]() -> std::optional<Account::Placer> {
    if (current_ == nullptr) return std::nullopt;
    return Account::Placer{current_->class_name, current_->symbol};
  });
}

TradingModeRunner::~TradingModeRunner() { release(); }

void TradingModeRunner::release() noexcept {
  orders_subscription_.unsubscribe();
  service_feed_subscription_.unsubscribe();
  instances_.clear();  // destroys the tentacles while the services they may hold still exist
  for (const TradingModeAssignment& mode : config_.modes) {
    mode.account->set_creation_listener(nullptr);
    mode.account->set_placer_source(nullptr);
  }
  if (own_services_ == nullptr) {
    // The caller's host outlives us: leave no table pointing at this runner (NULL reads as "absent").
    services_->register_service(OB_SERVICE_ORDERS_V1, nullptr);
    services_->register_service(OB_SERVICE_PORTFOLIO_V1, nullptr);
  }
}

void TradingModeRunner::create_instances(tentacles::TentacleHost& host, const TradingModeAssignment& mode) {
  const std::uint32_t scope = declared_scope(*host.find_class(mode.class_name));
  std::vector<std::string> symbols;
  if (scope == OB_SCOPE_EXCHANGE) {
    symbols.emplace_back();
  } else {
    symbols = config_.symbols;
  }
  for (const std::string& symbol : symbols) {
    auto instance = std::make_unique<Instance>();
    instance->runner = this;
    instance->class_name = mode.class_name;
    instance->symbol = symbol;
    instance->scope = scope;
    instance->account = mode.account;
    instance->sink = {OB_HEADER_INIT(ob_decision_sink), instance.get(), &TradingModeRunner::submit_trading_decision};
    tentacles::InstanceSpec spec;
    spec.exchange = config_.exchange;
    spec.symbol = symbol;
    spec.time_frame = config_.time_frame;
    spec.host = services_->host();
    spec.account = mode.account->handle();
    try {
      instance->tentacle = host.create(mode.class_name, spec);
    } catch (const std::exception& error) {
      record_failure(mode.class_name, "create", symbol, error.what());
      continue;
    }
    using Callback = tentacles::TentacleInstance::Callback;
    instance->has_signal = instance->tentacle->supports(Callback::signal);
    instance->has_candle = instance->tentacle->supports(Callback::candle);
    instance->has_order_update = instance->tentacle->supports(Callback::order_update);
    instance->has_decision = instance->tentacle->supports(Callback::decision);
    instance->has_service_feed = instance->tentacle->supports(Callback::service_feed);  // false for ABI <= 1.4
    subscribe_decisions(*instance);
    instances_.push_back(std::move(instance));
  }
}

void TradingModeRunner::subscribe_decisions(Instance& instance) {
  channel::Filter filter{{"trading_mode_name", instance.class_name}};
  if (instance.scope == OB_SCOPE_SYMBOL) filter.where("symbol", instance.symbol);
  Instance* target = &instance;
  instance.decisions = config_.decisions->subscribe(
      [this, target](const channel::TradingModeMessage& message) { on_decision_message(*target, message); },
      channel::ConsumerOptions()
          .with_name(instance.class_name + (instance.symbol.empty() ? "" : " " + instance.symbol))
          .with_filter(std::move(filter)));
}

template <typename Call>
void TradingModeRunner::call(Instance& instance, std::string_view callback, std::string_view symbol,
                             Call&& body) noexcept {
  const CurrentInstance current(*this, &instance);
  try {
    std::forward<Call>(body)();
  } catch (const std::exception& error) {
    record_failure(instance.class_name, callback, symbol, error.what());
  } catch (...) {
    record_failure(instance.class_name, callback, symbol, "unknown exception");
  }
}

void TradingModeRunner::record_failure(const std::string& class_name, std::string_view callback,
                                       std::string_view symbol, std::string_view message) noexcept {
  try {
    ++report_.errors;
    ++report_.errors_by_class[class_name];
    if (report_.failures.size() < RunnerReport::kMaxKeptFailures) {
      report_.failures.push_back({class_name, std::string(callback), std::string(symbol), std::string(message)});
    }
    commons::log(commons::LogLevel::error, class_name,
                 fmt::format("{}{}{} failed: {}", callback, symbol.empty() ? "" : " on ", symbol, message));
  } catch (...) {  // out of memory while reporting: the count above is what is left
  }
}

void TradingModeRunner::check_symbol(std::string_view symbol) const {
  if (std::find(config_.symbols.begin(), config_.symbols.end(), symbol) == config_.symbols.end()) {
    throw std::invalid_argument(fmt::format("{} is not traded by this run on {}", symbol, config_.exchange));
  }
}

void TradingModeRunner::on_strategy_signal(std::string_view symbol, double note, std::int64_t time_ms,
                                           std::string_view strategy_name, std::string_view description) {
  if (!(std::isfinite(note) && note >= -1.0 && note <= 1.0)) {
    throw std::invalid_argument(fmt::format("a strategy note is in [-1, 1], found {} for {}", note, symbol));
  }
  check_symbol(symbol);
  const TerminatedText symbol_text(symbol);
  const TerminatedText strategy(strategy_name);
  const TerminatedText description_text(description);
  for (const auto& owned : instances_) {
    Instance& instance = *owned;
    if (!instance.has_signal || (instance.scope == OB_SCOPE_SYMBOL && instance.symbol != symbol)) continue;
    std::string base;
    try {
      base = instance.account->market(symbol).base;
    } catch (const std::exception&) {  // a symbol the account's exchange lacks: no cryptocurrency to name
    }
    const ob_strategy_signal signal{OB_HEADER_INIT(ob_strategy_signal),
                                    config_.exchange.c_str(),
                                    strategy.c_str(),
                                    base.c_str(),
                                    symbol_text.c_str(),
                                    note,
                                    time_ms,
                                    description_text.c_str()};
    ++report_.signals;
    call(instance, "on_strategy_signal", symbol, [&] { instance.tentacle->on_strategy_signal(signal, instance.sink); });
  }
}

void TradingModeRunner::on_candle(const ob_candles& candles) {
  const std::string_view symbol = candles.symbol != nullptr ? candles.symbol : "";
  check_symbol(symbol);
  for (const auto& owned : instances_) {
    Instance& instance = *owned;
    if (!instance.has_candle || (instance.scope == OB_SCOPE_SYMBOL && instance.symbol != symbol)) continue;
    ++report_.candles;
    call(instance, "on_candle", symbol, [&] { instance.tentacle->on_candle(candles, instance.sink); });
  }
}

namespace {

// "BTC/USDT", "btc-usdt", "BTCUSDT" -> "BTCUSDT": TradingView writes pairs without a separator.
std::string compact_symbol(std::string_view symbol) {
  std::string out;
  for (const char c : symbol) {
    if (c == '/' || c == '-' || c == '_' || c == ' ') continue;
    if (c == ':') break;  // a futures settle suffix
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string TradingModeRunner::run_symbol(std::string_view written) const {
  const std::string compact = compact_symbol(written);
  if (compact.empty()) return {};
  for (const std::string& symbol : config_.symbols) {
    if (symbol == written || compact_symbol(symbol) == compact) return symbol;
  }
  return {};
}

void TradingModeRunner::on_service_feed(const channel::ServiceFeedMessage& message) {
  bool symbol_listener = false;
  bool exchange_listener = false;
  for (const auto& instance : instances_) {
    if (!instance->has_service_feed) continue;
    (instance->scope == OB_SCOPE_EXCHANGE ? exchange_listener : symbol_listener) = true;
  }
  if (!symbol_listener && !exchange_listener) return;  // no mode listens: nothing to route
  const std::string symbol = run_symbol(message.symbol);
  if (symbol.empty() && symbol_listener) {
    ++report_.service_feed_unrouted;
    std::string expected;
    for (const std::string& run_symbol : config_.symbols) expected += (expected.empty() ? "" : ", ") + run_symbol;
    commons::log(commons::LogLevel::warning, "TradingModeRunner",
                 fmt::format("{} {}: expected a symbol of the run ({}) on {}, {}: not given to the modes trading one "
                             "symbol{}",
                             message.service, message.feed, expected, config_.exchange,
                             message.symbol.empty() ? std::string("found no symbol")
                                                    : fmt::format("found \"{}\"", message.symbol),
                             exchange_listener ? " (the exchange-wide ones hear it)" : ""));
  }
  const ob_service_feed_message raw{OB_HEADER_INIT(ob_service_feed_message),
                                    message.service.c_str(),
                                    message.feed.c_str(),
                                    symbol.c_str(),
                                    message.symbol.c_str(),
                                    message.action.c_str(),
                                    message.body.c_str(),
                                    static_cast<std::uint64_t>(message.body.size()),
                                    message.received_ms};
  for (const auto& owned : instances_) {
    Instance& instance = *owned;
    if (!instance.has_service_feed ||
        (instance.scope == OB_SCOPE_SYMBOL && (symbol.empty() || instance.symbol != symbol))) {
      continue;
    }
    ++report_.service_feed_messages;
    call(instance, "on_service_feed", symbol, [&] { instance.tentacle->on_service_feed(raw, instance.sink); });
  }
}

ob_status TradingModeRunner::submit_trading_decision(void* context, const ob_trading_decision* decision,
                                                     ob_error* error) {
  return detail::guarded(error, "decision sink submit", [&] {
    auto* instance = static_cast<Instance*>(context);
    instance->runner->submit(*instance, decision);
  });
}

void TradingModeRunner::submit(Instance& instance, const ob_trading_decision* decision) {
  if (decision == nullptr) throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "decision: expected a decision, found NULL");
  if (decision->state > OB_SIGNAL_VERY_SHORT) {
    throw ServiceError(
        OB_ERROR_INVALID_ARGUMENT,
        fmt::format("state: expected an OB_SIGNAL_* from 0 (very long) to 4 (very short), found {}", decision->state));
  }
  if (!std::isfinite(decision->final_note)) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "final_note: expected a finite number, found NaN or infinity");
  }
  std::string symbol = decision->symbol != nullptr ? decision->symbol : "";
  if (symbol.empty()) symbol = instance.symbol;
  if (instance.scope == OB_SCOPE_SYMBOL && symbol != instance.symbol) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("symbol: an instance created for {} decides for {} only, found \"{}\"",
                                   instance.symbol, instance.symbol, symbol));
  }
  if (!symbol.empty() && std::find(config_.symbols.begin(), config_.symbols.end(), symbol) == config_.symbols.end()) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("symbol: expected one of the run's symbols, found \"{}\"", symbol));
  }
  channel::TradingModeMessage message;
  message.trading_mode_name = instance.class_name;
  message.exchange_name = config_.exchange;
  if (!symbol.empty()) message.cryptocurrency = instance.account->market(symbol).base;
  message.symbol = std::move(symbol);
  message.time_frame = config_.time_frame;
  message.state = static_cast<channel::SignalState>(decision->state);  // same order as OB_SIGNAL_*
  message.final_note = decision->final_note;
  if (decision->data != nullptr) message.data = decision->data;
  ++report_.decisions_submitted;
  config_.decisions->send(std::move(message));
}

void TradingModeRunner::on_decision_message(Instance& instance, const channel::TradingModeMessage& message) {
  if (!instance.has_decision) return;
  const ob_trading_decision decision{OB_HEADER_INIT(ob_trading_decision), message.symbol.c_str(),
                                     static_cast<std::uint32_t>(message.state), message.final_note,
                                     message.data.empty() ? nullptr : message.data.c_str()};
  ++report_.decisions_delivered;
  call(instance, "on_decision", message.symbol, [&] { instance.tentacle->on_decision(decision); });
}

void TradingModeRunner::on_order_message(const channel::OrderMessage& message) {
  const auto it = order_owner_.find(message.order_id);
  if (it == order_owner_.end()) return;  // another mode's, another runner's or a manual order
  Instance& owner = *it->second;
  const std::optional<trading::OrderState> closed = final_state(message.status);
  const trading::Order* order = owner.account->gateway().order(message.order_id);
  trading::Order released;
  if (order == nullptr) {
    // The gateway already released it (the OrderGateway contract allows it once the order is final):
    // the update itself says what the mode needs; fees, average price and reason are unknown.
    released.id = message.order_id;
    released.symbol = message.symbol;
    released.side = message.side;
    released.type = message.type;
    released.price = message.price;
    released.created_at_ms = message.timestamp_ms;
    order = &released;
  }
  if (closed) {
    // Chained orders first, so that the mode hearing about its filled entry finds its exits open.
    call(owner, "chain", message.symbol, [&] { (void)owner.account->on_order_closed(message.order_id, *closed); });
  }
  const ob_order_view view = to_order_view(*order, owner.account->tag(message.order_id), message);
  if (owner.has_order_update) {
    ++report_.order_updates_delivered;
    call(owner, "on_order_update", message.symbol, [&] { owner.tentacle->on_order_update(view, owner.sink); });
  }
  if (closed) {  // a final order sends nothing more
    owner.account->forget(message.order_id);
    order_owner_.erase(message.order_id);
  }
}

std::vector<trading::OrderOwnerLink> TradingModeRunner::order_owners() const {
  std::vector<trading::OrderOwnerLink> owners;
  for (const auto& [order_id, instance] : order_owner_) {
    // Final orders whose last update is not delivered yet are not resumed: no owner to save.
    const trading::Order* order = instance->account->gateway().order(order_id);
    if (order == nullptr || trading::is_final(order->state)) continue;
    owners.push_back({order_id, instance->class_name, instance->symbol, instance->account->tag(order_id)});
  }
  return owners;
}

bool TradingModeRunner::adopt(std::string_view mode, std::string_view mode_symbol, const trading::Order& order,
                              const std::string& tag) {
  for (const auto& owned : instances_) {
    Instance& instance = *owned;
    if (instance.class_name != mode || instance.symbol != mode_symbol) continue;
    // As the instance's own creation: the account's listener routes the order's updates to it.
    const CurrentInstance current(*this, &instance);
    instance.account->adopt(order, tag);
    return true;
  }
  return false;
}

std::vector<const trading::Order*> TradingModeRunner::chain(std::string_view parent_id,
                                                            std::optional<trading::OrderGroupKind> group,
                                                            std::vector<TaggedRequest> requests) {
  const auto owner = order_owner_.find(parent_id);
  if (owner == order_owner_.end()) {
    throw ServiceError(OB_ERROR_NOT_FOUND, fmt::format("chain: no trading mode owns order \"{}\"", parent_id));
  }
  const CurrentInstance current(*this, owner->second);
  return owner->second->account->chain(parent_id, group, std::move(requests));
}

std::vector<InstanceInfo> TradingModeRunner::instances() const {
  std::vector<InstanceInfo> out;
  for (const auto& instance : instances_) out.push_back({instance->class_name, instance->symbol, instance->scope});
  return out;
}

}  // namespace octobot::trading_modes
