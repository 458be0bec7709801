// Decimal text at the ABI boundary: exact in, exact out, and every refusal says what was expected
// and what was found.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/decimal_text.hpp>
#include <octobot/trading_modes/service_error.hpp>

#include <cstring>
#include <string>

#include "trading_modes_support.hpp"

using Catch::Matchers::Contains;
using octobot::commons::Decimal;
using octobot::trading_modes::parse_optional_decimal;
using octobot::trading_modes::parse_required_decimal;
using octobot::trading_modes::ServiceError;
using octobot::trading_modes::to_ob_decimal;
using trading_modes_test::d;

namespace {

ob_decimal text(const std::string& value) {
  ob_decimal out{};
  std::memcpy(out.text, value.data(), value.size());
  return out;
}

// The status and message of a refused parse.
std::pair<ob_status, std::string> refusal(const ob_decimal& value) {
  try {
    (void)parse_required_decimal(value, "amount");
  } catch (const ServiceError& error) {
    return {error.status(), error.what()};
  }
  return {OB_OK, ""};
}

}  // namespace

TEST_CASE("decimal text: exponents and plain forms parse exactly", "[trading_modes][decimal]") {
  CHECK(parse_required_decimal(text("1e-3"), "amount") == d("0.001"));
  CHECK(parse_required_decimal(text("1.5E3"), "amount") == d("1500"));
  CHECK(parse_required_decimal(text("-12.5"), "amount") == d("-12.5"));
  CHECK(parse_required_decimal(text("0.000000000000000001"), "amount") == Decimal::from_raw(1));
  // "Empty means 0 / unused" for optional fields.
  CHECK_FALSE(parse_optional_decimal(text(""), "price").has_value());
}

TEST_CASE("decimal text: bad text is refused with what was expected and found", "[trading_modes][decimal]") {
  const auto [empty_status, empty_message] = refusal(text(""));
  CHECK(empty_status == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(empty_message, Contains("amount: expected a decimal number") && Contains("found empty text"));

  const auto [abc_status, abc_message] = refusal(text("abc"));
  CHECK(abc_status == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(abc_message, Contains("expected a decimal number") && Contains("found \"abc\""));

  CHECK(refusal(text("1.2.3")).first == OB_ERROR_INVALID_ARGUMENT);
  CHECK(refusal(text(" 1")).first == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(refusal(text("0.1234567890123456789")).second, Contains("0.1234567890123456789"));
  CHECK_THAT(refusal(text("1e40")).second, Contains("out of range"));

  ob_decimal unterminated;
  std::memset(unterminated.text, '1', sizeof(unterminated.text));
  const auto [status, message] = refusal(unterminated);
  CHECK(status == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(message, Contains("without a terminating NUL"));
}

TEST_CASE("decimal text: the host writes the shortest exact form", "[trading_modes][decimal]") {
  CHECK(std::string(to_ob_decimal(d("0.1") + d("0.2")).text) == "0.3");
  CHECK(std::string(to_ob_decimal(d("-12.50")).text) == "-12.5");
  CHECK(std::string(to_ob_decimal(Decimal()).text) == "0");
  const std::string largest = to_ob_decimal(Decimal::min_value()).text;
  CHECK(largest == "-170141183460469231731.687303715884105727");
  CHECK(largest.size() < OB_DECIMAL_CAPACITY);
}
