#include <octobot/trading/amount.hpp>
#include <octobot/trading_modes/decimal_text.hpp>
#include <octobot/trading_modes/portfolio_service.hpp>
#include <octobot/trading_modes/service_error.hpp>

#include <fmt/format.h>

#include <cstring>
#include <string>

#include "service_guard.hpp"

namespace octobot::trading_modes {
namespace {

using detail::guarded;

const AccountSet& accounts_of(void* context) { return *static_cast<const AccountSet*>(context); }

template <typename T>
T& require_out(T* out) {
  if (out == nullptr) throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "out: expected a buffer to write into, found NULL");
  return *out;
}

std::string_view required_text(const char* text, std::string_view field, std::string_view example) {
  if (text == nullptr) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("{}: expected text such as \"{}\", found NULL", field, example));
  }
  return text;
}

}  // namespace

PortfolioService::PortfolioService(const AccountSet& accounts)
    : accounts_(accounts),
      table_{OB_HEADER_INIT(ob_portfolio_service_v1),
             const_cast<AccountSet*>(&accounts_),  // the C table's context is void*; never written through
             &PortfolioService::balance,
             &PortfolioService::reference_market,
             &PortfolioService::value,
             &PortfolioService::resolve_amount,
             &PortfolioService::balance_fixed,
             &PortfolioService::value_fixed} {}

Decimal PortfolioService::value_of(const Account& account) {
  const std::string& reference = account.reference_market();
  Decimal total;
  for (const auto& [asset, balance] : account.portfolio().balances()) {
    if (balance.total.is_zero()) continue;
    if (asset == reference) {
      total += balance.total;
      continue;
    }
    const std::string symbol = asset + "/" + reference;
    const std::optional<Decimal> price = account.last_price(symbol);
    if (!price) {
      throw ServiceError(OB_ERROR_STATE, fmt::format("no price for {} yet: {} {} cannot be valued in {}", symbol,
                                                     balance.total.to_string(), asset, reference));
    }
    total += balance.total * *price;
  }
  return total;
}

Decimal PortfolioService::resolve(const Account& account, std::string_view symbol, channel::Side side,
                                  std::string_view expression) {
  const trading::Market& market = account.market(symbol);
  const trading::AmountSpec spec = trading::parse_amount(expression);  // AmountSyntaxError: invalid argument
  trading::AmountContext context;
  context.side = side;
  const std::string& spent = side == channel::Side::buy ? market.quote : market.base;
  const trading::Balance spent_balance = account.portfolio().balance(spent);
  context.available = spent_balance.available;
  context.total = spent_balance.total;
  context.position = account.portfolio().balance(market.base).total;  // spot: the position is the base held
  const bool needs_price = spec.kind == trading::AmountKind::quote ||
                           (side == channel::Side::buy && spec.kind != trading::AmountKind::base &&
                            spec.kind != trading::AmountKind::percent_of_position);
  if (needs_price) {
    const std::optional<Decimal> price = account.last_price(symbol);
    if (!price) {
      throw ServiceError(OB_ERROR_STATE, fmt::format("no price for {} yet: \"{}\" cannot be turned into a {} amount",
                                                     symbol, expression, market.base));
    }
    context.price = *price;
  }
  return trading::round_amount(market, trading::resolve_amount(spec, context));
}

ob_status PortfolioService::balance(void* context, const ob_account* account, const char* asset, ob_balance* out,
                                    ob_error* error) {
  return guarded(error, "portfolio/1 balance", [&] {
    const Account& target = accounts_of(context).get(account);
    ob_balance& result = require_out(out);
    const trading::Balance balance = target.portfolio().balance(required_text(asset, "asset", "USDT"));
    result.total = to_ob_decimal(balance.total);
    result.available = to_ob_decimal(balance.available);
  });
}

ob_status PortfolioService::balance_fixed(void* context, const ob_account* account, const char* asset,
                                          ob_balance_fixed* out, ob_error* error) {
  return guarded(error, "portfolio/1 balance_fixed", [&] {
    const Account& target = accounts_of(context).get(account);
    ob_balance_fixed& result = require_out(out);
    const trading::Balance balance = target.portfolio().balance(required_text(asset, "asset", "USDT"));
    result.total = to_ob_fixed(balance.total);
    result.available = to_ob_fixed(balance.available);
  });
}

ob_status PortfolioService::reference_market(void* context, const ob_account* account, char* out, uint64_t capacity,
                                             ob_error* error) {
  return guarded(error, "portfolio/1 reference_market", [&] {
    const Account& target = accounts_of(context).get(account);
    char& first = require_out(out);
    const std::string& reference = target.reference_market();
    if (capacity <= reference.size()) {
      throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                         fmt::format("capacity: expected at least {} bytes for \"{}\", found {}", reference.size() + 1,
                                     reference, capacity));
    }
    copy_text(&first, capacity, reference);
  });
}

ob_status PortfolioService::value(void* context, const ob_account* account, ob_decimal* out, ob_error* error) {
  return guarded(error, "portfolio/1 value", [&] {
    const Account& target = accounts_of(context).get(account);
    require_out(out) = to_ob_decimal(value_of(target));
  });
}

ob_status PortfolioService::value_fixed(void* context, const ob_account* account, ob_fixed18* out, ob_error* error) {
  return guarded(error, "portfolio/1 value_fixed", [&] {
    const Account& target = accounts_of(context).get(account);
    require_out(out) = to_ob_fixed(value_of(target));
  });
}

ob_status PortfolioService::resolve_amount(void* context, const ob_account* account, const char* symbol, uint32_t side,
                                           const char* expression, ob_decimal* out, ob_error* error) {
  return guarded(error, "portfolio/1 resolve_amount", [&] {
    const Account& target = accounts_of(context).get(account);
    ob_decimal& result = require_out(out);
    if (side != OB_SIDE_BUY && side != OB_SIDE_SELL) {
      throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                         fmt::format("side: expected OB_SIDE_BUY (0) or OB_SIDE_SELL (1), found {}", side));
    }
    result = to_ob_decimal(resolve(target, required_text(symbol, "symbol", "BTC/USDT"),
                                   side == OB_SIDE_BUY ? channel::Side::buy : channel::Side::sell,
                                   required_text(expression, "expression", "12%")));
  });
}

}  // namespace octobot::trading_modes
