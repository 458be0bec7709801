// Crash-safe first contact with a tentacle library: it is opened and initialised in a separate
// probe process (octobot-tentacle-probe) so a crash, abort or hang there can never take the host
// down. Results are cached by the library's path, size, mtime and sha256.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace octobot::tentacles {

struct ProbeOutcome {
  enum class Kind {
    ok,       // opened, descriptor valid, init succeeded
    failed,   // the probe ran to the end and reports a load error (stage + message)
    crashed,  // killed by a signal or exited without a result
    hung,     // did not finish within the timeout and was killed
  };
  Kind kind = Kind::failed;
  std::string stage;   // "open", "entry", "descriptor", "init" for failed
  std::string reason;  // human-readable

  [[nodiscard]] bool quarantines() const noexcept { return kind == Kind::crashed || kind == Kind::hung; }
};

// Runs `probe_executable <tentacle_folder>` and interprets how it ended.
[[nodiscard]] ProbeOutcome run_probe(const std::filesystem::path& probe_executable,
                                     const std::filesystem::path& tentacle_folder, std::chrono::milliseconds timeout);

// What identifies one build of a library file.
struct FileIdentity {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string sha256;

  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

// Throws std::runtime_error when the file cannot be read.
[[nodiscard]] FileIdentity identify_file(const std::filesystem::path& file);

// Probe results that are worth remembering: successes (skip the probe next start) and
// quarantines (never run a crashing library again until it changes). Plain failures are not
// cached: they are cheap to find again and may depend on the environment.
class ProbeCache {
 public:
  // Loads `file` if it exists; a missing or unreadable cache is an empty cache, never an error.
  explicit ProbeCache(std::filesystem::path file);

  [[nodiscard]] std::optional<ProbeOutcome> lookup(const std::filesystem::path& library,
                                                   const FileIdentity& identity) const;
  void store(const std::filesystem::path& library, const FileIdentity& identity, const ProbeOutcome& outcome);
  // Writes the cache atomically when it changed. Errors are returned, not thrown: a read-only
  // cache folder must not stop the bot.
  [[nodiscard]] std::optional<std::string> save() const;

 private:
  struct Entry {
    FileIdentity identity;
    ProbeOutcome outcome;
  };
  std::filesystem::path file_;
  std::map<std::string, Entry> entries_;
  bool dirty_ = false;
};

}  // namespace octobot::tentacles
