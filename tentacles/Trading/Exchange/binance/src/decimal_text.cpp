#include "decimal_text.hpp"

#include <algorithm>
#include <stdexcept>

namespace octobot::binance::connector {
namespace {

__extension__ using Fixed = __int128;  // g++ and clang: 128-bit integers, enough for 18 decimals
constexpr int kScale = 18;

Fixed pow10(int n) {
  Fixed value = 1;
  for (int i = 0; i < n; ++i) value *= 10;
  return value;
}

Fixed parse(std::string_view text) {
  if (text.empty()) return 0;
  bool negative = false;
  std::size_t at = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    at = 1;
  }
  Fixed value = 0;
  int fraction_digits = -1;  // -1: before the point
  bool any_digit = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') throw std::invalid_argument("not a decimal: \"" + std::string(text) + "\"");
    any_digit = true;
    if (fraction_digits >= kScale) continue;  // beyond the ABI's precision: dropped (Binance sends 8)
    value = value * 10 + (c - '0');
    if (fraction_digits >= 0) ++fraction_digits;
  }
  if (!any_digit) throw std::invalid_argument("not a decimal: \"" + std::string(text) + "\"");
  value *= pow10(kScale - (fraction_digits < 0 ? 0 : fraction_digits));
  return negative ? -value : value;
}

std::string format(Fixed value) {
  const bool negative = value < 0;
  if (negative) value = -value;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value > 0);
  if (digits.size() <= static_cast<std::size_t>(kScale)) digits.insert(0, kScale + 1 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - kScale);
  std::string fraction = digits.substr(digits.size() - kScale);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = whole + (fraction.empty() ? "" : "." + fraction);
  return negative && out != "0" ? "-" + out : out;
}

}  // namespace

// Text to text, without the fixed-point round trip: every price and quantity of every candle, ticker
// and book level the streams deliver passes here (a depth5 frame has 20), and format()'s 128-bit
// divisions cost ~220 ns a value where this costs a few tens (bench_exchange_binance,
// "exchange_binance.decimal.normalize"). Same result as format(parse(text)) for every text parse
// takes, checked against it by tests/exchange_binance/decimal_text_test.cpp, and the same refusals.
std::string normalize(std::string_view text) {
  if (text.empty()) return "0";
  const bool negative = text[0] == '-';
  const std::string_view body = text[0] == '-' || text[0] == '+' ? text.substr(1) : text;
  const std::size_t point = body.find('.');
  std::string_view whole = body.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? std::string_view() : body.substr(point + 1);
  const auto digits_only = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if ((whole.empty() && fraction.empty()) || !digits_only(whole) || !digits_only(fraction)) {
    throw std::invalid_argument("not a decimal: \"" + std::string(text) + "\"");
  }
  if (fraction.size() > static_cast<std::size_t>(kScale)) fraction = fraction.substr(0, kScale);  // as parse()
  const std::size_t first = whole.find_first_not_of('0');
  whole = first == std::string_view::npos ? std::string_view() : whole.substr(first);
  const std::size_t last = fraction.find_last_not_of('0');
  fraction = last == std::string_view::npos ? std::string_view() : fraction.substr(0, last + 1);
  std::string out;
  out.reserve(whole.size() + fraction.size() + 3);
  if (negative && !(whole.empty() && fraction.empty())) out += '-';  // never "-0"
  if (whole.empty()) {
    out += '0';
  } else {
    out += whole;
  }
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

std::string add(std::string_view a, std::string_view b) { return format(parse(a) + parse(b)); }

std::string multiply(std::string_view a, std::string_view b) {
  // x * y / 10^18 without overflowing 128 bits: split each factor at 10^9.
  const Fixed x = parse(a);
  const Fixed y = parse(b);
  const Fixed half = pow10(kScale / 2);
  const Fixed xh = x / half, xl = x % half, yh = y / half, yl = y % half;
  const Fixed middle = xh * yl + xl * yh;
  return format(xh * yh + (middle * half + xl * yl) / pow10(kScale));
}

std::string divide(std::string_view a, std::string_view b) {
  const Fixed divisor = parse(b);
  if (divisor == 0) return {};
  // (a * 10^18) / b with a and b both scaled by 10^18: scale a by 10^18 once more, in two steps so
  // the product stays inside 128 bits for Binance's magnitudes (quote volumes below 10^11).
  const Fixed dividend = parse(a);
  const Fixed quotient = dividend / divisor;
  Fixed remainder = dividend % divisor;
  Fixed fraction = 0;
  for (int i = 0; i < kScale; ++i) {  // long division, one digit at a time: no overflow
    remainder *= 10;
    fraction = fraction * 10 + remainder / divisor;
    remainder %= divisor;
  }
  if (remainder * 2 >= divisor) ++fraction;
  return format(quotient * pow10(kScale) + fraction);
}

bool is_zero(std::string_view text) { return parse(text) == 0; }

}  // namespace octobot::binance::connector
