// One exchange as the rest of the bot sees it (OctoBot's ExchangeManager): its markets, its market
// data (candle buffers per (symbol, time frame), latest ticker, order book, recent trades), the
// channels it publishes on, the account portfolio, and the OrderGateway that executes orders — the
// SimulatedExchange in backtesting and paper trading, a live connector later.
//
// Market data flows in through push_candle / update_ticker / update_order_book / add_recent_trades
// (from the backtesting engine's replay or a live connector's feed). Each call stores first, then
// publishes on the exchange's channel, so a consumer reading the buffers from its callback already
// sees the data it was told about.
//
// Order of work in push_candle, which is what keeps backtests free of look-ahead:
//   1. the candle goes into its CandleBuffer;
//   2. if the manager simulates and this is the symbol's fill time frame, the simulated exchange
//      processes it (orders created before fill or expire on it; it becomes the latest price);
//   3. the OhlcvMessage is sent: strategies react to candle t, and their orders can fill from t+1.
//
// Channels: the exchange's standard set (channel set id = the exchange id) must exist in the registry
// (channel::create_exchange_channels) before the manager is built; the manager does not own them.
// THREAD: one thread (the exchange's), like the simulated exchange.
#pragma once

#include <octobot/channel/registry.hpp>
#include <octobot/channel/standard/exchange_data.hpp>
#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/commons/time_frame.hpp>
#include <octobot/trading/candle_store.hpp>
#include <octobot/trading/market.hpp>
#include <octobot/trading/order_gateway.hpp>
#include <octobot/trading/pnl_tracker.hpp>
#include <octobot/trading/portfolio.hpp>
#include <octobot/trading/simulated_exchange.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::trading {

struct ExchangeManagerConfig {
  std::string exchange_id;                                       // "binance": the channel set id
  std::size_t candle_capacity = CandleBuffer::kDefaultCapacity;  // per (symbol, time frame)
  std::size_t recent_trades_capacity = 1000;                     // per symbol; the oldest go first
};

// How a simulated run fills orders.
struct SimulationConfig {
  SimulatedExchangeConfig exchange;
  // Candles of this time frame drive the fills. Unset: for each symbol, the time frame of its first
  // pushed candle (a backtest feeding several time frames should set the smallest one).
  std::optional<commons::TimeFrame> fill_time_frame;
};

class ExchangeManager {
 public:
  // Throws channel::ChannelError naming the channel when the exchange's channel set is missing from
  // `registry`, std::invalid_argument for an empty id, a zero capacity or two markets with one symbol.
  ExchangeManager(ExchangeManagerConfig config, channel::ChannelRegistry& registry, std::vector<Market> markets = {});
  ~ExchangeManager();
  ExchangeManager(const ExchangeManager&) = delete;
  ExchangeManager& operator=(const ExchangeManager&) = delete;

  [[nodiscard]] const std::string& id() const noexcept { return config_.exchange_id; }
  [[nodiscard]] channel::ChannelRegistry& registry() const noexcept { return registry_; }

  // --- markets ---------------------------------------------------------------------------------
  // Throws std::invalid_argument when the symbol is already known. Markets added after
  // start_simulation are not tradable on the simulated exchange (add them before).
  void add_market(Market market);
  // Throws std::invalid_argument naming the symbol when unknown.
  [[nodiscard]] const Market& market(std::string_view symbol) const;
  [[nodiscard]] const Market* find_market(std::string_view symbol) const;
  [[nodiscard]] const std::map<std::string, Market, std::less<>>& markets() const noexcept { return markets_; }
  [[nodiscard]] std::vector<std::string> symbols() const;

  // --- market data -----------------------------------------------------------------------------
  // Stores a closed candle, lets the simulated exchange fill on it (see above), publishes an
  // OhlcvMessage. Throws std::invalid_argument for an unknown symbol or an out-of-order candle; when
  // simulating, also for a candle of the fill time frame that is not newer than its latest (orders
  // already filled on that one), before anything changes.
  void push_candle(std::string_view symbol, commons::TimeFrame time_frame, const channel::Candle& candle);
  // The same, with the candle's values as doubles already at hand (a backtest's data file holds
  // doubles): the candle buffer takes them as they are (CandleBuffer::push).
  void push_candle(std::string_view symbol, commons::TimeFrame time_frame, const channel::Candle& candle,
                   const CandleValues& values);
  [[nodiscard]] const CandleStore& candles() const noexcept { return candles_; }
  // nullptr until the first candle of that (symbol, time frame).
  [[nodiscard]] const CandleBuffer* candles(std::string_view symbol, commons::TimeFrame time_frame) const;

  // Keeps the latest ticker of its symbol and publishes it. Unknown symbol: std::invalid_argument.
  void update_ticker(channel::TickerMessage ticker);
  [[nodiscard]] const channel::TickerMessage* ticker(std::string_view symbol) const;  // nullptr if none yet

