// Evaluation and time messages across the C ABI.
#include <cmath>
#include <stdexcept>

#include "c_values.hpp"
#include "codecs.hpp"

namespace octobot::channel::abi {
namespace {

double read_note(double note, const char* field) {
  if (!std::isfinite(note) || note < -1.0 || note > 1.0) {
    throw std::invalid_argument(std::string(field) + ": " + std::to_string(note) + " is outside [-1, 1]");
  }
  return note;
}

}  // namespace

void write_c(const TimeMessage& in, ob_time_message& out, CStorage&) {
  out = ob_time_message{header_of<ob_time_message>(), OB_MESSAGE_TIME, in.timestamp_ms};
}
TimeMessage read_c(const ob_time_message& in) { return TimeMessage{in.timestamp_ms}; }

void write_c(const EvaluatorsMessage& in, ob_evaluators_message& out, CStorage&) {
  out = ob_evaluators_message{header_of<ob_evaluators_message>(),
                              OB_MESSAGE_EVALUATORS,
                              in.evaluator_name.c_str(),
                              in.evaluator_type.c_str(),
                              in.exchange_name.c_str(),
                              in.cryptocurrency.c_str(),
                              in.symbol.c_str(),
                              in.time_frame.c_str(),
                              in.data.c_str()};
}
EvaluatorsMessage read_c(const ob_evaluators_message& in) {
  return EvaluatorsMessage{read_text(in.evaluator_name),
                           read_text(in.evaluator_type),
                           read_text(in.exchange_name),
                           read_text(in.cryptocurrency),
                           read_text(in.symbol),
                           read_text(in.time_frame),
                           read_text(in.data)};
}

void write_c(const MatrixMessage& in, ob_matrix_message& out, CStorage&) {
  out = ob_matrix_message{header_of<ob_matrix_message>(),
                          OB_MESSAGE_MATRIX,
                          in.evaluator_name.c_str(),
                          in.evaluator_type.c_str(),
                          in.exchange_name.c_str(),
                          in.cryptocurrency.c_str(),
                          in.symbol.c_str(),
                          in.time_frame.c_str(),
                          write_enum(in.state),
                          in.eval_note,
                          in.eval_time_ms,
                          in.description.c_str()};
}
MatrixMessage read_c(const ob_matrix_message& in) {
  const EvaluationState state = read_evaluation_state(in.state);
  return MatrixMessage{read_text(in.evaluator_name),
                       read_text(in.evaluator_type),
                       read_text(in.exchange_name),
                       read_text(in.cryptocurrency),
                       read_text(in.symbol),
                       read_text(in.time_frame),
                       state,
                       state == EvaluationState::ready ? read_note(in.eval_note, "eval_note") : 0.0,
                       in.eval_time_ms,
                       read_text(in.description)};
}

void write_c(const TradingModeMessage& in, ob_trading_mode_message& out, CStorage&) {
  out = ob_trading_mode_message{header_of<ob_trading_mode_message>(),
                                OB_MESSAGE_TRADING_MODE,
                                in.trading_mode_name.c_str(),
                                in.exchange_name.c_str(),
                                in.cryptocurrency.c_str(),
                                in.symbol.c_str(),
                                in.time_frame.c_str(),
                                write_enum(in.state),
                                in.final_note,
                                in.data.c_str()};
}
TradingModeMessage read_c(const ob_trading_mode_message& in) {
  return TradingModeMessage{read_text(in.trading_mode_name),
                            read_text(in.exchange_name),
                            read_text(in.cryptocurrency),
                            read_text(in.symbol),
                            read_text(in.time_frame),
                            read_signal_state(in.state),
                            read_note(in.final_note, "final_note"),
                            read_text(in.data)};
}

}  // namespace octobot::channel::abi
