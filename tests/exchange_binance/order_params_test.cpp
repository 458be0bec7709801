// The create-order request's text (order_params.hpp): parameters, client order id, signed query, and
// the log line's description, which is made from the parameters when a line needs it.
#include <catch2/catch.hpp>

#include <octobot_binance/errors.hpp>
#include <octobot_binance/order_params.hpp>
#include <octobot_binance/signing.hpp>
#include <string>

using namespace octobot::binance;

namespace {

const std::string kDocumentedSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

OrderRequest limit_buy() {
  OrderRequest request;
  request.symbol = "LTC/BTC";
  request.side = OrderSide::buy;
  request.type = OrderType::limit;
  request.quantity = "1";
  request.price = "0.1";
  request.client_order_id = "abc";
  return request;
}

std::string no_new_id() { return "made-here"; }

}  // namespace

TEST_CASE("order params: a limit order's parameters, in Binance's order, and its description") {
  const PreparedOrder order = prepare_order(limit_buy(), "OCTOBOT", no_new_id);
  CHECK(order.symbol == "LTCBTC");
  CHECK(order.client_order_id == "x-OCTOBOTabc");
  CHECK(encode_params(order.params) ==
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&newClientOrderId=x-OCTOBOTabc&"
        "newOrderRespType=FULL");
  CHECK(order.param("price") == "0.1");
  CHECK(order.param("quoteOrderQty").empty());
  CHECK(order.text() == "order BUY LIMIT LTCBTC quantity 1 price 0.1 client id x-OCTOBOTabc");
}

TEST_CASE("order params: a market order sized in quote is described by its quote amount") {
  OrderRequest request = limit_buy();
  request.type = OrderType::market;
  request.side = OrderSide::sell;
  request.quantity.clear();
  request.price.clear();
  request.quote_order_qty = "25.5";
  const PreparedOrder order = prepare_order(request, "OCTOBOT", no_new_id);
  CHECK(encode_params(order.params) ==
        "symbol=LTCBTC&side=SELL&type=MARKET&quoteOrderQty=25.5&newClientOrderId=x-OCTOBOTabc&newOrderRespType=FULL");
  CHECK(order.text() == "order SELL MARKET LTCBTC quantity 25.5 (quote) client id x-OCTOBOTabc");
}

TEST_CASE("order params: the broker prefix is added once, and an unnamed order gets a made id") {
  OrderRequest request = limit_buy();
  request.client_order_id = "x-OCTOBOTabc";  // already prefixed (a retry): kept as is
  CHECK(prepare_order(request, "OCTOBOT", no_new_id).client_order_id == "x-OCTOBOTabc");
  request.client_order_id = "x-OTHERabc";  // another broker's prefix is not ours
  CHECK(prepare_order(request, "OCTOBOT", no_new_id).client_order_id == "x-OCTOBOTx-OTHERabc");
  request.client_order_id = "abc";  // no broker: the id as given
  CHECK(prepare_order(request, "", no_new_id).client_order_id == "abc");
  request.client_order_id.clear();
  CHECK(prepare_order(request, "OCTOBOT", no_new_id).client_order_id == "made-here");
  request.client_order_id = std::string(30, 'a');  // 39 characters once prefixed: Binance allows 36
  CHECK_THROWS_AS(prepare_order(request, "OCTOBOT", no_new_id), BinanceError);
}

TEST_CASE("order params: values are escaped, runs of plain characters kept whole") {
  const Params params{{"a", "x y"}, {"b", "%start"}, {"c", "end/"}, {"d", "::"}, {"e", ""}, {"f", "plain-_.~09AZaz"}};
  CHECK(encode_params(params) == "a=x%20y&b=%25start&c=end%2F&d=%3A%3A&e=&f=plain-_.~09AZaz");
  std::string out = "kept&";
  append_url_encoded("a+b", out);
  CHECK(out == "kept&a%2Bb");
}

TEST_CASE("order params: the signed query of Binance's documented example") {
  // https://developers.binance.com/docs/binance-spot-api-docs/rest-api (SIGNED endpoint examples):
  // the same parameters, recvWindow and timestamp give the documented signature.
  const PreparedOrder order = prepare_order(limit_buy(), "", no_new_id);
  Params params = order.params;
  params.resize(6);  // the example has no client order id nor response type
  std::string query = encode_params(params);
  RequestSigner signer(kDocumentedSecret);
  sign_query(query, 5000, 1499827319559, signer);
  CHECK(query ==
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  // A query with no parameters of its own starts with recvWindow.
  std::string empty;
  sign_query(empty, 60000, -1, signer);
  CHECK(empty.starts_with("recvWindow=60000&timestamp=-1&signature="));
  CHECK(empty.size() == std::string("recvWindow=60000&timestamp=-1&signature=").size() + 64);
}
