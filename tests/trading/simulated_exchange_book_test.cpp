// Market orders against the latest order book (paper trading on live data).
#include <catch2/catch.hpp>

#include <vector>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::BookLevel;
using octobot::channel::OrderBookMessage;
using octobot::channel::Side;

namespace {

OrderBookMessage book(std::int64_t time_ms, std::vector<BookLevel> bids, std::vector<BookLevel> asks) {
  OrderBookMessage message;
  message.symbol = "BTC/USDT";
  message.timestamp_ms = time_ms;
  message.bids = std::move(bids);
  message.asks = std::move(asks);
  return message;
}

// Candle 0 closes at 20000; the book is taken during candle 0.
struct BookFixture {
  Portfolio portfolio;
  SimulatedExchange exchange{{btc_usdt()}, portfolio, {d("0.001"), Decimal{}}};
  BookFixture() {
    portfolio.deposit("USDT", d("100000"));
    portfolio.deposit("BTC", d("5"));
    exchange.on_candle("BTC/USDT", candle(0, "19900", "20100", "19800", "20000"));
    exchange.set_order_book(
        book(30'000, {{d("19990"), d("0.5")}, {d("19980"), d("1")}}, {{d("20010"), d("0.5")}, {d("20020"), d("1")}}));
  }
  [[nodiscard]] std::vector<std::pair<Decimal, Decimal>> trades() const {
    std::vector<std::pair<Decimal, Decimal>> out;
    for (const auto& trade : exchange.trades()) out.emplace_back(trade.price, trade.amount);
    return out;
  }
};

using Trades = std::vector<std::pair<Decimal, Decimal>>;

}  // namespace

TEST_CASE("a market buy walks the asks: one trade per level at its price, taker fee on each",
          "[simulated_exchange][order_book]") {
  BookFixture f;
  const Order& buy = f.exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.8")));
  CHECK(buy.state == OrderState::filled);
  CHECK(f.trades() == Trades{{d("20010"), d("0.5")}, {d("20020"), d("0.3")}});
  CHECK(buy.filled_cost == d("16011"));  // 0.5 * 20010 + 0.3 * 20020: no slippage on top of the book
  CHECK(buy.fees == d("0.0016"));        // 0.2 % of 0.5 then of 0.3 BTC
  CHECK(f.portfolio.balance("USDT") == Balance{d("83989"), d("83989")});  // nothing left locked
  CHECK(f.portfolio.balance("BTC") == Balance{d("5.7984"), d("5.7984")});
}

TEST_CASE("a market sell walks the bids from the highest", "[simulated_exchange][order_book]") {
  BookFixture f;
  const Order& sell = f.exchange.create_order(OrderRequest::market("BTC/USDT", Side::sell, d("1.2")));
  CHECK(sell.state == OrderState::filled);
  CHECK(f.trades() == Trades{{d("19990"), d("0.5")}, {d("19980"), d("0.7")}});
  CHECK(sell.filled_cost == d("23981"));  // 9995 + 13986
  CHECK(sell.fees == d("47.962"));        // 0.2 % of each level's cost
  CHECK(f.portfolio.balance("USDT").total == d("100000") + d("23981") - d("47.962"));
  CHECK(f.portfolio.balance("BTC") == Balance{d("3.8"), d("3.8")});
}

TEST_CASE("beyond the book's depth the rest fills at its last level", "[simulated_exchange][order_book]") {
  BookFixture f;
  const Order& buy = f.exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("2")));
  CHECK(buy.state == OrderState::filled);
  CHECK(f.trades() == Trades{{d("20010"), d("0.5")}, {d("20020"), d("1.5")}});
  CHECK(buy.filled_cost == d("40035"));
}

TEST_CASE("a buy the walk cannot pay is rejected though the close alone would have fitted",
          "[simulated_exchange][order_book]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("20030"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "19900", "20100", "19800", "20000"));
  exchange.set_order_book(book(30'000, {}, {{d("20010"), d("0.5")}, {d("20050"), d("1")}}));
  // 1 BTC at the close is 20000; through the book it is 10005 + 10025 = 20030, all the account has.
  const Order& fits = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("1")));
  CHECK(fits.state == OrderState::filled);
  CHECK(fits.filled_cost == d("20030"));
  CHECK(portfolio.balance("USDT") == Balance{d("0"), d("0")});
  portfolio.deposit("USDT", d("20010"));
  const Order& too_much = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("1")));
  CHECK(too_much.state == OrderState::rejected);
  CHECK(exchange.trades().size() == 2);
  CHECK(portfolio.balance("USDT") == Balance{d("20010"), d("20010")});
}

TEST_CASE("without a book, or with one older than the latest candle, a market order fills at the close",
          "[simulated_exchange][order_book]") {
  BookFixture f;
  // Candle 1 opens at 60 s: the book taken at 30 s is older than it.
  f.exchange.on_candle("BTC/USDT", candle(1, "20000", "20200", "19900", "20100"));
  const Order& buy = f.exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.8")));
  CHECK(f.trades() == Trades{{d("20120.1"), d("0.8")}});  // 20100 * 1.001, as without a book
  CHECK(buy.state == OrderState::filled);
  // A fresh book is used again.
  f.exchange.set_order_book(book(61'000, {{d("20090"), d("1")}}, {{d("20110"), d("1")}}));
  f.exchange.create_order(OrderRequest::market("BTC/USDT", Side::sell, d("0.3")));
  CHECK(f.trades().back() == std::pair{d("20090"), d("0.3")});
}

TEST_CASE("an empty side of the book falls back to the close", "[simulated_exchange][order_book]") {
  BookFixture f;
  f.exchange.set_order_book(book(30'000, {{d("19990"), d("1")}}, {}));
  f.exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.1")));
  CHECK(f.trades() == Trades{{d("20020"), d("0.1")}});  // 20000 * 1.001
}
