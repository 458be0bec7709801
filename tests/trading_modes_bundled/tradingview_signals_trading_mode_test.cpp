// TradingViewSignalsTradingMode: the alert parser on its own, then the mode driven through its ABI
// table (on_service_feed, ABI 1.5) with its reference configuration and a fake account.
#include "tradingview_signals_trading_mode.hpp"

#include <catch2/catch.hpp>

#include "mode_harness.hpp"
#include "tradingview_alert.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;
using tradingview::AlertError;
using tradingview::OrderKind;
using tradingview::parse_alert;
using tradingview::Signal;

namespace {

std::string error_of(const std::string& body) {
  try {
    (void)parse_alert(body);
  } catch (const AlertError& error) {
    return error.what();
  }
  return "(no error)";
}

test::FakeAccount& btc_account(test::FakeAccount& account) {
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.0001, 10});
  account.set_price("BTC/USDT", 100);
  account.set_balance("BTC", 2);
  account.set_balance("USDT", 1000);
  return account;
}

std::filesystem::path mode_folder() {
  return std::filesystem::path(OCTOBOT_MODES_DIR) / "tradingview_signals_trading_mode";
}

}  // namespace

TEST_CASE("tradingview alert: every key, one per line, in any case") {
  const auto alert = parse_alert(
      "EXCHANGE=binance\nsymbol=BTCUSDT\nSIGNAL=buy\nOrder_Type=LIMIT\nVOLUME=12%\nPRICE=95.5\nSTOP_PRICE=90\n"
      "TAKE_PROFIT_PRICE=110\nTAG=swing-1\nCOMMENT=from my strategy\n");
  CHECK(alert.exchange == "binance");
  CHECK(alert.symbol == "BTCUSDT");
  CHECK(alert.signal == Signal::buy);
  REQUIRE(alert.order_type);
  CHECK(*alert.order_type == OrderKind::limit);
  CHECK(alert.volume == "12%");
  CHECK(alert.price == "95.5");
  CHECK(alert.stop_price == "90");
  CHECK(alert.take_profit_price == "110");
  CHECK(alert.tag == "swing-1");
  CHECK(alert.ignored_keys == std::vector<std::string>{"COMMENT"});
}

TEST_CASE("tradingview alert: ';' separators, spaces, quotes and CRLF lines") {
  const auto alert = parse_alert("SYMBOL = \"BTC/USDT\" ; SIGNAL=SELL;ORDER_TYPE=market\r\nVOLUME=100q\r\n");
  CHECK(alert.symbol == "BTC/USDT");
  CHECK(alert.signal == Signal::sell);
  CHECK(*alert.order_type == OrderKind::market);
  CHECK(alert.volume == "100q");
  CHECK_FALSE(parse_alert("SIGNAL=CANCEL").order_type);
  CHECK(parse_alert("SIGNAL=CANCEL").signal == Signal::cancel);
}

TEST_CASE("tradingview alert: a flat JSON alert with TradingView's ticker and action") {
  const auto alert = parse_alert(R"({"ticker": "BTCUSDT", "action": "buy", "volume": "0.5", "price": 99})");
  CHECK(alert.symbol == "BTCUSDT");
  CHECK(alert.signal == Signal::buy);
  CHECK(alert.volume == "0.5");
  CHECK(alert.price == "99");
  CHECK_THAT(error_of(R"({"ticker": {"nested": 1}, "action": "buy"})"),
             Catch::Contains("a JSON alert must be a flat object"));
}

