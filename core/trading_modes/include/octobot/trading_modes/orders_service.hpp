// "orders/1" (ob_orders_service_v1) over Accounts. Every function catches everything: no exception
// reaches the tentacle. A refused order is OB_OK with state REJECTED and the reason; a request that
// can never work (unknown symbol, missing price, bad decimal text, unknown account) is
// OB_ERROR_INVALID_ARGUMENT with a message saying what was expected and what was found; no price yet
// is OB_ERROR_STATE; cancelling an order that is not open (or not the account's) is
// OB_ERROR_NOT_FOUND. THREAD: [main-thread], like the exchange.
#pragma once

#include <octobot/abi.h>
#include <octobot/trading_modes/account_set.hpp>

namespace octobot::trading_modes {

class OrdersService {
 public:
  // `accounts` must outlive the service.
  explicit OrdersService(const AccountSet& accounts);
  OrdersService(const OrdersService&) = delete;
  OrdersService& operator=(const OrdersService&) = delete;

  // The table to register under OB_SERVICE_ORDERS_V1; valid while the service lives.
  [[nodiscard]] const ob_orders_service_v1* table() const noexcept { return &table_; }

 private:
  static ob_status create(void* context, const ob_account* account, const ob_order_request* request, ob_order_view* out,
                          ob_error* error);
  static ob_status create_group(void* context, const ob_account* account, uint32_t group,
                                const ob_order_request* requests, uint64_t count, ob_order_view* out, ob_error* error);
  static ob_status chain(void* context, const ob_account* account, const char* parent_id, uint32_t group,
                         const ob_order_request* requests, uint64_t count, ob_error* error);
  static ob_status cancel(void* context, const ob_account* account, const char* order_id, ob_error* error);
  static uint64_t open_orders(void* context, const ob_account* account, const char* symbol, ob_order_view* out,
                              uint64_t capacity);
  static ob_status market(void* context, const ob_account* account, const char* symbol, ob_market_info* out,
                          ob_error* error);
  static ob_status last_price(void* context, const ob_account* account, const char* symbol, ob_decimal* out,
                              ob_error* error);
  // ABI 1.4: the same answers without text (market rules and price in binary, open orders as briefs).
  static ob_status market_rules(void* context, const ob_account* account, const char* symbol, ob_market_rules* out,
                                ob_error* error);
  static ob_status last_price_fixed(void* context, const ob_account* account, const char* symbol, ob_fixed18* out,
                                    ob_error* error);
  static ob_status open_order_briefs(void* context, const ob_account* account, const char* symbol,
                                     ob_order_brief_visitor visit, void* user, ob_error* error);

  const AccountSet& accounts_;
  ob_orders_service_v1 table_;
};

}  // namespace octobot::trading_modes
