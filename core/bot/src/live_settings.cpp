#include <octobot/bot/live_settings.hpp>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

namespace octobot::bot {
namespace {

constexpr const char* kDurability = "live_trading.journal_durability";
constexpr const char* kOrderPoll = "live_trading.order_poll_interval_seconds";
constexpr const char* kSnapshot = "live_trading.snapshot_interval_seconds";

[[noreturn]] void refuse(const std::string& path, const std::string& found, const std::string& expected) {
  throw std::invalid_argument("config.json " + path + " is " + found + ": expected " + expected);
}

// A number of seconds >= `minimum` as milliseconds; nullopt when the setting is absent.
std::optional<std::int64_t> milliseconds_setting(const commons::UserConfig& config, const std::string& path,
                                                 double minimum) {
  const auto text = config.get(path);
  if (!text) return std::nullopt;
  const std::string expected = "a number of seconds >= " + std::to_string(static_cast<int>(minimum));
  char* end = nullptr;
  const double seconds = std::strtod(text->c_str(), &end);
  // A week at most: beyond that the setting is a typo, and the product stays far from overflow.
  if (end == text->c_str() || *end != '\0' || !std::isfinite(seconds) || seconds < minimum || seconds > 604'800) {
    refuse(path, *text, expected + " (at most 604800, a week)");
  }
  return static_cast<std::int64_t>(std::llround(seconds * 1000));
}

}  // namespace

void apply_live_settings(const commons::UserConfig& config, LiveBotConfig& bot_config) {
  if (const auto text = config.get(kDurability)) {
    // get() gives JSON: a string comes quoted.
    const bool quoted = text->size() >= 2 && text->front() == '"' && text->back() == '"';
    const auto durability =
        quoted ? exchanges::parse_journal_durability(std::string_view(*text).substr(1, text->size() - 2))
               : std::nullopt;
    if (!durability) refuse(kDurability, *text, R"("full" (an fsync per order) or "process" (no fsync))");
    bot_config.journal_durability = *durability;
  }
  if (const auto poll = milliseconds_setting(config, kOrderPoll, 0)) bot_config.order_poll_interval_ms = *poll;
  if (const auto snapshot = milliseconds_setting(config, kSnapshot, 1)) bot_config.snapshot_interval_ms = *snapshot;
}

}  // namespace octobot::bot
