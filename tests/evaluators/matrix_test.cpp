#include <catch2/catch.hpp>
#include <octobot/evaluators/matrix.hpp>

using octobot::evaluators::Matrix;
using octobot::evaluators::MatrixPath;

namespace {
constexpr std::int64_t kHour = 3'600'000;

MatrixPath ta(const std::string& name, const std::string& symbol, const std::string& tf) {
  return {"binance", "TA", name, symbol.substr(0, symbol.find('/')), symbol, tf};
}
}  // namespace

TEST_CASE("matrix: a path resolves to one node that never moves", "[matrix]") {
  Matrix matrix;
  auto& first = matrix.resolve(ta("RSI", "BTC/USDT", "1h"));
  for (int i = 0; i < 1000; ++i) (void)matrix.resolve(ta("E" + std::to_string(i), "ETH/USDT", "4h"));
  CHECK(&matrix.resolve(ta("RSI", "BTC/USDT", "1h")) == &first);
  CHECK(matrix.size() == 1001);
  CHECK_FALSE(first.ready);
  CHECK(first.time_frame_ms == kHour);
}

TEST_CASE("matrix: find matches empty fields as wildcards, in path order", "[matrix]") {
  Matrix matrix;
  (void)matrix.resolve(ta("RSI", "ETH/USDT", "1h"));
  (void)matrix.resolve(ta("RSI", "BTC/USDT", "4h"));
  (void)matrix.resolve(ta("MACD", "BTC/USDT", "1h"));
  (void)matrix.resolve({"binance", "REAL_TIME", "Instant", "BTC", "BTC/USDT", ""});
  MatrixPath btc;
  btc.symbol = "BTC/USDT";
  const auto nodes = matrix.find(btc);
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[0]->path.evaluator_type == "REAL_TIME");
  CHECK(nodes[1]->path.evaluator_name == "MACD");
  CHECK(nodes[2]->path.evaluator_name == "RSI");
  MatrixPath one_hour;
  one_hour.time_frame = "1h";
  CHECK(matrix.find(one_hour).size() == 2);
}

TEST_CASE("matrix: freshness is now < eval time + time frame + lag", "[matrix][freshness]") {
  Matrix backtest(0);
  auto& node = backtest.resolve(ta("RSI", "BTC/USDT", "1h"));
  Matrix::set(node, -0.5, 10 * kHour);
  CHECK(backtest.is_fresh(node, 10 * kHour));
  CHECK(backtest.is_fresh(node, 11 * kHour - 1));
  CHECK_FALSE(backtest.is_fresh(node, 11 * kHour));  // the next candle has closed: stale
  Matrix live(5'000);
  auto& live_node = live.resolve(ta("RSI", "BTC/USDT", "1h"));
  Matrix::set(live_node, -0.5, 10 * kHour);
  CHECK(live.is_fresh(live_node, 11 * kHour + 4'999));
  CHECK_FALSE(live.is_fresh(live_node, 11 * kHour + 5'000));
  Matrix::set_pending(node, 11 * kHour);
  CHECK_FALSE(backtest.is_fresh(node, 11 * kHour));  // pending is never fresh
}

TEST_CASE("matrix: a note without a time frame stays fresh while ready", "[matrix][freshness]") {
  Matrix matrix;
  auto& node = matrix.resolve({"binance", "SOCIAL", "News", "BTC", "BTC/USDT", ""});
  Matrix::set(node, 0.2, 0);
  CHECK(matrix.is_fresh(node, 365LL * 24 * kHour));
}

TEST_CASE("matrix: bad paths are refused with what was expected", "[matrix]") {
  Matrix matrix;
  CHECK_THROWS_WITH(matrix.resolve(ta("RSI", "BTC/USDT", "2m")), Catch::Contains("expected one of 1m..1M, found '2m'"));
  CHECK_THROWS_WITH(matrix.resolve({"binance", "TA", "", "BTC", "BTC/USDT", "1h"}),
                    Catch::Contains("needs exchange, evaluator type, evaluator name and symbol"));
}
