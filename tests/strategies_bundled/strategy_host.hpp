// A bundled strategy or real-time evaluator loaded through the real TentacleHost from the built
// tentacle tree, with a matrix the test fills by hand (crafted notes at chosen times) behind the
// real "matrix/1" service, and a clock the test moves.
#pragma once

#include <catch2/catch.hpp>
#include <octobot/evaluators/matrix.hpp>
#include <octobot/evaluators/matrix_service.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <memory>
#include <optional>
#include <string>

#include "temp_dir.hpp"

namespace octobot::testing {

class StrategyHost {
 public:
  // `specific_config`: the JSON of the class's profile override, or empty for its reference config.
  StrategyHost(const std::string& class_name, const std::string& specific_config = {}) {
    if (!specific_config.empty()) profile_.write("specific_config/" + class_name + ".json", specific_config);
    tentacles::HostOptions options;
    options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
    options.probe = false;  // the project's own tree
    options.profile_folder = profile_.path();
    options.active_classes = {class_name};
    host_.emplace(options);
    host_->load();
    REQUIRE(host_->find_class(class_name) != nullptr);
    host_->services().set_clock([this] { return now; });
    host_->services().register_service(OB_SERVICE_MATRIX_V1, service_.table());
    instance = host_->create(class_name, {"binance", "BTC/USDT", "", nullptr, nullptr});
  }

  // Writes a TA note made at `time_ms` (a candle close) on `time_frame`, with its description.
  void ta_note(const std::string& evaluator, const std::string& time_frame, double note, std::int64_t time_ms,
               const std::string& description = {}) {
    auto& node = matrix.resolve({"binance", "TA", evaluator, "BTC", "BTC/USDT", time_frame});
    evaluators::Matrix::set(node, note, time_ms, description);
  }
  void real_time_note(const std::string& evaluator, double note, std::int64_t time_ms) {
    auto& node = matrix.resolve({"binance", "REAL_TIME", evaluator, "BTC", "BTC/USDT", ""});
    evaluators::Matrix::set(node, note, time_ms);
  }

  // The strategy's answer to the end of a TA round of `time_frame` at the current time.
  tentacles::EvaluationResult round(const std::string& time_frame) {
    const ob_matrix_update update{
        OB_HEADER_INIT(ob_matrix_update), "binance", "TA", nullptr, "BTC", "BTC/USDT", time_frame.c_str(), now};
    return instance->on_matrix_update(update);
  }
  tentacles::EvaluationResult real_time_update(const std::string& evaluator) {
    const ob_matrix_update update{
        OB_HEADER_INIT(ob_matrix_update), "binance", "REAL_TIME", evaluator.c_str(), "BTC", "BTC/USDT", "", now};
    return instance->on_matrix_update(update);
  }

  tentacles::EvaluationResult price(double price, double volume) {
    const ob_price_update update{OB_HEADER_INIT(ob_price_update), "binance", "BTC/USDT", now, price, volume};
    return instance->on_price(update);
  }

  std::int64_t now = 0;
  evaluators::Matrix matrix;

 private:
  TempDir profile_;
  evaluators::MatrixService service_{matrix, [this] { return now; }};
  std::optional<tentacles::TentacleHost> host_;

 public:
  std::unique_ptr<tentacles::TentacleInstance> instance;
};

}  // namespace octobot::testing
