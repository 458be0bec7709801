// An account as a trading mode sees it (the thing behind the opaque ob_account*): the exchange that
// executes its orders (any trading::OrderGateway: the SimulatedExchange today, a live connector
// later), the portfolio its orders spend (the account portfolio or an isolated sub-portfolio), the
// reference market it is valued in, and where the latest prices come from.
//
// An Account also remembers which orders are its own, so that open_orders and cancel never see or
// touch another mode's orders on the same exchange, and keeps the chained requests of its orders
// (see chain()). THREAD: the exchange's thread, like the gateway.
#pragma once

#include <octobot/abi.h>
#include <octobot/trading/order_gateway.hpp>
#include <octobot/trading/order_links.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::trading_modes {

using commons::Decimal;

// The latest price of a symbol, nullopt before the first one (ExchangeManager::last_price fits).
using PriceSource = std::function<std::optional<Decimal>(std::string_view symbol)>;

struct AccountConfig {
  trading::OrderGateway* gateway = nullptr;  // required; must outlive the account
  trading::Portfolio* portfolio = nullptr;   // nullptr: the gateway's account portfolio
  std::string reference_market;              // "USDT"
  PriceSource prices;                        // required
};

// A request and the label the tentacle gave it (kept by the account: core orders carry no tag).
struct TaggedRequest {
  trading::OrderRequest request;
  std::string tag;
};

class Account {
 public:
  // Throws std::invalid_argument when the gateway or the price source is missing or the reference
  // market is empty.
  explicit Account(AccountConfig config);
  Account(const Account&) = delete;
  Account& operator=(const Account&) = delete;

  [[nodiscard]] const ob_account* handle() const noexcept { return reinterpret_cast<const ob_account*>(this); }
  [[nodiscard]] trading::OrderGateway& gateway() const noexcept { return *config_.gateway; }
  [[nodiscard]] trading::Portfolio& portfolio() const noexcept { return *portfolio_; }
  [[nodiscard]] const std::string& reference_market() const noexcept { return config_.reference_market; }
  [[nodiscard]] std::optional<Decimal> last_price(std::string_view symbol) const { return config_.prices(symbol); }
  // Throws ServiceError(OB_ERROR_INVALID_ARGUMENT) naming the symbol when the exchange has no such
  // market.
  [[nodiscard]] const trading::Market& market(std::string_view symbol) const;

  // Orders on this account's portfolio. A refusal is a rejected order (never thrown); a caller bug
  // (group of one, mixed sides, ...) is ServiceError(OB_ERROR_INVALID_ARGUMENT).
  const trading::Order& create(const TaggedRequest& request);
  std::vector<const trading::Order*> create_group(trading::OrderGroupKind kind,
                                                  const std::vector<TaggedRequest>& requests);
  // Requests created when the account's order `parent_id` is completely filled (as one group when
  // `group` is set); dropped when it ends otherwise. Kept here rather than in the gateway's own chain
  // because a gateway does not say which portfolio an order it created belongs to, and the account
  // must know its orders: the runner calls on_order_closed when the parent's final update arrives.
  // A parent already filled (a market entry) gets its chained orders at once; they are returned.
  // ServiceError: unknown parent (OB_ERROR_NOT_FOUND), parent already cancelled/rejected/expired or
  // an invalid group (OB_ERROR_INVALID_ARGUMENT).
  std::vector<const trading::Order*> chain(std::string_view parent_id, std::optional<trading::OrderGroupKind> group,
                                           std::vector<TaggedRequest> requests);
  // The requests chained to parents still open on the gateway, by parent id then in the order they
  // were chained, with their tags: what a paper session saves so that a resumed one restores them
  // (SimulatedExchange::restore_chain, then this account's chain once the parent is adopted).
  [[nodiscard]] std::vector<trading::ChainedOrdersLink> pending_chains() const;
  // False when the order is not the account's, unknown, or already final.
  bool cancel(std::string_view order_id);
  // Makes an order the account did not create its own, with `tag`, as if it had created it (its
  // creation listener is called): a resumed paper session gives each restored open order back to the
  // account (and through the runner, TradingModeRunner::adopt, to the mode instance) that owned it.
  // An order already the account's keeps its tag.
  void adopt(const trading::Order& order, const std::string& tag) { remember(order, tag); }

  // The order `id` moved to a final state: creates its chained orders when it filled, drops them
  // otherwise. Returns what was created (empty when nothing was chained).
  std::vector<const trading::Order*> on_order_closed(std::string_view order_id, trading::OrderState state);

  // The final update of `order_id` was delivered: the account forgets the id and its tag (the
  // runner calls it; a long run creates millions of orders and keeps only the open ones' ids).
  void forget(std::string_view order_id);

  [[nodiscard]] bool owns(std::string_view order_id) const;
  [[nodiscard]] const std::string& tag(std::string_view order_id) const;  // "" when none
  // The account's open orders on `symbol` (empty: all), oldest first.
  [[nodiscard]] std::vector<const trading::Order*> open_orders(std::string_view symbol = {}) const;

  // Called with each order the account creates (directly, in a group or chained), after creation.
  using CreationListener = std::function<void(const Account&, const trading::Order&)>;
  void set_creation_listener(CreationListener listener) { creation_listener_ = std::move(listener); }

  // The trading-mode instance placing orders now: its class and symbol (the runner answers with the
  // instance whose callback runs). Every request the account sends carries it with the request's tag
  // (OrderRequest::owner), so that a live gateway journals each order's owner before sending it.
  // No source, or none answering: requests go out with no owner.
  struct Placer {
    std::string_view mode;
    std::string_view mode_symbol;
  };
  using PlacerSource = std::function<std::optional<Placer>()>;
  void set_placer_source(PlacerSource source) { placer_source_ = std::move(source); }

 private:
  struct Chained {
    std::optional<trading::OrderGroupKind> group;
    std::vector<TaggedRequest> requests;
  };
  void remember(const trading::Order& order, const std::string& tag);
  // The requests as sent: each with its owner (the placer and its tag) when there is a placer.
  [[nodiscard]] std::vector<trading::OrderRequest> owned(const std::vector<TaggedRequest>& requests) const;
  [[nodiscard]] std::optional<Placer> placer() const;
  std::vector<const trading::Order*> create_now(const Chained& chained);

  AccountConfig config_;
  trading::Portfolio* portfolio_;
  // Own order id -> tag, for open orders and final ones whose last update is not delivered yet.
  std::map<std::string, std::string, std::less<>> tags_;
  mutable std::vector<std::string> open_ids_;  // creation order; pruned by open_orders
  std::map<std::string, std::vector<Chained>, std::less<>> chained_;
  CreationListener creation_listener_;
  PlacerSource placer_source_;
};

// Throws ServiceError(OB_ERROR_INVALID_ARGUMENT) when the requests cannot form a group of `kind`
// (fewer than two, different symbols or sides, a market order, unequal amounts in a balanced group),
// so that a chained group is refused when it is asked for, not when its parent fills.
void check_group(trading::OrderGroupKind kind, const std::vector<TaggedRequest>& requests);

}  // namespace octobot::trading_modes
