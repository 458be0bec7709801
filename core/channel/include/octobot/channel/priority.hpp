// Consumer priority levels. They order delivery in synchronized mode and decide whether a channel is
// paused: a channel whose consumers are all OPTIONAL is paused, so its producers may skip work.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace octobot::channel {

enum class Priority : std::uint8_t {
  high = 0,      // runs first; keeps the channel running
  medium = 1,    // runs after every HIGH consumer is idle; keeps the channel running
  optional = 2,  // runs last; does not keep the channel running (e.g. a dashboard view)
};

inline constexpr std::size_t kPriorityCount = 3;
inline constexpr std::array<Priority, kPriorityCount> kPrioritiesInOrder{Priority::high, Priority::medium,
                                                                         Priority::optional};

[[nodiscard]] constexpr std::size_t index_of(Priority priority) noexcept { return static_cast<std::size_t>(priority); }

[[nodiscard]] constexpr bool keeps_channel_running(Priority priority) noexcept {
  return priority != Priority::optional;
}

[[nodiscard]] constexpr std::string_view to_string(Priority priority) noexcept {
  switch (priority) {
    case Priority::high:
      return "high";
    case Priority::medium:
      return "medium";
    case Priority::optional:
      return "optional";
  }
  return "?";
}

}  // namespace octobot::channel
