#include <octobot/commons/config_duration.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/user_config.hpp>
#include <octobot/services/profile_watcher.hpp>
#include <octobot/tentacle_manager/download.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <thread>

namespace octobot::services {
namespace {

namespace fs = std::filesystem;
using commons::LogLevel;
constexpr const char* kSource = "profile-update";
constexpr std::uint64_t kMaxProfileBytes = 4ULL << 20;

// What a fetch brought back: the body, or why there is none.
struct Fetched {
  std::optional<std::string> body;
  std::string error;
};

// Blocking: runs on the worker thread. The download goes to a private temporary file, read back.
Fetched fetch(const std::string& url, std::chrono::milliseconds timeout) {
  Fetched out;
  std::string pattern = (fs::temp_directory_path() / "octobot-profile-fetch-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    out.error = "cannot create a temporary file";
    return out;
  }
  ::close(fd);
  try {
    tentacle_manager::DownloadLimits limits;
    limits.timeout = timeout;
    limits.connect_timeout = std::min(timeout, std::chrono::milliseconds(5000));
    limits.max_bytes = kMaxProfileBytes;
    tentacle_manager::download_file(url, pattern, limits);
    out.body = commons::read_text_file(pattern);
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  std::error_code ignored;
  fs::remove(pattern, ignored);
  return out;
}

std::string seconds_text(std::chrono::milliseconds duration) {
  return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000.0);
}

}  // namespace

AutoUpdateSettings auto_update_settings(const commons::UserConfig& config) {
  AutoUpdateSettings settings;
  settings.interval =
      commons::seconds_setting(config, "profile_auto_update.interval_seconds", 1).value_or(settings.interval);
  settings.timeout =
      commons::seconds_setting(config, "profile_auto_update.timeout_seconds", 1).value_or(settings.timeout);
  return settings;
}

struct ProfileWatcher::Impl : std::enable_shared_from_this<ProfileWatcher::Impl> {
  Impl(boost::asio::io_context& io_, commons::Profile installed_, AutoUpdateSettings settings_, ProfileCheck check_,
       std::function<void()> on_installed_)
      : io(io_),
        timer(io_),
        installed(std::move(installed_)),
        settings(settings_),
        check(std::move(check_)),
        on_installed(std::move(on_installed_)),
        url(installed.origin_url.value_or("")) {}

  boost::asio::io_context& io;
  boost::asio::steady_timer timer;
  commons::Profile installed;
  AutoUpdateSettings settings;
  ProfileCheck check;
  std::function<void()> on_installed;
  std::string url;
  std::thread worker;  // the fetch in progress, if any
  bool done = false;   // installed: no more polls in this session

  void poll() {
    if (worker.joinable()) worker.join();  // the previous fetch has posted its result already
    std::weak_ptr<Impl> self = weak_from_this();
    worker = std::thread([self, &io = io, url = url, timeout = settings.timeout] {
      Fetched fetched = fetch(url, timeout);
      // The watcher (and so the io_context) is alive: its destructor joins this thread first.
      boost::asio::post(io, [self, fetched = std::move(fetched)]() mutable {
        if (const auto impl = self.lock()) impl->on_fetched(std::move(fetched));
      });
    });
  }

  void schedule() {
    if (done) return;
    timer.expires_after(settings.interval);
    std::weak_ptr<Impl> self = weak_from_this();
    timer.async_wait([self](const boost::system::error_code& error) {
      if (error) return;
      if (const auto impl = self.lock()) impl->poll();
    });
  }

  void on_fetched(Fetched fetched) {
    if (!fetched.body) {
      commons::log(LogLevel::warning, kSource,
                   fmt::format("cannot fetch {} ({}): the bot keeps its installed profile, next try in {}", url,
                               fetched.error, seconds_text(settings.interval)));
      return schedule();
    }
    UpdateResult result;
    try {
      result = apply_profile_update(installed, *fetched.body, check);
    } catch (const std::exception& e) {
      commons::log(LogLevel::error, kSource,
                   fmt::format("cannot install the version from {}: {}; the bot keeps running", url, e.what()));
      return schedule();
    }
    switch (result.status) {
      case UpdateStatus::unchanged:
        commons::log(LogLevel::debug, kSource, fmt::format("{}: unchanged", url));
        return schedule();
      case UpdateStatus::refused:
        commons::log(LogLevel::error, kSource,
                     fmt::format("refused the version of {} from {}: {}; the bot keeps running on the installed "
                                 "profile",
                                 installed.name, url, result.reason));
        return schedule();
      case UpdateStatus::installed:
        done = true;
        commons::log(
            LogLevel::info, kSource,
            fmt::format("installed a new version of {} from {} ({}; the previous files are in {}): "
                        "restarting",
                        installed.name, url, fmt::join(result.changed_files, ", "), result.backup_dir.string()));
        if (on_installed) on_installed();
        return;
    }
  }
};

ProfileWatcher::ProfileWatcher(boost::asio::io_context& io, commons::Profile installed, AutoUpdateSettings settings,
                               ProfileCheck check, std::function<void()> on_installed)
    : impl_(std::make_shared<Impl>(io, std::move(installed), settings, std::move(check), std::move(on_installed))) {
  if (impl_->url.empty()) throw std::invalid_argument("profile '" + impl_->installed.name + "' has no origin_url");
}

ProfileWatcher::~ProfileWatcher() {
  impl_->done = true;
  impl_->timer.cancel();
  if (impl_->worker.joinable()) impl_->worker.join();
}

void ProfileWatcher::start() {
  commons::log(LogLevel::info, kSource,
               fmt::format("{} follows {}: checked now and every {}", impl_->installed.name, impl_->url,
                           seconds_text(impl_->settings.interval)));
  impl_->poll();
}

}  // namespace octobot::services
