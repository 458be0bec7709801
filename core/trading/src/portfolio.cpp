#include <octobot/commons/decimal_format.hpp>
#include <octobot/trading/portfolio.hpp>

#include <fmt/format.h>

namespace octobot::trading {
namespace {

void require_positive(std::string_view operation, std::string_view asset, Decimal amount) {
  if (!amount.is_positive()) {
    throw std::invalid_argument(fmt::format("{} of {} {}: the amount must be positive", operation, amount, asset));
  }
}

}  // namespace

Portfolio::Portfolio(std::string name) : name_(std::move(name)) {}
Portfolio::Portfolio(std::string name, Portfolio* parent) : name_(std::move(name)), parent_(parent) {}
Portfolio::~Portfolio() = default;

Balance Portfolio::balance(std::string_view asset) const {
  const auto found = balances_.find(asset);
  return found == balances_.end() ? Balance{} : found->second;
}

Balance& Portfolio::entry(std::string_view asset) {
  auto found = balances_.find(asset);
  if (found == balances_.end()) found = balances_.emplace(std::string(asset), Balance{}).first;
  return found->second;
}

void Portfolio::deposit(std::string_view asset, Decimal amount) {
  require_positive("deposit", asset, amount);
  if (parent_ != nullptr) {
    throw std::logic_error(fmt::format("sub-portfolio '{}' takes funds from its parent, not deposits", name_));
  }
  Balance& balance = entry(asset);
  balance.total += amount;
  balance.available += amount;
}

void Portfolio::lock(std::string_view asset, Decimal amount) {
  require_positive("lock", asset, amount);
  const Balance current = balance(asset);
  if (current.available < amount) {
    throw InsufficientFunds(
        fmt::format("portfolio '{}': cannot lock {} {}, only {} available", name_, amount, asset, current.available));
  }
  entry(asset).available -= amount;
}

Decimal Portfolio::allocated(std::string_view asset) const {
  Decimal total;
  for (const auto& [name, child] : children_) total += child->balance(asset).total;
  return total;
}

Decimal Portfolio::own_locked(std::string_view asset) const { return balance(asset).locked() - allocated(asset); }

void Portfolio::unlock(std::string_view asset, Decimal amount) {
  require_positive("unlock", asset, amount);
  // Only what this portfolio's own orders lock: the sub-portfolios' slices are not its to release.
  const Decimal own = own_locked(asset);
  if (own < amount) {
    throw InsufficientFunds(fmt::format("portfolio '{}': cannot unlock {} {}, only {} locked by its own orders", name_,
                                        amount, asset, own));
  }
  entry(asset).available += amount;
}

void Portfolio::spend_locked(std::string_view asset, Decimal amount) {
  require_positive("spend", asset, amount);
  const Decimal own = own_locked(asset);
  if (own < amount) {
    throw InsufficientFunds(
        fmt::format("portfolio '{}': cannot spend {} {}, only {} locked by its own orders", name_, amount, asset, own));
  }
  // Check the whole chain before changing anything, so a failure leaves every portfolio as it was.
  if (parent_ != nullptr) parent_->check_shrink_allocation(asset, amount);
  entry(asset).total -= amount;
  if (parent_ != nullptr) parent_->shrink_allocation(asset, amount);
}

void Portfolio::receive(std::string_view asset, Decimal amount) {
  require_positive("receive", asset, amount);
  Balance& balance = entry(asset);
  balance.total += amount;
  balance.available += amount;
  if (parent_ != nullptr) parent_->grow_allocation(asset, amount);
}

void Portfolio::grow_allocation(std::string_view asset, Decimal amount) {
  entry(asset).total += amount;  // available unchanged: the new funds are locked in the child's slice
  if (parent_ != nullptr) parent_->grow_allocation(asset, amount);
}

void Portfolio::check_shrink_allocation(std::string_view asset, Decimal amount) const {
  // Unreachable while the invariant holds (a child's total is part of its parent's locked); checked so
  // that a broken invariant throws instead of producing a negative balance.
  if (balance(asset).locked() < amount) {
    throw std::logic_error(
        fmt::format("portfolio '{}': allocation of {} below {} (broken invariant)", name_, asset, amount));
  }
  if (parent_ != nullptr) parent_->check_shrink_allocation(asset, amount);
}

void Portfolio::shrink_allocation(std::string_view asset, Decimal amount) {
  entry(asset).total -= amount;
  if (parent_ != nullptr) parent_->shrink_allocation(asset, amount);
}

Portfolio& Portfolio::create_sub_portfolio(const std::string& name, const std::map<std::string, Decimal>& slice) {
  if (children_.contains(name)) {
    throw std::invalid_argument(fmt::format("portfolio '{}' already has a sub-portfolio '{}'", name_, name));
  }
  for (const auto& [asset, amount] : slice) {
    require_positive("sub-portfolio slice", asset, amount);
    if (balance(asset).available < amount) {
      throw InsufficientFunds(fmt::format("portfolio '{}': cannot give {} {} to sub-portfolio '{}', only {} available",
                                          name_, amount, asset, name, balance(asset).available));
    }
  }
  auto child = std::unique_ptr<Portfolio>(new Portfolio(name, this));
  for (const auto& [asset, amount] : slice) {
    entry(asset).available -= amount;
    Balance& child_balance = child->entry(asset);
    child_balance.total = amount;
    child_balance.available = amount;
  }
  return *children_.emplace(name, std::move(child)).first->second;
}

Portfolio* Portfolio::sub_portfolio(std::string_view name) const {
  const auto found = children_.find(name);
  return found == children_.end() ? nullptr : found->second.get();
}

void Portfolio::release_sub_portfolio(std::string_view name) {
  const auto found = children_.find(name);
  if (found == children_.end()) {
    throw std::invalid_argument(fmt::format("portfolio '{}' has no sub-portfolio '{}'", name_, name));
  }
  const Portfolio& child = *found->second;
  for (const auto& [asset, balance] : child.balances_) {
    if (balance.locked().is_positive()) {
      throw std::logic_error(
          fmt::format("sub-portfolio '{}' still locks {} {} (open orders)", name, balance.locked(), asset));
    }
  }
  // Its own sub-portfolios hold locked funds in it, caught above; releasing it returns everything.
  for (const auto& [asset, balance] : child.balances_) entry(asset).available += balance.total;
  children_.erase(found);
}

Decimal Portfolio::value_in(std::string_view reference,
                            const std::map<std::string, Decimal, std::less<>>& prices) const {
  Decimal value;
  for (const auto& [asset, balance] : balances_) {
    if (balance.total.is_zero()) continue;
    if (asset == reference) {
      value += balance.total;
      continue;
    }
    const auto price = prices.find(asset);
    if (price == prices.end()) {
      throw std::invalid_argument(fmt::format("no {} price for {} to value portfolio '{}'", reference, asset, name_));
    }
    value += balance.total * price->second;
  }
  return value;
}

}  // namespace octobot::trading
