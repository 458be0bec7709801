// config.json's `live_trading` settings (per installation, never in a profile), laid over a
// LiveBotConfig by `octobot run`: how durable the real-trading order journal is, and how often open
// orders are polled and the portfolio snapshotted. docs/configuration.md lists them.
#pragma once

#include <octobot/bot/live_bot.hpp>
#include <octobot/channel/run_loop.hpp>
#include <octobot/commons/user_config.hpp>

namespace octobot::bot {

// Sets what config.json has and leaves the rest of `bot_config` as it is:
//   live_trading.journal_durability        "full" (default) | "process"
//   live_trading.order_poll_interval_seconds  >= 0 (0: never poll), default 10
//   live_trading.snapshot_interval_seconds    >= 1, default 3600
// Throws std::invalid_argument naming the setting, what was expected and what was found.
void apply_live_settings(const commons::UserConfig& config, LiveBotConfig& bot_config);

// live_trading.bot_loop_wait: "sleep" (the default) or "spin" (the bot loop's thread never sleeps:
// events are picked up within a microsecond, one core stays busy; channel/run_loop.hpp). Throws
// std::invalid_argument naming the setting, what was expected and what was found.
[[nodiscard]] channel::LoopWait bot_loop_wait(const commons::UserConfig& config);

}  // namespace octobot::bot
