// "portfolio/1" (ob_portfolio_service_v1) over Accounts: balances of the account's portfolio (the
// mode's sub-portfolio when it has one), its reference market, its value at the latest prices, and
// OctoBot's amount syntax resolved into a base amount rounded down to the market's precision.
// Errors: bad account or unknown symbol OB_ERROR_INVALID_ARGUMENT; an amount expression that does
// not parse OB_ERROR_INVALID_ARGUMENT with the accepted forms; a price the answer needs and nobody has
// seen yet OB_ERROR_STATE. THREAD: [main-thread].
#pragma once

#include <octobot/abi.h>
#include <octobot/trading_modes/account_set.hpp>

namespace octobot::trading_modes {

class PortfolioService {
 public:
  explicit PortfolioService(const AccountSet& accounts);
  PortfolioService(const PortfolioService&) = delete;
  PortfolioService& operator=(const PortfolioService&) = delete;

  [[nodiscard]] const ob_portfolio_service_v1* table() const noexcept { return &table_; }

  // The account's value in its reference market: every asset with a non-zero total at the latest
  // price of <asset>/<reference>. Throws ServiceError(OB_ERROR_STATE) naming the missing price.
  [[nodiscard]] static Decimal value_of(const Account& account);
  // OctoBot's amount syntax on `symbol` as a base amount, rounded down to the market's precision.
  [[nodiscard]] static Decimal resolve(const Account& account, std::string_view symbol, channel::Side side,
                                       std::string_view expression);

 private:
  static ob_status balance(void* context, const ob_account* account, const char* asset, ob_balance* out,
                           ob_error* error);
  static ob_status reference_market(void* context, const ob_account* account, char* out, uint64_t capacity,
                                    ob_error* error);
  static ob_status value(void* context, const ob_account* account, ob_decimal* out, ob_error* error);
  static ob_status resolve_amount(void* context, const ob_account* account, const char* symbol, uint32_t side,
                                  const char* expression, ob_decimal* out, ob_error* error);
  // ABI 1.4: balance and value in binary.
  static ob_status balance_fixed(void* context, const ob_account* account, const char* asset, ob_balance_fixed* out,
                                 ob_error* error);
  static ob_status value_fixed(void* context, const ob_account* account, ob_fixed18* out, ob_error* error);

  const AccountSet& accounts_;
  ob_portfolio_service_v1 table_;
};

}  // namespace octobot::trading_modes
