// C++ views of the "orders/1" and "portfolio/1" services and of trading-mode decisions.
//
// Amounts and prices cross the ABI as exact decimal text. Trading modes usually compute targets in
// double (a price 2 % below the market); to_decimal() writes at most 12 fractional digits and the
// host rounds to the market's tick and step (amounts down, never above what was asked). Balances
// and fills come back as text, so nothing in the host's exact accounting depends on a double.
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/error.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace octobot::sdk {

// Decimal text for the host: fixed notation, up to 12 fractional digits, trailing zeros removed.
// std::to_chars with a precision writes what printf's "%.12f" writes, without printf's machinery
// (modes call this for every field of every order).
inline ob_decimal to_decimal(double value) {
  ob_decimal out{};
  const auto [stop, error] =
      std::to_chars(out.text, out.text + sizeof(out.text) - 1, value, std::chars_format::fixed, 12);
  if (error != std::errc() || stop == out.text) {
    throw Error(OB_ERROR_INVALID_ARGUMENT, "decimal out of range: " + std::to_string(value));
  }
  char* end = stop - 1;
  while (end > out.text && *end == '0') *end-- = '\0';
  if (*end == '.') *end = '\0';
  if (std::strcmp(out.text, "-0") == 0) std::snprintf(out.text, sizeof(out.text), "0");
  return out;
}

inline ob_decimal to_decimal(std::string_view text) {
  ob_decimal out{};
  if (text.size() >= sizeof(out.text)) throw Error(OB_ERROR_INVALID_ARGUMENT, "decimal text too long");
  std::memcpy(out.text, text.data(), text.size());
  return out;
}

// For computing with host values (indicative only: the host keeps the exact amounts). The host's
// plain decimal text goes through std::from_chars (several times cheaper than strtod, the same
// correctly rounded double); anything else strtod reads as it always did.
inline double to_double(const ob_decimal& value) noexcept {
  if (value.text[0] == '\0') return 0.0;
  const char* end = static_cast<const char*>(std::memchr(value.text, '\0', sizeof(value.text)));
  if (end != nullptr) {
    double result = 0.0;
    const auto [stop, error] = std::from_chars(value.text, end, result);
    if (error == std::errc() && stop == end) return result;
  }
  return std::strtod(value.text, nullptr);
}

// The same for the decimal text the C++ layer hands out (OrderView::amount, BalanceView::total,
// Orders::last_price, Portfolio::resolve_amount...): "" is 0, as in ob_decimal. For display and
// for a mode's own arithmetic; keep the text when passing a value back to the host. Throws
// sdk::Error (OB_ERROR_INVALID_ARGUMENT) for text that is not a number, whole ("12.5x" is refused).
inline double to_double(std::string_view text) {
  if (text.empty()) return 0.0;
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) {
    throw Error(OB_ERROR_INVALID_ARGUMENT,
                "expected a decimal number such as \"0.015\" or \"-12.5\", found \"" + std::string(text) + "\"");
  }
  return value;
}
inline double to_double(const std::string& text) { return to_double(std::string_view(text)); }
inline double to_double(const char* text) { return to_double(std::string_view(text != nullptr ? text : "")); }

// ABI 1.4: an exact decimal as the host holds it (ob_fixed18: raw / 10^18, raw a signed 128-bit
// integer), read without text. to_double() gives the very double to_double(text()) gives (the
// correctly rounded value), so a mode switching from the text reads computes the same orders.
class Exact {
 public:
  Exact() noexcept = default;
  explicit Exact(const ob_fixed18& raw) noexcept : raw_(raw) {}

  [[nodiscard]] const ob_fixed18& raw() const noexcept { return raw_; }
  [[nodiscard]] bool is_zero() const noexcept { return raw_.lo == 0 && raw_.hi == 0; }

  // The host's text for it ("0", "-12.5", "0.015"): shortest exact form, no exponent.
  [[nodiscard]] std::string text() const {
    char buffer[48];
    return std::string(buffer, write(buffer));
  }

