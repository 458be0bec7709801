#include "tradingview_alert.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <octobot_modes/flat_json.hpp>
#include <utility>

namespace octobot::tentacles_bundled::tradingview {

namespace {

constexpr std::size_t kMaxTagLength = 63;  // ob_order_request tags are kept in OB_ID_CAPACITY bytes

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  // TradingView users often quote values: SYMBOL="BTCUSDT".
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// A positive decimal written plainly (digits, at most one '.'), as prices are.
bool positive_decimal(std::string_view text) {
  bool digit = false;
  bool non_zero = false;
  bool dot = false;
  for (const char c : text) {
    if (c == '.') {
      if (dot) return false;
      dot = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
      non_zero = non_zero || c != '0';
    } else {
      return false;
    }
  }
  return digit && non_zero;
}

// OctoBot's amount syntax: a positive number, then nothing (base), q (quote), %, a%, t% or p%.
bool amount_expression(std::string_view text) {
  static constexpr std::string_view kSuffixes[] = {"a%", "t%", "p%", "%", "q"};
  for (const std::string_view suffix : kSuffixes) {
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      return positive_decimal(text.substr(0, text.size() - suffix.size()));
    }
  }
  return positive_decimal(text);
}

// The key as the alert means it: JSON alerts from TradingView name the symbol "ticker" and the signal
// "action" (or "side").
std::string canonical_key(std::string_view key) {
  std::string name = upper(key);
  if (name == "TICKER") return "SYMBOL";
  if (name == "ACTION" || name == "SIDE") return "SIGNAL";
  return name;
}

std::vector<std::pair<std::string, std::string>> key_values(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> pairs;
  const std::string_view whole = trimmed(body);
  if (!whole.empty() && whole.front() == '{') {
    modes::FlatJson json;
    try {
      json = modes::FlatJson::parse(whole);
    } catch (const std::invalid_argument& error) {
      std::string why = error.what();
      if (why.rfind("decision data: ", 0) == 0) why = why.substr(15);
      throw AlertError("alert: a JSON alert must be a flat object of strings and numbers (" + why + ")");
    }
    for (const auto& [key, value] : json.values()) pairs.emplace_back(canonical_key(key), value);
    return pairs;
  }
  while (!body.empty()) {
    const std::size_t end = body.find_first_of(";\n");
    const std::string_view line = trimmed(body.substr(0, end));
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (line.empty()) continue;
    const std::size_t equal = line.find('=');
    if (equal == std::string_view::npos || trimmed(line.substr(0, equal)).empty()) {
      throw AlertError("alert: expected KEY=value, found \"" + std::string(line) + "\"");
    }
    pairs.emplace_back(canonical_key(trimmed(line.substr(0, equal))), std::string(trimmed(line.substr(equal + 1))));
  }
  return pairs;
}

std::string checked_price(const std::string& key, const std::string& value) {
  if (!positive_decimal(value)) {
    throw AlertError(key + ": expected a positive price such as 42000.5, found \"" + value + "\"");
  }
  return value;
}

}  // namespace

const char* signal_name(Signal signal) noexcept {
  switch (signal) {
    case Signal::buy:
      return "BUY";
    case Signal::sell:
      return "SELL";
    case Signal::cancel:
      return "CANCEL";
  }
  return "?";
}

std::string compact_symbol(std::string_view symbol) {
  std::string out;
  for (const char c : symbol) {
    if (c == '/' || c == '-' || c == '_' || c == ' ') continue;
    if (c == ':') break;  // futures settle suffix: spot symbols have none
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

namespace {

Alert alert_from(const std::vector<std::pair<std::string, std::string>>& pairs) {
  Alert alert;
  bool has_signal = false;
  std::vector<std::string> seen;
  for (const auto& [key, value] : pairs) {
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      throw AlertError(key + ": given twice (found \"" + value + "\" again)");
    }
    seen.push_back(key);
    if (key == "EXCHANGE") {
      alert.exchange = value;
    } else if (key == "SYMBOL") {
      if (compact_symbol(value).empty()) throw AlertError("SYMBOL: expected a pair such as BTCUSDT, found \"\"");
      alert.symbol = value;
    } else if (key == "SIGNAL") {
      const std::string signal = upper(value);
      if (signal == "BUY") {
        alert.signal = Signal::buy;
      } else if (signal == "SELL") {
        alert.signal = Signal::sell;
      } else if (signal == "CANCEL") {
        alert.signal = Signal::cancel;
      } else {
        throw AlertError("SIGNAL: expected BUY, SELL or CANCEL, found \"" + value + "\"");
      }
      has_signal = true;
    } else if (key == "ORDER_TYPE") {
      const std::string type = upper(value);
      if (type == "MARKET") {
        alert.order_type = OrderKind::market;
      } else if (type == "LIMIT") {
        alert.order_type = OrderKind::limit;
      } else {
        throw AlertError("ORDER_TYPE: expected MARKET or LIMIT, found \"" + value + "\"");
      }
    } else if (key == "VOLUME") {
      if (!amount_expression(value)) {
        throw AlertError(
            "VOLUME: expected an amount such as 0.1 (base), 100q (quote), 10% or 10a% (of available), "
            "10t% (of total) or 10p% (of position), found \"" +
            value + "\"");
      }
      alert.volume = value;
    } else if (key == "PRICE") {
      alert.price = checked_price(key, value);
    } else if (key == "STOP_PRICE") {
      alert.stop_price = checked_price(key, value);
    } else if (key == "TAKE_PROFIT_PRICE") {
      alert.take_profit_price = checked_price(key, value);
    } else if (key == "TAG") {
      if (value.size() > kMaxTagLength) {
        throw AlertError("TAG: at most " + std::to_string(kMaxTagLength) + " characters, found " +
                         std::to_string(value.size()) + " (\"" + value.substr(0, 20) + "...\")");
      }
      alert.tag = value;
    } else {
      alert.ignored_keys.push_back(key);
    }
  }
  if (!has_signal) throw AlertError("SIGNAL: missing (expected SIGNAL=BUY, SELL or CANCEL)");
  if (alert.signal == Signal::sell && !(alert.stop_price.empty() && alert.take_profit_price.empty())) {
    throw AlertError(std::string(alert.stop_price.empty() ? "TAKE_PROFIT_PRICE" : "STOP_PRICE") +
                     ": exits follow a BUY entry on spot, found with SIGNAL=SELL");
  }
  return alert;
}

}  // namespace

Alert parse_alert(std::string_view body) { return alert_from(key_values(body)); }

std::string to_decision_data(const Alert& alert) {
  modes::FlatJsonWriter out;
  out.text("signal", signal_name(alert.signal));
  if (alert.order_type) out.text("order_type", *alert.order_type == OrderKind::market ? "MARKET" : "LIMIT");
  if (!alert.volume.empty()) out.text("volume", alert.volume);
  if (!alert.price.empty()) out.text("price", alert.price);
  if (!alert.stop_price.empty()) out.text("stop_price", alert.stop_price);
  if (!alert.take_profit_price.empty()) out.text("take_profit_price", alert.take_profit_price);
  if (!alert.tag.empty()) out.text("tag", alert.tag);
  return out.str();
}

Alert from_decision_data(std::string_view data) {
  // The same checks as an alert: a decision may come from elsewhere (a replayed log).
  std::vector<std::pair<std::string, std::string>> pairs;
  const modes::FlatJson json = modes::FlatJson::parse(data);
  for (const auto& [key, value] : json.values()) pairs.emplace_back(upper(key), value);
  return alert_from(pairs);
}

}  // namespace octobot::tentacles_bundled::tradingview
