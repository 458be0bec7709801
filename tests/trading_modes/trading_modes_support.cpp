#include "trading_modes_support.hpp"

#include <stdexcept>

namespace trading_modes_test {

namespace {
octobot::tentacles::HostOptions test_tree_options() {
  octobot::tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_TRADING_MODES_TEST_ROOT;
  options.probe = false;  // our own test tree: trusted, and probing is covered by the host's tests
  return options;
}
}  // namespace

octobot::tentacles::TentacleHost& tentacle_host() {
  static octobot::tentacles::TentacleHost host(test_tree_options());
  static const bool loaded = [] {
    const auto& report = host.load();
    if (host.find_class("DipBuyerMode") == nullptr) {
      throw std::runtime_error("the test trading modes did not load from " +
                               std::string(OCTOBOT_TRADING_MODES_TEST_ROOT));
    }
    return report.count(octobot::tentacles::TentacleState::loaded) > 0;
  }();
  (void)loaded;
  return host;
}

LogRecorder::LogRecorder() : previous_level_(octobot::commons::log_level()) {
  octobot::commons::set_log_level(octobot::commons::LogLevel::info);
  previous_ = octobot::commons::set_log_sink([this](const octobot::commons::LogRecord& record) {
    const std::lock_guard lock(mutex_);
    lines_.push_back({record.level, std::string(record.source), std::string(record.message)});
  });
}

LogRecorder::~LogRecorder() {
  octobot::commons::set_log_sink(previous_);
  octobot::commons::set_log_level(previous_level_);
}

std::vector<LogRecorder::Line> LogRecorder::lines() const {
  const std::lock_guard lock(mutex_);
  return lines_;
}

std::vector<std::string> LogRecorder::find(const std::string& source, const std::string& part) const {
  std::vector<std::string> out;
  for (const Line& line : lines()) {
    if (line.source == source && line.message.find(part) != std::string::npos) out.push_back(line.message);
  }
  return out;
}

}  // namespace trading_modes_test
