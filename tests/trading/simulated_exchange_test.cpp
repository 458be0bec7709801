#include <catch2/catch.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <vector>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::OrderType;
using octobot::channel::Side;

TEST_CASE("a market order fills at once at the latest close plus slippage, taker fee in the received asset",
          "[simulated_exchange]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("10000"));
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio, {d("0.001"), Decimal{}});
  exchange.on_candle("BTC/USDT", candle(0, "19900", "20100", "19800", "20000"));

  const Order& buy = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.1")));
  CHECK(buy.state == OrderState::filled);
  CHECK(buy.filled_cost == d("2002"));  // 0.1 at 20000 * 1.001
  CHECK(buy.fees == d("0.0002"));       // 0.2 % of 0.1 BTC
  CHECK(buy.fee_asset == "BTC");
  CHECK(portfolio.balance("USDT") == Balance{d("7998"), d("7998")});
  CHECK(portfolio.balance("BTC") == Balance{d("1.0998"), d("1.0998")});

  const Order& sell = exchange.create_order(OrderRequest::market("BTC/USDT", Side::sell, d("0.5")));
  CHECK(sell.state == OrderState::filled);
  CHECK(exchange.trades().back().price == d("19980"));  // 20000 * 0.999
  CHECK(sell.fees == d("19.98"));                       // 0.2 % of 9990 USDT
  CHECK(portfolio.balance("USDT").total == d("7998") + d("9990") - d("19.98"));
  CHECK(portfolio.balance("BTC").total == d("0.5998"));
  REQUIRE(exchange.trades().size() == 2);
}

TEST_CASE("no look-ahead: a limit order created at candle t never fills on candle t's own range",
          "[simulated_exchange][look_ahead]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("10000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  // Candle t went down to 19000; the strategy sees it and places a buy at 19500.
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20100", "19000", "20000"));
  const Order& order = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19500")));
  REQUIRE(order.state == OrderState::open);
  CHECK(portfolio.balance("USDT") == Balance{d("10000"), d("8050")});
  // Candle t cannot be fed again, and t+1 does not reach the price.
  CHECK_THROWS_AS(exchange.on_candle("BTC/USDT", candle(0, "20000", "20100", "19000", "20000")), std::invalid_argument);
  exchange.on_candle("BTC/USDT", candle(1, "20000", "20500", "19800", "20100"));
  CHECK(order.state == OrderState::open);
  // t+2 crosses it: filled at the limit price, maker fee.
  exchange.on_candle("BTC/USDT", candle(2, "20100", "20100", "19400", "19600"));
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled_cost == d("1950"));
  CHECK(order.fees == d("0.0001"));
  CHECK(portfolio.balance("USDT") == Balance{d("8050"), d("8050")});
  CHECK(portfolio.balance("BTC") == Balance{d("0.0999"), d("0.0999")});
}

TEST_CASE("a stop-loss gapped through fills at the open, not at its trigger", "[simulated_exchange]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& stop = exchange.create_order(
      OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("0.5"), d("19000")));
  REQUIRE(stop.state == OrderState::open);
  CHECK(portfolio.balance("BTC") == Balance{d("1"), d("0.5")});
  exchange.on_candle("BTC/USDT", candle(1, "20000", "20000", "19200", "19500"));
  CHECK(stop.state == OrderState::open);
  exchange.on_candle("BTC/USDT", candle(2, "18500", "18700", "18000", "18100"));  // gap down
  CHECK(stop.state == OrderState::filled);
  CHECK(exchange.trades().back().price == d("18500"));
  CHECK(stop.fees == d("18.5"));  // taker: 0.2 % of 9250
  CHECK(portfolio.balance("USDT") == Balance{d("9231.5"), d("9231.5")});
  CHECK(portfolio.balance("BTC") == Balance{d("0.5"), d("0.5")});
}

