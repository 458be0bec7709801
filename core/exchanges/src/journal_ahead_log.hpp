// The order journal's write-ahead file, used with JournalDurability::process.
//
// The row an order needs before its request leaves the process was a SQLite commit on the order path:
// ~25 µs of the bot's ~50 µs between a candle and its order (docs/benchmarks.md). `process` promises
// that a written row survives a crash or kill -9 of the bot, not a power cut, and a write(2) that
// returned gives exactly that (the bytes are in the OS's cache). So the row is appended here with one
// write(2), and moved into SQLite right after the send (OrderJournal::settle); a journal opened on a
// file that still holds entries moves them in before anything reads it.
//
// Ownership: the file is flock()ed by the journal that owns it (the bot's). Another journal opened on
// the same database (a second process, a reader) cannot take it and leaves it alone: it neither moves
// its rows nor writes ahead itself, so the owner's crash protection is never taken from under it.
//
// Format: one line per entry, its 19 fields separated by tabs, "\\", "\t", "\n" written as two
// characters (\\, \t, \n), led by a version field "1". A line without its newline (cut by a power
// cut, which `process` does not cover) is skipped with a warning.
// THREAD: one thread (the order journal's).
#pragma once

#include <octobot/exchanges/order_journal.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::exchanges::detail {

[[nodiscard]] std::string encode_ahead_entry(const JournalEntry& entry);
// nullopt when `line` (without its newline) is not an entry of this format.
[[nodiscard]] std::optional<JournalEntry> decode_ahead_entry(std::string_view line);

struct AheadEntries {
  std::vector<JournalEntry> entries;  // in the order written
  std::vector<std::string> skipped;   // why each unreadable line was skipped, naming its line number
};
// The entries in `text` (a whole file's bytes).
[[nodiscard]] AheadEntries parse_ahead_text(std::string_view text);

class JournalAheadLog {
 public:
  // Opens `path` (creating it, mode 0600) and takes its lock. nullptr when another journal holds it.
  // Throws JournalError naming the file when it cannot be opened.
  [[nodiscard]] static std::unique_ptr<JournalAheadLog> take(std::string path);
  ~JournalAheadLog();
  JournalAheadLog(const JournalAheadLog&) = delete;
  JournalAheadLog& operator=(const JournalAheadLog&) = delete;

  // Everything the file holds now (what a previous owner left). Throws JournalError.
  [[nodiscard]] AheadEntries read_all() const;
  // Deletes the file (a journal that does not write ahead keeps none). Throws JournalError.
  void remove();
  // One write(2) of the entry's line. Throws JournalError (then nothing usable was written: a partial
  // line is skipped when read).
  void append(const JournalEntry& entry);
  // Empties the file (its entries are in SQLite). Throws JournalError.
  void clear();
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  JournalAheadLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

}  // namespace octobot::exchanges::detail
