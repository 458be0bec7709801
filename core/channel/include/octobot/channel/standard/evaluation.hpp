// Evaluation channels. Evaluators and Matrix belong to a matrix's set (channel set id = the matrix
// id); TradingMode belongs to an exchange's set. Notes are in [-1, 1]: -1 buy/long, +1 sell/short.
// A note is a score, not money, hence a double. Every signal counts: all three channels block.
#pragma once

#include <octobot/channel/queue_policy.hpp>
#include <octobot/channel/standard/trading_types.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace octobot::channel {

// Evaluator types as OctoBot names them; they are filter values, hence strings.
namespace evaluator_type {
inline constexpr std::string_view kTechnicalAnalysis = "TA";
inline constexpr std::string_view kRealTime = "REAL_TIME";
inline constexpr std::string_view kSocial = "SOCIAL";
inline constexpr std::string_view kScripted = "SCRIPTED";
inline constexpr std::string_view kStrategy = "STRATEGIES";
}  // namespace evaluator_type

// Coordination between evaluators (e.g. "all TA evaluators of BTC/USDT 1h are done"). `data` is a
// JSON document whose meaning the sender and receiver agree on.
struct EvaluatorsMessage {
  std::string evaluator_name;
  std::string evaluator_type;
  std::string exchange_name;
  std::string cryptocurrency;
  std::string symbol;
  std::string time_frame;  // "" for evaluators not bound to a time frame
  std::string data;

  friend bool operator==(const EvaluatorsMessage&, const EvaluatorsMessage&) = default;
};

// A new note in the matrix (the signal tree).
struct MatrixMessage {
  std::string evaluator_name;
  std::string evaluator_type;
  std::string exchange_name;
  std::string cryptocurrency;
  std::string symbol;
  std::string time_frame;  // "" for real-time and social evaluators
  EvaluationState state = EvaluationState::pending;
  double eval_note = 0.0;         // meaningful when state == ready
  std::int64_t eval_time_ms = 0;  // bot time of the evaluation (freshness checks)
  std::string description;

  friend bool operator==(const MatrixMessage&, const MatrixMessage&) = default;
};

// A trading mode producer's decision, for its consumer (which turns it into orders).
struct TradingModeMessage {
  std::string trading_mode_name;
  std::string exchange_name;
  std::string cryptocurrency;
  std::string symbol;
  std::string time_frame;
  SignalState state = SignalState::neutral;
  double final_note = 0.0;
  std::string data;  // JSON: mode-specific details (e.g. price targets)

  friend bool operator==(const TradingModeMessage&, const TradingModeMessage&) = default;
};

namespace detail {
inline constexpr std::array<std::string_view, 6> kEvaluationKeys{"evaluator_name", "evaluator_type", "exchange_name",
                                                                 "cryptocurrency", "symbol",         "time_frame"};
inline std::array<std::string_view, 6> evaluation_values(std::string_view evaluator_name,
                                                         std::string_view evaluator_type,
                                                         std::string_view exchange_name,
                                                         std::string_view cryptocurrency, std::string_view symbol,
                                                         std::string_view time_frame) {
  return {evaluator_name, evaluator_type, exchange_name, cryptocurrency, symbol, time_frame};
}
template <typename M>
std::array<std::string_view, 6> evaluation_values(const M& m) {
  return evaluation_values(m.evaluator_name, m.evaluator_type, m.exchange_name, m.cryptocurrency, m.symbol,
                           m.time_frame);
}
}  // namespace detail

struct EvaluatorsChannel {
  using Message = EvaluatorsMessage;
  static constexpr std::string_view kName = "Evaluators";
  static constexpr auto kFilterKeys = detail::kEvaluationKeys;
  static auto filter_values(const Message& m) { return detail::evaluation_values(m); }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

struct MatrixChannel {
  using Message = MatrixMessage;
  static constexpr std::string_view kName = "Matrix";
  static constexpr auto kFilterKeys = detail::kEvaluationKeys;
  static auto filter_values(const Message& m) { return detail::evaluation_values(m); }
  // filter_values of a message with these fields, before building it (Channel::would_deliver).
  static auto filter_values(std::string_view evaluator_name, std::string_view evaluator_type,
                            std::string_view exchange_name, std::string_view cryptocurrency, std::string_view symbol,
                            std::string_view time_frame) {
    return detail::evaluation_values(evaluator_name, evaluator_type, exchange_name, cryptocurrency, symbol, time_frame);
  }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

struct TradingModeChannel {
  using Message = TradingModeMessage;
  static constexpr std::string_view kName = "TradingMode";
  static constexpr std::array<std::string_view, 4> kFilterKeys{"trading_mode_name", "cryptocurrency", "symbol",
                                                               "time_frame"};
  static std::array<std::string_view, 4> filter_values(const Message& m) {
    return {m.trading_mode_name, m.cryptocurrency, m.symbol, m.time_frame};
  }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

}  // namespace octobot::channel
