// The SDK's C++ layer seen from the host side of the ABI: descriptors generated from classes, and
// trampolines that turn every C++ failure into a status and a message.
#include <catch2/catch.hpp>
#include <octobot/commons/decimal.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/sdk.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace sdk = octobot::sdk;

namespace {

int g_library_inits = 0;

// Behaviour is chosen by the "mode" config key, so one class covers every trampoline path.
class ProbeEvaluator final : public sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("ProbeEvaluator", "2.3.4", "exercises every trampoline path");
  using TAEvaluator::TAEvaluator;

  static void on_library_init(const sdk::Host& host) {
    ++g_library_inits;
    host.log(sdk::LogLevel::info, "ProbeEvaluator", "library init");
  }

  void configure(const sdk::Config& config) override {
    mode_ = config.string("mode");
    period_ = config.integer("period", 14);
    if (period_ <= 0) throw sdk::ConfigError("period must be > 0, found " + std::to_string(period_));
  }

  sdk::Evaluation evaluate(const sdk::Candles& candles) override {
    if (mode_ == "throw") throw std::runtime_error("indicator blew up");
    if (mode_ == "throw_int") throw 42;
    if (mode_ == "out_of_range") return sdk::Evaluation::of(1.5);
    if (candles.size() < static_cast<std::size_t>(period_)) return sdk::Evaluation::pending("warming up");
    log(sdk::LogLevel::debug, "evaluated " + std::string(candles.symbol()));
    return sdk::Evaluation::of(-0.25, "buy a little on " + std::string(context().symbol));
  }

 private:
  std::string mode_;
  std::int64_t period_ = 14;
};

// A kind whose callbacks have not landed yet (social evaluators): its table is the lifecycle alone.
class PlaceholderSocial final : public sdk::SocialEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("PlaceholderSocial", "1.0.0", "a social evaluator with lifecycle only");
  using KindBase::KindBase;
};

// ABI 1.1 kinds get their own table with their callbacks.
class PendingStrategy final : public sdk::Strategy {
 public:
  OCTOBOT_TENTACLE_CLASS("PendingStrategy", "1.0.0", "a strategy that never has a note");
  using Strategy::Strategy;
  sdk::Evaluation on_matrix_update(const sdk::MatrixUpdate& /*update*/) override { return sdk::Evaluation::pending(); }
};

using TestLibrary = sdk::detail::Library<ProbeEvaluator, PlaceholderSocial, PendingStrategy>;

struct Fixture {
  octobot::tentacles::HostServices services;
  const ob_library_descriptor* library = TestLibrary::descriptor();
  const ob_class_descriptor* evaluator = library->classes[0];
  const auto& table() const { return *static_cast<const ob_ta_evaluator_vtable*>(evaluator->vtable); }

  ob_status create(const std::string& config_json, ob_instance** out, ob_error* error) {
    const auto config = octobot::tentacles::TentacleConfig::parse(config_json, "test");
    const ob_instance_args args = {
        OB_HEADER_INIT(ob_instance_args), services.host(), config.handle(), "binance", "BTC/USDT", "1h", nullptr};
    return table().lifecycle.create(&args, out, error);
  }
};

ob_candles candles_of(const std::vector<double>& close) {
  static std::vector<std::int64_t> times(64, 0);
  return {OB_HEADER_INIT(ob_candles),
          "binance",
          "BTC/USDT",
          "1h",
          close.size(),
          times.data(),
          close.data(),
          close.data(),
          close.data(),
          close.data(),
          close.data()};
}

}  // namespace

