// The simulated exchange: backtesting and paper trading fill orders here instead of on a real
// exchange. It is fed closed candles, one symbol at a time, in time order.
//
// No look-ahead: an order may fill only on a candle that starts after the latest candle the exchange
// had seen for its symbol when the order was created. A strategy reacting to candle t therefore never
// fills on candle t's own range, only on t+1 and later.
//
// Fill rules on a candle (open O, high H, low L), prices in the order's favour only when the market
// gives them:
//   market              at creation, at the latest close moved against the order by the slippage
//   limit buy / sell    when L <= price / H >= price, at the limit price, maker fee
//   stop-loss sell      when L <= trigger, at min(O, trigger) (a gap down fills at the open), taker
//   stop-loss buy       when H >= trigger, at max(O, trigger), taker
//   take-profit sell    when H >= trigger, at max(O, trigger), taker; buy: L <= trigger, min(O, trigger)
//   *_limit variants    the trigger turns them into a resting limit order, fillable from the next
//                       candle (the order of prices inside one candle is unknown)
//   trailing stop sell  the stop follows the highest high at trailing_percent below it; checked against
//                       the candle's low BEFORE the candle's high raises it (the conservative reading),
//                       then filled like a stop-loss; buy mirrors it
//   trailing stop limit trails like a trailing stop; once hit, rests as a limit at the request's price,
//                       or limit_offset_percent beyond the trigger, fillable from the next candle
// Expiry: an order with expire_at_ms expires (funds released, published) on the first candle of its
// symbol opening at or after that time, before the candle is used for fills.
// Slippage moves every taker fill price against the order (buy up, sell down) by slippage_rate, then
// the price is rounded to the market's tick against the order. With max_volume_fraction > 0, a candle
// fills at most that fraction of its volume for each order (partial fills); 0 means unlimited.
//
// Money: fills spend the reserved funds exactly; the fee is charged in the received asset (base for a
// buy, quote for a sell), maker or taker rate, as an exact product (no rounding at these precisions).
// After every balance change (reservation, fill, release) the account's balance of each asset touched
// is sent on the Balance channel; after every fill the fill listener is called with the portfolio.
#pragma once

#include <octobot/channel/channel.hpp>
#include <octobot/channel/standard/exchange_data.hpp>
#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/trading/market.hpp>
#include <octobot/trading/order.hpp>
#include <octobot/trading/order_gateway.hpp>
#include <octobot/trading/order_links.hpp>
#include <octobot/trading/order_request.hpp>
#include <octobot/trading/portfolio.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace octobot::trading {

struct SimulatedExchangeConfig {
  Decimal slippage_rate;        // 0.001: taker fills 0.1 % worse than the reference price
  Decimal max_volume_fraction;  // 0: unlimited; 0.1: at most 10 % of a candle's volume per order
  // Final orders (filled, cancelled, rejected, expired) stay readable through order() for at least
  // this many later closings, then are released at the next candle; trades() keeps as many recent
  // trades. A run's memory therefore does not grow with its number of orders. Whoever needs every
  // order or trade reads the Orders and Trades channels (TradingRecorder writes them to SQLite).
  std::size_t closed_orders_kept = 1024;
};

// OrderRequest and OrderGroupKind: order_request.hpp; ExchangeChannels: order_gateway.hpp.

class SimulatedExchange final : public OrderGateway {
 public:
  // `portfolio` (the account, or the sub-portfolio orders go to by default) must outlive the exchange.
  SimulatedExchange(std::vector<Market> markets, Portfolio& portfolio, SimulatedExchangeConfig config = {},
                    ExchangeChannels channels = {});

  // The latest order book of its symbol (paper trading on live data; a backtest has none). A market
  // order then fills against it as it would on the exchange: level by level from the best price, one
  // trade per level at that level's price, and what goes beyond the book's depth at its last level
  // (a lower bound on the cost: the exchange would go deeper). Without a book, or with one older than
  // the symbol's latest candle (the stream that fed it stopped), it fills at the latest close plus
  // slippage as before. Throws std::invalid_argument for an unknown symbol.
  void set_order_book(const channel::OrderBookMessage& book);

  // A closed candle of `symbol`: fills the eligible open orders, then becomes the latest price.
  // Throws std::invalid_argument for an unknown symbol or a candle not newer than the latest.
  void on_candle(std::string_view symbol, const channel::Candle& candle);