  [[nodiscard]] double to_double() const noexcept {
    const bool negative = raw_.hi < 0;
    const U128 magnitude = negative ? U128(0) - unsigned_raw() : unsigned_raw();
    if (magnitude == 0) return 0.0;
    U128 whole = 0;
    std::uint64_t fraction = 0;
    split(magnitude, whole, fraction);
    int digits = 18;
    // Trailing zeros in halving steps, by constants (multiplications): at most 5 tests, not 18.
    const auto strip = [&](std::uint64_t power, int zeros) {
      if (fraction % power == 0) {
        fraction /= power;
        digits -= zeros;
      }
    };
    if (fraction == 0) {
      digits = 0;
    } else {
      strip(10'000'000'000'000'000ULL, 16);
      strip(100'000'000ULL, 8);
      strip(10'000ULL, 4);
      strip(100ULL, 2);
      strip(10ULL, 1);
    }
    // Both operands exact in a double (mantissa < 2^53, 10^digits with digits <= 18 < 23): IEEE
    // division rounds the quotient correctly, as from_chars does the text.
    const U128 mantissa = whole * kPowers[digits] + fraction;
    if (mantissa < (U128(1) << 53)) {
      const double value =
          static_cast<double>(static_cast<std::uint64_t>(mantissa)) / static_cast<double>(kPowers[digits]);
      return negative ? -value : value;
    }
    char buffer[48];
    const std::size_t length = write(buffer);
    double value = 0.0;
    std::from_chars(buffer, buffer + length, value);
    return value;
  }

  // From decimal text such as the text functions of "orders/1" and "portfolio/1" return (the
  // fallback when the host predates ABI 1.4). Throws sdk::Error for anything else.
  static Exact parse(std::string_view text) {
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) ++i;
    U128 raw = 0;
    int fraction_digits = -1;
    bool any = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '.' && fraction_digits < 0) {
        fraction_digits = 0;
        continue;
      }
      if (c < '0' || c > '9' || fraction_digits >= 18 || raw > kMaxWhole * kScale) {
        throw Error(OB_ERROR_INVALID_ARGUMENT,
                    "expected a decimal number with at most 18 fractional digits, found \"" + std::string(text) + "\"");
      }
      raw = raw * 10 + static_cast<unsigned>(c - '0');
      any = true;
      if (fraction_digits >= 0) ++fraction_digits;
    }
    if (!any && !text.empty()) {
      throw Error(OB_ERROR_INVALID_ARGUMENT, "expected a decimal number, found \"" + std::string(text) + "\"");
    }
    const std::uint64_t multiplier = kPowers[18 - (fraction_digits < 0 ? 0 : fraction_digits)];
    if (raw > (~U128(0) >> 1) / multiplier) {
      throw Error(OB_ERROR_INVALID_ARGUMENT, "decimal out of range: \"" + std::string(text) + "\"");
    }
    raw *= multiplier;
    if (negative) raw = U128(0) - raw;
    return Exact(ob_fixed18{static_cast<std::uint64_t>(raw), static_cast<std::int64_t>(raw >> 64)});
  }

 private:
  __extension__ typedef unsigned __int128 U128;
  static constexpr std::uint64_t kScale = 1'000'000'000'000'000'000ULL;
  static constexpr U128 kMaxWhole = U128(1) << 64;  // far above any amount; keeps the parse from overflowing
  static constexpr std::uint64_t kPowers[19] = {1ULL,
                                                10ULL,
                                                100ULL,
                                                1'000ULL,
                                                10'000ULL,
                                                100'000ULL,
                                                1'000'000ULL,
                                                10'000'000ULL,
                                                100'000'000ULL,
                                                1'000'000'000ULL,
                                                10'000'000'000ULL,
                                                100'000'000'000ULL,
                                                1'000'000'000'000ULL,
                                                10'000'000'000'000ULL,
                                                100'000'000'000'000ULL,
                                                1'000'000'000'000'000ULL,
                                                10'000'000'000'000'000ULL,
                                                100'000'000'000'000'000ULL,
                                                1'000'000'000'000'000'000ULL};

  [[nodiscard]] U128 unsigned_raw() const noexcept {
    return (static_cast<U128>(static_cast<std::uint64_t>(raw_.hi)) << 64) | raw_.lo;
  }

  // whole = magnitude / 10^18 and the remainder; below 2^64 (amounts under 18.4) in 64-bit
  // arithmetic, where a constant divisor is a multiplication.
  static void split(U128 magnitude, U128& whole, std::uint64_t& fraction) noexcept {
    if ((magnitude >> 64) == 0) {
      const auto low = static_cast<std::uint64_t>(magnitude);
      whole = low / kScale;
      fraction = low % kScale;
      return;
    }
    whole = magnitude / kScale;
    fraction = static_cast<std::uint64_t>(magnitude - whole * kScale);
  }

  std::size_t write(char* out) const noexcept {
    const bool negative = raw_.hi < 0;
    const U128 magnitude = negative ? U128(0) - unsigned_raw() : unsigned_raw();
    U128 whole = 0;
    std::uint64_t fraction = 0;
    split(magnitude, whole, fraction);
    char digits[48];
    std::size_t count = 0;
    do {
      digits[count++] = static_cast<char>('0' + static_cast<int>(whole % 10));
      whole /= 10;
    } while (whole != 0);
    std::size_t length = 0;
    if (negative) out[length++] = '-';
    while (count > 0) out[length++] = digits[--count];
    if (fraction != 0) {
      int width = 18;
      while (fraction % 10 == 0) {
        fraction /= 10;
        --width;
      }
      out[length++] = '.';
      for (int i = width - 1; i >= 0; --i) {
        out[length + static_cast<std::size_t>(i)] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
      }
      length += static_cast<std::size_t>(width);
    }
    return length;
  }

  ob_fixed18 raw_{0, 0};
};