TEST_CASE("tradingview alert: a bad alert names the key and the value at fault") {
  CHECK_THAT(error_of("SYMBOL=BTCUSDT"), Catch::Contains("SIGNAL: missing"));
  CHECK_THAT(error_of("SIGNAL=HOLD"), Catch::Contains("SIGNAL: expected BUY, SELL or CANCEL, found \"HOLD\""));
  CHECK_THAT(error_of("SIGNAL=BUY\nORDER_TYPE=stop"),
             Catch::Contains("ORDER_TYPE: expected MARKET or LIMIT, found \"stop\""));
  CHECK_THAT(error_of("SIGNAL=BUY\nVOLUME=lots"), Catch::Contains("VOLUME: expected an amount"));
  CHECK_THAT(error_of("SIGNAL=BUY\nVOLUME=12x%"), Catch::Contains("found \"12x%\""));
  CHECK_THAT(error_of("SIGNAL=BUY\nVOLUME=0"), Catch::Contains("VOLUME"));
  CHECK_THAT(error_of("SIGNAL=BUY\nPRICE=-3"), Catch::Contains("PRICE: expected a positive price"));
  CHECK_THAT(error_of("SIGNAL=BUY\nSTOP_PRICE=1e3"), Catch::Contains("STOP_PRICE: expected a positive price"));
  CHECK_THAT(error_of("SIGNAL=BUY\nTAKE_PROFIT_PRICE="), Catch::Contains("TAKE_PROFIT_PRICE"));
  CHECK_THAT(error_of("SIGNAL=BUY\nSIGNAL=SELL"), Catch::Contains("SIGNAL: given twice"));
  CHECK_THAT(error_of("SIGNAL=BUY\nhello"), Catch::Contains("expected KEY=value, found \"hello\""));
  CHECK_THAT(error_of("SIGNAL=SELL\nSTOP_PRICE=90"), Catch::Contains("STOP_PRICE: exits follow a BUY entry"));
  CHECK_THAT(error_of("SIGNAL=BUY\nTAG=" + std::string(80, 'x')), Catch::Contains("TAG: at most 63 characters"));
}

TEST_CASE("tradingview alert: symbols compare in one form, and an alert survives the decision's data") {
  CHECK(tradingview::compact_symbol("btc/usdt") == "BTCUSDT");
  CHECK(tradingview::compact_symbol("BTC-USDT") == "BTCUSDT");
  CHECK(tradingview::compact_symbol("BTC/USDT:USDT") == "BTCUSDT");
  const auto alert = parse_alert("SIGNAL=BUY;ORDER_TYPE=LIMIT;VOLUME=0.1;PRICE=90;STOP_PRICE=80;TAG=a \"b\"");
  const auto back = tradingview::from_decision_data(tradingview::to_decision_data(alert));
  CHECK(back.signal == Signal::buy);
  CHECK(*back.order_type == OrderKind::limit);
  CHECK(back.volume == "0.1");
  CHECK(back.price == "90");
  CHECK(back.stop_price == "80");
  CHECK(back.tag == "a \"b\"");
}

TEST_CASE("tradingview mode: a BUY alert is a market buy of VOLUME, tagged") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<TradingViewSignalsTradingMode>(), account, mode_folder(), std::nullopt,
                        "BTC/USDT");
  mode.service_feed("EXCHANGE=BINANCE\nSYMBOL=BTCUSDT\nSIGNAL=BUY\nVOLUME=0.5\nTAG=tv-1");
  REQUIRE(account.history().size() == 1);
  CHECK(account.history()[0].side == OB_SIDE_BUY);
  CHECK(account.history()[0].type == OB_ORDER_TYPE_MARKET);
  CHECK(account.history()[0].amount == Approx(0.5));
  CHECK(account.history()[0].tag == "tv-1");
  REQUIRE(mode.decisions().size() == 1);
  CHECK(mode.decisions()[0].state == OB_SIGNAL_VERY_LONG);
}

TEST_CASE("tradingview mode: without VOLUME the configured default size, 10 % of the quote for a buy") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<TradingViewSignalsTradingMode>(), account, mode_folder(), std::nullopt,
                        "BTC/USDT");
  mode.service_feed("SIGNAL=BUY");
  REQUIRE(account.history().size() == 1);
  CHECK(account.history()[0].amount == Approx(1.0));  // 10 % of 1000 USDT at 100
  CHECK(account.history()[0].tag == "tradingview");
  mode.service_feed("SIGNAL=SELL;ORDER_TYPE=LIMIT;PRICE=120");
  REQUIRE(account.history().size() == 2);
  CHECK(account.history()[1].type == OB_ORDER_TYPE_LIMIT);
  CHECK(account.history()[1].price == Approx(120));
  CHECK(account.history()[1].amount == Approx(3.0));  // 100 % of the 3 BTC held
}