TEST_CASE("the descriptor lists each class with its kind, name, version and table", "[sdk]") {
  const auto* library = TestLibrary::descriptor();
  CHECK(library->header.abi_major == OB_ABI_MAJOR);
  CHECK(std::string(library->sdk_version) == OCTOBOT_SDK_VERSION);
  REQUIRE(library->class_count == 3);
  CHECK(library->classes[0]->kind == OB_KIND_TA_EVALUATOR);
  CHECK(std::string(library->classes[0]->name) == "ProbeEvaluator");
  CHECK(std::string(library->classes[0]->version) == "2.3.4");
  CHECK(static_cast<const ob_ta_evaluator_vtable*>(library->classes[0]->vtable)->header.struct_size ==
        sizeof(ob_ta_evaluator_vtable));
  CHECK(library->classes[1]->kind == OB_KIND_SOCIAL_EVALUATOR);
  CHECK(static_cast<const ob_generic_vtable*>(library->classes[1]->vtable)->header.struct_size ==
        sizeof(ob_generic_vtable));
  CHECK(library->classes[2]->kind == OB_KIND_STRATEGY);
  const auto* strategy = static_cast<const ob_strategy_vtable*>(library->classes[2]->vtable);
  CHECK(strategy->header.struct_size == sizeof(ob_strategy_vtable));
  CHECK(strategy->on_matrix_update != nullptr);
}

TEST_CASE("library init runs each class hook and gets the host's services", "[sdk]") {
  Fixture fixture;
  std::vector<std::string> lines;
  auto previous = octobot::commons::set_log_sink(
      [&](const octobot::commons::LogRecord& record) { lines.emplace_back(record.message); });
  const auto saved_level = octobot::commons::log_level();
  octobot::commons::set_log_level(octobot::commons::LogLevel::info);
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  const int before = g_library_inits;
  CHECK(fixture.library->init(fixture.services.host(), &error) == OB_OK);
  CHECK(g_library_inits == before + 1);
  fixture.library->shutdown();
  octobot::commons::set_log_sink(previous);
  octobot::commons::set_log_level(saved_level);
  CHECK(std::find(lines.begin(), lines.end(), "library init") != lines.end());
}

TEST_CASE("create configures the instance, evaluate returns notes and pending", "[sdk]") {
  Fixture fixture;
  ob_instance* instance = nullptr;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  REQUIRE(fixture.create(R"({"mode": "normal", "period": 3})", &instance, &error) == OB_OK);
  REQUIRE(instance != nullptr);

  ob_evaluation out = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_READY, 9.0, {0}};
  const std::vector<double> two = {1, 2};
  auto candles = candles_of(two);
  CHECK(fixture.table().evaluate(instance, &candles, &out, &error) == OB_OK);
  CHECK(out.state == OB_EVAL_PENDING);
  CHECK(std::string(out.description) == "warming up");

  const std::vector<double> three = {1, 2, 3};
  candles = candles_of(three);
  CHECK(fixture.table().evaluate(instance, &candles, &out, &error) == OB_OK);
  CHECK(out.state == OB_EVAL_READY);
  CHECK(out.eval_note == -0.25);
  CHECK(std::string(out.description) == "buy a little on BTC/USDT");
  fixture.table().lifecycle.destroy(instance);
}

TEST_CASE("configuration errors come back as OB_ERROR_CONFIG with the reason", "[sdk]") {
  Fixture fixture;
  ob_instance* instance = nullptr;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  CHECK(fixture.create(R"({"period": 3})", &instance, &error) == OB_ERROR_NOT_FOUND);
  CHECK(std::string(error.message) == "no configuration value at 'mode'");
  CHECK(fixture.create(R"({"mode": 7})", &instance, &error) == OB_ERROR_CONFIG);
  CHECK(std::string(error.message) == "expected a string at 'mode', found the number 7");
  CHECK(fixture.create(R"({"mode": "x", "period": 0})", &instance, &error) == OB_ERROR_CONFIG);
  CHECK(std::string(error.message) == "period must be > 0, found 0");
  CHECK(instance == nullptr);
}