enum class Side : std::uint32_t { buy = OB_SIDE_BUY, sell = OB_SIDE_SELL };

enum class OrderType : std::uint32_t {
  market = OB_ORDER_TYPE_MARKET,
  limit = OB_ORDER_TYPE_LIMIT,
  stop_loss = OB_ORDER_TYPE_STOP_LOSS,
  stop_loss_limit = OB_ORDER_TYPE_STOP_LOSS_LIMIT,
  take_profit = OB_ORDER_TYPE_TAKE_PROFIT,
  take_profit_limit = OB_ORDER_TYPE_TAKE_PROFIT_LIMIT,
  trailing_stop = OB_ORDER_TYPE_TRAILING_STOP,
  trailing_stop_limit = OB_ORDER_TYPE_TRAILING_STOP_LIMIT,
};

enum class OrderStatus : std::uint32_t {
  unknown = OB_ORDER_STATUS_UNKNOWN,
  open = OB_ORDER_STATUS_OPEN,
  partially_filled = OB_ORDER_STATUS_PARTIALLY_FILLED,
  filled = OB_ORDER_STATUS_FILLED,
  cancelled = OB_ORDER_STATUS_CANCELED,
  rejected = OB_ORDER_STATUS_REJECTED,
  expired = OB_ORDER_STATUS_EXPIRED,
};

enum class OrderGroup : std::uint32_t {
  none = OB_GROUP_NONE,
  one_cancels_the_other = OB_GROUP_ONE_CANCELS_THE_OTHER,
  balanced_take_profit_stop_loss = OB_GROUP_BALANCED_TAKE_PROFIT_STOP_LOSS,
};

struct OrderRequest {
  std::string symbol;
  Side side = Side::buy;
  OrderType type = OrderType::market;
  std::string amount;  // decimal text (to_decimal(x).text), base asset
  std::string price;
  std::string trigger_price;
  std::string trailing_percent;
  std::string tag;

