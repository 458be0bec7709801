// Base classes, one per tentacle kind. A tentacle author derives from one of them, overrides the
// kind's callbacks, and lists the class in OCTOBOT_TENTACLE_LIBRARY (library.hpp).
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/config.hpp>
#include <octobot/sdk/host.hpp>
#include <octobot/sdk/market_data.hpp>
#include <octobot/sdk/matrix.hpp>
#include <octobot/sdk/trading.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

// Declares the class's exported name, version and one-line description inside its body.
#define OCTOBOT_TENTACLE_CLASS(NAME, VERSION, DESCRIPTION) \
  static constexpr const char* tentacle_name = NAME;       \
  static constexpr const char* tentacle_version = VERSION; \
  static constexpr const char* tentacle_description = DESCRIPTION

namespace octobot::sdk {

// Where an instance runs: copied from ob_instance_args at creation.
struct InstanceContext {
  Host host;
  const char* class_name = "";  // the exported class name (static storage)
  std::string exchange;
  std::string symbol;
  std::string time_frame;
  const ob_account* account = nullptr;  // trading modes: where their orders go (ABI 1.1)
};

// Common base: owns the context and offers logging under the class name.
class Tentacle {
 public:
  explicit Tentacle(InstanceContext context) : context_(std::move(context)) {}
  virtual ~Tentacle() = default;
  Tentacle(const Tentacle&) = delete;
  Tentacle& operator=(const Tentacle&) = delete;
  Tentacle(Tentacle&&) = delete;
  Tentacle& operator=(Tentacle&&) = delete;

  // Called right after construction with the merged configuration, and again on every config
  // update. Throw ConfigError to reject a configuration.
  virtual void configure(const Config& /*config*/) {}

  [[nodiscard]] const InstanceContext& context() const noexcept { return context_; }
  [[nodiscard]] const Host& host() const noexcept { return context_.host; }

  [[nodiscard]] const char* class_name() const noexcept { return context_.class_name; }

  void log(LogLevel level, const std::string& message) const noexcept {
    context_.host.log(level, class_name(), message);
  }

 private:
  InstanceContext context_;
};

// The result of an evaluation: pending, or a note in [-1, 1] (-1 buy/long, +1 sell/short).
struct Evaluation {
  bool ready = false;
  double note = 0.0;
  std::string description;

  static Evaluation pending(std::string why = {}) { return {false, 0.0, std::move(why)}; }
  static Evaluation of(double note, std::string description = {}) { return {true, note, std::move(description)}; }
};

// A description that carries values beside the note (a note is one number; OctoBot's evaluators
// sometimes publish a dict) writes them as space-separated key=value tokens, e.g.
// "price_weight=2 volume_weight=3". Returns the value of `key`, or nothing when it is absent or
// empty; other words in the description are ignored.
[[nodiscard]] inline std::optional<std::string_view> description_value(std::string_view description,
                                                                       std::string_view key) noexcept {
  std::size_t at = 0;
  while (at < description.size()) {
    const std::size_t end = std::min(description.find(' ', at), description.size());
    const std::string_view token = description.substr(at, end - at);
    if (token.size() > key.size() + 1 && token.substr(0, key.size()) == key && token[key.size()] == '=') {
      return token.substr(key.size() + 1);
    }
    at = end + 1;
  }
  return std::nullopt;
}

// A kind's base: the ABI kind tag on top of the common Tentacle.
template <std::uint32_t Kind>
class KindBase : public Tentacle {
 public:
  static constexpr std::uint32_t kind = Kind;
  using Tentacle::Tentacle;
};

// Technical-analysis evaluator: one instance per (exchange, symbol, time frame); evaluate() runs on
// each newly closed candle.
class TAEvaluator : public KindBase<OB_KIND_TA_EVALUATOR> {
 public:
  using KindBase::KindBase;
  virtual Evaluation evaluate(const Candles& candles) = 0;
};

// What changed in the matrix before a strategy is called.
struct MatrixUpdate {
  std::string_view exchange;
  std::string_view evaluator_type;
  std::string_view evaluator_name;  // empty when every TA evaluator of (symbol, time frame) is done
  std::string_view cryptocurrency;
  std::string_view symbol;
  std::string_view time_frame;
  std::int64_t now_ms = 0;

