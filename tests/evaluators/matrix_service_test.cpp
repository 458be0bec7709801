#include <catch2/catch.hpp>
#include <octobot/evaluators/matrix_service.hpp>
#include <octobot/sdk/matrix.hpp>

using octobot::evaluators::Matrix;
using octobot::evaluators::MatrixService;

TEST_CASE("matrix/1: tentacles resolve, find and read nodes with host-computed freshness", "[matrix][abi]") {
  Matrix matrix;
  std::int64_t now = 0;
  MatrixService service(matrix, [&] { return now; });
  const octobot::sdk::Matrix view(service.table());

  Matrix::set(matrix.resolve({"binance", "TA", "RSI", "BTC", "BTC/USDT", "1h"}), -1.0, 3'600'000);
  Matrix::set(matrix.resolve({"binance", "TA", "RSI", "BTC", "BTC/USDT", "4h"}), 0.5, 0);
  (void)matrix.resolve({"binance", "TA", "RSI", "ETH", "ETH/USDT", "1h"});

  octobot::sdk::MatrixPath pattern;
  pattern.symbol = "BTC/USDT";
  const auto nodes = view.find(pattern);
  REQUIRE(nodes.size() == 2);
  now = 2 * 3'600'000 - 1;
  const auto one_hour = view.read(nodes[0]);
  CHECK(one_hour.time_frame == "1h");
  CHECK(one_hour.ready);
  CHECK(one_hour.fresh);
  CHECK(one_hour.note == -1.0);
  now = 2 * 3'600'000;
  CHECK_FALSE(view.read(nodes[0]).fresh);
  CHECK(view.read(nodes[1]).fresh);  // 4h note made at 0 is fresh until 8h

  // A handle resolved by the tentacle is the same node the host writes.
  const auto* handle = view.resolve({"binance", "TA", "RSI", "ETH", "ETH/USDT", "1h"});
  CHECK_FALSE(view.read(handle).ready);
  Matrix::set(matrix.resolve({"binance", "TA", "RSI", "ETH", "ETH/USDT", "1h"}), 0.25, now);
  CHECK(view.read(handle).note == 0.25);

  CHECK_THROWS_WITH(view.resolve({"binance", "TA", "RSI", "ETH", "ETH/USDT", "7h"}), Catch::Contains("found '7h'"));
}

TEST_CASE("matrix/1: find reports the total so callers can grow their buffer", "[matrix][abi]") {
  Matrix matrix;
  MatrixService service(matrix, [] { return 0; });
  for (int i = 0; i < 40; ++i) (void)matrix.resolve({"x", "TA", "E" + std::to_string(i), "BTC", "BTC/USDT", "1h"});
  const ob_matrix_path any{OB_HEADER_INIT(ob_matrix_path), nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  const ob_matrix_node* few[4];
  CHECK(service.table()->find(service.table()->context, &any, few, 4) == 40);
  CHECK(octobot::sdk::Matrix(service.table()).find({}).size() == 40);  // the SDK view retries
}

TEST_CASE("matrix/1: a 1.2 reader gets the description, a 1.1 reader's shorter struct is not written past",
          "[matrix][abi]") {
  Matrix matrix;
  MatrixService service(matrix, [] { return 0; });
  const octobot::sdk::Matrix view(service.table());
  const auto* handle = view.resolve({"binance", "TA", "RSIWeight", "BTC", "BTC/USDT", "4h"});
  CHECK(view.read(handle).description.empty());
  Matrix::set(matrix.resolve({"binance", "TA", "RSIWeight", "BTC", "BTC/USDT", "4h"}), -2.0 / 3, 0,
              "price_weight=2 volume_weight=3");
  CHECK(view.read(handle).description == "price_weight=2 volume_weight=3");

  // A tentacle built for 1.1 declares the struct without the field: the bytes after it are its own.
  ob_matrix_value old{};
  old.header = OB_HEADER_INIT(ob_matrix_value);
  old.header.struct_size = static_cast<uint32_t>(offsetof(ob_matrix_value, description));
  const char* sentinel = "not the host's";
  old.description = sentinel;
  service.table()->read(service.table()->context, handle, &old);
  CHECK(old.eval_note == -2.0 / 3);
  CHECK(old.description == sentinel);
}