  [[nodiscard]] ob_order_request to_raw() const {
    ob_order_request raw{};
    raw.header = OB_HEADER_INIT(ob_order_request);
    raw.symbol = symbol.c_str();
    raw.side = static_cast<std::uint32_t>(side);
    raw.type = static_cast<std::uint32_t>(type);
    raw.amount = to_decimal(amount);
    raw.price = to_decimal(price);
    raw.trigger_price = to_decimal(trigger_price);
    raw.trailing_percent = to_decimal(trailing_percent);
    raw.tag = tag.empty() ? nullptr : tag.c_str();
    return raw;
  }
};

// An order as the host reports it (a copy: safe to keep).
struct OrderView {
  std::string id;
  std::string symbol;
  std::string tag;
  Side side = Side::buy;
  OrderType type = OrderType::market;
  OrderStatus status = OrderStatus::unknown;
  std::string amount;
  std::string filled;
  std::string price;
  std::string average_price;
  std::string fee;
  std::string fee_asset;
  std::string reason;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;

  [[nodiscard]] bool is_open() const noexcept {
    return status == OrderStatus::open || status == OrderStatus::partially_filled;
  }

  static OrderView from_raw(const ob_order_view& raw) {
    return {raw.id,
            raw.symbol,
            raw.tag,
            static_cast<Side>(raw.side),
            static_cast<OrderType>(raw.type),
            static_cast<OrderStatus>(raw.state),
            raw.amount.text,
            raw.filled.text,
            raw.price.text,
            raw.average_price.text,
            raw.fee.text,
            raw.fee_asset,
            raw.reason,
            raw.created_ms,
            raw.updated_ms};
  }
};

// ABI 1.4: an open order as Orders::open_order_briefs lists it: what a mode needs to choose the
// orders to cancel, without the amounts and prices OrderView carries as text.
struct OrderBrief {
  std::string id;
  std::string tag;
  Side side = Side::buy;
  OrderType type = OrderType::market;
  OrderStatus status = OrderStatus::unknown;
};

struct MarketInfo {
  std::string base;
  std::string quote;
  double price_tick = 0;
  double amount_step = 0;
  double min_amount = 0;
  double min_cost = 0;
  double maker_fee = 0;
  double taker_fee = 0;
};

namespace detail {
inline ob_order_view blank_order_view() {
  ob_order_view view{};
  view.header = OB_HEADER_INIT(ob_order_view);
  return view;
}
inline void check(ob_status status, const ob_error& error) {
  if (status != OB_OK) throw Error(status, error.message);
}
}  // namespace detail

// Orders on the account the trading mode instance was created for.
class Orders {
 public:
  Orders() = default;
  Orders(const ob_orders_service_v1* service, const ob_account* account) noexcept
      : service_(service), account_(account) {}

  [[nodiscard]] bool available() const noexcept { return service_ != nullptr && account_ != nullptr; }

