// Every standard message survives the trip C++ -> C struct -> C++ exactly: a C subscriber on set
// "origin" republishes each payload, as is, to the same channel of set "copy", where a C++ consumer
// compares it with what was sent. Values are chosen to be awkward: 18 fractional digits, the largest
// and smallest decimals, negative numbers, empty strings, arrays.
#include <catch2/catch.hpp>
#include <octobot/channel/abi_service.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <optional>

#include "abi_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::header_of;
using octobot::channel::test::make_error;
using octobot::commons::Decimal;

namespace {

Decimal d(const char* text) { return Decimal::from_string(text); }

Candle sample_candle() {
  return Candle{1700000000000,        d("43123.123456789012345678"), Decimal::max_value(),
                Decimal::min_value(), d("-0.000000000000000001"),    d("0")};
}

TimeMessage sample(TimeChannel) { return {1700000123456}; }
OhlcvMessage sample(OhlcvChannel) { return {"BTC", "BTC/USDT", "1h", sample_candle()}; }
KlineMessage sample(KlineChannel) { return {"ETH", "ETH/USDT", "4h", sample_candle()}; }
TickerMessage sample(TickerChannel) { return {"BTC", "BTC/USDT", 17, d("1.5"), d("1.6"), d("1.55"), d("123456.7")}; }
OrderBookMessage sample(OrderBookChannel) {
  return {"BTC", "BTC/USDT", 18, {{d("100.1"), d("2")}, {d("100"), d("0.5")}}, {{d("100.2"), d("1")}}};
}
RecentTradesMessage sample(RecentTradesChannel) {
  return {"BTC", "BTC/USDT", {{"t1", 5, Side::buy, d("100.1"), d("0.01")}, {"", 6, Side::sell, d("100"), d("3")}}};
}
MarkPriceMessage sample(MarkPriceChannel) { return {"BTC", "BTC/USDT:USDT", 19, d("100.05")}; }
FundingMessage sample(FundingChannel) { return {"BTC", "BTC/USDT:USDT", d("0.0001"), d("-0.00005"), 10, 20}; }
BalanceMessage sample(BalanceChannel) { return {"USDT", d("1000.5"), d("900.25")}; }
OrderMessage sample(OrdersChannel) {
  return {"BTC",
          "BTC/USDT",
          "42",
          "",
          Side::sell,
          OrderType::trailing_stop_limit,
          OrderStatus::partially_filled,
          d("43000.5"),
          d("0.01"),
          d("0.004"),
          21,
          false};
}
TradeMessage sample(TradesChannel) {
  return {"BTC", "BTC/USDT", "trade-1", "42", Side::buy, d("43000.5"), d("0.004"), d("0.0000043"), "BNB", 22};
}
PositionMessage sample(PositionsChannel) {
  return {"BTC",      "BTC/USDT:USDT", PositionSide::short_side,
          d("-3"),    d("43000"),      d("42900.5"),
          d("301.5"), d("60000"),      d("10"),
          23};
}
EvaluatorsMessage sample(EvaluatorsChannel) {
  return {"RSI", "TA", "binance", "BTC", "BTC/USDT", "", R"({"done":true})"};
}
MatrixMessage sample(MatrixChannel) {
  return {"RSI", "TA", "binance", "BTC", "BTC/USDT", "1h", EvaluationState::ready, -0.75, 1700000000000, "oversold"};
}
TradingModeMessage sample(TradingModeChannel) {
  return {"DailyTradingMode", "binance", "BTC", "BTC/USDT", "1h", SignalState::very_long, -1.0, R"({"price":"1"})"};
}

ob_status republish(void* user_data, const ob_channel_message* message, ob_error* error) {
  const auto* service = static_cast<const ob_channels_service_v1*>(user_data);
  return service->publish(service->context, message->channel, "copy", message->payload, error);
}

}  // namespace

TEMPLATE_TEST_CASE("a standard message crosses the C ABI and back unchanged", "[channel][abi]", TimeChannel,
                   OhlcvChannel, KlineChannel, TickerChannel, OrderBookChannel, RecentTradesChannel, MarkPriceChannel,
                   FundingChannel, BalanceChannel, OrdersChannel, TradesChannel, PositionsChannel, EvaluatorsChannel,
                   MatrixChannel, TradingModeChannel) {
  SyncDriver driver;
  ChannelRegistry registry;
  auto origin = registry.create<TestType>("origin", DeliveryMode::synchronized(driver));
  auto copy = registry.create<TestType>("copy", DeliveryMode::synchronized(driver));
  ChannelsService service(registry);
  const ob_channels_service_v1* table = service.table();

  ob_channel_subscribe_args args{};
  args.header = header_of<ob_channel_subscribe_args>();
  args.channel = TestType::kName.data();
  args.channel_id = "origin";
  args.on_message = &republish;
  args.user_data = const_cast<ob_channels_service_v1*>(table);
  ob_channel_subscription* handle = nullptr;
  ob_error error = make_error();
  REQUIRE(table->subscribe(table->context, &args, &handle, &error) == OB_OK);

  std::optional<typename TestType::Message> received;
  auto sub = copy->subscribe([&](const typename TestType::Message& m) { received = m; });
  const typename TestType::Message sent = sample(TestType{});
  origin->send(sent);
  CHECK(driver.drain() == 2);
  REQUIRE(received.has_value());
  CHECK(*received == sent);
  table->unsubscribe(table->context, handle);
}
