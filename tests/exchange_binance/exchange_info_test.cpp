// ExchangeInfo::find: a market by either symbol form ("BTC/USDT", "BTCUSDT"), through the index that
// parse_exchange_info builds, and never a wrong or missing answer when the index is out of date.
#include <catch2/catch.hpp>

#include <octobot_binance/types.hpp>
#include <string>

#include "parse.hpp"

using octobot::binance::ExchangeInfo;
using octobot::binance::MarketInfo;

namespace {

// 3,000 markets, as many as Binance spot lists: C0/USDT, C1/BTC, ...
ExchangeInfo many_markets() {
  const char* quotes[] = {"USDT", "BTC", "ETH", "BNB", "FDUSD", "TRY", "EUR", "BRL"};
  ExchangeInfo info;
  for (int i = 0; i < 3000; ++i) {
    MarketInfo market;
    market.base = "C" + std::to_string(i);
    market.quote = quotes[i % 8];
    market.exchange_symbol = market.base + market.quote;
    market.symbol = market.base + "/" + market.quote;
    info.markets.push_back(market);
  }
  return info;
}

}  // namespace

TEST_CASE("exchange info: find answers either symbol form, indexed or not, and nullptr for an unknown one",
          "[exchange_info]") {
  ExchangeInfo info = many_markets();
  for (const bool indexed : {false, true}) {
    CAPTURE(indexed);
    if (indexed) info.index_markets();
    for (const int i : {0, 1500, 2999}) {
      const MarketInfo& market = info.markets[static_cast<std::size_t>(i)];
      CHECK(info.find(market.symbol) == &market);
      CHECK(info.find(market.exchange_symbol) == &market);
      CHECK(info.find(market.symbol + ":" + market.quote) == &market);  // a settlement suffix is ignored
    }
    CHECK(info.find("NOPE/USDT") == nullptr);
    CHECK(info.find("") == nullptr);
  }
}

TEST_CASE("exchange info: an index older than the markets never answers with the wrong market or hides one",
          "[exchange_info]") {
  ExchangeInfo info = many_markets();
  info.index_markets();
  // Renamed in place (same count): the index still maps the old name to this position.
  info.markets[10].exchange_symbol = "RENAMEDUSDT";
  info.markets[10].symbol = "RENAMED/USDT";
  CHECK(info.find("C10/ETH") == nullptr);
  CHECK(info.find("RENAMED/USDT") == &info.markets[10]);
  // One more market (a different count): found by the scan until indexed again.
  MarketInfo added;
  added.exchange_symbol = "NEWUSDT";
  added.symbol = "NEW/USDT";
  info.markets.push_back(added);
  CHECK(info.find("NEW/USDT") == &info.markets.back());
  info.index_markets();
  CHECK(info.find("NEW/USDT") == &info.markets.back());
  CHECK(info.find("C2999/BRL") == &info.markets[2999]);
}

TEST_CASE("exchange info: parse_exchange_info's markets are found by either form", "[exchange_info]") {
  const ExchangeInfo info = octobot::binance::detail::parse_exchange_info(R"({"serverTime":1,"rateLimits":[],"symbols":[
    {"symbol":"ETHBTC","baseAsset":"ETH","quoteAsset":"BTC","status":"TRADING","filters":[]},
    {"symbol":"BTCUSDT","baseAsset":"BTC","quoteAsset":"USDT","status":"TRADING","filters":[]}]})");
  REQUIRE(info.markets.size() == 2);
  CHECK(info.find("BTC/USDT") == &info.markets[1]);
  CHECK(info.find("ETHBTC") == &info.markets[0]);
  CHECK(info.find("BTC/EUR") == nullptr);
}
