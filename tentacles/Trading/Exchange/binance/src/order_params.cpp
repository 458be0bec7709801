#include <octobot_binance/errors.hpp>
#include <octobot_binance/order_params.hpp>

namespace octobot::binance {

namespace {

constexpr std::size_t kMaxClientOrderIdLength = 36;

}  // namespace

PreparedOrder prepare_order(const OrderRequest& request, const std::string& broker_id,
                            const std::function<std::string()>& new_id) {
  PreparedOrder order;
  order.client_order_id = request.client_order_id;
  const std::string prefix = broker_id.empty() ? std::string() : "x-" + broker_id;
  if (order.client_order_id.empty()) {
    order.client_order_id = new_id();
  } else if (order.client_order_id.rfind(prefix, 0) != 0) {
    order.client_order_id = prefix + order.client_order_id;
  }
  if (order.client_order_id.size() > kMaxClientOrderIdLength) {
    throw BinanceError(ErrorKind::invalid_request, "client order id \"" + order.client_order_id + "\" is longer than " +
                                                       std::to_string(kMaxClientOrderIdLength) + " characters");
  }
  order.symbol = to_exchange_symbol(request.symbol);
  Params& params = order.params;
  params = {{"symbol", order.symbol}, {"side", to_string(request.side)}, {"type", to_string(request.type)}};
  if (request.type == OrderType::limit) params.emplace_back("timeInForce", to_string(request.time_in_force));
  if (!request.quantity.empty()) params.emplace_back("quantity", request.quantity);
  if (!request.quote_order_qty.empty()) params.emplace_back("quoteOrderQty", request.quote_order_qty);
  if (!request.price.empty()) params.emplace_back("price", request.price);
  params.emplace_back("newClientOrderId", order.client_order_id);
  params.emplace_back("newOrderRespType", "FULL");
  order.order_text =
      std::string("order ") + to_string(request.side) + " " + to_string(request.type) + " " + order.symbol +
      " quantity " + (request.quantity.empty() ? request.quote_order_qty + " (quote)" : request.quantity) +
      (request.price.empty() ? std::string() : " price " + request.price) + " client id " + order.client_order_id;
  return order;
}

std::string encode_params(const Params& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += key;
    out.push_back('=');
    out += url_encode(value);
  }
  return out;
}

void sign_query(std::string& query, std::int64_t recv_window_ms, std::int64_t timestamp_ms, RequestSigner& signer) {
  if (!query.empty()) query.push_back('&');
  query += "recvWindow=" + std::to_string(recv_window_ms) + "&timestamp=" + std::to_string(timestamp_ms);
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
    query += "&signature=" + url_encode(signature);
  }
}

}  // namespace octobot::binance
