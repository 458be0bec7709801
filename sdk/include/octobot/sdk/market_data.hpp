// C++ views over the market data the host hands to evaluators. Views borrow host memory and are
// valid only during the call that received them.
#pragma once

#include <octobot/abi.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace octobot::sdk {

// Closed candles, oldest first; back() is the latest closed candle. Columns are contiguous so
// indicator code can run over std::span<const double> directly.
class Candles {
 public:
  explicit Candles(const ob_candles& raw) noexcept : raw_(&raw) {}

  [[nodiscard]] std::size_t size() const noexcept { return static_cast<std::size_t>(raw_->count); }
  [[nodiscard]] bool empty() const noexcept { return raw_->count == 0; }
  [[nodiscard]] std::string_view exchange() const noexcept { return text(raw_->exchange); }
  [[nodiscard]] std::string_view symbol() const noexcept { return text(raw_->symbol); }
  [[nodiscard]] std::string_view time_frame() const noexcept { return text(raw_->time_frame); }

  [[nodiscard]] std::span<const std::int64_t> open_time_ms() const noexcept { return {raw_->open_time_ms, size()}; }
  [[nodiscard]] std::span<const double> open() const noexcept { return {raw_->open, size()}; }
  [[nodiscard]] std::span<const double> high() const noexcept { return {raw_->high, size()}; }
  [[nodiscard]] std::span<const double> low() const noexcept { return {raw_->low, size()}; }
  [[nodiscard]] std::span<const double> close() const noexcept { return {raw_->close, size()}; }
  [[nodiscard]] std::span<const double> volume() const noexcept { return {raw_->volume, size()}; }

 private:
  static std::string_view text(const char* value) noexcept { return value != nullptr ? value : ""; }
  const ob_candles* raw_;
};

}  // namespace octobot::sdk