  // A refused order (minimums, funds) comes back with status rejected and a reason: not an exception.
  OrderView create(const OrderRequest& request) const {
    const ob_order_request raw = request.to_raw();
    ob_order_view out = detail::blank_order_view();
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->create(service_->context, account_, &raw, &out, &error), error);
    return OrderView::from_raw(out);
  }

  std::vector<OrderView> create_group(OrderGroup group, const std::vector<OrderRequest>& requests) const {
    std::vector<ob_order_request> raw;
    raw.reserve(requests.size());
    for (const auto& request : requests) raw.push_back(request.to_raw());
    std::vector<ob_order_view> out(requests.size(), detail::blank_order_view());
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->create_group(service_->context, account_, static_cast<std::uint32_t>(group), raw.data(),
                                          raw.size(), out.data(), &error),
                  error);
    std::vector<OrderView> views;
    views.reserve(out.size());
    for (const auto& view : out) views.push_back(OrderView::from_raw(view));
    return views;
  }

  void chain(const std::string& parent_id, OrderGroup group, const std::vector<OrderRequest>& requests) const {
    std::vector<ob_order_request> raw;
    for (const auto& request : requests) raw.push_back(request.to_raw());
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->chain(service_->context, account_, parent_id.c_str(), static_cast<std::uint32_t>(group),
                                   raw.data(), raw.size(), &error),
                  error);
  }

  // False when the order is unknown or already closed.
  bool cancel(const std::string& order_id) const {
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    const ob_status status = require()->cancel(service_->context, account_, order_id.c_str(), &error);
    if (status == OB_ERROR_NOT_FOUND) return false;
    detail::check(status, error);
    return true;
  }

  // Open orders on `symbol` ("" for all), oldest first.
  [[nodiscard]] std::vector<OrderView> open_orders(const std::string& symbol = {}) const {
    std::vector<ob_order_view> out(8, detail::blank_order_view());
    const char* filter = symbol.empty() ? nullptr : symbol.c_str();
    for (;;) {
      const std::uint64_t total = require()->open_orders(service_->context, account_, filter, out.data(), out.size());
      if (total <= out.size()) {
        std::vector<OrderView> views;
        views.reserve(total);
        for (std::uint64_t i = 0; i < total; ++i) views.push_back(OrderView::from_raw(out[i]));
        return views;
      }
      out.assign(total, detail::blank_order_view());
    }
  }

  // Read from the host at every call (never cached here: the rules may change in a live run). With
  // an ABI 1.4 host the decimals come in binary; the doubles are the same either way.
  [[nodiscard]] MarketInfo market(const std::string& symbol) const {
    if (has_1_4()) {
      ob_market_rules rules{};
      rules.header = OB_HEADER_INIT(ob_market_rules);
      ob_error error{OB_HEADER_INIT(ob_error), {}};
      detail::check(service_->market_rules(service_->context, account_, symbol.c_str(), &rules, &error), error);
      return {rules.base,
              rules.quote,
              Exact(rules.price_tick).to_double(),
              Exact(rules.amount_step).to_double(),
              Exact(rules.min_amount).to_double(),
              Exact(rules.min_cost).to_double(),
              Exact(rules.maker_fee).to_double(),
              Exact(rules.taker_fee).to_double()};
    }
    ob_market_info raw{};
    raw.header = OB_HEADER_INIT(ob_market_info);
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->market(service_->context, account_, symbol.c_str(), &raw, &error), error);
    return {raw.base,
            raw.quote,
            to_double(raw.price_tick),
            to_double(raw.amount_step),
            to_double(raw.min_amount),
            to_double(raw.min_cost),
            to_double(raw.maker_fee),
            to_double(raw.taker_fee)};
  }

  // The latest price, as exact text.
  [[nodiscard]] std::string last_price(const std::string& symbol) const {
    ob_decimal out{};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->last_price(service_->context, account_, symbol.c_str(), &out, &error), error);
    return out.text;
  }

  // The latest price, exact, without text when the host has ABI 1.4.
  [[nodiscard]] Exact last_price_exact(const std::string& symbol) const {
    if (!has_1_4()) return Exact::parse(last_price(symbol));
    ob_fixed18 out{0, 0};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(service_->last_price_fixed(service_->context, account_, symbol.c_str(), &out, &error), error);
    return Exact(out);
  }

  // Open orders on `symbol` ("" for all), oldest first: id, tag, side, type and status only (the
  // full views through open_orders() when the host predates ABI 1.4).
  [[nodiscard]] std::vector<OrderBrief> open_order_briefs(const std::string& symbol = {}) const {
    std::vector<OrderBrief> briefs;
    if (!has_1_4()) {
      for (const auto& view : open_orders(symbol))
        briefs.push_back({view.id, view.tag, view.side, view.type, view.status});
      return briefs;
    }
    struct Collector {
      std::vector<OrderBrief>* out;
      bool failed = false;
      static void visit(void* user, const ob_order_brief* order) {
        auto* self = static_cast<Collector*>(user);
        if (self->failed || order == nullptr) return;
        try {  // no exception may unwind through the host's frames
          self->out->push_back({order->id != nullptr ? order->id : "", order->tag != nullptr ? order->tag : "",
                                static_cast<Side>(order->side), static_cast<OrderType>(order->type),
                                static_cast<OrderStatus>(order->state)});
        } catch (...) {
          self->failed = true;
        }
      }
    } collector{&briefs};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    const char* filter = symbol.empty() ? nullptr : symbol.c_str();
    detail::check(
        service_->open_order_briefs(service_->context, account_, filter, &Collector::visit, &collector, &error), error);
    if (collector.failed) throw std::bad_alloc();
    return briefs;
  }

 private:
  [[nodiscard]] const ob_orders_service_v1* require() const {
    if (!available()) throw Error(OB_ERROR_STATE, "no \"orders/1\" service or no account for this instance");
    return service_;
  }
  // The host's table has the ABI 1.4 functions (an older host's table ends before them).
  [[nodiscard]] bool has_1_4() const {
    const ob_orders_service_v1* service = require();
    return OB_HAS_FIELD(service, ob_orders_service_v1, open_order_briefs) && service->market_rules != nullptr &&
           service->last_price_fixed != nullptr && service->open_order_briefs != nullptr;
  }
  const ob_orders_service_v1* service_ = nullptr;
  const ob_account* account_ = nullptr;
};

