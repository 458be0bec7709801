// The evaluation flow through real tentacle libraries and synchronized channels: factory fan-out,
// TA notes into the matrix, one strategy call per round, freshness, and failure isolation.
#include <catch2/catch.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/evaluators/evaluation_pipeline.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/candle_store.hpp>

#include <optional>
#include <vector>

#include "temp_dir.hpp"

namespace {

using namespace octobot;
constexpr std::int64_t kHour = 3'600'000;

struct PipelineFixture {
  explicit PipelineFixture(std::optional<std::filesystem::path> profile = std::nullopt) {
    tentacles::HostOptions options;
    options.tentacles_root = OCTOBOT_EVALUATORS_TEST_TREE;
    options.probe = false;  // a trusted test tree
    options.profile_folder = std::move(profile);
    options.active_classes = {"ClosePositionEvaluator", "SimpleStrategyEvaluator"};
    host.emplace(options);
    const auto& report = host->load();
    REQUIRE(host->find_class("ClosePositionEvaluator") != nullptr);
    REQUIRE(host->find_class("SimpleStrategyEvaluator") != nullptr);
    (void)report;

    const auto mode = channel::DeliveryMode::synchronized(driver);
    channels.ohlcv = registry.create<channel::OhlcvChannel>("binance", mode);
    channels.evaluators = registry.create<channel::EvaluatorsChannel>("matrix", mode);
    channels.matrix = registry.create<channel::MatrixChannel>("matrix", mode);
    matrix_subscription = channels.matrix->subscribe(
        [this](const channel::MatrixMessage& message) {
          if (message.evaluator_type == "STRATEGIES") strategy_notes.push_back(message);
        },
        channel::ConsumerOptions().with_name("test").with_priority(channel::Priority::medium));

    evaluators::EvaluationSetup setup;
    setup.exchange = "binance";
    setup.symbols = {"BTC/USDT", "ETH/USDT", "SOL/USDT"};
    setup.time_frames = {commons::TimeFrame::one_day, commons::TimeFrame::one_hour, commons::TimeFrame::four_hours};
    setup.classes = {"ClosePositionEvaluator", "SimpleStrategyEvaluator", "NotLoadedEvaluator"};
    pipeline.emplace(*host, services, store, channels, setup, [this] { return now; });
  }

  // Closes one candle of `symbol` on `tf` at its close time and drains the channels.
  void close(const std::string& symbol, commons::TimeFrame tf, std::int64_t open_time, double low, double high,
             double close_price) {
    now = open_time + commons::duration_ms(tf);
    channel::Candle candle{open_time,
                           commons::Decimal::from_double(low),
                           commons::Decimal::from_double(high),
                           commons::Decimal::from_double(low),
                           commons::Decimal::from_double(close_price),
                           commons::Decimal::from_double(1)};
    store.push(symbol, tf, candle);
    channels.ohlcv->send(
        channel::OhlcvMessage{symbol.substr(0, symbol.find('/')), symbol, std::string(commons::to_string(tf)), candle});
    driver.drain();
  }

  [[nodiscard]] double last_strategy_note() const {
    REQUIRE_FALSE(strategy_notes.empty());
    return strategy_notes.back().eval_note;
  }

  std::optional<tentacles::TentacleHost> host;
  std::int64_t now = 0;
  tentacles::HostServices services{[this] { return now; }};
  channel::SyncDriver driver;
  channel::ChannelRegistry registry;
  evaluators::EvaluationChannels channels;
  trading::CandleStore store;
  std::vector<channel::MatrixMessage> strategy_notes;
  channel::Subscription matrix_subscription;
  std::optional<evaluators::EvaluationPipeline> pipeline;
};

}  // namespace

TEST_CASE("pipeline: the factory makes one TA instance per symbol and time frame, one strategy per symbol",
          "[pipeline][factory]") {
  PipelineFixture fixture;
  const auto names = fixture.pipeline->instance_names();
  CHECK(names.size() == 3 * 3 + 3);
  CHECK(std::count(names.begin(), names.end(), "ClosePositionEvaluator (ETH/USDT, 4h)") == 1);
  CHECK(std::count(names.begin(), names.end(), "SimpleStrategyEvaluator (SOL/USDT)") == 1);
}

