#include <catch2/catch.hpp>
#include <octobot/trading/candle_buffer.hpp>

#include <vector>

using octobot::channel::Candle;
using octobot::commons::Decimal;
using octobot::trading::CandleBuffer;

namespace {
Candle candle_at(std::int64_t index) {
  const Decimal price = Decimal::from_integer(100 + index);
  return Candle{index * 60'000,
                price,
                price + Decimal::from_integer(1),
                price - Decimal::from_integer(1),
                price,
                Decimal::from_integer(index)};
}
std::vector<double> as_vector(std::span<const double> span) { return {span.begin(), span.end()}; }
}  // namespace

TEST_CASE("a candle buffer holds 3000 candles by default", "[candle_buffer]") {
  CandleBuffer buffer;
  CHECK(buffer.capacity() == 3000);
  CHECK(buffer.empty());
  CHECK(buffer.closes().empty());
  CHECK_THROWS_AS(CandleBuffer(0), std::invalid_argument);
}

TEST_CASE("the latest candles are contiguous, oldest first, before and after the ring wraps", "[candle_buffer]") {
  CandleBuffer buffer(4);
  for (int i = 0; i < 3; ++i) buffer.push(candle_at(i));
  CHECK(buffer.size() == 3);
  CHECK(as_vector(buffer.closes()) == std::vector<double>{100, 101, 102});

  // Push well past the capacity: every wrap position must keep the window contiguous and ordered.
  for (int i = 3; i < 11; ++i) {
    buffer.push(candle_at(i));
    const auto closes = buffer.closes();
    REQUIRE(closes.size() == std::min<std::size_t>(i + 1, 4));
    for (std::size_t k = 0; k < closes.size(); ++k) CHECK(closes[k] == 100 + i - (closes.size() - 1 - k));
  }
  CHECK(as_vector(buffer.closes(2)) == std::vector<double>{109, 110});
  CHECK(as_vector(buffer.highs(1)) == std::vector<double>{111});
  CHECK(as_vector(buffer.lows(1)) == std::vector<double>{109});
  CHECK(as_vector(buffer.volumes(2)) == std::vector<double>{9, 10});
  const auto times = buffer.open_times();
  CHECK(std::vector<std::int64_t>(times.begin(), times.end()) ==
        std::vector<std::int64_t>{7 * 60'000, 8 * 60'000, 9 * 60'000, 10 * 60'000});
  CHECK(buffer.latest() == candle_at(10));
}

TEST_CASE("a candle with the latest open time replaces it, an older one is refused", "[candle_buffer]") {
  CandleBuffer buffer(3);
  buffer.push(candle_at(0));
  buffer.push(candle_at(1));
  Candle updated = candle_at(1);
  updated.close = Decimal::from_string("101.5");
  buffer.push(updated);
  CHECK(buffer.size() == 2);
  CHECK(as_vector(buffer.closes()) == std::vector<double>{100, 101.5});
  CHECK(buffer.latest().close == Decimal::from_string("101.5"));
  CHECK_THROWS_AS(buffer.push(candle_at(0)), std::invalid_argument);
  CHECK(buffer.size() == 2);
}

TEST_CASE("given values fill the columns as they are, the exact candle stays the latest", "[candle_buffer]") {
  CandleBuffer buffer(4);
  const Candle exact = candle_at(1);
  // Values that differ from the exact candle's doubles, so the test tells which ones the columns took.
  buffer.push(exact, {100.25, 102.5, 99.75, 101.125, 7.5});
  CHECK(buffer.latest() == exact);
  CHECK(as_vector(buffer.opens()) == std::vector<double>{100.25});
  CHECK(as_vector(buffer.highs()) == std::vector<double>{102.5});
  CHECK(as_vector(buffer.lows()) == std::vector<double>{99.75});
  CHECK(as_vector(buffer.closes()) == std::vector<double>{101.125});
  CHECK(as_vector(buffer.volumes()) == std::vector<double>{7.5});
  // The same open time replaces the latest, values included; an older one is refused.
  buffer.push(exact, {1, 2, 3, 4, 5});
  CHECK(as_vector(buffer.closes()) == std::vector<double>{4});
  CHECK_THROWS_AS(buffer.push(candle_at(0), {1, 2, 3, 4, 5}), std::invalid_argument);
  // Without values the columns hold the exact candle's doubles.
  buffer.push(candle_at(2));
  CHECK(as_vector(buffer.closes()) == std::vector<double>{4, 102});
}
