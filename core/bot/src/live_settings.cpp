#include <octobot/bot/live_settings.hpp>
#include <octobot/commons/config_duration.hpp>

#include <stdexcept>
#include <string>

namespace octobot::bot {
namespace {

constexpr const char* kDurability = "live_trading.journal_durability";
constexpr const char* kOrderPoll = "live_trading.order_poll_interval_seconds";
constexpr const char* kSnapshot = "live_trading.snapshot_interval_seconds";
constexpr const char* kLoopWait = "live_trading.bot_loop_wait";

constexpr double kWeekSeconds = 604'800;  // beyond that the setting is a typo

// get() gives JSON: a string comes quoted; anything else is nullopt.
std::optional<std::string_view> json_string(const std::string& text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
  return std::string_view(text).substr(1, text.size() - 2);
}

}  // namespace

void apply_live_settings(const commons::UserConfig& config, LiveBotConfig& bot_config) {
  if (const auto text = config.get(kDurability)) {
    const auto name = json_string(*text);
    const auto durability = name ? exchanges::parse_journal_durability(*name) : std::nullopt;
    if (!durability) {
      throw std::invalid_argument("config.json " + std::string(kDurability) + " is " + *text +
                                  R"(: expected "full" (an fsync per order) or "process" (no fsync))");
    }
    bot_config.journal_durability = *durability;
  }
  if (const auto poll = commons::seconds_setting(config, kOrderPoll, 0, kWeekSeconds)) {
    bot_config.order_poll_interval_ms = poll->count();
  }
  if (const auto snapshot = commons::seconds_setting(config, kSnapshot, 1, kWeekSeconds)) {
    bot_config.snapshot_interval_ms = snapshot->count();
  }
}

channel::LoopWait bot_loop_wait(const commons::UserConfig& config) {
  const auto text = config.get(kLoopWait);
  if (!text) return channel::LoopWait::sleep;
  const auto name = json_string(*text);
  const auto wait = name ? channel::parse_loop_wait(*name) : std::nullopt;
  if (!wait) {
    throw std::invalid_argument("config.json " + std::string(kLoopWait) + " is " + *text +
                                R"(: expected "sleep" (the bot loop's thread sleeps until an event) or "spin" )"
                                "(it never sleeps: lower latency, one core kept busy)");
  }
  return *wait;
}

}  // namespace octobot::bot