TEST_CASE("a take-profit fills at its trigger, or at a better open after a gap", "[simulated_exchange]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& reached = exchange.create_order(
      OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::take_profit, d("0.1"), d("21000")));
  const Order& gapped = exchange.create_order(
      OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::take_profit, d("0.1"), d("21500")));
  exchange.on_candle("BTC/USDT", candle(1, "20500", "21200", "20400", "21100"));
  CHECK(reached.state == OrderState::filled);
  CHECK(reached.filled_cost == d("2100"));
  CHECK(gapped.state == OrderState::open);
  exchange.on_candle("BTC/USDT", candle(2, "22000", "22100", "21900", "22000"));  // gap up
  CHECK(gapped.state == OrderState::filled);
  CHECK(gapped.filled_cost == d("2200"));
}

TEST_CASE("a stop-loss-limit rests as a limit order after its trigger, fillable from the next candle",
          "[simulated_exchange]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& order = exchange.create_order(
      OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss_limit, d("0.1"), d("19000"), d("18900")));
  exchange.on_candle("BTC/USDT", candle(1, "19500", "19500", "18800", "18850"));  // triggers; would cross 18900
  CHECK(order.triggered);
  CHECK(order.state == OrderState::open);
  exchange.on_candle("BTC/USDT", candle(2, "18850", "18890", "18700", "18800"));  // below the limit
  CHECK(order.state == OrderState::open);
  exchange.on_candle("BTC/USDT", candle(3, "18850", "18950", "18800", "18900"));
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled_cost == d("1890"));
  CHECK(order.fees == d("1.89"));  // maker: it rested on the book
}

TEST_CASE("a trailing stop follows the highest high and fires on a later pullback", "[simulated_exchange]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& trailing = exchange.create_order(OrderRequest::trailing_stop("BTC/USDT", Side::sell, d("0.1"), d("5")));
  CHECK(trailing.trigger_price == d("19000"));
  // Up to 21000 and down to 19500 in one candle: the stop was 19000 when the low came (conservative
  // reading), so no fill; the stop then moves to 5 % under 21000.
  exchange.on_candle("BTC/USDT", candle(1, "20000", "21000", "19500", "20800"));
  CHECK(trailing.state == OrderState::open);
  CHECK(trailing.trigger_price == d("19950"));
  exchange.on_candle("BTC/USDT", candle(2, "20800", "20900", "19960", "20000"));  // above the stop
  CHECK(trailing.trigger_price == d("19950"));
  exchange.on_candle("BTC/USDT", candle(3, "20100", "20100", "19900", "19900"));
  CHECK(trailing.state == OrderState::filled);
  CHECK(trailing.filled_cost == d("1995"));
}

TEST_CASE("limited volume fills an order in parts, every transition is published on the orders channel",
          "[simulated_exchange]") {
  octobot::channel::SyncDriver driver;
  auto orders = std::make_shared<octobot::channel::Channel<octobot::channel::OrdersChannel>>(
      "simulated", octobot::channel::DeliveryMode::synchronized(driver));
  std::vector<octobot::channel::OrderStatus> published;
  std::vector<Decimal> filled;
  auto subscription = orders->subscribe([&](const octobot::channel::OrderMessage& message) {
    published.push_back(message.status);
    filled.push_back(message.filled);
  });

  Portfolio portfolio;
  portfolio.deposit("USDT", d("30000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio, {Decimal{}, d("0.1")}, {orders, nullptr, nullptr});
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& order = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("1"), d("19500")));
  for (int i = 1; i <= 3; ++i) exchange.on_candle("BTC/USDT", candle(i, "19600", "19600", "19400", "19500", "4"));
  driver.drain();

  using octobot::channel::OrderStatus;
  CHECK(published == std::vector<OrderStatus>{OrderStatus::open, OrderStatus::partially_filled,
                                              OrderStatus::partially_filled, OrderStatus::filled});
  CHECK(filled == std::vector<Decimal>{Decimal{}, d("0.4"), d("0.8"), d("1")});
  CHECK(order.state == OrderState::filled);
  CHECK(portfolio.balance("USDT") == Balance{d("10500"), d("10500")});
  CHECK(portfolio.balance("BTC").total == d("0.999"));  // maker fee 0.001 BTC over three fills
  CHECK(exchange.trades().size() == 3);
}

