// How far a committed order-journal write survives (docs/live-gateway.md, "Journal durability").
// Its own header so the live bot's config can name it without the journal's includes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace octobot::exchanges {

//   full     SQLite WAL + synchronous=FULL: every commit fsyncs the log. A row written before an
//            order is sent survives a power cut or an OS crash. The default.
//   process  SQLite WAL + synchronous=NORMAL: a commit is written to the log (in the OS's page cache)
//            without an fsync; the log is synced at checkpoints. A row survives a crash or kill -9 of
//            the bot (the OS still has it), but the latest rows may be lost in a power cut or OS crash:
//            a restart may then not know by name an order that reached the exchange.
enum class JournalDurability : std::uint8_t { full, process };

[[nodiscard]] constexpr std::string_view to_string(JournalDurability durability) noexcept {
  return durability == JournalDurability::full ? "full" : "process";
}
// "full" or "process"; nullopt otherwise.
[[nodiscard]] constexpr std::optional<JournalDurability> parse_journal_durability(std::string_view text) noexcept {
  if (text == "full") return JournalDurability::full;
  if (text == "process") return JournalDurability::process;
  return std::nullopt;
}

}  // namespace octobot::exchanges
