// The parts of a bot run that the backtest and the live bot assemble the same way: the trading-mode
// classes of the profile, the starting portfolio, the evaluation pipeline, and the trading side (the
// account over the exchange's gateway and the trading-mode runner, fed the strategies' notes and the
// smallest time frame's candles). Only how candles arrive and when trading starts differ, so those
// are the callers' (the `trading` gate).
#pragma once

#include <octobot/channel/registry.hpp>
#include <octobot/channel/subscription.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/commons/time_frame.hpp>
#include <octobot/evaluators/evaluation_pipeline.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/trading/exchange_manager.hpp>
#include <octobot/trading_modes/account.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace octobot::tentacles {
class TentacleHost;
}

namespace octobot::bot::detail {

// The profile's active classes of kind trading mode that the host loaded.
[[nodiscard]] std::vector<std::string> trading_mode_classes(tentacles::TentacleHost& host,
                                                            const commons::Profile& profile);

// Deposits `portfolio` (asset -> exact decimal text; zero and negative amounts skipped).
void deposit_starting_portfolio(trading::ExchangeManager& exchange,
                                const std::map<std::string, std::string>& portfolio);

struct EvaluationWiring {
  std::string matrix_id;
  std::vector<std::string> symbols;
  std::vector<commons::TimeFrame> time_frames;
};

// The evaluators and strategies of the profile over `exchange`'s candles, on the run's channels.
[[nodiscard]] std::unique_ptr<evaluators::EvaluationPipeline> make_pipeline(
    tentacles::TentacleHost& host, tentacles::HostServices& services, trading::ExchangeManager& exchange,
    const commons::Profile& profile, const EvaluationWiring& wiring, evaluators::EvaluationPipeline::Clock clock);

struct TradingSideConfig {
  std::string matrix_id;
  std::vector<std::string> modes;  // trading-mode classes
  std::vector<std::string> symbols;
  commons::TimeFrame time_frame;  // the smallest: trading modes' candles
  std::string reference_market;
  tentacles::HostServices* services = nullptr;
  tentacles::HostServices::Clock clock;
  // Whether notes and candles reach the modes now (false while evaluators warm up).
  std::function<bool()> trading;
  // Called for each strategy note delivered to the modes (counting); may be empty.
  std::function<void()> on_strategy_note;
};

// The account and the trading-mode runner of a run, subscribed to the matrix's strategy notes and
// to the exchange's candles of the smallest time frame. Subscriptions end with the object.
class TradingSide {
 public:
  TradingSide(tentacles::TentacleHost& host, trading::ExchangeManager& exchange, TradingSideConfig config);
  TradingSide(const TradingSide&) = delete;
  TradingSide& operator=(const TradingSide&) = delete;

  [[nodiscard]] trading_modes::TradingModeRunner& runner() noexcept { return runner_; }
  [[nodiscard]] trading_modes::Account& account() noexcept { return account_; }

 private:
  TradingSideConfig config_;
  std::string time_frame_name_;
  trading_modes::Account account_;
  trading_modes::TradingModeRunner runner_;
  std::vector<channel::Subscription> subscriptions_;
};

}  // namespace octobot::bot::detail
