// ProfileWatcher against a loopback origin (tests start it): the fetch on a worker thread, the result
// on the bot loop; unchanged -> nothing, changed -> installed and on_installed, malformed -> refused
// and logged, origin down -> a warning and another try at the next interval.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/services/profile_watcher.hpp>

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include "http_loopback.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using octobot::commons::read_text_file;

// Log lines of the test, from any thread.
class LogCapture {
 public:
  LogCapture() {
    octobot::commons::set_log_level(octobot::commons::LogLevel::debug);
    octobot::commons::set_log_sink([this](const octobot::commons::LogRecord& record) {
      std::lock_guard lock(mutex_);
      lines_.push_back(octobot::commons::format_log_line(record));
    });
  }
  ~LogCapture() { octobot::commons::set_log_sink(nullptr); }
  [[nodiscard]] std::size_t count(const std::string& text) {
    std::lock_guard lock(mutex_);
    std::size_t found = 0;
    for (const auto& line : lines_) found += line.find(text) != std::string::npos ? 1 : 0;
    return found;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

struct Followed {
  octobot::testing::TempDir dir;
  fs::path folder = dir / "followed";
  octobot::testing::LoopbackServer origin;
  std::string installed_json;

  Followed() {
    fs::copy(fs::path(OCTOBOT_SOURCE_DIR) / "profiles" / "daily_trading", folder, fs::copy_options::recursive);
    installed_json = read_text_file(folder / "profile.json");
    origin.set(installed_json);
  }
  [[nodiscard]] octobot::commons::Profile profile() const {
    auto profile = octobot::commons::load_profile(folder);
    profile.auto_update = true;
    profile.origin_url = origin.url();
    return profile;
  }
  [[nodiscard]] std::string changed() const {
    return std::regex_replace(installed_json, std::regex(R"("risk": 0.5)"), R"("risk": 0.9)");
  }
};

// Runs the loop until `done` or `limit` passes.
template <typename Done>
void run_until(boost::asio::io_context& io, Done done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  io.restart();
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.run_for(20ms);
    io.restart();
  }
}

constexpr octobot::services::AutoUpdateSettings kFast{100ms, 2000ms};

}  // namespace

TEST_CASE("profile watcher: an unchanged origin restarts nothing", "[services][profile_watcher]") {
  LogCapture log;
  Followed followed;
  boost::asio::io_context io;
  int installs = 0;
  octobot::services::ProfileWatcher watcher(io, followed.profile(), kFast, {}, [&] { ++installs; });
  watcher.start();
  run_until(
      io, [&] { return followed.origin.requests() >= 4; }, 10s);
  CHECK(followed.origin.requests() >= 4);  // checked at start, then every interval
  CHECK(installs == 0);
  CHECK(log.count("unchanged") >= 3);
  CHECK(read_text_file(followed.folder / "profile.json") == followed.installed_json);
}

TEST_CASE("profile watcher: a changed origin is installed, then on_installed (the restart) and no more polls",
          "[services][profile_watcher]") {
  LogCapture log;
  Followed followed;
  boost::asio::io_context io;
  int installs = 0;
  octobot::services::ProfileWatcher watcher(io, followed.profile(), kFast, {}, [&] { ++installs; });
  watcher.start();
  run_until(
      io, [&] { return followed.origin.requests() >= 2; }, 10s);
  CHECK(installs == 0);
  followed.origin.set(followed.changed());
  run_until(
      io, [&] { return installs > 0; }, 10s);
  REQUIRE(installs == 1);
  CHECK(read_text_file(followed.folder / "profile.json") == followed.changed());
  CHECK(read_text_file(followed.folder / ".previous" / "profile.json") == followed.installed_json);
  CHECK(log.count("installed a new version of DailyTrading from " + followed.origin.url()) == 1);
  const int requests = followed.origin.requests();
  run_until(
      io, [] { return false; }, 400ms);
  CHECK(followed.origin.requests() == requests);  // the session ends: the next one polls again
}

TEST_CASE("profile watcher: a malformed version is refused, logged, the files untouched, the polls go on",
          "[services][profile_watcher]") {
  LogCapture log;
  Followed followed;
  followed.origin.set(R"({"profile": {"id": "daily_trading", "name": 12}, "config": {}})");
  boost::asio::io_context io;
  int installs = 0;
  octobot::services::ProfileWatcher watcher(io, followed.profile(), kFast, {}, [&] { ++installs; });
  watcher.start();
  run_until(
      io, [&] { return followed.origin.requests() >= 3; }, 10s);
  CHECK(followed.origin.requests() >= 3);
  CHECK(installs == 0);
  CHECK(log.count("ERROR   [profile-update] refused the version of DailyTrading from " + followed.origin.url() +
                  ": profile.json: at /profile/name") >= 2);
  CHECK(log.count("the bot keeps running on the installed profile") >= 2);
  CHECK(read_text_file(followed.folder / "profile.json") == followed.installed_json);
  CHECK_FALSE(fs::exists(followed.folder / ".previous"));
}

TEST_CASE("profile watcher: an origin that is down is a warning, tried again at the next interval",
          "[services][profile_watcher]") {
  LogCapture log;
  Followed followed;
  const auto profile = followed.profile();
  followed.origin.stop();
  boost::asio::io_context io;
  int installs = 0;
  octobot::services::ProfileWatcher watcher(io, profile, kFast, {}, [&] { ++installs; });
  watcher.start();
  run_until(
      io, [&] { return log.count("WARNING [profile-update] cannot fetch") >= 3; }, 10s);
  CHECK(log.count("WARNING [profile-update] cannot fetch " + profile.origin_url.value()) >= 3);
  CHECK(log.count("next try in 0.1 s") >= 3);
  CHECK(installs == 0);
  CHECK(read_text_file(followed.folder / "profile.json") == followed.installed_json);
}

TEST_CASE("profile watcher: an HTTP error status is a warning too", "[services][profile_watcher]") {
  LogCapture log;
  Followed followed;
  followed.origin.set("gone", 404);
  boost::asio::io_context io;
  int installs = 0;
  octobot::services::ProfileWatcher watcher(io, followed.profile(), kFast, {}, [&] { ++installs; });
  watcher.start();
  run_until(
      io, [&] { return followed.origin.requests() >= 2; }, 10s);
  CHECK(log.count("HTTP 404 Not Found") >= 1);
  CHECK(installs == 0);
}
