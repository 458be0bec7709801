// The order journal's write-ahead file, used with JournalDurability::process.
//
// The row an order needs before its request leaves the process was a SQLite commit on the order path:
// ~25 µs of the bot's ~50 µs between a candle and its order (docs/benchmarks.md). `process` promises
// that a written row survives a crash or kill -9 of the bot, not a power cut, and bytes stored into a
// shared mapping of the file give exactly that: they are in the OS's page cache the moment they are
// stored, with no system call (the row, encoding included, took 5.6 µs at the median on the order path
// with a write(2) to a file emptied by ftruncate after each order; 0.55 µs as a copy). So the row is
// copied into the mapped file, and moved into
// SQLite right after the send (OrderJournal::settle); a journal opened on a file that still holds
// entries moves them in before anything reads it.
//
// Layout: the file is reserved (posix_fallocate, 64 KiB first, doubled when full) and mapped; the
// entries are its text up to the first NUL byte. Emptying zeroes the bytes written, so everything after
// the entries is always zero: a line cut short by a kill inside its copy ends at a zero byte, without
// its newline, and is skipped. A file written by earlier versions (text only, no zeros) reads the same.
//
// Ownership: the file is flock()ed by the journal that owns it (the bot's). Another journal opened on
// the same database (a second process, a reader) cannot take it and leaves it alone: it neither moves
// its rows nor writes ahead itself, so the owner's crash protection is never taken from under it.
//
// Format: one line per entry, its 22 fields separated by tabs, "\\", "\t", "\n" written as two
// characters (\\, \t, \n), led by a version field "2" (the owner's three fields last). Lines of
// version "1" (19 fields, no owner), written by earlier versions, are read with no owner. A line
// without its newline (cut by a kill inside its copy, or a power cut, which `process` does not
// cover) is skipped with a warning.
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
// The same line appended to `line`.
void append_ahead_entry(const JournalEntry& entry, std::string& line);
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
  // Copies the entry's line into the mapped file (no system call unless the file must grow). Throws
  // JournalError (then nothing usable was written).
  void append(const JournalEntry& entry);
  // Empties the file (its entries are in SQLite): zeroes what was written. Throws JournalError.
  void clear();
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  JournalAheadLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  // Maps the file with room for `needed` bytes, reserving more when it has less. Throws JournalError.
  void reserve(std::size_t needed);
  std::string path_;
  int fd_ = -1;
  char* bytes_ = nullptr;  // the mapping, size_ bytes; null until the first append or clear
  std::size_t size_ = 0;
  std::size_t used_ = 0;  // the entries' bytes; the rest of the mapping is zero
  std::string line_;      // append()'s buffer, kept so its capacity is reused
};

}  // namespace octobot::exchanges::detail
