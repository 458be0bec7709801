// ExchangeInfo::find over as many markets as Binance spot lists (~3,000): the connector looks a
// market up on every order it sends (submit_order, on the bot loop) and every subscribe. ns per
// lookup of the first, a middle and the last market, through the index parse_exchange_info builds.
// Reference in the same program: the same lookups as a scan of the markets (find's former path).
#include <algorithm>
#include <array>
#include <octobot_binance/types.hpp>
#include <string>

#include "bench_report.hpp"

using octobot::bench::ns_per_call;
using octobot::bench::report;

namespace {

constexpr int kMarkets = 3000;
constexpr int kRounds = 20'000;

octobot::binance::ExchangeInfo many_markets() {
  const std::array<const char*, 8> quotes = {"USDT", "BTC", "ETH", "BNB", "FDUSD", "TRY", "EUR", "BRL"};
  octobot::binance::ExchangeInfo info;
  for (int i = 0; i < kMarkets; ++i) {
    octobot::binance::MarketInfo market;
    market.base = "C" + std::to_string(i);
    market.quote = quotes[static_cast<std::size_t>(i) % quotes.size()];
    market.exchange_symbol = market.base + market.quote;
    market.symbol = market.base + "/" + market.quote;
    info.markets.push_back(market);
  }
  info.index_markets();
  return info;
}

}  // namespace

void run_markets_bench() {
  const octobot::binance::ExchangeInfo info = many_markets();
  const std::array<std::string, 3> symbols = {info.markets.front().symbol, info.markets[kMarkets / 2].symbol,
                                              info.markets.back().symbol};
  report("exchange_binance.markets.find", "ns/lookup",
         ns_per_call(kRounds, symbols, [&](const std::string& symbol) { return info.find(symbol); }));
  report("exchange_binance.markets.find_by_scan", "ns/lookup",
         ns_per_call(kRounds, symbols, [&](const std::string& symbol) {
           const std::string wanted = octobot::binance::to_exchange_symbol(symbol);
           return std::find_if(info.markets.begin(), info.markets.end(),
                               [&](const auto& market) { return market.exchange_symbol == wanted; });
         }));
}
