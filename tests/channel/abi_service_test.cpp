// The "channels/1" table driven directly through its C entry points: argument checking and error
// messages, the release protocol, queue overrides, and delivery in both modes.
#include <catch2/catch.hpp>
#include <octobot/channel/abi_service.hpp>
#include <octobot/channel/executor.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <boost/asio/io_context.hpp>

#include <string>
#include <thread>
#include <vector>

#include "abi_test_support.hpp"
#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::header_of;
using octobot::channel::test::LogCapture;
using octobot::channel::test::make_error;
using octobot::commons::Decimal;

namespace {

struct Recorder {
  std::vector<std::string> events;
  const ob_channels_service_v1* service = nullptr;
  ob_channel_subscription* handle = nullptr;
  bool unsubscribe_inside = false;
  std::thread::id thread;
};

ob_status record_ticker(void* user_data, const ob_channel_message* message, ob_error*) {
  auto* recorder = static_cast<Recorder*>(user_data);
  const auto* ticker = static_cast<const ob_ticker_message*>(message->payload);
  recorder->thread = std::this_thread::get_id();
  recorder->events.push_back(std::string(message->channel) + "/" + message->channel_id + " " + ticker->symbol + " " +
                             ticker->last.text);
  if (recorder->unsubscribe_inside) {
    recorder->service->unsubscribe(recorder->service->context, recorder->handle);
    recorder->events.push_back("unsubscribe returned");
  }
  recorder->events.push_back("callback end");
  return OB_OK;
}

void record_release(void* user_data) { static_cast<Recorder*>(user_data)->events.push_back("release"); }

ob_channel_subscribe_args ticker_args(Recorder& recorder) {
  ob_channel_subscribe_args args{};
  args.header = header_of<ob_channel_subscribe_args>();
  args.channel = OB_CHANNEL_TICKER;
  args.channel_id = "binance";
  args.priority = OB_CHANNEL_PRIORITY_MEDIUM;
  args.consumer_name = "recorder";
  args.on_message = &record_ticker;
  args.release = &record_release;
  args.user_data = &recorder;
  return args;
}

TickerMessage ticker(std::string symbol, const char* last) {
  return TickerMessage{"BTC", std::move(symbol), 1, Decimal(), Decimal(), Decimal::from_string(last), Decimal()};
}

struct SyncFixture {
  SyncDriver driver;
  ChannelRegistry registry;
  ChannelsService service{registry};
  const ob_channels_service_v1* table = service.table();

  SyncFixture() {
    create_exchange_channels(registry, "binance", DeliveryMode::synchronized(driver));
    create_matrix_channels(registry, "matrix-1", DeliveryMode::synchronized(driver));
  }
};

}  // namespace

TEST_CASE("the channels table has a valid header and every entry point", "[channel][abi]") {
  ChannelRegistry registry;
  ChannelsService service(registry);
  const ob_channels_service_v1* table = service.table();
  CHECK(table->header.struct_size == sizeof(ob_channels_service_v1));
  CHECK(table->header.abi_major == OB_ABI_MAJOR);
  CHECK(table->subscribe != nullptr);
  CHECK(table->unsubscribe != nullptr);
  CHECK(table->publish != nullptr);
  CHECK(table->is_paused != nullptr);
}

TEST_CASE("a C subscriber receives matching messages as C structs with exact decimals", "[channel][abi]") {
  SyncFixture f;
  Recorder recorder;
  ob_channel_subscribe_args args = ticker_args(recorder);
  const ob_channel_filter filters[] = {{"symbol", "BTC/USDT"}};
  args.filters = filters;
  args.filter_count = 1;
  ob_channel_subscription* handle = nullptr;
  ob_error error = make_error();
  REQUIRE(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_OK);
  REQUIRE(handle != nullptr);

  std::int32_t paused = -1;
  REQUIRE(f.table->is_paused(f.table->context, OB_CHANNEL_TICKER, "binance", &paused, &error) == OB_OK);
  CHECK(paused == 0);  // a MEDIUM subscriber resumed the channel

  auto channel = f.registry.get<TickerChannel>("binance");
  channel->send(ticker("BTC/USDT", "43123.123456789012345678"));
  channel->send(ticker("ETH/USDT", "2300"));
  f.driver.drain();
  CHECK(recorder.events ==
        std::vector<std::string>{"Ticker/binance BTC/USDT 43123.123456789012345678", "callback end"});

  f.table->unsubscribe(f.table->context, handle);
  CHECK(recorder.events.back() == "release");
  REQUIRE(f.table->is_paused(f.table->context, OB_CHANNEL_TICKER, "binance", &paused, &error) == OB_OK);
  CHECK(paused == 1);
  CHECK(f.service.open_subscriptions() == 0);
}

