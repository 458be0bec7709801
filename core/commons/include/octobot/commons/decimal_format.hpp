// fmt support for Decimal: fmt::format("{}", price) and "{:>12}" (width/alignment as for strings).
// A separate header so decimal.hpp stays free of fmt; include it where you format, and link fmt::fmt.
#pragma once

#include <octobot/commons/decimal.hpp>

#include <fmt/format.h>

#include <string_view>

template <>
struct fmt::formatter<octobot::commons::Decimal> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const octobot::commons::Decimal& value, FormatContext& context) const -> decltype(context.out()) {
    return fmt::formatter<std::string_view>::format(value.to_string(), context);
  }
};