  // Keeps the latest book snapshot of its symbol and publishes it; when simulating, market orders
  // fill against it (SimulatedExchange::set_order_book). Unknown symbol: std::invalid_argument.
  void update_order_book(channel::OrderBookMessage book);
  [[nodiscard]] const channel::OrderBookMessage* order_book(std::string_view symbol) const;

  // Appends market trades (oldest first) to the symbol's recent trades, keeping the latest
  // recent_trades_capacity, and publishes them. Unknown symbol: std::invalid_argument.
  void add_recent_trades(std::string_view symbol, std::vector<channel::PublicTrade> trades);
  [[nodiscard]] const std::deque<channel::PublicTrade>& recent_trades(std::string_view symbol) const;

  // The latest known price of a symbol: the ticker's last when it is newer than the latest candle,
  // otherwise the latest candle's close (over every time frame). nullopt before any data.
  [[nodiscard]] std::optional<Decimal> last_price(std::string_view symbol) const;
  // Every asset's price in `reference` ("USDT") from the markets quoted in it, for Portfolio::value_in
  // and PortfolioValueHistory; `reference` itself is 1.
  [[nodiscard]] std::map<std::string, Decimal, std::less<>> prices_in(std::string_view reference) const;

  // --- trading ---------------------------------------------------------------------------------
  // The account portfolio (owned by the manager). Deposit the starting funds here, then call
  // publish_balances() so that Balance consumers see them.
  [[nodiscard]] Portfolio& portfolio() noexcept { return *portfolio_; }
  [[nodiscard]] const Portfolio& portfolio() const noexcept { return *portfolio_; }

  // Makes a SimulatedExchange over the known markets and the account portfolio, publishing on this
  // exchange's Orders, Trades and Balance channels, and makes it the gateway. Throws std::logic_error
  // when a gateway is already set.
  SimulatedExchange& start_simulation(SimulationConfig config = {});
  // The seam for live trading: any OrderGateway (a live connector). Throws std::logic_error when a
  // gateway is already set, std::invalid_argument for nullptr.
  void set_gateway(std::unique_ptr<OrderGateway> gateway);
  [[nodiscard]] bool has_gateway() const noexcept { return gateway_ != nullptr; }
  // Throws std::logic_error when no gateway is set.
  [[nodiscard]] OrderGateway& gateway() const;
  // nullptr unless start_simulation was called.
  [[nodiscard]] SimulatedExchange* simulated_exchange() const noexcept { return simulated_; }

  // PnL of the fills that went to `portfolio` (its name identifies it; the account's by default).
  // An empty tracker for a portfolio that never traded.
  [[nodiscard]] const PnlTracker& pnl(const Portfolio* portfolio = nullptr) const;
  // Unrealised PnL of one symbol of one portfolio at last_price(); zero without a position or price.
  [[nodiscard]] Decimal unrealised_pnl(std::string_view symbol, const Portfolio* portfolio = nullptr) const;

  // Sends one BalanceMessage per asset of the account portfolio (after deposits, on start).
  void publish_balances();

 private:
  struct SymbolData {
    std::optional<channel::TickerMessage> ticker;
    std::optional<channel::OrderBookMessage> book;
    std::deque<channel::PublicTrade> trades;
    std::optional<commons::TimeFrame> fill_time_frame;
    std::optional<channel::Candle> latest_candle;  // over every time frame, by open time
  };
  SymbolData& data(std::string_view symbol);
  const SymbolData* find_data(std::string_view symbol) const;
  void on_fill(const Portfolio& portfolio, const Order& order, const channel::TradeMessage& trade);

  ExchangeManagerConfig config_;
  channel::ChannelRegistry& registry_;
  std::map<std::string, Market, std::less<>> markets_;
  std::map<std::string, SymbolData, std::less<>> symbols_;
  CandleStore candles_;
  std::unique_ptr<Portfolio> portfolio_;
  std::unique_ptr<OrderGateway> gateway_;
  SimulatedExchange* simulated_ = nullptr;  // gateway_ when simulating
  std::optional<commons::TimeFrame> default_fill_time_frame_;
  std::map<std::string, PnlTracker, std::less<>> pnl_;  // by portfolio name

  std::shared_ptr<channel::Channel<channel::OhlcvChannel>> ohlcv_;
  std::shared_ptr<channel::Channel<channel::TickerChannel>> ticker_;
  std::shared_ptr<channel::Channel<channel::OrderBookChannel>> order_book_;
  std::shared_ptr<channel::Channel<channel::RecentTradesChannel>> recent_trades_;
  std::shared_ptr<channel::Channel<channel::BalanceChannel>> balance_;
  std::shared_ptr<channel::Channel<channel::OrdersChannel>> orders_;
  std::shared_ptr<channel::Channel<channel::TradesChannel>> trades_;
};

}  // namespace octobot::trading
