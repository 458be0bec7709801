// ConnectorClient over TestExchange (test_connector/): the calls run on the client's own thread,
// completions and events come back on the bot loop thread in order, the connector's errors keep
// their code and message, and stop fails what is still pending.
#include <catch2/catch.hpp>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/exchanges/credentials_service.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "connector_test_support.hpp"

namespace {

using namespace octobot;
using namespace octobot::exchanges::testing;
using exchanges::ClientError;
using exchanges::ConnectorClient;
using Fixture = ConnectorFixture;

tentacles::TentacleHost& host() { return connector_test_host(); }

}  // namespace

TEST_CASE("the connector of a profile's exchange is the exchange class of that name, any case", "[exchanges]") {
  CHECK(exchanges::find_connector_class(host(), "testexchange") == std::optional<std::string>("TestExchange"));
  CHECK(exchanges::find_connector_class(host(), "TESTEXCHANGE") == std::optional<std::string>("TestExchange"));
  CHECK_FALSE(exchanges::find_connector_class(host(), "binance").has_value());
  CHECK_FALSE(exchanges::find_connector_class(host(), "testexchang").has_value());
}

TEST_CASE("start gives the exchange's markets with its precision, minimums and fees", "[exchanges]") {
  Fixture fixture(Overrides{{"rest_url", "\"http://127.0.0.1:1\""}});
  auto client = fixture.client();
  std::optional<exchanges::Outcome<std::vector<trading::Market>>> markets;
  client->start({}, [&](auto outcome) { markets = std::move(outcome); });
  run_until(fixture.io, [&] { return markets.has_value(); });
  REQUIRE(markets);
  const auto& list = value(*markets);
  REQUIRE(list.size() == 1);
  CHECK(list[0].symbol == "BTC/USDT");
  CHECK(list[0].base == "BTC");
  CHECK(list[0].quote == "USDT");
  CHECK(list[0].price_decimals == 2);
  CHECK(list[0].amount_decimals == 5);
  CHECK(list[0].min_amount == commons::Decimal::from_string("0.0001"));
  CHECK(list[0].min_cost == commons::Decimal::from_string("5"));
  CHECK(list[0].taker_fee == commons::Decimal::from_string("0.001"));
  client->stop();
  // The override reached the instance's configuration over the reference config.
  const auto lines = lines_of(fixture.record);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0].find("create exchange=testexchange rest_url=http://127.0.0.1:1 ") == 0);
}

TEST_CASE("every connector call runs on one thread of the client's, never the bot loop's", "[exchanges]") {
  Fixture fixture;
  auto client = fixture.client();
  int completions = 0;
  client->start({}, [&](auto) { ++completions; });
  client->balances([&](auto) { ++completions; });
  client->key_permissions([&](auto) { ++completions; });
  run_until(fixture.io, [&] { return completions == 3; });
  CHECK(completions == 3);
  client.reset();  // stops
  const auto lines = lines_of(fixture.record);
  REQUIRE(lines.size() >= 6);  // create, start, markets, balances, key_permissions, stop, destroy
  std::set<std::string> threads;
  for (const auto& line : lines) threads.insert(thread_of(line));
  CHECK(threads.size() == 1);
  CHECK(*threads.begin() != this_thread_id());
  CHECK(lines.back().find("destroy") == 0);
}