  [[nodiscard]] bool completes_ta_round() const noexcept {
    return evaluator_type == OB_EVALUATOR_TYPE_TA && evaluator_name.empty();
  }
};

// Strategy: one instance per (exchange, symbol). Reads the matrix, returns its own note (pending:
// nothing new to say).
class Strategy : public KindBase<OB_KIND_STRATEGY> {
 public:
  explicit Strategy(InstanceContext context)
      : KindBase(std::move(context)), matrix_(host().service<ob_matrix_service_v1>(OB_SERVICE_MATRIX_V1)) {}
  virtual Evaluation on_matrix_update(const MatrixUpdate& update) = 0;
  [[nodiscard]] const Matrix& matrix() const noexcept { return matrix_; }

 private:
  Matrix matrix_;
};

// A price update for real-time evaluators.
struct PriceUpdate {
  std::string_view exchange;
  std::string_view symbol;
  std::int64_t time_ms = 0;
  double price = 0.0;
  double volume = 0.0;
};

// Real-time evaluator: one instance per (exchange, symbol), called on every price update.
class RealTimeEvaluator : public KindBase<OB_KIND_REALTIME_EVALUATOR> {
 public:
  using KindBase::KindBase;
  virtual Evaluation on_price(const PriceUpdate& update) = 0;
};

// Trading mode: OctoBot's producer (on_strategy_signal / on_candle / on_order_update decide what
// and when, and submit decisions) and consumer (on_decision creates the orders). One instance per
// (exchange, symbol) unless the class declares `static constexpr std::uint32_t scope =
// OB_SCOPE_EXCHANGE;` (one instance for the whole exchange, e.g. an index basket).
class TradingMode : public KindBase<OB_KIND_TRADING_MODE> {
 public:
  static constexpr std::uint32_t scope = OB_SCOPE_SYMBOL;
  static constexpr bool wants_service_feed = false;

  explicit TradingMode(InstanceContext context)
      : KindBase(std::move(context)),
        orders_(host().service<ob_orders_service_v1>(OB_SERVICE_ORDERS_V1), this->context().account),
        portfolio_(host().service<ob_portfolio_service_v1>(OB_SERVICE_PORTFOLIO_V1), this->context().account) {}

  virtual void on_strategy_signal(const StrategySignal& /*signal*/, const DecisionSink& /*sink*/) {}
  virtual void on_candle(const Candles& /*candles*/, const DecisionSink& /*sink*/) {}
  virtual void on_order_update(const OrderView& /*order*/, const DecisionSink& /*sink*/) {}
  virtual void on_decision(const Decision& decision) = 0;
  // ABI 1.5: a ServiceFeed message (a webhook alert) for the instance's symbol. Called only for
  // classes that set `static constexpr bool wants_service_feed = true;`: the host then knows which
  // modes listen, and the others cost nothing per message.
  virtual void on_service_feed(const ServiceFeedMessage& /*message*/, const DecisionSink& /*sink*/) {}

  [[nodiscard]] const Orders& orders() const noexcept { return orders_; }
  [[nodiscard]] const Portfolio& portfolio() const noexcept { return portfolio_; }

 private:
  Orders orders_;
  Portfolio portfolio_;
};

// Kinds whose callbacks arrive with later ABI 1.x minors. Their instances can already be created,
// configured and destroyed, so the libraries load and report today; each becomes a class of its own
// when its callbacks land. (Exchange connectors have theirs since ABI 1.3: ExchangeConnector, exchange.hpp.)
using SocialEvaluator = KindBase<OB_KIND_SOCIAL_EVALUATOR>;
using Service = KindBase<OB_KIND_SERVICE>;

}  // namespace octobot::sdk