TEST_CASE("subscribe explains what is wrong", "[channel][abi]") {
  SyncFixture f;
  Recorder recorder;
  ob_channel_subscription* handle = nullptr;
  ob_error error = make_error();

  SECTION("unknown channel") {
    ob_channel_subscribe_args args = ticker_args(recorder);
    args.channel = "Tickr";
    CHECK(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_ERROR_NOT_FOUND);
    CHECK(std::string(error.message) == "channel 'Tickr' of set 'binance' does not exist");
  }
  SECTION("unknown set") {
    ob_channel_subscribe_args args = ticker_args(recorder);
    args.channel_id = nullptr;
    CHECK(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_ERROR_NOT_FOUND);
    CHECK(std::string(error.message) == "channel 'Ticker' of set '' does not exist");
  }
  SECTION("unknown filter key") {
    ob_channel_subscribe_args args = ticker_args(recorder);
    const ob_channel_filter filters[] = {{"time_frame", "1h"}};
    args.filters = filters;
    args.filter_count = 1;
    CHECK(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_ERROR_INVALID_ARGUMENT);
    CHECK(std::string(error.message).find("has no filter key 'time_frame'") != std::string::npos);
  }
  SECTION("bad priority") {
    ob_channel_subscribe_args args = ticker_args(recorder);
    args.priority = 7;
    CHECK(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_ERROR_INVALID_ARGUMENT);
  }
  SECTION("struct from another ABI major") {
    ob_channel_subscribe_args args = ticker_args(recorder);
    args.header.abi_major = OB_ABI_MAJOR + 1;
    CHECK(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_ERROR_INVALID_ARGUMENT);
    CHECK(std::string(error.message).find("ABI major") != std::string::npos);
  }
  SECTION("no callback") {
    ob_channel_subscribe_args args = ticker_args(recorder);
    args.on_message = nullptr;
    CHECK(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_ERROR_INVALID_ARGUMENT);
  }
  CHECK(handle == nullptr);
  CHECK(recorder.events.empty());  // release is never called for a failed subscribe
  CHECK(f.service.open_subscriptions() == 0);
}

