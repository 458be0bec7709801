// A small in-memory exchange account behind the "orders/1" and "portfolio/1" service tables, so the
// bundled trading modes can be driven through their real ABI entry points (create, configure,
// callbacks) before and besides the host's TradingModeRunner. It keeps the rules a mode relies on:
// minimum amount and cost, funds reserved by open orders, market orders filled at the last price,
// chained orders created when their parent fills, one-cancels-the-other groups.
#pragma once

#include <octobot/abi.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace octobot::test {

struct FakeMarket {
  std::string base;
  std::string quote;
  double price_tick = 0.01;
  double amount_step = 0.00001;
  double min_amount = 0.0;
  double min_cost = 0.0;
};

struct FakeOrder {
  std::string id;
  std::string symbol;
  std::string tag;
  std::uint32_t side = OB_SIDE_BUY;
  std::uint32_t type = OB_ORDER_TYPE_MARKET;
  std::uint32_t state = OB_ORDER_STATUS_OPEN;
  double amount = 0;
  double price = 0;  // limit price, or trigger for stop orders, or fill price for market orders
  std::string reason;
  std::string group;  // OCO group id, empty when none
};

class FakeAccount {
 public:
  FakeAccount();
  FakeAccount(const FakeAccount&) = delete;
  FakeAccount& operator=(const FakeAccount&) = delete;

  void add_market(const std::string& symbol, FakeMarket market) { markets_[symbol] = std::move(market); }
  void set_price(const std::string& symbol, double price) { prices_[symbol] = price; }
  void set_balance(const std::string& asset, double total) { totals_[asset] = total; }
  // The next create is refused with this reason, whatever the request (an exchange-side refusal the
  // mode could not foresee).
  void reject_next(std::string reason) { reject_next_ = std::move(reason); }

  // Fills an open order at its price; returns the order's final view. Chained orders are created.
  ob_order_view fill(const std::string& id);

  [[nodiscard]] double total(const std::string& asset) const;
  [[nodiscard]] double available(const std::string& asset) const;
  [[nodiscard]] std::vector<FakeOrder> open_orders() const;
  [[nodiscard]] const std::vector<FakeOrder>& history() const noexcept { return history_; }
  [[nodiscard]] const FakeOrder* find(const std::string& id) const;

  [[nodiscard]] const ob_orders_service_v1* orders_service() const noexcept { return &orders_; }
  [[nodiscard]] const ob_portfolio_service_v1* portfolio_service() const noexcept { return &portfolio_; }
  [[nodiscard]] const ob_account* account() const noexcept { return reinterpret_cast<const ob_account*>(this); }

  static ob_order_view view_of(const FakeOrder& order);

 private:
  struct Chain {
    std::uint32_t group;
    std::vector<FakeOrder> orders;
  };

  FakeOrder submit(const ob_order_request& request, const std::string& group);
  std::optional<std::string> refusal(const FakeOrder& order) const;
  void settle(FakeOrder& order, double price);
  double reserved(const std::string& asset) const;
  void close_group(const FakeOrder& filled);

  static FakeAccount* self(void* context) { return static_cast<FakeAccount*>(context); }
  static ob_status create(void* context, const ob_account* account, const ob_order_request* request, ob_order_view* out,
                          ob_error* error);
  static ob_status create_group(void* context, const ob_account* account, uint32_t group,
                                const ob_order_request* requests, uint64_t count, ob_order_view* out, ob_error* error);
  static ob_status chain(void* context, const ob_account* account, const char* parent_id, uint32_t group,
                         const ob_order_request* requests, uint64_t count, ob_error* error);
  static ob_status cancel(void* context, const ob_account* account, const char* order_id, ob_error* error);
  static uint64_t open_orders_raw(void* context, const ob_account* account, const char* symbol, ob_order_view* out,
                                  uint64_t capacity);
  static ob_status market(void* context, const ob_account* account, const char* symbol, ob_market_info* out,
                          ob_error* error);
  static ob_status last_price(void* context, const ob_account* account, const char* symbol, ob_decimal* out,
                              ob_error* error);
  static ob_status balance(void* context, const ob_account* account, const char* asset, ob_balance* out,
                           ob_error* error);
  static ob_status reference_market(void* context, const ob_account* account, char* out, uint64_t capacity,
                                    ob_error* error);
  static ob_status value(void* context, const ob_account* account, ob_decimal* out, ob_error* error);
  static ob_status resolve_amount(void* context, const ob_account* account, const char* symbol, uint32_t side,
                                  const char* expression, ob_decimal* out, ob_error* error);

  ob_orders_service_v1 orders_;
  ob_portfolio_service_v1 portfolio_;
  std::map<std::string, FakeMarket> markets_;
  std::map<std::string, double> prices_;
  std::map<std::string, double> totals_;
  std::vector<FakeOrder> history_;                    // every order ever created, in creation order
  std::map<std::string, std::vector<Chain>> chains_;  // by parent id; several chains may wait on one parent
  std::optional<std::string> reject_next_;
  int next_id_ = 1;
  int next_group_ = 1;
};

}  // namespace octobot::test
