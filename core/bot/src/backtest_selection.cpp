#include "backtest_selection.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace octobot::bot {

BacktestSelection select_backtest(const std::vector<backtesting::data::SeriesInfo>& series, const std::string& where,
                                  const BacktestConfig& config) {
  if (series.empty()) throw std::runtime_error(where + ": the data holds no candle series");
  BacktestSelection selection;

  std::set<std::string> exchanges;
  for (const auto& info : series) exchanges.insert(info.exchange);
  selection.exchange = *exchanges.begin();
  if (exchanges.size() > 1) {
    selection.warnings.push_back("the data holds several exchanges; replaying " + selection.exchange);
  }

  std::set<std::string> available;
  for (const auto& info : series) {
    if (info.exchange == selection.exchange) available.insert(info.symbol);
  }
  std::set<std::string> wanted(config.symbols.begin(), config.symbols.end());
  if (wanted.empty()) {
    for (const auto& pair : config.profile.trading_pairs()) {
      if (available.contains(pair)) wanted.insert(pair);
    }
    if (wanted.empty()) {
      wanted = available;
      std::string pairs;
      for (const auto& pair : config.profile.trading_pairs()) pairs += (pairs.empty() ? "" : ", ") + pair;
      std::string found;
      for (const auto& symbol : available) found += (found.empty() ? "" : ", ") + symbol;
      selection.warnings.push_back("the profile trades " + (pairs.empty() ? std::string("no pair") : pairs) +
                                   ", the data holds " + found + ": replaying every symbol of the data");
    }
  }
  for (const auto& symbol : wanted) {
    if (!available.contains(symbol)) {
      std::string found;
      for (const auto& s : available) found += (found.empty() ? "" : ", ") + s;
      throw std::runtime_error("symbol " + symbol + " is not in " + where + " (it holds " + found + ")");
    }
  }
  selection.symbols.assign(wanted.begin(), wanted.end());

  std::set<commons::TimeFrame> time_frames;
  std::set<std::string> quotes;
  for (const auto& info : series) {
    if (info.exchange != selection.exchange || !wanted.contains(info.symbol)) continue;
    selection.series_ids.push_back(info.id);
    time_frames.insert(info.time_frame);
    quotes.insert(info.quote);
    selection.candles_total += static_cast<std::uint64_t>(info.candle_count);
  }
  selection.time_frames.assign(time_frames.begin(), time_frames.end());

  // The reference market: the profile's, when the data is quoted in it. Data quoted in another single
  // market (Bitstamp's BTC/USD for a USDT profile) is valued in that market, and the profile's
  // reference-market balance moves to it, so the starting value is the one the profile meant.
  selection.starting_portfolio = config.profile.starting_portfolio;
  selection.reference_market = config.profile.reference_market;
  if (!quotes.contains(selection.reference_market) && quotes.size() == 1) {
    const std::string quote = *quotes.begin();
    selection.warnings.push_back(
        "the profile's reference market is " + selection.reference_market + " but the data is quoted in " + quote +
        ": the run is valued in " + quote +
        (selection.starting_portfolio.contains(selection.reference_market)
             ? " and the starting " + selection.reference_market + " balance is held as " + quote
             : std::string()));
    if (const auto it = selection.starting_portfolio.find(selection.reference_market);
        it != selection.starting_portfolio.end() && !selection.starting_portfolio.contains(quote)) {
      selection.starting_portfolio[quote] = it->second;
      selection.starting_portfolio.erase(it);
    }
    selection.reference_market = quote;
  }
  if (selection.reference_market.empty()) {
    throw std::runtime_error("the profile has no trading.reference-market and the data has several quotes");
  }
  return selection;
}

}  // namespace octobot::bot