  // Creates an order on `portfolio` (default: the exchange's). Amount and prices are rounded to the
  // market; an order that does not fit (minimums, funds, no price yet) comes back rejected with a
  // reason, and is kept and published like any other. Throws std::invalid_argument for an unknown
  // symbol or a request missing a price its type needs (a caller bug).
  const Order& create_order(const OrderRequest& request, Portfolio* portfolio = nullptr) override;
  // Chained orders: `requests` are created when the order `parent_id` is completely filled (e.g. the
  // take-profit + stop-loss of an entry), as one group when `group` is set. They can fill only on
  // candles after the parent's fill. Cancelling the parent drops them. A chained order that does not
  // fit when created is rejected with a reason like any other. Throws std::invalid_argument for an
  // unknown or final parent, or nothing to create.
  void chain(std::string_view parent_id, std::vector<OrderRequest> requests,
             std::optional<OrderGroupKind> group = std::nullopt, Portfolio* portfolio = nullptr) override;
  // Creates the orders of a group. If any member does not fit (minimums, funds for the shared
  // reservation), every member comes back rejected with a reason. Throws std::invalid_argument for
  // fewer than two members, members on different symbols or sides, or unequal amounts in a balanced
  // group.
  std::vector<const Order*> create_order_group(OrderGroupKind kind, const std::vector<OrderRequest>& requests,
                                               Portfolio* portfolio = nullptr) override;
  // Cancels an open order (and the rest of its group) and gives its reserved funds back. False if it
  // is unknown or already final.
  bool cancel_order(std::string_view id) override;
  // Expires every open order whose expire_at_ms <= now_ms (state expired, funds released, published).
  // Returns how many. on_candle does this itself for its symbol's orders, with the candle's open time.
  std::size_t expire_orders(std::int64_t now_ms);

  // Restoring a previous run (a resumed paper session): first each group with its members, then
  // every other open order, then the chains on the restored parents. Orders restored this way behave
  // as they would have without the restart: same reservations, same fills, same chained orders.
  //
  // Restores an open order saved by a previous run (TradingStore::load_open_orders) on its own: its
  // reserved funds are locked again in `portfolio` and it is open again, fillable from the next candle
  // of its symbol. A group member saved without a reservation of its own (it shared its group's) gets
  // the one it needs alone: restore it with restore_order_group instead. Throws std::invalid_argument
  // for an unknown symbol, a final order or a duplicate id; InsufficientFunds when the portfolio
  // cannot hold its reservation.
  const Order& restore_order(const Order& order, Portfolio* portfolio = nullptr);
  // Restores a group saved by links() and its open members, found by id in `saved` (the previous
  // run's open orders): the shared reservation is locked once, the members hold none of their own,
  // and a fill or cancel of one acts on the others as before. All or nothing. Throws
  // std::invalid_argument, naming what was expected and what was found, for no member, a member id
  // not in `saved`, a member that is not open, members on different symbols or sides, a reserved
  // asset other than the one the members reserve, a member holding a reservation of its own, or what
  // restore_order refuses; InsufficientFunds when the portfolio cannot hold the reservation.
  std::vector<const Order*> restore_order_group(const OrderGroupLink& group, const std::vector<Order>& saved,
                                                Portfolio* portfolio = nullptr);
  // Restores orders chained to a restored open parent (as chain() would have left them). Throws
  // std::invalid_argument for an unknown or final parent, nothing to create, a request on an unknown
  // market or an invalid group.
  void restore_chain(const ChainedOrdersLink& chain, Portfolio* portfolio = nullptr);
  // Removes and returns the chains waiting for `parent_id` (empty when none): a resumed session hands
  // restored chains to the parent's trading-mode account, which then creates them as its own.
  std::vector<ChainedOrdersLink> take_chains(std::string_view parent_id);
  // The groups with an open member and the pending chains, as a previous run saves them.
  [[nodiscard]] OrderLinks links() const;

  // nullptr for an unknown id, or for a final order released after config.closed_orders_kept later
  // closings (at the next candle).
  [[nodiscard]] const Order* order(std::string_view id) const override;
  [[nodiscard]] std::vector<const Order*> open_orders() const override;
  // The latest trades (at most config.closed_orders_kept, oldest first); trade_count() counts all.
  [[nodiscard]] const std::deque<channel::TradeMessage>& trades() const noexcept { return trades_; }
  [[nodiscard]] std::uint64_t trade_count() const noexcept { return trade_count_; }
  // Orders held in memory: open ones plus the window of recently closed ones (bounded by
  // config.closed_orders_kept between candles, whatever the length of the run).
  [[nodiscard]] std::size_t retained_orders() const noexcept { return orders_.size(); }
  [[nodiscard]] std::uint64_t orders_created() const noexcept { return next_id_ - 1; }
  [[nodiscard]] const Market& market(std::string_view symbol) const override;
  [[nodiscard]] Portfolio& portfolio() noexcept override { return portfolio_; }
  void set_fill_listener(FillListener listener) override { fill_listener_ = std::move(listener); }

