// Binance's error codes explained for the user, shared by the REST client and the WebSocket API's
// user-data subscription.
#include <octobot_binance/errors.hpp>
#include <string>

namespace octobot::binance {
namespace {

const char* filter_explanation(const std::string& filter) {
  if (filter == "PRICE_FILTER") return "the price is below minPrice, above maxPrice or not a multiple of tickSize";
  if (filter == "PERCENT_PRICE" || filter == "PERCENT_PRICE_BY_SIDE") {
    return "the price is too far from the average price";
  }
  if (filter == "LOT_SIZE" || filter == "MARKET_LOT_SIZE") {
    return "the quantity is below minQty, above maxQty or not a multiple of stepSize";
  }
  if (filter == "MIN_NOTIONAL" || filter == "NOTIONAL") {
    return "the order's cost (price x quantity) is outside the market's notional bounds";
  }
  if (filter == "MAX_NUM_ORDERS") return "too many open orders on this market";
  return "the order breaks one of the market's trading rules";
}

}  // namespace

Refusal explain_refusal(std::int64_t code, const std::string& msg, std::int64_t recv_window_ms,
                        std::int64_t offset_ms) {
  Refusal refusal;
  switch (code) {
    case -2010:
      if (msg.find("Duplicate") != std::string::npos) {
        refusal.kind = ErrorKind::duplicate_order;
        refusal.explanation = "order rejected: an open order already has this client order id";
      } else if (msg.find("insufficient balance") != std::string::npos) {
        refusal.kind = ErrorKind::insufficient_balance;
        refusal.explanation = "order rejected: insufficient balance for this order";
      } else {
        refusal.explanation = "order rejected";
      }
      break;
    case -1013: {
      refusal.kind = ErrorKind::filter_failure;
      const std::string marker = "Filter failure: ";
      const auto at = msg.find(marker);
      refusal.filter = at == std::string::npos ? std::string() : msg.substr(at + marker.size());
      refusal.explanation = "order rejected by the market's " +
                            (refusal.filter.empty() ? std::string("trading rules") : refusal.filter + " filter") +
                            ": " + filter_explanation(refusal.filter);
      break;
    }
    case -2011:
    case -2013:
      refusal.kind = ErrorKind::unknown_order;
      refusal.explanation = "unknown order: Binance has no such order (or it is no longer open)";
      break;
    case -2014:
    case -2015:
      refusal.kind = ErrorKind::invalid_api_key;
      refusal.explanation =
          "the API key was refused: check the key, that this IP is whitelisted for it and that it has the "
          "permission this call needs";
      break;
    case -1022:
      refusal.kind = ErrorKind::invalid_signature;
      refusal.explanation = "Binance refused the request signature: the API secret does not match the API key";
      break;
    case -1021:
      refusal.kind = ErrorKind::clock_skew;
      refusal.explanation = "clock skew: the request's timestamp is outside the " + std::to_string(recv_window_ms) +
                            " ms recvWindow (offset to the server's clock: " + std::to_string(offset_ms) +
                            " ms); check the system clock (NTP)";
      break;
    default:
      refusal.explanation = "Binance refused the request";
      break;
  }
  return refusal;
}

}  // namespace octobot::binance
