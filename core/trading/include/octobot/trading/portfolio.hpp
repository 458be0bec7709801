// Exact spot balances per asset, and sub-portfolios: isolated slices that trading modes run on.
//
// Every asset has a total and an available amount; locked = total - available is what open orders
// reserve. All amounts are exact Decimals; no operation can make any of the three negative: an
// operation that would throws and changes nothing.
//
// Sub-portfolios. A sub-portfolio is carved out of its parent's available funds. In the parent the
// slice stays counted in total but is locked, so the parent can never spend it; in the child it is
// available, and the child's own checks are the only way to spend it, so the child can never spend
// beyond its slice. What the child does flows up: funds it receives from a fill are added to every
// ancestor's total as locked (they belong to the slice), funds it spends leave every ancestor's
// total and locked. Hence, per asset, for every portfolio:
//   sum of the children's totals <= locked  (the rest of locked is the portfolio's own open orders)
// and the root's total is what the account holds.
//
// Margin and futures later: positions and collateral will be separate ledgers next to these spot
// balances (a Position per symbol), so the spot operations here do not need to change.
#pragma once

#include <octobot/commons/decimal.hpp>

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace octobot::trading {

using commons::Decimal;

struct Balance {
  Decimal total;
  Decimal available;
  [[nodiscard]] Decimal locked() const { return total - available; }

  friend bool operator==(const Balance&, const Balance&) = default;
};

// Not enough available (or locked) funds for the operation. Nothing was changed.
class InsufficientFunds : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Portfolio {
 public:
  explicit Portfolio(std::string name = "main");
  Portfolio(const Portfolio&) = delete;  // children point to their parent
  Portfolio& operator=(const Portfolio&) = delete;
  ~Portfolio();

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] Portfolio* parent() const noexcept { return parent_; }
  // Zero balance for an asset never seen.
  [[nodiscard]] Balance balance(std::string_view asset) const;
  [[nodiscard]] const std::map<std::string, Balance, std::less<>>& balances() const noexcept { return balances_; }
  // The part of locked held by sub-portfolios (the sum of their totals), and the rest: what this
  // portfolio's own open orders reserve.
  [[nodiscard]] Decimal allocated(std::string_view asset) const;
  [[nodiscard]] Decimal own_locked(std::string_view asset) const;

  // Funds entering the account from outside (the starting portfolio, a transfer). Root only: a
  // sub-portfolio gets funds from its parent (create_sub_portfolio). Amounts must be positive.
  void deposit(std::string_view asset, Decimal amount);
  // Reserves available funds for an order. Throws InsufficientFunds.
  void lock(std::string_view asset, Decimal amount);
  // Gives reserved funds back (an order cancelled, or filled at a better price than reserved).
  void unlock(std::string_view asset, Decimal amount);
  // A fill consumes reserved funds: they leave this portfolio and every ancestor.
  void spend_locked(std::string_view asset, Decimal amount);
  // A fill brings funds in (net of fees): available here, locked (allocated) in every ancestor.
  void receive(std::string_view asset, Decimal amount);

  // Carves a slice out of this portfolio's available funds. Throws InsufficientFunds (nothing is
  // carved) or std::invalid_argument for a name already used.
  Portfolio& create_sub_portfolio(const std::string& name, const std::map<std::string, Decimal>& slice);
  [[nodiscard]] Portfolio* sub_portfolio(std::string_view name) const;
  [[nodiscard]] const std::map<std::string, std::unique_ptr<Portfolio>, std::less<>>& sub_portfolios() const {
    return children_;
  }
  // Dissolves a sub-portfolio: its funds become available here again. Throws std::logic_error while
  // it (or one of its own sub-portfolios) still has locked funds, i.e. open orders.
  void release_sub_portfolio(std::string_view name);

  // Value of the whole portfolio in `reference` ("USDT"), given each other asset's price in it.
  // Throws std::invalid_argument naming an asset with a non-zero total and no price.
  [[nodiscard]] Decimal value_in(std::string_view reference,
                                 const std::map<std::string, Decimal, std::less<>>& prices) const;

 private:
  Portfolio(std::string name, Portfolio* parent);
  Balance& entry(std::string_view asset);
  void grow_allocation(std::string_view asset, Decimal amount);    // a child received funds
  void shrink_allocation(std::string_view asset, Decimal amount);  // a child spent funds
  void check_shrink_allocation(std::string_view asset, Decimal amount) const;

  std::string name_;
  Portfolio* parent_ = nullptr;
  std::map<std::string, Balance, std::less<>> balances_;
  std::map<std::string, std::unique_ptr<Portfolio>, std::less<>> children_;
};

}  // namespace octobot::trading
