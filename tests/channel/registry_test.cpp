// Channels registered by (set id, name), and the standard sets.
#include <catch2/catch.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <string>
#include <utility>
#include <vector>

#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::TestSpec;

namespace {

// Same name as TestSpec, other message type.
struct ImpostorSpec {
  using Message = int;
  static constexpr std::string_view kName = "Test";
  static constexpr std::array<std::string_view, 0> kFilterKeys{};
  static std::array<std::string_view, 0> filter_values(const int&) { return {}; }
  static constexpr QueuePolicy kDefaultQueue{};
};

}  // namespace

TEST_CASE("channels are found by name within their set", "[channel][registry]") {
  SyncDriver driver;
  ChannelRegistry registry;
  auto binance = registry.create<TestSpec>("binance", DeliveryMode::synchronized(driver));
  auto kraken = registry.create<TestSpec>("kraken", DeliveryMode::synchronized(driver));
  CHECK(registry.get<TestSpec>("binance") == binance);
  CHECK(registry.get<TestSpec>("kraken") == kraken);
  CHECK(registry.find("Test", "binance") == binance);
  CHECK(registry.find("Test", "bitget") == nullptr);
  CHECK(registry.find("Other", "binance") == nullptr);
  CHECK_THROWS_WITH(registry.get<TestSpec>("bitget"), "channel 'Test' of set 'bitget' does not exist");
  CHECK_THROWS_WITH(registry.create<TestSpec>("binance", DeliveryMode::synchronized(driver)),
                    "channel 'Test' of set 'binance' already exists");
  CHECK_THROWS_WITH(registry.get<ImpostorSpec>("binance"),
                    "channel 'Test' of set 'binance' carries another message type");
}

TEST_CASE("removing a set unregisters its channels", "[channel][registry]") {
  SyncDriver driver;
  ChannelRegistry registry;
  create_exchange_channels(registry, "binance", DeliveryMode::synchronized(driver));
  create_exchange_channels(registry, "kraken", DeliveryMode::synchronized(driver));
  CHECK(registry.list().size() == 24);
  CHECK(registry.remove_set("binance") == 12);
  CHECK(registry.find("OHLCV", "binance") == nullptr);
  CHECK(registry.find("OHLCV", "kraken") != nullptr);
  CHECK(registry.remove("OHLCV", "kraken"));
  CHECK_FALSE(registry.remove("OHLCV", "kraken"));
}

TEST_CASE("the standard sets hold OctoBot's channels", "[channel][registry]") {
  SyncDriver driver;
  ChannelRegistry registry;
  const DeliveryMode mode = DeliveryMode::synchronized(driver);
  create_exchange_channels(registry, "binance", mode);
  create_matrix_channels(registry, "matrix-1", mode);
  create_time_channel(registry, "bot", mode);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"binance", "Balance"},   {"binance", "Funding"},     {"binance", "Kline"},
      {"binance", "MarkPrice"}, {"binance", "OHLCV"},       {"binance", "OrderBook"},
      {"binance", "Orders"},    {"binance", "Positions"},   {"binance", "RecentTrade"},
      {"binance", "Ticker"},    {"binance", "Trades"},      {"binance", "TradingMode"},
      {"bot", "Time"},          {"matrix-1", "Evaluators"}, {"matrix-1", "Matrix"},
  };
  CHECK(registry.list() == expected);
  for (const auto& [id, name] : registry.list()) {
    INFO(id << "/" << name);
    CHECK(registry.find(name, id)->paused());
    CHECK(registry.find(name, id)->synchronized());
  }
}

TEST_CASE("each standard channel documents a queue policy", "[channel][registry]") {
  // Every item counts: block. Snapshots where the latest wins: drop the oldest.
  CHECK(OhlcvChannel::kDefaultQueue == QueuePolicy{1024, WhenFull::block});
  CHECK(RecentTradesChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(OrdersChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(TradesChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(BalanceChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(PositionsChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(MatrixChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(EvaluatorsChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(TradingModeChannel::kDefaultQueue.when_full == WhenFull::block);
  CHECK(KlineChannel::kDefaultQueue == QueuePolicy{64, WhenFull::drop_oldest});
  CHECK(TickerChannel::kDefaultQueue.when_full == WhenFull::drop_oldest);
  CHECK(OrderBookChannel::kDefaultQueue == QueuePolicy{16, WhenFull::drop_oldest});
  CHECK(MarkPriceChannel::kDefaultQueue.when_full == WhenFull::drop_oldest);
  CHECK(FundingChannel::kDefaultQueue.when_full == WhenFull::drop_oldest);
  CHECK(TimeChannel::kDefaultQueue.when_full == WhenFull::drop_oldest);
}
