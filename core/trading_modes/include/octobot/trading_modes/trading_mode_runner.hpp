// Runs the trading-mode tentacles of one exchange in one bot run (a backtest, a paper or live run).
//
// Given the tentacle host, the active trading-mode classes with the account each trades on, and the
// run's symbols, it creates the instances (one per symbol, or one for the whole exchange when the
// class declares OB_SCOPE_EXCHANGE) with a run-specific ob_host serving "orders/1" and
// "portfolio/1" next to whatever the caller registered ("matrix/1", ...), and routes:
//   on_strategy_signal / on_candle (called by the run)  -> the producers of that symbol;
//   a producer's ob_decision_sink submit                 -> a TradingModeMessage on the exchange's
//                                                           TradingMode channel;
//   that channel                                         -> on_decision of the same instance
//                                                           (filter: class name, and symbol unless
//                                                           the instance has exchange scope);
//   the exchange's Orders channel                        -> on_order_update of the instance that
//                                                           created the order (and chained orders);
//   the bot's ServiceFeed channel (a webhook alert)      -> on_service_feed (ABI 1.5) of the instances
//                                                           of the symbol it names and of the
//                                                           exchange-scope ones.
// Both channels should be synchronized on the run's SyncDriver: then the consumer half runs inside
// SyncDriver::drain, after the producer's callback returned, in an order fixed by the sends, and a
// backtest gives the same orders every time. Tentacle calls must all happen on one thread: with
// asynchronous channels, give both channels the bot thread's executor.
//
// A tentacle that fails (an error status, an exception caught by its SDK trampoline) is logged at
// error level under its class name, counted in report(), and the run goes on.
// THREAD: one thread (the run's), like the exchange.
#pragma once

#include <octobot/abi.h>
#include <octobot/channel/channel.hpp>
#include <octobot/channel/standard/evaluation.hpp>
#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/channel/standard/service_feed.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading_modes/account.hpp>
#include <octobot/trading_modes/account_set.hpp>
#include <octobot/trading_modes/orders_service.hpp>
#include <octobot/trading_modes/portfolio_service.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::trading_modes {

// One active trading-mode class and the account its orders go to (accounts may be sub-portfolios of
// one exchange portfolio, so that modes cannot spend each other's funds). An account belongs to one
// runner.
struct TradingModeAssignment {
  std::string class_name;
  Account* account = nullptr;
};

struct TradingModeRunnerConfig {
  std::string exchange;  // "binance": the instances' exchange and the messages' exchange_name
  std::vector<TradingModeAssignment> modes;
  std::vector<std::string> symbols;  // the run's symbols, in the order instances are created
  std::string time_frame;            // the run's smallest time frame (instance args); may be empty
  // The run's host services, e.g. with "matrix/1" already registered; "orders/1" and "portfolio/1"
  // are registered on it (and unregistered when the runner goes). nullptr: the runner makes its own.
  tentacles::HostServices* host_services = nullptr;
  tentacles::HostServices::Clock clock;  // the run's clock, for the services the runner makes
  // The exchange's TradingMode channel (required) and Orders channel (optional: without it, no order
  // updates reach the modes and chained orders are never created).
  std::shared_ptr<channel::Channel<channel::TradingModeChannel>> decisions;
  std::shared_ptr<channel::Channel<channel::OrdersChannel>> orders;
  // The bot's ServiceFeed channel (optional: without it no webhook alert reaches the modes). Deliver
  // it on the run's thread, like the two above.
  std::shared_ptr<channel::Channel<channel::ServiceFeedChannel>> service_feed;
};

// One tentacle failure, as logged.
struct TentacleFailure {
  std::string class_name;
  std::string callback;  // "create", "on_strategy_signal", "on_candle", "on_order_update", "on_decision", "chain",
                         // "on_service_feed"
  std::string symbol;
  std::string message;
};

struct RunnerReport {
  std::uint64_t signals = 0;                  // producer calls made by on_strategy_signal
  std::uint64_t candles = 0;                  // producer calls made by on_candle
  std::uint64_t decisions_submitted = 0;      // sent on the TradingMode channel
  std::uint64_t decisions_delivered = 0;      // consumer calls made
  std::uint64_t order_updates_delivered = 0;  // on_order_update calls made
  std::uint64_t service_feed_messages = 0;    // on_service_feed calls made
  std::uint64_t service_feed_unrouted = 0;    // messages naming no symbol of the run (logged)
  std::uint64_t errors = 0;
  std::map<std::string, std::uint64_t> errors_by_class;
  std::vector<TentacleFailure> failures;  // the first kMaxKeptFailures, in order
  static constexpr std::size_t kMaxKeptFailures = 100;
};

struct InstanceInfo {
  std::string class_name;
  std::string symbol;  // "" for an exchange-scope instance
  std::uint32_t scope = OB_SCOPE_SYMBOL;
};

