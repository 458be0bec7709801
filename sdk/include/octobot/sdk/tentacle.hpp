// Base classes, one per tentacle kind. A tentacle author derives from one of them, overrides the
// kind's callbacks, and lists the class in OCTOBOT_TENTACLE_LIBRARY (library.hpp).
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/config.hpp>
#include <octobot/sdk/host.hpp>
#include <octobot/sdk/market_data.hpp>

#include <cstdint>
#include <string>
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

// Kinds whose callbacks arrive with later ABI 1.x minors. Their instances can already be created,
// configured and destroyed, so the libraries load and report today; each becomes a class of its own
// when its callbacks land.
using RealTimeEvaluator = KindBase<OB_KIND_REALTIME_EVALUATOR>;
using SocialEvaluator = KindBase<OB_KIND_SOCIAL_EVALUATOR>;
using Strategy = KindBase<OB_KIND_STRATEGY>;
using TradingMode = KindBase<OB_KIND_TRADING_MODE>;
using Exchange = KindBase<OB_KIND_EXCHANGE>;
using Service = KindBase<OB_KIND_SERVICE>;

}  // namespace octobot::sdk
