#include <octobot/bot/live_settings.hpp>
#include <octobot/commons/config_duration.hpp>

#include <stdexcept>
#include <string>

namespace octobot::bot {
namespace {

constexpr const char* kDurability = "live_trading.journal_durability";
constexpr const char* kOrderPoll = "live_trading.order_poll_interval_seconds";
constexpr const char* kSnapshot = "live_trading.snapshot_interval_seconds";

constexpr double kWeekSeconds = 604'800;  // beyond that the setting is a typo

}  // namespace

void apply_live_settings(const commons::UserConfig& config, LiveBotConfig& bot_config) {
  if (const auto text = config.get(kDurability)) {
    // get() gives JSON: a string comes quoted.
    const bool quoted = text->size() >= 2 && text->front() == '"' && text->back() == '"';
    const auto durability =
        quoted ? exchanges::parse_journal_durability(std::string_view(*text).substr(1, text->size() - 2))
               : std::nullopt;
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

}  // namespace octobot::bot
