#include <octobot/channel/detail/consumer_base.hpp>
#include <octobot/commons/logging.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace octobot::channel::detail {

ConsumerSettings resolve_settings(const ConsumerOptions& options, std::span<const std::string_view> channel_keys,
                                  std::string_view channel_name, std::string_view channel_id,
                                  const QueuePolicy& channel_default) {
  ConsumerSettings settings;
  settings.name = options.name.empty() ? std::string("unnamed consumer") : options.name;
  settings.channel_name = channel_name;
  settings.channel_id = channel_id;
  settings.priority = options.priority;
  settings.queue = options.queue.value_or(channel_default);
  if (settings.queue.capacity == 0) {
    throw std::invalid_argument(
        fmt::format("consumer '{}' of channel '{}': queue capacity must be at least 1", settings.name, channel_name));
  }
  settings.filter = CompiledFilter::compile(options.filter, channel_keys, channel_name);
  return settings;
}

void ConsumerBase::report_failure(std::exception_ptr failure) const noexcept {
  try {
    std::string reason = "unknown exception (not derived from std::exception)";
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      reason = e.what();
    } catch (...) {
    }
    commons::log(commons::LogLevel::error, "channel",
                 fmt::format("consumer '{}' of channel '{}' (set '{}') failed and was skipped: {}", settings_.name,
                             settings_.channel_name, settings_.channel_id, reason));
  } catch (...) {
    // Logging itself failed (out of memory): the failure is still isolated, only unreported.
  }
}

}  // namespace octobot::channel::detail