TEST_CASE("pushed events arrive on the bot loop thread, in the order the connector sent them", "[exchanges]") {
  Fixture fixture(Overrides{{"live_steps", "8"}, {"step_interval_ms", "1"}});
  auto client = fixture.client();
  std::vector<exchanges::CandleEvent> candles;
  std::vector<exchanges::TickerEvent> tickers;
  std::vector<exchanges::ConnectionEvent> connections;
  std::set<std::thread::id> threads;
  exchanges::ExchangeEvents events;
  events.on_candle = [&](const exchanges::CandleEvent& candle) {
    threads.insert(std::this_thread::get_id());
    candles.push_back(candle);
  };
  events.on_ticker = [&](const exchanges::TickerEvent& ticker) {
    threads.insert(std::this_thread::get_id());
    tickers.push_back(ticker);
  };
  events.on_connection = [&](const exchanges::ConnectionEvent& connection) { connections.push_back(connection); };
  bool subscribed = false;
  client->start(std::move(events), [&](auto outcome) {
    value(outcome);
    client->subscribe("BTC/USDT", "1h", OB_STREAM_CANDLES, [&](auto done) { subscribed = !!std::get_if<0>(&done); });
    client->subscribe("BTC/USDT", "4h", OB_STREAM_CANDLES, [](auto) {});
  });
  run_until(fixture.io, [&] { return tickers.size() == 8; });
  CHECK(subscribed);
  REQUIRE(tickers.size() == 8);
  CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
  REQUIRE(connections.size() == 1);
  CHECK(connections[0].state == exchanges::ConnectionState::connected);

  // 8 hourly steps: 8 closed 1h candles, 2 closed 4h ones (each after its hour), 8 in progress.
  std::vector<std::int64_t> hourly;
  int four_hours = 0;
  int in_progress = 0;
  for (const auto& candle : candles) {
    if (!candle.closed) {
      ++in_progress;
      continue;
    }
    if (candle.time_frame == "1h") hourly.push_back(candle.open_time_ms);
    if (candle.time_frame == "4h") ++four_hours;
  }
  CHECK(in_progress == 8);
  CHECK(four_hours == 2);
  REQUIRE(hourly.size() == 8);
  for (std::size_t i = 1; i < hourly.size(); ++i) CHECK(hourly[i] == hourly[i - 1] + 3'600'000);
  // Within a step: the closed candle first, then the hour in progress, then the ticker.
  CHECK(candles[0].closed);
  CHECK(candles[0].time_frame == "1h");
  CHECK_FALSE(candles[1].closed);
  CHECK(tickers[0].last == candles[1].close);
  client->stop();
}

TEST_CASE("order books arrive on the bot loop, levels best first in exact decimals, only where asked for",
          "[exchanges]") {
  Fixture fixture(Overrides{{"live_steps", "4"}, {"step_interval_ms", "1"}});
  auto client = fixture.client();
  std::vector<exchanges::BookEvent> books;
  std::vector<exchanges::TickerEvent> tickers;
  std::set<std::thread::id> threads;
  exchanges::ExchangeEvents events;
  events.on_book = [&](const exchanges::BookEvent& book) {
    threads.insert(std::this_thread::get_id());
    books.push_back(book);
  };
  events.on_ticker = [&](const exchanges::TickerEvent& ticker) { tickers.push_back(ticker); };
  client->start(std::move(events), [&](auto outcome) {
    value(outcome);
    client->subscribe("BTC/USDT", "1h", OB_STREAM_CANDLES | OB_STREAM_TICKER | OB_STREAM_BOOK, [](auto) {});
    client->subscribe("ETH/USDT", "1h", OB_STREAM_CANDLES, [](auto) {});  // no book asked for
  });
  run_until(fixture.io, [&] { return tickers.size() == 8 && books.size() == 4; });
  REQUIRE(books.size() == 4);
  CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
  for (const auto& book : books) CHECK(book.symbol == "BTC/USDT");
  // TestExchange's levels around the hour's price (the BTC ticker's last), to the cent.
  const auto ticker =
      std::find_if(tickers.begin(), tickers.end(), [](const auto& t) { return t.symbol == "BTC/USDT"; });
  REQUIRE(ticker != tickers.end());
  const commons::Decimal last = ticker->last;
  const exchanges::BookEvent& first = books[0];
  CHECK(first.time_ms == ticker->time_ms);
  REQUIRE(first.bids.size() == 2);
  REQUIRE(first.asks.size() == 2);
  CHECK(first.bids[0].price == last - commons::Decimal::from_string("0.5"));
  CHECK(first.bids[0].amount == commons::Decimal::from_string("1.5"));
  CHECK(first.bids[1].price == last - commons::Decimal::from_string("1"));
  CHECK(first.bids[1].amount == commons::Decimal::from_string("3"));
  CHECK(first.asks[0].price == last + commons::Decimal::from_string("0.5"));
  CHECK(first.asks[0].amount == commons::Decimal::from_string("2"));
  CHECK(first.asks[1].price == last + commons::Decimal::from_string("1"));
  CHECK(first.asks[1].amount == commons::Decimal::from_string("4"));
  client->stop();
}

