// An exchange's IP ban, remembered in the user folder so that a bot restarted during the ban (by its
// user, by a service manager after a failed start, by SIGHUP) does not knock again before it ends.
// Binance lengthens the bans of an IP that keeps sending, from 2 minutes up to 3 days; the connector
// stops sending for as long as it runs, and this file covers the restarts.
//
// File: a JSON object, one member per exchange: {"binance": {"until_ms": 1700000000000, "reason": "..."}}.
// `until_ms` is the exchange's clock (Binance's message: "IP banned until <ms>"), compared with this
// machine's: an exchange's server clock is within a second or so of it (the connectors refuse larger
// skews). A later ban never shortens a longer one already recorded.
// THREAD: one caller at a time per file (the bot loop).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace octobot::exchanges {

struct BanRecord {
  std::int64_t until_ms = 0;  // the exchange's clock, ms since the epoch
  std::string reason;         // the exchange's words, for the log line that waits
};

class BanFile {
 public:
  explicit BanFile(std::filesystem::path path) : path_(std::move(path)) {}

  // The ban of `exchange` that lasts beyond `now_ms`, if one is recorded. A missing file is no ban. An
  // unreadable or malformed file is reported as a warning naming the file and what is wrong, and read
  // as no ban: a broken file must not keep the bot from starting.
  [[nodiscard]] std::optional<BanRecord> active(const std::string& exchange, std::int64_t now_ms) const;

  // Records `ban` for `exchange` unless a longer one is already there; other exchanges' entries are
  // kept (also when this exchange's entry is malformed; a file that is not a JSON object is replaced). Written
  // atomically (a crash leaves the old or the new file). Throws std::runtime_error naming the file when it cannot be
  // written.
  void record(const std::string& exchange, const BanRecord& ban) const;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace octobot::exchanges