TEST_CASE("orders are rounded to the market, and rejected with a reason when they do not fit",
          "[simulated_exchange][rejections]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("1000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);

  const Order& no_price = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.01")));
  CHECK(no_price.state == OrderState::rejected);
  CHECK(no_price.reason == "BTC/USDT: no price yet for a market order");

  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& rounded =
      exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.012345678"), d("19500.129")));
  CHECK(rounded.amount == d("0.01234"));
  CHECK(rounded.price == d("19500.13"));
  CHECK(rounded.state == OrderState::open);

  const Order& tiny = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.00009"), d("19500")));
  CHECK(tiny.state == OrderState::rejected);
  CHECK(tiny.reason == "BTC/USDT: amount 0.00009 BTC is below the market minimum 0.0001 BTC");

  const Order& cheap = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.0005"), d("19500")));
  CHECK(cheap.state == OrderState::rejected);
  CHECK(cheap.reason.find("below the market minimum cost 10 USDT") != std::string::npos);

  const Balance before = portfolio.balance("USDT");
  const Order& too_big = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("1"), d("19500")));
  CHECK(too_big.state == OrderState::rejected);
  CHECK(too_big.reason.find("cannot lock 19500 USDT") != std::string::npos);
  CHECK(portfolio.balance("USDT") == before);

  // Rejected orders are kept and never open.
  CHECK(exchange.order(tiny.id) == &tiny);
  CHECK(exchange.open_orders().size() == 1);
  CHECK_THROWS_AS(exchange.create_order(OrderRequest::market("ETH/USDT", Side::buy, d("1"))), std::invalid_argument);
  CHECK_THROWS_AS(exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("1"), Decimal{})),
                  std::invalid_argument);
}

TEST_CASE("cancelling gives the reserved funds back exactly, final states stay final", "[simulated_exchange]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("1000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& order = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.0333"), d("19999.99")));
  CHECK(portfolio.balance("USDT").available == d("1000") - d("0.0333") * d("19999.99"));
  CHECK(exchange.cancel_order(order.id));
  CHECK(order.state == OrderState::cancelled);
  CHECK(portfolio.balance("USDT") == Balance{d("1000"), d("1000")});
  CHECK_FALSE(exchange.cancel_order(order.id));
  CHECK_FALSE(exchange.cancel_order("nope"));
  exchange.on_candle("BTC/USDT", candle(1, "19000", "19000", "19000", "19000"));
  CHECK(order.state == OrderState::cancelled);

  Order copy = order;
  CHECK_THROWS_AS(copy.transition(OrderState::open), std::logic_error);
  CHECK(is_allowed_transition(OrderState::partially_filled, OrderState::partially_filled));
  CHECK_FALSE(is_allowed_transition(OrderState::filled, OrderState::cancelled));
  CHECK(is_allowed_transition(OrderState::open, OrderState::rejected));  // a live refusal, after the fact
  CHECK_FALSE(is_allowed_transition(OrderState::partially_filled, OrderState::rejected));
}

TEST_CASE("an order on a sub-portfolio can never spend beyond its slice", "[simulated_exchange][sub_portfolio]") {
  Portfolio main;
  main.deposit("USDT", d("10000"));
  Portfolio& dca = main.create_sub_portfolio("dca", {{"USDT", d("1000")}});
  SimulatedExchange exchange({btc_usdt()}, main);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));

  const Order& too_big = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.1")), &dca);
  CHECK(too_big.state == OrderState::rejected);  // 2000 USDT; the account has 9000 more, out of reach
  CHECK(too_big.reason.find("portfolio 'dca'") != std::string::npos);

  const Order& fits = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.04")), &dca);
  CHECK(fits.state == OrderState::filled);
  CHECK(dca.balance("USDT") == Balance{d("200"), d("200")});
  CHECK(dca.balance("BTC").total == d("0.03992"));
  CHECK(main.balance("USDT") == Balance{d("9200"), d("9000")});
  CHECK(main.balance("BTC") == Balance{d("0.03992"), Decimal{}});
}
