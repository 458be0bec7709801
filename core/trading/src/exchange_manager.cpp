#include <octobot/commons/decimal_format.hpp>
#include <octobot/trading/exchange_manager.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

namespace octobot::trading {

ExchangeManager::ExchangeManager(ExchangeManagerConfig config, channel::ChannelRegistry& registry,
                                 std::vector<Market> markets)
    : config_(std::move(config)),
      registry_(registry),
      candles_(config_.candle_capacity),
      portfolio_(std::make_unique<Portfolio>("main")) {
  if (config_.exchange_id.empty()) throw std::invalid_argument("an exchange manager needs an exchange id");
  if (config_.recent_trades_capacity == 0) {
    throw std::invalid_argument(fmt::format("exchange '{}': recent trades capacity must be positive", id()));
  }
  // get<> throws ChannelError naming the missing channel: the set must be created by the caller, who
  // chooses the delivery mode (synchronized for backtests, asynchronous live).
  ohlcv_ = registry_.get<channel::OhlcvChannel>(id());
  ticker_ = registry_.get<channel::TickerChannel>(id());
  order_book_ = registry_.get<channel::OrderBookChannel>(id());
  recent_trades_ = registry_.get<channel::RecentTradesChannel>(id());
  balance_ = registry_.get<channel::BalanceChannel>(id());
  orders_ = registry_.get<channel::OrdersChannel>(id());
  trades_ = registry_.get<channel::TradesChannel>(id());
  for (Market& market : markets) add_market(std::move(market));
}

ExchangeManager::~ExchangeManager() = default;

void ExchangeManager::add_market(Market market) {
  if (markets_.contains(market.symbol)) {
    throw std::invalid_argument(fmt::format("exchange '{}': market '{}' is defined twice", id(), market.symbol));
  }
  std::string symbol = market.symbol;
  symbols_.emplace(symbol, SymbolData{});
  markets_.emplace(std::move(symbol), std::move(market));
}

const Market* ExchangeManager::find_market(std::string_view symbol) const {
  const auto found = markets_.find(symbol);
  return found == markets_.end() ? nullptr : &found->second;
}

const Market& ExchangeManager::market(std::string_view symbol) const {
  const Market* found = find_market(symbol);
  if (found == nullptr) throw std::invalid_argument(fmt::format("exchange '{}': unknown market '{}'", id(), symbol));
  return *found;
}

std::vector<std::string> ExchangeManager::symbols() const {
  std::vector<std::string> result;
  result.reserve(markets_.size());
  for (const auto& [symbol, market] : markets_) result.push_back(symbol);
  return result;
}

ExchangeManager::SymbolData& ExchangeManager::data(std::string_view symbol) {
  const auto found = symbols_.find(symbol);
  if (found == symbols_.end()) {
    throw std::invalid_argument(fmt::format("exchange '{}': unknown market '{}'", id(), symbol));
  }
  return found->second;
}

const ExchangeManager::SymbolData* ExchangeManager::find_data(std::string_view symbol) const {
  const auto found = symbols_.find(symbol);
  return found == symbols_.end() ? nullptr : &found->second;
}

void ExchangeManager::push_candle(std::string_view symbol, commons::TimeFrame time_frame,
                                  const channel::Candle& candle) {
  push_candle(symbol, time_frame, candle, values_of(candle));
}

void ExchangeManager::push_candle(std::string_view symbol, commons::TimeFrame time_frame, const channel::Candle& candle,
                                  const CandleValues& values) {
  SymbolData& symbol_data = data(symbol);
  const Market& m = markets_.find(symbol)->second;
  const bool drives_fills = simulated_ != nullptr && time_frame == symbol_data.fill_time_frame.value_or(
                                                                       default_fill_time_frame_.value_or(time_frame));
  if (drives_fills) {
    // A candle buffer accepts a new version of its latest candle (one still in progress), but orders
    // were already filled on that candle: refuse before anything changes.
    const CandleBuffer* buffer = candles_.find(symbol, time_frame);
    if (buffer != nullptr && !buffer->empty() && candle.open_time_ms <= buffer->latest().open_time_ms) {
      throw std::invalid_argument(fmt::format(
          "exchange '{}': {} {} candle at {} ms is not newer than the latest ({} ms) "
          "and orders already filled on it",
          id(), symbol, commons::to_string(time_frame), candle.open_time_ms, buffer->latest().open_time_ms));
    }
  }
  candles_.push(symbol, time_frame, candle, values);
  if (!symbol_data.latest_candle || candle.open_time_ms >= symbol_data.latest_candle->open_time_ms) {
    symbol_data.latest_candle = candle;
  }
  if (simulated_ != nullptr && !symbol_data.fill_time_frame) {
    symbol_data.fill_time_frame = default_fill_time_frame_.value_or(time_frame);
  }
  if (drives_fills) simulated_->on_candle(symbol, candle);
  if (ohlcv_->consumer_count() == 0) return;  // nobody to tell: skip building the message
  ohlcv_->send(channel::OhlcvMessage{m.base, m.symbol, std::string(commons::to_string(time_frame)), candle});
}

const CandleBuffer* ExchangeManager::candles(std::string_view symbol, commons::TimeFrame time_frame) const {
  return candles_.find(symbol, time_frame);
}

void ExchangeManager::update_ticker(channel::TickerMessage ticker) {
  SymbolData& symbol_data = data(ticker.symbol);
  if (ticker.cryptocurrency.empty()) ticker.cryptocurrency = market(ticker.symbol).base;
  symbol_data.ticker = ticker;
  ticker_->send(std::move(ticker));
}

const channel::TickerMessage* ExchangeManager::ticker(std::string_view symbol) const {
  const SymbolData* symbol_data = find_data(symbol);
  return symbol_data != nullptr && symbol_data->ticker ? &*symbol_data->ticker : nullptr;
}

void ExchangeManager::update_order_book(channel::OrderBookMessage book) {
  SymbolData& symbol_data = data(book.symbol);
  if (book.cryptocurrency.empty()) book.cryptocurrency = market(book.symbol).base;
  symbol_data.book = book;
  // Paper trading fills its market orders against the book, as the exchange would.
  if (simulated_ != nullptr) simulated_->set_order_book(book);
  order_book_->send(std::move(book));
}

const channel::OrderBookMessage* ExchangeManager::order_book(std::string_view symbol) const {
  const SymbolData* symbol_data = find_data(symbol);
  return symbol_data != nullptr && symbol_data->book ? &*symbol_data->book : nullptr;
}

void ExchangeManager::add_recent_trades(std::string_view symbol, std::vector<channel::PublicTrade> trades) {
  SymbolData& symbol_data = data(symbol);
  for (const channel::PublicTrade& trade : trades) {
    symbol_data.trades.push_back(trade);
    if (symbol_data.trades.size() > config_.recent_trades_capacity) symbol_data.trades.pop_front();
  }
  const Market& m = market(symbol);
  recent_trades_->send(channel::RecentTradesMessage{m.base, m.symbol, std::move(trades)});
}

const std::deque<channel::PublicTrade>& ExchangeManager::recent_trades(std::string_view symbol) const {
  const SymbolData* symbol_data = find_data(symbol);
  if (symbol_data == nullptr) {
    throw std::invalid_argument(fmt::format("exchange '{}': unknown market '{}'", id(), symbol));
  }
  return symbol_data->trades;
}

std::optional<Decimal> ExchangeManager::last_price(std::string_view symbol) const {
  const SymbolData* symbol_data = find_data(symbol);
  if (symbol_data == nullptr) return std::nullopt;
  const auto& candle = symbol_data->latest_candle;
  const auto& ticker = symbol_data->ticker;
  // A ticker is a live snapshot; a candle's close is known only once it is pushed (at its open time
  // here, as no close time is stored): the newer of the two wins.
  if (ticker && (!candle || ticker->timestamp_ms >= candle->open_time_ms)) return ticker->last;
  if (candle) return candle->close;
  return std::nullopt;
}

std::map<std::string, Decimal, std::less<>> ExchangeManager::prices_in(std::string_view reference) const {
  std::map<std::string, Decimal, std::less<>> prices;
  prices.emplace(std::string(reference), Decimal::from_integer(1));
  for (const auto& [symbol, m] : markets_) {
    if (m.quote != reference) continue;
    if (const auto price = last_price(symbol)) prices[m.base] = *price;
  }
  return prices;
}

SimulatedExchange& ExchangeManager::start_simulation(SimulationConfig config) {
  if (gateway_) throw std::logic_error(fmt::format("exchange '{}' already has an order gateway", id()));
  std::vector<Market> markets;
  markets.reserve(markets_.size());
  for (const auto& [symbol, m] : markets_) markets.push_back(m);
  auto simulated = std::make_unique<SimulatedExchange>(std::move(markets), *portfolio_, config.exchange,
                                                       ExchangeChannels{orders_, trades_, balance_});
  simulated_ = simulated.get();
  default_fill_time_frame_ = config.fill_time_frame;
  set_gateway(std::move(simulated));
  return *simulated_;
}

void ExchangeManager::set_gateway(std::unique_ptr<OrderGateway> gateway) {
  if (!gateway) throw std::invalid_argument(fmt::format("exchange '{}': the order gateway is null", id()));
  if (gateway_) throw std::logic_error(fmt::format("exchange '{}' already has an order gateway", id()));
  gateway_ = std::move(gateway);
  gateway_->set_fill_listener([this](const Portfolio& portfolio, const Order& order,
                                     const channel::TradeMessage& trade) { on_fill(portfolio, order, trade); });
}

OrderGateway& ExchangeManager::gateway() const {
  if (!gateway_) {
    throw std::logic_error(
        fmt::format("exchange '{}' has no order gateway: call start_simulation or set_gateway first", id()));
  }
  return *gateway_;
}

void ExchangeManager::on_fill(const Portfolio& portfolio, const Order& order, const channel::TradeMessage& trade) {
  const Market* m = find_market(order.symbol);
  if (m == nullptr) return;  // a live connector filled a market we do not list: nothing to value it by
  pnl_[portfolio.name()].record(*m, trade);
}

const PnlTracker& ExchangeManager::pnl(const Portfolio* portfolio) const {
  static const PnlTracker kEmpty;
  const std::string& name = portfolio != nullptr ? portfolio->name() : portfolio_->name();
  const auto found = pnl_.find(name);
  return found == pnl_.end() ? kEmpty : found->second;
}

Decimal ExchangeManager::unrealised_pnl(std::string_view symbol, const Portfolio* portfolio) const {
  const SymbolPnl* symbol_pnl = pnl(portfolio).find(symbol);
  const auto price = last_price(symbol);
  if (symbol_pnl == nullptr || !price) return Decimal{};
  return symbol_pnl->unrealised(*price);
}

void ExchangeManager::publish_balances() {
  for (const auto& [asset, balance] : portfolio_->balances()) {
    balance_->send(channel::BalanceMessage{asset, balance.total, balance.available});
  }
}

}  // namespace octobot::trading