class TradingModeRunner {
 public:
  // Creates every instance. Throws std::invalid_argument for a configuration that cannot run: a
  // class that is not loaded or not a trading mode, a class listed twice (its decisions could not be
  // told apart on the channel), no account, no decisions channel. A tentacle whose create fails is
  // logged and counted (callback "create") and left out; the others run.
  TradingModeRunner(tentacles::TentacleHost& host, TradingModeRunnerConfig config);
  ~TradingModeRunner();
  TradingModeRunner(const TradingModeRunner&) = delete;
  TradingModeRunner& operator=(const TradingModeRunner&) = delete;

  // A strategy's note for `symbol` (OctoBot's final note, in [-1, 1]), to the producers trading it,
  // with the strategy's evaluation description (ABI 1.2 ob_strategy_signal.description; pass the
  // Matrix message's description). Throws std::invalid_argument for a note outside [-1, 1] or a
  // symbol the run does not trade.
  void on_strategy_signal(std::string_view symbol, double note, std::int64_t time_ms,
                          std::string_view strategy_name = {}, std::string_view description = {});
  // A closed candle of the run's smallest time frame, to the producers trading its symbol
  // (candles.symbol). Throws std::invalid_argument for a symbol the run does not trade.
  void on_candle(const ob_candles& candles);
  // A ServiceFeed message (the subscription calls this), to the instances that take service feeds
  // (ABI 1.5): those of the symbol it names, "BTCUSDT", "btc-usdt" and "BTC/USDT" all naming the
  // run's "BTC/USDT", and every exchange-scope one. A message naming no symbol of the run, while a
  // symbol-scope instance listens, is logged once (what was expected, what was found) and counted.
  void on_service_feed(const channel::ServiceFeedMessage& message);

  // The open orders the instances created (or adopted) with their owner and tag, by order id: what a
  // paper session saves so that a resumed one gives them back (adopt).
  [[nodiscard]] std::vector<trading::OrderOwnerLink> order_owners() const;
  // Gives `order` (open on the account's gateway) to the instance of class `mode` trading
  // `mode_symbol` ("" for an exchange-scope instance) with `tag`: the instance then sees it among its
  // open orders, receives its updates and may cancel it, as if it had created it. False, and nothing
  // changes, when the run has no such instance (the profile changed, the mode is inactive).
  bool adopt(std::string_view mode, std::string_view mode_symbol, const trading::Order& order, const std::string& tag);
  // Account::chain on the account of the instance that owns `parent_id` (created or adopted), as that
  // instance: the orders it creates at once (a parent already filled, e.g. while a restarted bot was
  // down) are the instance's, their updates routed to it. ServiceError as Account::chain, and
  // OB_ERROR_NOT_FOUND when no instance owns the parent.
  std::vector<const trading::Order*> chain(std::string_view parent_id, std::optional<trading::OrderGroupKind> group,
                                           std::vector<TaggedRequest> requests);

  [[nodiscard]] const RunnerReport& report() const noexcept { return report_; }
  [[nodiscard]] std::vector<InstanceInfo> instances() const;
  [[nodiscard]] const ob_host* host() const noexcept { return services_->host(); }

 private:
  struct Instance;
  void attach(Account& account);
  class CurrentInstance;

  void create_instances(tentacles::TentacleHost& host, const TradingModeAssignment& mode);
  // Destroys the instances and detaches from the accounts and the host services (destructor, and a
  // constructor that fails half-way).
  void release() noexcept;
  void subscribe_decisions(Instance& instance);
  void on_order_message(const channel::OrderMessage& message);
  void on_decision_message(Instance& instance, const channel::TradingModeMessage& message);
  void submit(Instance& instance, const ob_trading_decision* decision);
  static ob_status submit_trading_decision(void* context, const ob_trading_decision* decision, ob_error* error);
  // Runs one tentacle callback; a failure is logged, counted and swallowed.
  template <typename Call>
  void call(Instance& instance, std::string_view callback, std::string_view symbol, Call&& body) noexcept;
  void record_failure(const std::string& class_name, std::string_view callback, std::string_view symbol,
                      std::string_view message) noexcept;
  void check_symbol(std::string_view symbol) const;
  // The run's symbol `written` names, whatever its separators and case; "" when none.
  [[nodiscard]] std::string run_symbol(std::string_view written) const;

  TradingModeRunnerConfig config_;
  AccountSet accounts_;
  OrdersService orders_service_;
  PortfolioService portfolio_service_;
  std::unique_ptr<tentacles::HostServices> own_services_;
  tentacles::HostServices* services_ = nullptr;
  RunnerReport report_;
  std::vector<std::unique_ptr<Instance>> instances_;           // creation order: the order callbacks are made in
  std::map<std::string, Instance*, std::less<>> order_owner_;  // open order id -> the instance that made it
  Instance* current_ = nullptr;                // the instance whose callback is running (owner of orders it creates)
  channel::Subscription orders_subscription_;  // last: closed first, before the instances it routes to
  channel::Subscription service_feed_subscription_;
};

}  // namespace octobot::trading_modes
