// Tentacles loaded with dlopen subscribe and publish through the C ABI only: one written in C11,
// one in C++ with the SDK wrapper. Both run on synchronized channels, as in a backtest.
#include <catch2/catch.hpp>
#include <octobot/channel/abi_service.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <string>
#include <vector>

#include "abi_test_support.hpp"
#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::ChannelsHost;
using octobot::channel::test::LogCapture;
using octobot::channel::test::make_error;
using octobot::channel::test::SharedLibrary;
using octobot::commons::Decimal;

namespace {

struct Bot {
  SyncDriver driver;
  ChannelRegistry registry;
  ChannelsService service{registry};
  ChannelsHost host{service.table()};

  Bot() {
    create_exchange_channels(registry, "binance", DeliveryMode::synchronized(driver));
    create_matrix_channels(registry, "matrix-1", DeliveryMode::synchronized(driver));
  }
};

OhlcvMessage candle(std::string symbol, std::string time_frame, const char* open, const char* close) {
  return OhlcvMessage{
      "BTC", std::move(symbol), std::move(time_frame),
      Candle{1000, Decimal::from_string(open), Decimal(), Decimal(), Decimal::from_string(close), Decimal()}};
}

}  // namespace

TEST_CASE("a C tentacle subscribes with filters and publishes through the C ABI", "[channel][abi][tentacle]") {
  LogCapture log;
  Bot bot;
  SharedLibrary library(OCTOBOT_TEST_C_TENTACLE);
  const auto start = library.symbol<ob_status(const ob_host*, ob_error*)>("c_evaluator_start");
  const auto stop = library.symbol<void()>("c_evaluator_stop");
  const auto received = library.symbol<int()>("c_evaluator_received");
  const auto released = library.symbol<int()>("c_evaluator_released");

  auto ohlcv = bot.registry.get<OhlcvChannel>("binance");
  CHECK(ohlcv->paused());
  ob_error error = make_error();
  REQUIRE(start(bot.host.raw(), &error) == OB_OK);
  CHECK_FALSE(ohlcv->paused());  // the tentacle's MEDIUM subscription resumed the channel

  std::vector<MatrixMessage> notes;
  auto strategy =
      bot.registry.get<MatrixChannel>("matrix-1")->subscribe([&](const MatrixMessage& note) { notes.push_back(note); });
  int witnessed = 0;
  auto witness = ohlcv->subscribe([&](const OhlcvMessage&) { ++witnessed; });

  ohlcv->send(candle("BTC/USDT", "1h", "100", "101.000000000000000001"));  // matches: closed up
  ohlcv->send(candle("ETH/USDT", "1h", "100", "101"));                     // other symbol
  ohlcv->send(candle("BTC/USDT", "1d", "100", "101"));                     // other time frame
  ohlcv->send(candle("BTC/USDT", "4h", "100", "99.5"));                    // matches: closed down
  ohlcv->send(candle("BTC/USDT", "1h", "100", "0"));                       // matches: the tentacle errors
  bot.driver.drain();

  CHECK(received() == 3);
  CHECK(witnessed == 5);  // the tentacle's error did not disturb anyone else
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].evaluator_name == "CEvaluator");
  CHECK(notes[0].exchange_name == "binance");
  CHECK(notes[0].symbol == "BTC/USDT");
  CHECK(notes[0].time_frame == "1h");
  CHECK(notes[0].state == EvaluationState::ready);
  CHECK(notes[0].eval_note == -1.0);
  CHECK(notes[0].description == "101.000000000000000001");  // the price crossed the ABI exactly
  CHECK(notes[1].time_frame == "4h");
  CHECK(notes[1].eval_note == 1.0);
  CHECK(log.count_containing("consumer 'CEvaluator' of channel 'OHLCV' (set 'binance') failed") == 1);
  CHECK(log.count_containing("zero close price") == 1);

  stop();
  CHECK(released() == 1);
  CHECK(bot.service.open_subscriptions() == 0);
  witness.unsubscribe();
  CHECK(ohlcv->paused());
}

TEST_CASE("a C++ tentacle uses the SDK wrapper: RAII handle and exceptions and unsubscribing in its callback",
          "[channel][abi][tentacle]") {
  LogCapture log;
  Bot bot;
  SharedLibrary library(OCTOBOT_TEST_CPP_TENTACLE);
  const auto start = library.symbol<ob_status(const ob_host*, ob_error*)>("cpp_trader_start");
  const auto stop = library.symbol<void()>("cpp_trader_stop");
  const auto received = library.symbol<int()>("cpp_trader_received");
  const auto subscribed = library.symbol<int()>("cpp_trader_subscribed");
  const auto subscribe_with_typo = library.symbol<ob_status(ob_error*)>("cpp_trader_subscribe_with_typo");

  ob_error error = make_error();
  REQUIRE(start(bot.host.raw(), &error) == OB_OK);
  auto signals = bot.registry.get<TradingModeChannel>("binance");
  CHECK_FALSE(signals->paused());

  CHECK(subscribe_with_typo(&error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(error.message).find("has no filter key 'simbol'") != std::string::npos);

  std::vector<OrderMessage> orders;
  auto exchange = bot.registry.get<OrdersChannel>("binance")->subscribe(
      [&](const OrderMessage& order) { orders.push_back(order); });

  const auto signal = [](SignalState state, const char* symbol, const char* price) {
    return TradingModeMessage{"DailyTradingMode", "binance", "BTC", symbol, "1h", state, 0.0, price};
  };
  signals->send(signal(SignalState::long_signal, "BTC/USDT", "43000.25"));
  signals->send(signal(SignalState::very_short, "BTC/USDT", "1"));    // the tentacle throws
  signals->send(signal(SignalState::short_signal, "ETH/USDT", "1"));  // filtered out
  signals->send(signal(SignalState::short_signal, "BTC/USDT", "43100"));
  bot.driver.drain();

  CHECK(received() == 3);
  REQUIRE(orders.size() == 2);
  CHECK(orders[0].order_id == "order-1");
  CHECK(orders[0].side == Side::buy);
  CHECK(orders[0].type == OrderType::limit);
  CHECK(orders[0].price == Decimal::from_string("43000.25"));
  CHECK(orders[0].amount == Decimal::from_string("0.001"));
  CHECK(orders[1].side == Side::sell);
  CHECK(log.count_containing("consumer 'CppTrader' of channel 'TradingMode' (set 'binance') failed and was skipped: "
                             "tentacle callback returned status 1: very short signals are not handled") == 1);

  // A neutral signal makes the tentacle drop its own subscription from inside the callback.
  signals->send(signal(SignalState::neutral, "BTC/USDT", "1"));
  signals->send(signal(SignalState::long_signal, "BTC/USDT", "1"));
  bot.driver.drain();
  CHECK(received() == 4);
  CHECK(subscribed() == 0);
  CHECK(signals->paused());
  CHECK(bot.service.open_subscriptions() == 0);
  stop();  // nothing left to end
}