struct BalanceView {
  std::string total;
  std::string available;
};

struct ExactBalance {
  Exact total;
  Exact available;
};

// Balances of the instance's account (its sub-portfolio when it has one).
class Portfolio {
 public:
  Portfolio() = default;
  Portfolio(const ob_portfolio_service_v1* service, const ob_account* account) noexcept
      : service_(service), account_(account) {}

  [[nodiscard]] bool available() const noexcept { return service_ != nullptr && account_ != nullptr; }

  [[nodiscard]] BalanceView balance(const std::string& asset) const {
    ob_balance out{};
    out.header = OB_HEADER_INIT(ob_balance);
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->balance(service_->context, account_, asset.c_str(), &out, &error), error);
    return {out.total.text, out.available.text};
  }

  // The same, exact, without text when the host has ABI 1.4.
  [[nodiscard]] ExactBalance balance_exact(const std::string& asset) const {
    if (!has_1_4()) {
      const BalanceView view = balance(asset);
      return {Exact::parse(view.total), Exact::parse(view.available)};
    }
    ob_balance_fixed out{};
    out.header = OB_HEADER_INIT(ob_balance_fixed);
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(service_->balance_fixed(service_->context, account_, asset.c_str(), &out, &error), error);
    return {Exact(out.total), Exact(out.available)};
  }

  [[nodiscard]] std::string reference_market() const {
    char out[OB_ASSET_CAPACITY] = {};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->reference_market(service_->context, account_, out, sizeof(out), &error), error);
    return out;
  }

  [[nodiscard]] std::string value() const {
    ob_decimal out{};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->value(service_->context, account_, &out, &error), error);
    return out.text;
  }

  [[nodiscard]] Exact value_exact() const {
    if (!has_1_4()) return Exact::parse(value());
    ob_fixed18 out{0, 0};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(service_->value_fixed(service_->context, account_, &out, &error), error);
    return Exact(out);
  }

  // OctoBot's amount syntax ("0.1", "100q", "12%", "12a%", "12t%", "12p%") to a base amount.
  [[nodiscard]] std::string resolve_amount(const std::string& symbol, Side side, const std::string& expression) const {
    ob_decimal out{};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(require()->resolve_amount(service_->context, account_, symbol.c_str(),
                                            static_cast<std::uint32_t>(side), expression.c_str(), &out, &error),
                  error);
    return out.text;
  }

 private:
  [[nodiscard]] const ob_portfolio_service_v1* require() const {
    if (!available()) throw Error(OB_ERROR_STATE, "no \"portfolio/1\" service or no account for this instance");
    return service_;
  }
  [[nodiscard]] bool has_1_4() const {
    const ob_portfolio_service_v1* service = require();
    return OB_HAS_FIELD(service, ob_portfolio_service_v1, value_fixed) && service->balance_fixed != nullptr &&
           service->value_fixed != nullptr;
  }
  const ob_portfolio_service_v1* service_ = nullptr;
  const ob_account* account_ = nullptr;
};