TEST_CASE("exceptions never cross the boundary", "[sdk]") {
  Fixture fixture;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  ob_evaluation out = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_PENDING, 0.0, {0}};
  const std::vector<double> closes(20, 1.0);
  const auto candles = candles_of(closes);

  for (const auto& [mode, status, message] : std::vector<std::tuple<std::string, ob_status, std::string>>{
           {"throw", OB_ERROR_EXCEPTION, "indicator blew up"},
           {"throw_int", OB_ERROR_EXCEPTION, "unknown exception (not derived from std::exception)"},
           {"out_of_range", OB_ERROR_GENERIC, "ProbeEvaluator: eval_note 1.500000 is outside [-1, 1]"}}) {
    ob_instance* instance = nullptr;
    REQUIRE(fixture.create(R"({"mode": ")" + mode + R"("})", &instance, &error) == OB_OK);
    INFO(mode);
    CHECK(fixture.table().evaluate(instance, &candles, &out, &error) == status);
    CHECK(std::string(error.message) == message);
    fixture.table().lifecycle.destroy(instance);
  }
}

TEST_CASE("configure applies a new config in place", "[sdk]") {
  Fixture fixture;
  ob_instance* instance = nullptr;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  REQUIRE(fixture.create(R"({"mode": "normal", "period": 30})", &instance, &error) == OB_OK);
  const std::vector<double> closes(5, 1.0);
  const auto candles = candles_of(closes);
  ob_evaluation out = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_PENDING, 0.0, {0}};
  CHECK(fixture.table().evaluate(instance, &candles, &out, &error) == OB_OK);
  CHECK(out.state == OB_EVAL_PENDING);
  const auto updated = octobot::tentacles::TentacleConfig::parse(R"({"mode": "normal", "period": 5})", "update");
  CHECK(fixture.table().lifecycle.configure(instance, updated.handle(), &error) == OB_OK);
  CHECK(fixture.table().evaluate(instance, &candles, &out, &error) == OB_OK);
  CHECK(out.state == OB_EVAL_READY);
  fixture.table().lifecycle.destroy(instance);
}

TEST_CASE("the SDK version follows the ABI version", "[sdk]") {
  const std::string expected_prefix = std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR) + ".";
  CHECK(std::string(OCTOBOT_SDK_VERSION).rfind(expected_prefix, 0) == 0);
}

TEST_CASE("a strategy signal's description reaches the C++ layer only when the host wrote one (ABI 1.2)", "[sdk]") {
  ob_strategy_signal raw{
      OB_HEADER_INIT(ob_strategy_signal), "binance", "DipAnalyserStrategyEvaluator", "BTC", "BTC/USDT", -0.5, 1000,
      "price_weight=2 volume_weight=3"};
  const auto signal = sdk::StrategySignal::from_raw(raw);
  CHECK(signal.strategy_name == "DipAnalyserStrategyEvaluator");
  CHECK(signal.note == -0.5);
  CHECK(signal.time_ms == 1000);
  CHECK(signal.description == "price_weight=2 volume_weight=3");

  raw.description = nullptr;  // a careless host: NULL reads as empty
  CHECK(sdk::StrategySignal::from_raw(raw).description.empty());

  // A 1.1 host's struct ends before the field: whatever follows it is not read.
  raw.description = "garbage beyond a 1.1 struct";
  raw.header.struct_size = static_cast<std::uint32_t>(offsetof(ob_strategy_signal, description));
  raw.header.abi_minor = 1;
  const auto old = sdk::StrategySignal::from_raw(raw);
  CHECK(old.description.empty());
  CHECK(old.symbol == "BTC/USDT");
}

TEST_CASE("decimal text converts to double for display, and bad text says what was expected", "[sdk]") {
  CHECK(sdk::to_double(std::string_view("0.015")) == Approx(0.015));
  CHECK(sdk::to_double(std::string("-12.5")) == -12.5);
  CHECK(sdk::to_double("1e-5") == Approx(0.00001));
  CHECK(sdk::to_double("") == 0.0);
  CHECK(sdk::to_double(static_cast<const char*>(nullptr)) == 0.0);
  const std::string text = "12.50000000";
  CHECK(sdk::to_double(std::string_view(text).substr(0, 4)) == 12.5);  // a view, not NUL-terminated there
  CHECK_THROWS_WITH(sdk::to_double("12.5x"),
                    Catch::Contains("expected a decimal number") && Catch::Contains("found \"12.5x\""));
  CHECK_THROWS_WITH(sdk::to_double("abc"), Catch::Contains("found \"abc\""));
  sdk::OrderView order;
  order.amount = "0.25";
  CHECK(sdk::to_double(order.amount) == 0.25);
}

