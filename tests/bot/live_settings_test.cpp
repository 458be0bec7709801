#include <catch2/catch.hpp>
#include <octobot/bot/live_settings.hpp>
#include <octobot/commons/user_config.hpp>

#include <stdexcept>
#include <string>

#include "temp_dir.hpp"

using octobot::bot::apply_live_settings;
using octobot::bot::LiveBotConfig;
using octobot::commons::UserConfig;
using octobot::exchanges::JournalDurability;

namespace {

// The message apply_live_settings throws for `value` at `path`, or "" when it accepts it.
std::string refusal(const std::string& path, const std::string& value) {
  octobot::testing::TempDir dir;
  UserConfig config = UserConfig::open(dir.path());
  config.set(path, value);
  LiveBotConfig bot_config;
  try {
    apply_live_settings(config, bot_config);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("without live_trading settings the bot keeps its defaults", "[live_settings]") {
  octobot::testing::TempDir dir;
  const UserConfig config = UserConfig::open(dir.path());
  LiveBotConfig bot_config;
  bot_config.order_poll_interval_ms = 1234;
  apply_live_settings(config, bot_config);
  CHECK(bot_config.journal_durability == JournalDurability::full);
  CHECK(bot_config.order_poll_interval_ms == 1234);
  CHECK(bot_config.snapshot_interval_ms == LiveBotConfig{}.snapshot_interval_ms);
}

TEST_CASE("live_trading settings from config.json reach the bot's configuration", "[live_settings]") {
  octobot::testing::TempDir dir;
  UserConfig config = UserConfig::open(dir.path());
  config.set("live_trading.journal_durability", "process");
  config.set("live_trading.order_poll_interval_seconds", "2.5");
  config.set("live_trading.snapshot_interval_seconds", "60");
  LiveBotConfig bot_config;
  apply_live_settings(config, bot_config);
  CHECK(bot_config.journal_durability == JournalDurability::process);
  CHECK(bot_config.order_poll_interval_ms == 2500);
  CHECK(bot_config.snapshot_interval_ms == 60'000);

  config.set("live_trading.journal_durability", "full");
  config.set("live_trading.order_poll_interval_seconds", "0");  // never poll
  apply_live_settings(config, bot_config);
  CHECK(bot_config.journal_durability == JournalDurability::full);
  CHECK(bot_config.order_poll_interval_ms == 0);
}

TEST_CASE("a bad live_trading setting is refused with what was expected and what was found", "[live_settings]") {
  CHECK(refusal("live_trading.journal_durability", "fast") ==
        R"(config.json live_trading.journal_durability is "fast": expected "full" (an fsync per order) or )"
        R"("process" (no fsync))");
  CHECK(refusal("live_trading.journal_durability", "1") != "");  // not a string
  CHECK(refusal("live_trading.order_poll_interval_seconds", "-1") ==
        "config.json live_trading.order_poll_interval_seconds is -1: expected a number of seconds >= 0 (at most "
        "604800)");
  CHECK(refusal("live_trading.order_poll_interval_seconds", "\"ten\"") != "");
  CHECK(refusal("live_trading.snapshot_interval_seconds", "0") ==
        "config.json live_trading.snapshot_interval_seconds is 0: expected a number of seconds >= 1 (at most "
        "604800)");
  CHECK(refusal("live_trading.snapshot_interval_seconds", "1e9") != "");
  CHECK(refusal("live_trading.snapshot_interval_seconds", "600") == "");
}

TEST_CASE("live_trading.bot_loop_wait chooses how the bot loop waits, sleep by default", "[live_settings]") {
  using octobot::bot::bot_loop_wait;
  using octobot::channel::LoopWait;
  octobot::testing::TempDir dir;
  UserConfig config = UserConfig::open(dir.path());
  CHECK(bot_loop_wait(config) == LoopWait::sleep);
  config.set("live_trading.bot_loop_wait", "spin");
  CHECK(bot_loop_wait(config) == LoopWait::spin);
  config.set("live_trading.bot_loop_wait", "sleep");
  CHECK(bot_loop_wait(config) == LoopWait::sleep);

  for (const char* bad : {"busy", "1", "true"}) {
    config.set("live_trading.bot_loop_wait", bad);
    std::string message;
    try {
      (void)bot_loop_wait(config);
    } catch (const std::invalid_argument& e) {
      message = e.what();
    }
    INFO(bad);
    CHECK(message.rfind("config.json live_trading.bot_loop_wait is ", 0) == 0);
    CHECK(message.find(R"(expected "sleep" (the bot loop's thread sleeps until an event) or "spin")") !=
          std::string::npos);
  }
}