enum class SignalState : std::uint32_t {
  very_long = OB_SIGNAL_VERY_LONG,
  long_ = OB_SIGNAL_LONG,
  neutral = OB_SIGNAL_NEUTRAL,
  short_ = OB_SIGNAL_SHORT,
  very_short = OB_SIGNAL_VERY_SHORT,
};

// A producer's decision for its consumer.
struct Decision {
  std::string symbol;
  SignalState state = SignalState::neutral;
  double final_note = 0.0;
  std::string data;  // optional mode-specific JSON

  static Decision from_raw(const ob_trading_decision& raw) {
    return {raw.symbol != nullptr ? raw.symbol : "", static_cast<SignalState>(raw.state), raw.final_note,
            raw.data != nullptr ? raw.data : ""};
  }
};

// Where a producer submits decisions (valid during the callback that received it).
class DecisionSink {
 public:
  explicit DecisionSink(const ob_decision_sink* raw) noexcept : raw_(raw) {}
  void submit(const Decision& decision) const {
    if (raw_ == nullptr) throw Error(OB_ERROR_STATE, "no decision sink in this callback");
    const ob_trading_decision raw{OB_HEADER_INIT(ob_trading_decision), decision.symbol.c_str(),
                                  static_cast<std::uint32_t>(decision.state), decision.final_note,
                                  decision.data.empty() ? nullptr : decision.data.c_str()};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    detail::check(raw_->submit(raw_->context, &raw, &error), error);
  }

 private:
  const ob_decision_sink* raw_;
};

// A strategy's note for a symbol, as trading-mode producers receive it (views valid during the
// callback).
struct StrategySignal {
  std::string_view exchange;
  std::string_view strategy_name;
  std::string_view cryptocurrency;
  std::string_view symbol;
  double note = 0.0;
  std::int64_t time_ms = 0;
  // ABI 1.2: the strategy's evaluation description; empty when it gave none, or when the host is
  // older than 1.2 (its ob_strategy_signal ends before the field).
  std::string_view description;

  static StrategySignal from_raw(const ob_strategy_signal& raw) noexcept {
    const auto text = [](const char* value) { return std::string_view(value != nullptr ? value : ""); };
    const bool has_description = OB_HAS_FIELD(&raw, ob_strategy_signal, description);
    return {text(raw.exchange),
            text(raw.strategy_name),
            text(raw.cryptocurrency),
            text(raw.symbol),
            raw.eval_note,
            raw.time_ms,
            has_description ? text(raw.description) : std::string_view()};
  }
};

// ABI 1.5: a message of the bot's ServiceFeed channel (e.g. a TradingView alert posted to the web
// API's webhook), as trading-mode producers receive it (views valid during the callback).
struct ServiceFeedMessage {
  std::string_view service;       // "webhook"
  std::string_view feed;          // the webhook's name
  std::string_view symbol;        // the run's symbol it names ("BTC/USDT"); empty when none
  std::string_view alert_symbol;  // the symbol as written ("BTCUSDT"); empty when none
  std::string_view action;        // as written; empty when none
  std::string_view body;          // the message as received
  std::int64_t received_ms = 0;

  static ServiceFeedMessage from_raw(const ob_service_feed_message& raw) noexcept {
    const auto text = [](const char* value) { return std::string_view(value != nullptr ? value : ""); };
    return {text(raw.service),
            text(raw.feed),
            text(raw.symbol),
            text(raw.alert_symbol),
            text(raw.action),
            raw.body != nullptr ? std::string_view(raw.body, static_cast<std::size_t>(raw.body_length))
                                : std::string_view(),
            raw.received_ms};
  }
};

}  // namespace octobot::sdk
