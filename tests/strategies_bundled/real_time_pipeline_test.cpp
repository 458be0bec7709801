// A real-time evaluator in a real EvaluationPipeline with synchronized channels: in a backtest its
// price updates are the closes of the run's smallest time frame, and its notes reach the matrix.
#include <catch2/catch.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/evaluators/evaluation_pipeline.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/candle_store.hpp>

#include <optional>

#include "temp_dir.hpp"

namespace {

using namespace octobot;
constexpr std::int64_t kHour = 3'600'000;

struct RealTimePipeline {
  RealTimePipeline() {
    profile.write("specific_config/InstantMAEvaluator.json", R"({"period": 2})");
    tentacles::HostOptions options;
    options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
    options.probe = false;  // the project's own tree
    options.profile_folder = profile.path();
    options.active_classes = {"InstantMAEvaluator"};
    host.emplace(options);
    host->load();
    REQUIRE(host->find_class("InstantMAEvaluator") != nullptr);

    const auto mode = channel::DeliveryMode::synchronized(driver);
    channels.ohlcv = registry.create<channel::OhlcvChannel>("binance", mode);
    channels.evaluators = registry.create<channel::EvaluatorsChannel>("matrix", mode);
    channels.matrix = registry.create<channel::MatrixChannel>("matrix", mode);
    evaluators::EvaluationSetup setup;
    setup.exchange = "binance";
    setup.symbols = {"BTC/USDT"};
    setup.time_frames = {commons::TimeFrame::four_hours, commons::TimeFrame::one_hour};
    setup.classes = {"InstantMAEvaluator"};
    pipeline.emplace(*host, services, store, channels, setup, [this] { return now; });
  }

  void close(commons::TimeFrame tf, std::int64_t open_time, double price) {
    now = open_time + commons::duration_ms(tf);
    const auto value = commons::Decimal::from_double(price);
    channel::Candle candle{open_time, value, value, value, value, commons::Decimal::from_double(1)};
    store.push("BTC/USDT", tf, candle);
    channels.ohlcv->send(channel::OhlcvMessage{"BTC", "BTC/USDT", std::string(commons::to_string(tf)), candle});
    driver.drain();
  }

  [[nodiscard]] const evaluators::MatrixNode* node() const {
    return pipeline->matrix().find_node({"binance", "REAL_TIME", "InstantMAEvaluator", "BTC", "BTC/USDT", ""});
  }

  testing::TempDir profile;
  std::optional<tentacles::TentacleHost> host;
  std::int64_t now = 0;
  tentacles::HostServices services{[this] { return now; }};
  channel::SyncDriver driver;
  channel::ChannelRegistry registry;
  evaluators::EvaluationChannels channels;
  trading::CandleStore store;
  std::optional<evaluators::EvaluationPipeline> pipeline;
};

}  // namespace

TEST_CASE("real-time pipeline: InstantMAEvaluator is fed the 1h closes, not the 4h ones", "[real_time][pipeline]") {
  RealTimePipeline p;
  p.close(commons::TimeFrame::one_hour, 0, 10);
  p.close(commons::TimeFrame::one_hour, kHour, 11);
  REQUIRE(p.node() != nullptr);
  CHECK_FALSE(p.node()->ready);  // period 2: a third price is needed
  p.close(commons::TimeFrame::one_hour, 2 * kHour, 12);
  REQUIRE(p.node()->ready);
  CHECK(p.node()->note == Approx(12.0 / 11.5 - 1.0));
  CHECK(p.node()->eval_time_ms == 3 * kHour);

  p.close(commons::TimeFrame::one_hour, 3 * kHour, 9);  // 1h and 4h both close at 4h
  p.close(commons::TimeFrame::four_hours, 0, 1000);     // a 4h close is not a price update
  CHECK(p.node()->note == Approx(9.0 / 10.5 - 1.0));
  CHECK(p.node()->eval_time_ms == 4 * kHour);
  CHECK(p.pipeline->stats().evaluations == 4);
  CHECK(p.pipeline->stats().tentacle_errors == 0);
}