TEST_CASE("pipeline: notes reach the matrix, strategies average only fresh notes, once per round",
          "[pipeline][freshness]") {
  PipelineFixture fixture;
  auto& f = fixture;
  f.close("BTC/USDT", commons::TimeFrame::one_hour, 0, 90, 110, 110);  // close at the high: +1
  REQUIRE(f.strategy_notes.size() == 1);
  CHECK(f.last_strategy_note() == Approx(1.0));
  CHECK(f.strategy_notes.back().symbol == "BTC/USDT");

  f.close("BTC/USDT", commons::TimeFrame::one_hour, 1 * kHour, 90, 110, 100);  // mid-range: 0
  CHECK(f.last_strategy_note() == Approx(0.0));

  f.close("BTC/USDT", commons::TimeFrame::one_hour, 3 * kHour, 90, 110, 90);  // at the low: -1
  CHECK(f.last_strategy_note() == Approx(-1.0));                              // the 4h candle has not closed yet
  f.close("BTC/USDT", commons::TimeFrame::four_hours, 0, 90, 110, 110);       // 4h: +1, same close time (4h)
  CHECK(f.last_strategy_note() == Approx(0.0));                               // (-1 + 1) / 2
  CHECK(f.strategy_notes.size() == 4);  // one strategy call per round, never per evaluator

  f.close("BTC/USDT", commons::TimeFrame::one_hour, 4 * kHour, 100, 100, 100);  // flat: 1h pending
  CHECK(f.last_strategy_note() == Approx(1.0));                                 // only the 4h note is fresh

  f.close("BTC/USDT", commons::TimeFrame::one_hour, 8 * kHour, 90, 110,
          100);  // at 9h the 4h note (made at 4h) is stale
  CHECK(f.last_strategy_note() == Approx(0.0));

  const auto* node =
      f.pipeline->matrix().find_node({"binance", "TA", "ClosePositionEvaluator", "BTC", "BTC/USDT", "4h"});
  REQUIRE(node != nullptr);
  CHECK(node->eval_time_ms == 4 * kHour);
  CHECK_FALSE(f.pipeline->matrix().is_fresh(*node, f.now));
  CHECK(f.pipeline->stats().tentacle_errors == 0);
}

TEST_CASE("pipeline: candles of a symbol only reach that symbol's evaluators and strategy", "[pipeline]") {
  PipelineFixture fixture;
  fixture.close("ETH/USDT", commons::TimeFrame::one_day, 0, 1, 3, 3);
  REQUIRE(fixture.strategy_notes.size() == 1);
  CHECK(fixture.strategy_notes.back().symbol == "ETH/USDT");
  CHECK(fixture.pipeline->stats().evaluations == 1);
  const auto* btc =
      fixture.pipeline->matrix().find_node({"binance", "TA", "ClosePositionEvaluator", "BTC", "BTC/USDT", "1d"});
  REQUIRE(btc != nullptr);
  CHECK_FALSE(btc->ready);
}

TEST_CASE("pipeline: a failing evaluator is logged and counted, the run goes on with its last note", "[pipeline]") {
  testing::TempDir profile;
  profile.write("specific_config/ClosePositionEvaluator.json", R"({"fail_above": 1000})");
  PipelineFixture fixture(profile.path());
  fixture.close("BTC/USDT", commons::TimeFrame::one_hour, 0, 90, 110, 110);
  CHECK(fixture.last_strategy_note() == Approx(1.0));
  fixture.close("BTC/USDT", commons::TimeFrame::one_hour, kHour, 1500, 2500, 2000);  // evaluate throws
  CHECK(fixture.pipeline->stats().tentacle_errors == 1);
  CHECK(fixture.pipeline->stats().strategy_calls == 2);  // the round still completes: the strategy runs
  // The node keeps its last note (made at 1h), which is stale at 2h: the strategy has nothing fresh
  // and posts nothing, rather than trading on an old note.
  const auto* node =
      fixture.pipeline->matrix().find_node({"binance", "TA", "ClosePositionEvaluator", "BTC", "BTC/USDT", "1h"});
  REQUIRE(node != nullptr);
  CHECK(node->note == 1.0);
  CHECK(node->eval_time_ms == kHour);
  CHECK(fixture.strategy_notes.size() == 1);
  fixture.close("BTC/USDT", commons::TimeFrame::one_hour, 2 * kHour, 90, 110, 90);  // healthy again
  CHECK(fixture.last_strategy_note() == Approx(-1.0));
}