TEST_CASE("an ob_decimal converts to the double strtod gives", "[sdk]") {
  // from_chars reads the host's plain text; anything else (a '+', leading spaces) strtod reads as before.
  for (const char* text : {"0.1", "30012.345678901234", "-12.5", "1e-5", "0.000000000000000001", "+2.5", " 7",
                           "170141183460469231731.687303715884105727", "1e400"}) {
    INFO(text);
    CHECK(sdk::to_double(sdk::to_decimal(std::string_view(text))) == std::strtod(text, nullptr));
  }
  CHECK(sdk::to_double(ob_decimal{}) == 0.0);
}

TEST_CASE("description_value reads key=value tokens of a description", "[sdk]") {
  const std::string_view text = "reversal confirmed price_weight=2 volume_weight=3";
  CHECK(sdk::description_value(text, "price_weight") == std::optional<std::string_view>("2"));
  CHECK(sdk::description_value(text, "volume_weight") == std::optional<std::string_view>("3"));
  CHECK_FALSE(sdk::description_value(text, "weight").has_value());  // a whole key, not a suffix or prefix
  CHECK_FALSE(sdk::description_value(text, "price").has_value());
  CHECK_FALSE(sdk::description_value("", "price_weight").has_value());
  CHECK(sdk::description_value("a= b=", "a") == std::nullopt);  // "a=" has no value: absent
}

