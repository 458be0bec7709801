#include "bot_wiring.hpp"

#include <octobot/channel/standard.hpp>
#include <octobot/channel/standard/service_feed.hpp>
#include <octobot/evaluators/candles_view.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

namespace octobot::bot::detail {

std::vector<std::string> trading_mode_classes(tentacles::TentacleHost& host, const commons::Profile& profile) {
  std::vector<std::string> modes;
  for (const auto& name : profile.active_classes()) {
    const ob_class_descriptor* descriptor = host.find_class(name);
    if (descriptor != nullptr && descriptor->kind == OB_KIND_TRADING_MODE) modes.push_back(name);
  }
  return modes;
}

void deposit_starting_portfolio(trading::ExchangeManager& exchange,
                                const std::map<std::string, std::string>& portfolio) {
  for (const auto& [asset, amount] : portfolio) {
    const commons::Decimal value = commons::Decimal::from_string(amount);
    if (value > commons::Decimal()) exchange.portfolio().deposit(asset, value);
  }
}

std::unique_ptr<evaluators::EvaluationPipeline> make_pipeline(
    tentacles::TentacleHost& host, tentacles::HostServices& services, trading::ExchangeManager& exchange,
    const commons::Profile& profile, const EvaluationWiring& wiring, evaluators::EvaluationPipeline::Clock clock) {
  evaluators::EvaluationSetup setup;
  setup.exchange = exchange.id();
  setup.symbols = wiring.symbols;
  setup.time_frames = wiring.time_frames;
  for (const auto& name : profile.active_classes()) setup.classes.push_back(name);
  auto& registry = exchange.registry();
  return std::make_unique<evaluators::EvaluationPipeline>(
      host, services, exchange.candles(),
      evaluators::EvaluationChannels{registry.get<channel::OhlcvChannel>(exchange.id()),
                                     registry.get<channel::EvaluatorsChannel>(wiring.matrix_id),
                                     registry.get<channel::MatrixChannel>(wiring.matrix_id)},
      setup, std::move(clock));
}

namespace {

trading_modes::TradingModeRunnerConfig runner_config(trading::ExchangeManager& exchange,
                                                     const TradingSideConfig& config, trading_modes::Account& account) {
  trading_modes::TradingModeRunnerConfig out;
  out.exchange = exchange.id();
  for (const auto& name : config.modes) out.modes.push_back({name, &account});
  out.symbols = config.symbols;
  out.time_frame = std::string(commons::to_string(config.time_frame));
  out.host_services = config.services;
  out.clock = config.clock;
  out.decisions = exchange.registry().get<channel::TradingModeChannel>(exchange.id());
  out.orders = exchange.registry().get<channel::OrdersChannel>(exchange.id());
  // The bot's service feed (webhook alerts), when the run has one: `octobot run` creates it, a
  // backtest does not.
  if (exchange.registry().find(channel::ServiceFeedChannel::kName) != nullptr) {
    out.service_feed = exchange.registry().get<channel::ServiceFeedChannel>();
  }
  return out;
}

}  // namespace

TradingSide::TradingSide(tentacles::TentacleHost& host, trading::ExchangeManager& exchange, TradingSideConfig config)
    : config_(std::move(config)),
      time_frame_name_(commons::to_string(config_.time_frame)),
      account_({&exchange.gateway(), nullptr, config_.reference_market,
                [&exchange](std::string_view symbol) { return exchange.last_price(symbol); }}),
      runner_(host, runner_config(exchange, config_, account_)) {
  auto& registry = exchange.registry();
  subscriptions_.push_back(
      registry.get<channel::MatrixChannel>(config_.matrix_id)
          ->subscribe(
              [this](const channel::MatrixMessage& message) {
                if (!config_.trading() || message.state != channel::EvaluationState::ready) return;
                if (config_.on_strategy_note) config_.on_strategy_note();
                runner_.on_strategy_signal(message.symbol, message.eval_note, message.eval_time_ms,
                                           message.evaluator_name, message.description);
              },
              channel::ConsumerOptions()
                  .with_name("trading modes: strategy notes")
                  .with_priority(channel::Priority::medium)
                  .with_filter({{"evaluator_type", std::string(channel::evaluator_type::kStrategy)}})));
  subscriptions_.push_back(registry.get<channel::OhlcvChannel>(exchange.id())
                               ->subscribe(
                                   [this, &exchange](const channel::OhlcvMessage& message) {
                                     if (!config_.trading()) return;
                                     const auto* buffer = exchange.candles(message.symbol, config_.time_frame);
                                     if (buffer == nullptr) return;
                                     runner_.on_candle(evaluators::candles_view(*buffer, exchange.id().c_str(),
                                                                                message.symbol.c_str(),
                                                                                time_frame_name_.c_str()));
                                   },
                                   channel::ConsumerOptions()
                                       .with_name("trading modes: candles")
                                       .with_priority(channel::Priority::medium)
                                       .with_filter({{"time_frame", time_frame_name_}})));
}

}  // namespace octobot::bot::detail