TEST_CASE("publish checks the struct and names the malformed field", "[channel][abi]") {
  SyncFixture f;
  ob_error error = make_error();
  ob_ohlcv_message candle{};
  candle.header = header_of<ob_ohlcv_message>();
  candle.type = OB_MESSAGE_OHLCV;
  candle.symbol = "BTC/USDT";
  std::snprintf(candle.candle.close.text, sizeof(candle.candle.close.text), "%s", "12.3.4");

  CHECK(f.table->publish(f.table->context, OB_CHANNEL_OHLCV, "binance", &candle, &error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(error.message).rfind("candle.close: ", 0) == 0);

  std::snprintf(candle.candle.close.text, sizeof(candle.candle.close.text), "%s", "12.5");
  candle.type = OB_MESSAGE_TICKER;
  CHECK(f.table->publish(f.table->context, OB_CHANNEL_OHLCV, "binance", &candle, &error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(error.message) == "channel 'OHLCV' carries message type 2, got type 4");

  candle.type = OB_MESSAGE_OHLCV;
  candle.header.struct_size = sizeof(ob_header) + 4;
  CHECK(f.table->publish(f.table->context, OB_CHANNEL_OHLCV, "binance", &candle, &error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(error.message).find("struct_size") != std::string::npos);

  candle.header = header_of<ob_ohlcv_message>();
  CHECK(f.table->publish(f.table->context, OB_CHANNEL_OHLCV, "kraken", &candle, &error) == OB_ERROR_NOT_FOUND);
  CHECK(f.table->publish(f.table->context, OB_CHANNEL_OHLCV, "binance", &candle, &error) == OB_OK);

  ob_matrix_message note{};
  note.header = header_of<ob_matrix_message>();
  note.type = OB_MESSAGE_MATRIX;
  note.state = OB_EVAL_READY;
  note.eval_note = 1.5;
  CHECK(f.table->publish(f.table->context, OB_CHANNEL_MATRIX, "matrix-1", &note, &error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(error.message).find("eval_note") != std::string::npos);
}

TEST_CASE("a C subscriber unsubscribing itself is released after its callback returns", "[channel][abi]") {
  SyncFixture f;
  Recorder recorder;
  recorder.service = f.table;
  recorder.unsubscribe_inside = true;
  ob_channel_subscribe_args args = ticker_args(recorder);
  ob_error error = make_error();
  REQUIRE(f.table->subscribe(f.table->context, &args, &recorder.handle, &error) == OB_OK);
  auto channel = f.registry.get<TickerChannel>("binance");
  channel->send(ticker("BTC/USDT", "1"));
  channel->send(ticker("BTC/USDT", "2"));
  f.driver.drain();
  CHECK(recorder.events ==
        std::vector<std::string>{"Ticker/binance BTC/USDT 1", "unsubscribe returned", "callback end", "release"});
  CHECK(channel->paused());
}

TEST_CASE("a C subscriber's error is logged and isolated", "[channel][abi]") {
  LogCapture log;
  SyncFixture f;
  ob_channel_subscribe_args args{};
  args.header = header_of<ob_channel_subscribe_args>();
  args.channel = OB_CHANNEL_TIME;
  args.consumer_name = "grumpy";
  args.on_message = [](void*, const ob_channel_message*, ob_error* error) -> ob_status {
    std::snprintf(error->message, sizeof(error->message), "%s", "not now");
    return OB_ERROR_STATE;
  };
  create_time_channel(f.registry, "", DeliveryMode::synchronized(f.driver));
  ob_channel_subscription* handle = nullptr;
  ob_error error = make_error();
  REQUIRE(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_OK);
  int witnessed = 0;
  auto witness = f.registry.get<TimeChannel>("")->subscribe([&](const TimeMessage&) { ++witnessed; });
  f.registry.get<TimeChannel>("")->send(TimeMessage{1000});
  f.driver.drain();
  CHECK(witnessed == 1);
  CHECK(log.count_containing("consumer 'grumpy' of channel 'Time' (set '') failed and was skipped: tentacle "
                             "callback returned status 8: not now") == 1);
  f.table->unsubscribe(f.table->context, handle);
}

TEST_CASE("queue overrides from C apply the requested bound and policy", "[channel][abi]") {
  SyncFixture f;
  Recorder recorder;
  ob_channel_subscribe_args args = ticker_args(recorder);
  args.queue_capacity = 2;
  args.queue_when_full = OB_CHANNEL_QUEUE_DROP_NEWEST;  // Ticker's default is drop_oldest
  ob_channel_subscription* handle = nullptr;
  ob_error error = make_error();
  REQUIRE(f.table->subscribe(f.table->context, &args, &handle, &error) == OB_OK);
  auto channel = f.registry.get<TickerChannel>("binance");
  for (const char* last : {"1", "2", "3", "4"}) channel->send(ticker("BTC/USDT", last));
  f.driver.drain();
  CHECK(recorder.events == std::vector<std::string>{"Ticker/binance BTC/USDT 1", "callback end",
                                                    "Ticker/binance BTC/USDT 2", "callback end"});
  f.table->unsubscribe(f.table->context, handle);
}

TEST_CASE("C subscribers of asynchronous channels run on the bot loop", "[channel][abi]") {
  boost::asio::io_context bot_loop;
  ChannelRegistry registry;
  create_exchange_channels(registry, "binance", DeliveryMode::asynchronous(make_executor(bot_loop)));
  ChannelsService service(registry);
  const ob_channels_service_v1* table = service.table();
  Recorder recorder;
  ob_channel_subscribe_args args = ticker_args(recorder);
  ob_channel_subscription* handle = nullptr;
  ob_error error = make_error();
  REQUIRE(table->subscribe(table->context, &args, &handle, &error) == OB_OK);

  std::thread producer([&] { registry.get<TickerChannel>("binance")->send(ticker("BTC/USDT", "0.1")); });
  producer.join();
  CHECK(recorder.events.empty());
  bot_loop.run();
  CHECK(recorder.events == std::vector<std::string>{"Ticker/binance BTC/USDT 0.1", "callback end"});
  CHECK(recorder.thread == std::this_thread::get_id());
  table->unsubscribe(table->context, handle);
}

TEST_CASE("subscriptions left open are ended and released when the service goes", "[channel][abi]") {
  LogCapture log;
  SyncDriver driver;
  ChannelRegistry registry;
  create_exchange_channels(registry, "binance", DeliveryMode::synchronized(driver));
  Recorder recorder;
  {
    ChannelsService service(registry);
    ob_channel_subscribe_args args = ticker_args(recorder);
    ob_channel_subscription* handle = nullptr;
    ob_error error = make_error();
    REQUIRE(service.table()->subscribe(service.table()->context, &args, &handle, &error) == OB_OK);
  }
  CHECK(recorder.events == std::vector<std::string>{"release"});
  CHECK(log.count_containing("1 tentacle subscription(s) still open at shutdown") == 1);
  CHECK(registry.get<TickerChannel>("binance")->paused());
}