TEST_CASE("history: closed candles from since_ms, oldest first, at most limit, in exact decimals", "[exchanges]") {
  Fixture fixture;
  auto client = fixture.client();
  const std::int64_t now = 1699920000000;
  std::optional<exchanges::Outcome<std::vector<exchanges::CandleEvent>>> history;
  client->candles("BTC/USDT", "4h", now - 10 * 4 * 3'600'000, 6, [&](auto outcome) { history = std::move(outcome); });
  run_until(fixture.io, [&] { return history.has_value(); });
  REQUIRE(history);
  const auto& candles = value(*history);
  REQUIRE(candles.size() == 6);
  CHECK(candles.front().open_time_ms == now - 10 * 4 * 3'600'000);
  for (std::size_t i = 1; i < candles.size(); ++i) {
    CHECK(candles[i].open_time_ms == candles[i - 1].open_time_ms + 4 * 3'600'000);
    CHECK(candles[i].closed);
  }
  // "%.2f" text from the connector arrives as the same exact decimal.
  CHECK(candles[0].volume == commons::Decimal::from_string("10"));
  CHECK(candles[0].close.to_string().size() <= std::string("120.00").size());
}

TEST_CASE("a connector error keeps its code and message", "[exchanges]") {
  Fixture fixture(Overrides{{"fail_candles", "true"}});
  auto client = fixture.client();
  std::optional<exchanges::Outcome<std::vector<exchanges::CandleEvent>>> history;
  std::optional<exchanges::Outcome<exchanges::ClientOrder>> cancel;
  std::optional<exchanges::Outcome<std::monostate>> subscribe;
  client->candles("BTC/USDT", "1h", 0, 10, [&](auto outcome) { history = std::move(outcome); });
  client->cancel_order("BTC/USDT", "nobody", [&](auto outcome) { cancel = std::move(outcome); });
  client->subscribe("BTC/USDT", "1m", OB_STREAM_CANDLES, [&](auto outcome) { subscribe = std::move(outcome); });
  run_until(fixture.io, [&] { return history && cancel && subscribe; });
  REQUIRE(history);
  REQUIRE(cancel);
  REQUIRE(subscribe);
  const auto* network = std::get_if<ClientError>(&*history);
  REQUIRE(network != nullptr);
  CHECK(network->code == OB_ERROR_EXCHANGE_NETWORK);
  CHECK(network->message == "TestExchange: connection refused (scripted)");
  const auto* unknown = std::get_if<ClientError>(&*cancel);
  REQUIRE(unknown != nullptr);
  CHECK(unknown->code == OB_ERROR_EXCHANGE_UNKNOWN_ORDER);
  CHECK(unknown->message == "unknown order nobody");
  const auto* invalid = std::get_if<ClientError>(&*subscribe);
  REQUIRE(invalid != nullptr);
  CHECK(invalid->code == OB_ERROR_INVALID_ARGUMENT);
}