TEST_CASE("tradingview mode: a limit BUY without PRICE waits below the price, with chained exits") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<TradingViewSignalsTradingMode>(), account, mode_folder(), std::nullopt,
                        "BTC/USDT");
  mode.service_feed("SIGNAL=BUY\nORDER_TYPE=LIMIT\nVOLUME=1\nSTOP_PRICE=90\nTAKE_PROFIT_PRICE=110\nTAG=swing");
  REQUIRE(account.open_orders().size() == 1);
  const test::FakeOrder entry = account.open_orders()[0];
  CHECK(entry.price == Approx(99.5));  // 0.5 % below 100
  CHECK(mode.logged(OB_LOG_INFO, "exits chained to entry"));
  (void)account.fill(entry.id);
  const auto open = account.open_orders();
  REQUIRE(open.size() == 2);
  CHECK(open[0].tag == "swing-take-profit");
  CHECK(open[0].price == Approx(110));
  CHECK(open[1].tag == "swing-stop-loss");
  CHECK(open[1].type == OB_ORDER_TYPE_STOP_LOSS);
  CHECK_FALSE(open[0].group.empty());
  CHECK(open[0].group == open[1].group);
}

TEST_CASE("tradingview mode: a market BUY with a stop places the stop at once") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<TradingViewSignalsTradingMode>(), account, mode_folder(), std::nullopt,
                        "BTC/USDT");
  mode.service_feed("SIGNAL=BUY\nVOLUME=1\nSTOP_PRICE=90");
  REQUIRE(account.open_orders().size() == 1);
  CHECK(account.open_orders()[0].type == OB_ORDER_TYPE_STOP_LOSS);
  CHECK(account.open_orders()[0].amount == Approx(1));
  mode.service_feed("SIGNAL=BUY\nVOLUME=1\nSTOP_PRICE=150");  // above the price: refused, nothing traded
  CHECK(account.history().size() == 2);
  CHECK(mode.logged(OB_LOG_ERROR, "STOP_PRICE 150 is not below the entry price"));
}

TEST_CASE("tradingview mode: CANCEL cancels the open orders on the symbol, or only those of its TAG") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<TradingViewSignalsTradingMode>(), account, mode_folder(), std::nullopt,
                        "BTC/USDT");
  mode.service_feed("SIGNAL=BUY;ORDER_TYPE=LIMIT;PRICE=90;VOLUME=1;TAG=a");
  mode.service_feed("SIGNAL=BUY;ORDER_TYPE=LIMIT;PRICE=80;VOLUME=1;TAG=b");
  REQUIRE(account.open_orders().size() == 2);
  mode.service_feed("SIGNAL=CANCEL;TAG=a");
  REQUIRE(account.open_orders().size() == 1);
  CHECK(account.open_orders()[0].tag == "b");
  mode.service_feed("SIGNAL=CANCEL");
  CHECK(account.open_orders().empty());
  CHECK(mode.logged(OB_LOG_INFO, "CANCEL alert"));
}

TEST_CASE("tradingview mode: a bad alert, another exchange or another symbol trade nothing") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<TradingViewSignalsTradingMode>(), account, mode_folder(), std::nullopt,
                        "BTC/USDT");
  mode.service_feed("SIGNAL=BUY\nVOLUME=many");
  CHECK(mode.logged(OB_LOG_ERROR, "not traded: VOLUME: expected an amount"));
  mode.service_feed("EXCHANGE=kraken\nSIGNAL=BUY");
  CHECK(mode.logged(OB_LOG_INFO, "ignored: EXCHANGE=kraken"));
  mode.service_feed("SYMBOL=ETHUSDT\nSIGNAL=BUY");
  CHECK(mode.logged(OB_LOG_INFO, "ignored: SYMBOL=ETHUSDT is not BTC/USDT"));
  CHECK(account.history().empty());
  CHECK(mode.decisions().empty());
}