// to_decimal formats with std::to_chars; the text must stay what "%.12f" with trailing zeros
// removed wrote before, since order amounts and prices cross the ABI as this text.
TEST_CASE("to_decimal writes printf's %.12f text, trimmed", "[sdk][trading]") {
  const auto printf_text = [](double value) {
    char text[128];
    std::snprintf(text, sizeof(text), "%.12f", value);
    std::string out = text;
    while (out.size() > 1 && out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    return out == "-0" ? std::string("0") : out;
  };
  std::vector<double> values{0.0,
                             -0.0,
                             1.0,
                             0.1,
                             1e-12,
                             5e-13,
                             4e-13,
                             -1e-13,
                             30000.123456789,
                             0.5,
                             2.5e-7,
                             123456789.987654321,
                             1e15,
                             -42.000001,
                             0.000000000001,
                             1e20,
                             29999.99999999999};
  for (int i = 1; i < 2000; ++i) values.push_back(30000.0 * (1.0 + 0.000137 * i) / 7.0);
  for (const double value : values) {
    INFO(value);
    CHECK(std::string(octobot::sdk::to_decimal(value).text) == printf_text(value));
  }
  CHECK_THROWS_AS(octobot::sdk::to_decimal(1e40), octobot::sdk::Error);
}

namespace {

ob_fixed18 fixed_of(octobot::commons::Decimal value) {
  const auto raw = value.raw();
  return {static_cast<std::uint64_t>(raw), static_cast<std::int64_t>(raw >> 64)};
}

double double_of_text(const std::string& text) {
  double value = 0.0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

TEST_CASE("an exact value (ABI 1.4) gives the host's text and the very double that text gives", "[sdk][trading]") {
  using octobot::commons::Decimal;
  std::vector<Decimal> values;
  for (const char* text : {"0", "1", "-1", "0.01", "0.00001", "30000.123456789012345678", "-12.5", "100.25",
                           "9007199254740993", "0.000000000000000001", "123456789012345678901.5", "0.1", "0.3",
                           "29999.999999999999999999", "170141183460469231731.687303715884105727"}) {
    values.push_back(Decimal::from_string(text));
  }
  std::mt19937_64 random(7);
  for (int i = 0; i < 20000; ++i) {
    // Raw values of every magnitude, from 10^-18 up to ~10^20, of both signs.
    const int bits = static_cast<int>(random() % 127);
    Decimal::Raw raw = static_cast<Decimal::Raw>(random()) << 64 | random();
    raw = bits == 0 ? 0 : (raw & ((static_cast<Decimal::Raw>(1) << bits) - 1));
    if (random() % 3 == 0) raw = (raw / 1'000'000) * 1'000'000;  // trailing zeros, as prices have
    values.push_back(Decimal::from_raw(random() % 2 == 0 ? raw : -raw));
  }
  for (const Decimal& value : values) {
    const octobot::sdk::Exact exact(fixed_of(value));
    const std::string text = value.to_string();
    INFO(text);
    REQUIRE(exact.text() == text);
    REQUIRE(exact.to_double() == double_of_text(text));
    const octobot::sdk::Exact parsed = octobot::sdk::Exact::parse(text);
    REQUIRE(parsed.raw().lo == exact.raw().lo);
    REQUIRE(parsed.raw().hi == exact.raw().hi);
  }
  CHECK(octobot::sdk::Exact::parse("").is_zero());
  CHECK_THROWS_AS(octobot::sdk::Exact::parse("1e-3"), octobot::sdk::Error);
  CHECK_THROWS_AS(octobot::sdk::Exact::parse("-"), octobot::sdk::Error);
  CHECK_THROWS_AS(octobot::sdk::Exact::parse("0.0000000000000000001"), octobot::sdk::Error);
}

namespace {

// A host from before ABI 1.4: its "orders/1" and "portfolio/1" tables end after the text functions.
struct OldHost {
  static ob_status market(void*, const ob_account*, const char*, ob_market_info* out, ob_error*) {
    std::snprintf(out->base, sizeof(out->base), "BTC");
    std::snprintf(out->quote, sizeof(out->quote), "USDT");
    std::snprintf(out->price_tick.text, sizeof(out->price_tick.text), "0.01");
    std::snprintf(out->amount_step.text, sizeof(out->amount_step.text), "0.00001");
    std::snprintf(out->min_cost.text, sizeof(out->min_cost.text), "10");
    return OB_OK;
  }
  static ob_status last_price(void*, const ob_account*, const char*, ob_decimal* out, ob_error*) {
    std::snprintf(out->text, sizeof(out->text), "30000.5");
    return OB_OK;
  }
  static uint64_t open_orders(void*, const ob_account*, const char*, ob_order_view* out, uint64_t capacity) {
    if (capacity > 0) {
      std::snprintf(out[0].id, sizeof(out[0].id), "7");
      std::snprintf(out[0].tag, sizeof(out[0].tag), "entry");
      out[0].side = OB_SIDE_SELL;
      out[0].state = OB_ORDER_STATUS_OPEN;
    }
    return 1;
  }
  static ob_status value(void*, const ob_account*, ob_decimal* out, ob_error*) {
    std::snprintf(out->text, sizeof(out->text), "1050.125");
    return OB_OK;
  }
  static ob_status balance(void*, const ob_account*, const char*, ob_balance* out, ob_error*) {
    std::snprintf(out->total.text, sizeof(out->total.text), "2");
    std::snprintf(out->available.text, sizeof(out->available.text), "1.5");
    return OB_OK;
  }
};

}  // namespace

TEST_CASE("with a host older than ABI 1.4 the exact reads and briefs fall back to the text functions",
          "[sdk][trading]") {
  ob_orders_service_v1 orders{};
  orders.header = OB_HEADER_INIT(ob_orders_service_v1);
  orders.header.struct_size = static_cast<std::uint32_t>(offsetof(ob_orders_service_v1, market_rules));
  orders.header.abi_minor = 3;
  orders.market = &OldHost::market;
  orders.last_price = &OldHost::last_price;
  orders.open_orders = &OldHost::open_orders;
  // Garbage where a 1.3 table ends: never read, the struct size says the functions are absent.
  orders.market_rules = reinterpret_cast<decltype(orders.market_rules)>(std::uintptr_t{1});
  ob_portfolio_service_v1 portfolio{};
  portfolio.header = OB_HEADER_INIT(ob_portfolio_service_v1);
  portfolio.header.struct_size = static_cast<std::uint32_t>(offsetof(ob_portfolio_service_v1, balance_fixed));
  portfolio.balance = &OldHost::balance;
  portfolio.value = &OldHost::value;
  const auto* account = reinterpret_cast<const ob_account*>(&orders);  // opaque: only passed back

  const octobot::sdk::Orders sdk_orders(&orders, account);
  const octobot::sdk::MarketInfo market = sdk_orders.market("BTC/USDT");
  CHECK(market.base == "BTC");
  CHECK(market.price_tick == 0.01);
  CHECK(market.amount_step == 0.00001);
  CHECK(market.min_cost == 10);
  CHECK(sdk_orders.last_price_exact("BTC/USDT").to_double() == 30000.5);
  const auto briefs = sdk_orders.open_order_briefs("BTC/USDT");
  REQUIRE(briefs.size() == 1);
  CHECK(briefs[0].id == "7");
  CHECK(briefs[0].tag == "entry");
  CHECK(briefs[0].side == octobot::sdk::Side::sell);

  const octobot::sdk::Portfolio sdk_portfolio(&portfolio, account);
  CHECK(sdk_portfolio.value_exact().text() == "1050.125");
  CHECK(sdk_portfolio.balance_exact("BTC").available.to_double() == 1.5);
  CHECK(sdk_portfolio.balance_exact("BTC").total.text() == "2");
}

namespace {

// A mode listening to service feeds (ABI 1.5) and one that does not.
class FeedListeningMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("FeedListeningMode", "1.0.0", "tests");
  static constexpr bool wants_service_feed = true;
  using TradingMode::TradingMode;
  void on_service_feed(const sdk::ServiceFeedMessage& message, const sdk::DecisionSink& /*sink*/) override {
    heard = std::string(message.body);
  }
  void on_decision(const sdk::Decision& /*decision*/) override {}
  inline static std::string heard;
};

class FeedDeafMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("FeedDeafMode", "1.0.0", "tests");
  using TradingMode::TradingMode;
  void on_decision(const sdk::Decision& /*decision*/) override {}
};

}  // namespace

TEST_CASE("a trading mode's table has on_service_feed only when the class wants service feeds (ABI 1.5)",
          "[sdk][trading]") {
  const auto* listening =
      static_cast<const ob_trading_mode_vtable*>(sdk::detail::Binding<FeedListeningMode>::descriptor()->vtable);
  const auto* deaf =
      static_cast<const ob_trading_mode_vtable*>(sdk::detail::Binding<FeedDeafMode>::descriptor()->vtable);
  REQUIRE(OB_HAS_FIELD(listening, ob_trading_mode_vtable, on_service_feed));
  CHECK(listening->on_service_feed != nullptr);
  CHECK(deaf->on_service_feed == nullptr);
  CHECK(deaf->on_decision != nullptr);

  // The body is read with its length: an alert may hold a NUL.
  const char body[] = "SIGNAL=BUY\0tail";
  const ob_service_feed_message raw{OB_HEADER_INIT(ob_service_feed_message),
                                    "webhook",
                                    "tv",
                                    "BTC/USDT",
                                    "BTCUSDT",
                                    "buy",
                                    body,
                                    sizeof(body) - 1,
                                    42};
  const sdk::ServiceFeedMessage message = sdk::ServiceFeedMessage::from_raw(raw);
  CHECK(message.feed == "tv");
  CHECK(message.symbol == "BTC/USDT");
  CHECK(message.alert_symbol == "BTCUSDT");
  CHECK(message.body.size() == sizeof(body) - 1);
  CHECK(message.received_ms == 42);
}