TEST_CASE("orders round-trip under the host's client order id", "[exchanges]") {
  Fixture fixture;
  auto client = fixture.client();
  std::optional<exchanges::Outcome<exchanges::ClientOrder>> created;
  std::optional<exchanges::Outcome<std::vector<exchanges::ClientOrder>>> open;
  client->create_order(
      trading::OrderRequest::limit("BTC/USDT", channel::Side::buy, commons::Decimal::from_string("0.015"),
                                   commons::Decimal::from_string("95.5")),
      "ob-1", [&](auto outcome) { created = std::move(outcome); });
  client->open_orders("BTC/USDT", [&](auto outcome) { open = std::move(outcome); });
  run_until(fixture.io, [&] { return created && open; });
  REQUIRE(created);
  const auto& order = value(*created);
  CHECK(order.client_order_id == "ob-1");
  CHECK(order.status == channel::OrderStatus::open);
  CHECK(order.type == channel::OrderType::limit);
  CHECK(order.amount == commons::Decimal::from_string("0.015"));
  CHECK(order.price == commons::Decimal::from_string("95.5"));
  REQUIRE(open);
  REQUIRE(value(*open).size() == 1);
  CHECK(value(*open)[0].client_order_id == "ob-1");
}

TEST_CASE("stop fails pending requests with OB_ERROR_STATE and sends nothing still queued", "[exchanges]") {
  Fixture fixture(Overrides{{"slow_create_ms", "300"}});
  auto client = fixture.client();
  std::vector<ClientError> failures;
  const auto order = trading::OrderRequest::market("BTC/USDT", channel::Side::buy, commons::Decimal::from_string("1"));
  client->create_order(order, "ob-slow", [&](auto outcome) {
    REQUIRE(std::get_if<ClientError>(&outcome) != nullptr);
    failures.push_back(std::get<ClientError>(outcome));
  });
  // Let the first request reach the connector, then queue a second behind it.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  client->create_order(order, "ob-queued", [&](auto outcome) {
    REQUIRE(std::get_if<ClientError>(&outcome) != nullptr);
    failures.push_back(std::get<ClientError>(outcome));
  });
  client->stop();  // waits for the call in flight, then fails both before returning
  REQUIRE(failures.size() == 2);
  for (const auto& failure : failures) {
    CHECK(failure.code == OB_ERROR_STATE);
    CHECK(failure.message.find("stopped") != std::string::npos);
  }
  // Nothing runs on the loop afterwards, and a request after stop fails too.
  fixture.io.restart();
  fixture.io.poll();
  CHECK(failures.size() == 2);
  client->balances([&](auto outcome) { failures.push_back(std::get<ClientError>(outcome)); });
  fixture.io.restart();
  fixture.io.poll();
  CHECK(failures.size() == 3);

  std::string calls;
  for (const auto& line : lines_of(fixture.record)) calls += line.substr(0, line.find(" thread=")) + "\n";
  CHECK(calls.find("create_order ob-slow") != std::string::npos);
  CHECK(calls.find("ob-queued") == std::string::npos);
  CHECK(calls.find("destroy") != std::string::npos);
}

TEST_CASE("key permissions as the exchange reports them", "[exchanges]") {
  Fixture fixture(Overrides{{"can_withdraw", "true"}, {"can_trade", "false"}});
  auto client = fixture.client();
  std::optional<exchanges::Outcome<exchanges::KeyPermissions>> permissions;
  client->key_permissions([&](auto outcome) { permissions = std::move(outcome); });
  run_until(fixture.io, [&] { return permissions.has_value(); });
  REQUIRE(permissions);
  CHECK(value(*permissions).known);
  CHECK(value(*permissions).can_withdraw);
  CHECK_FALSE(value(*permissions).can_trade);
}

TEST_CASE("the connector gets its account's credentials through credentials/1", "[exchanges]") {
  Fixture fixture;
  const exchanges::CredentialsService credentials(std::map<std::string, commons::ExchangeCredentials>{
      {"TestExchange", {commons::Secret("key-123456"), commons::Secret("secret-abcdef"), {}}}});
  credentials.register_on(fixture.services);
  auto client = fixture.client();
  client->stop();
  const auto lines = lines_of(fixture.record);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[1].find("credentials api_key_length=10 ") == 0);
}