 private:
  struct Tracked {
    Order order;
    Portfolio* portfolio;
    std::int64_t fillable_after_ms;  // the latest candle open time seen at creation (no look-ahead)
    Decimal best_price;              // trailing orders: the best price seen since creation
    std::uint64_t group = kNoGroup;  // key in groups_
  };
  static constexpr std::uint64_t kNoGroup = UINT64_MAX;
  // Lives while a member is open; erased (its reservation released) when every member is final.
  struct Group {
    OrderGroupKind kind;
    std::vector<std::string> ids;
    Decimal reserved;  // shared by the members; their own Order::reserved stays zero
    Portfolio* portfolio;
    std::string reserved_asset;
  };
  struct SymbolState {
    Market market;
    bool has_candle = false;
    channel::Candle latest;
    std::optional<channel::OrderBookMessage> book;  // the latest one, paper trading only
  };
  // One level's share of a market order filled against the book.
  struct BookFill {
    Decimal price;
    Decimal amount;
  };
  // How a market order of `order.amount` fills against the symbol's book, best level first; empty
  // when there is no usable book (see set_order_book).
  [[nodiscard]] std::vector<BookFill> book_fills(const SymbolState& state, const Order& order) const;

  SymbolState& symbol_state(std::string_view symbol);
  Tracked& place(const OrderRequest& request, Portfolio* portfolio);
  // The reference price the order reserves at, or a rejection reason.
  // A market order's walk of the book lands in `book_fills` when given (empty: no usable book).
  [[nodiscard]] std::optional<std::string> prepare(Tracked& tracked, Decimal& reference_price,
                                                   std::vector<BookFill>* book_fills = nullptr);
  void open(Tracked& tracked);
  Decimal& reservation(Tracked& tracked);
  void after_fill(Tracked& tracked, Decimal amount, std::int64_t time_ms);
  void close_order(Tracked& tracked, OrderState state, std::string reason, std::int64_t time_ms);
  void release_group_if_done(std::uint64_t group);
  // After a transition to a final state: the order joins the window of recently closed ones.
  void closed(const Tracked& tracked);
  // Releases the closed orders beyond the window (called at each candle, when no caller holds one).
  void release_closed();
  [[nodiscard]] Tracked* find(std::string_view id);
  void create_chained(const std::string& parent_id);
  void reject(Tracked& tracked, std::string reason);
  void process(Tracked& tracked, const SymbolState& state, const channel::Candle& candle);
  // Fills up to `amount` at `price`. Returns false when the fill could not be paid (the order is then
  // cancelled with a reason).
  bool fill(Tracked& tracked, const Market& market, Decimal amount, Decimal price, bool maker, std::int64_t time_ms);
  [[nodiscard]] Decimal volume_cap(const Market& market, const channel::Candle& candle) const;
  [[nodiscard]] Decimal with_slippage(const Market& market, Side side, Decimal price) const;
  void publish(const Tracked& tracked, std::int64_t time_ms);
  // The account (root) balance of `asset` after a change in `portfolio` or one of its ancestors.
  void publish_balance(const Portfolio& portfolio, std::string_view asset);
  void expire(Tracked& tracked, std::int64_t time_ms);
  // Checks that `saved` can be restored (known market, open, unused id): throws std::invalid_argument.
  void check_restorable(const Order& saved) const;
  // Opens a checked saved order again on `target`, in `group` (kNoGroup: alone); its reservation, if
  // any, is already locked.
  Tracked& reopen(const Order& saved, Portfolio* target, std::uint64_t group);

  std::map<std::string, SymbolState, std::less<>> symbols_;
  Portfolio& portfolio_;
  SimulatedExchangeConfig config_;
  ExchangeChannels channels_;
  // Open orders and the recently closed ones; a hash map: looked up by id on every update.
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const noexcept { return std::hash<std::string_view>{}(id); }
  };
  std::unordered_map<std::string, Tracked, IdHash, std::equal_to<>> orders_;
  std::vector<std::string> open_ids_;         // creation order: processing order is deterministic
  std::deque<std::string> closed_ids_;        // closing order: the oldest is released first
  std::deque<channel::TradeMessage> trades_;  // the latest ones
  std::uint64_t trade_count_ = 0;
  std::unordered_map<std::uint64_t, Group> groups_;
  std::uint64_t next_group_ = 0;
  struct Chained {
    std::vector<OrderRequest> requests;
    std::optional<OrderGroupKind> group;
    Portfolio* portfolio;
    std::vector<std::string> tags;  // a restored chain's (ChainedOrdersLink::tags), kept for links()
  };
  std::map<std::string, std::vector<Chained>, std::less<>> chained_;  // parent id -> created on its fill
  std::uint64_t next_id_ = 1;
  FillListener fill_listener_;
};

}  // namespace octobot::trading
