#include <array>
#include <charconv>
#include <octobot_binance/errors.hpp>
#include <octobot_binance/order_params.hpp>
#include <string_view>

namespace octobot::binance {

namespace {

constexpr std::size_t kMaxClientOrderIdLength = 36;
// "&recvWindow=" (12) + 19 digits + "&timestamp=" (11) + 19 digits + "&signature=" (11) + 64 hex digits,
// rounded up: an Ed25519 signature escaped is longer, and only costs a reallocation.
constexpr std::size_t kSignedSuffixLength = 160;

}  // namespace

PreparedOrder prepare_order(const OrderRequest& request, const std::string& broker_id,
                            const std::function<std::string()>& new_id) {
  PreparedOrder order;
  order.client_order_id = request.client_order_id;
  const bool has_prefix =
      broker_id.empty() || (std::string_view(order.client_order_id).starts_with("x-") &&
                            std::string_view(order.client_order_id).substr(2).starts_with(broker_id));
  if (order.client_order_id.empty()) {
    order.client_order_id = new_id();
  } else if (!has_prefix) {
    order.client_order_id.insert(0, "x-" + broker_id);
  }
  if (order.client_order_id.size() > kMaxClientOrderIdLength) {
    throw BinanceError(ErrorKind::invalid_request, "client order id \"" + order.client_order_id + "\" is longer than " +
                                                       std::to_string(kMaxClientOrderIdLength) + " characters");
  }
  order.symbol = to_exchange_symbol(request.symbol);
  Params& params = order.params;
  params.reserve(8);
  params.emplace_back("symbol", order.symbol);
  params.emplace_back("side", to_string(request.side));
  params.emplace_back("type", to_string(request.type));
  if (request.type == OrderType::limit) params.emplace_back("timeInForce", to_string(request.time_in_force));
  if (!request.quantity.empty()) params.emplace_back("quantity", request.quantity);
  if (!request.quote_order_qty.empty()) params.emplace_back("quoteOrderQty", request.quote_order_qty);
  if (!request.price.empty()) params.emplace_back("price", request.price);
  params.emplace_back("newClientOrderId", order.client_order_id);
  params.emplace_back("newOrderRespType", "FULL");
  return order;
}

std::string_view PreparedOrder::param(std::string_view name) const noexcept {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

std::string PreparedOrder::text() const {
  std::string out = "order ";
  out.append(param("side")).append(" ").append(param("type")).append(" ").append(symbol).append(" quantity ");
  if (const std::string_view quantity = param("quantity"); !quantity.empty()) {
    out.append(quantity);
  } else {
    out.append(param("quoteOrderQty")).append(" (quote)");
  }
  if (const std::string_view price = param("price"); !price.empty()) out.append(" price ").append(price);
  return out.append(" client id ").append(client_order_id);
}

std::string encode_params(const Params& params) {
  std::size_t length = 0;
  for (const auto& [key, value] : params) length += key.size() + value.size() + 2;
  std::string out;
  // Room for sign_query's recvWindow, timestamp and signature too: the buffer is allocated once.
  out.reserve(length + kSignedSuffixLength);
  for (const auto& [key, value] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(key).push_back('=');
    append_url_encoded(value, out);
  }
  return out;
}

namespace {

void append_number(std::int64_t value, std::string& out) {
  std::array<char, 24> digits{};
  const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
}

}  // namespace

void sign_query(std::string& query, std::int64_t recv_window_ms, std::int64_t timestamp_ms, RequestSigner& signer) {
  query.reserve(query.size() + kSignedSuffixLength);
  if (!query.empty()) query.push_back('&');
  query.append("recvWindow=");
  append_number(recv_window_ms, query);
  query.append("&timestamp=");
  append_number(timestamp_ms, query);
  const std::size_t signed_length = query.size();
  if (signer.key_type() == KeyType::hmac_sha256) {
    // Signed in place: the digest of the first `signed_length` characters is computed before the
    // hex is appended, and the reserve keeps the buffer from moving meanwhile anyway.
    query.reserve(signed_length + 11 + 64);
    query += "&signature=";
    signer.append_signature(std::string_view(query).substr(0, signed_length), query);
  } else {
    // Base64 has + / =, which a form-encoded query would read as other characters: escaped.
    std::string signature;
    signer.append_signature(query, signature);
    query += "&signature=";
    append_url_encoded(signature, query);
  }
}

}  // namespace octobot::binance
