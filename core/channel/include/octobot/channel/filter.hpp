// Consumer filters: which messages of a channel a consumer receives.
//
// A channel declares its filter keys (e.g. "symbol", "time_frame") and every message carries one value
// per key. A consumer lists, per key, the values it accepts. A message reaches the consumer when, for
// every key the consumer constrains:
//   - the consumer accepts "*" (the wildcard), or
//   - the message's value is "*" (the message concerns every value of that key), or
//   - the message's value is one of the accepted values (a list matches if any element matches).
// A key the consumer does not mention is unconstrained (as if it were "*"). A key the channel does not
// declare is rejected when subscribing, so a typo cannot silently turn into "never matches". An empty
// list of accepted values matches only messages whose value is "*". The empty string is an ordinary
// value ("not applicable"): it matches "" or "*" only.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octobot::channel {

inline constexpr std::string_view kWildcard = "*";

// What a consumer asks for. Build it with an initializer list of key/value pairs (repeating a key makes
// a list, exactly like the C ABI's arrays of pairs) or with where()/where_any().
class Filter {
 public:
  struct Entry {
    std::string key;
    std::vector<std::string> accepted;
  };

  Filter() = default;
  Filter(std::initializer_list<std::pair<std::string, std::string>> pairs);

  // Accepts `value` for `key`, in addition to values already accepted for it.
  Filter& where(std::string key, std::string value);
  // Accepts any of `values` for `key`, in addition to values already accepted for it.
  Filter& where_any(std::string key, std::vector<std::string> values);

  [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return entries_; }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  Entry& entry(std::string key);
  std::vector<Entry> entries_;  // in the order keys were first mentioned
};

// A Filter resolved against one channel's keys, so that matching a message compares string views by
// key index, without lookups or allocation.
class CompiledFilter {
 public:
  CompiledFilter() = default;  // matches everything

  // Throws std::invalid_argument when the filter names a key the channel does not declare; the message
  // lists the channel's keys.
  [[nodiscard]] static CompiledFilter compile(const Filter& filter, std::span<const std::string_view> channel_keys,
                                              std::string_view channel_name);

  // `message_values[i]` is the message's value for the channel's i-th key.
  [[nodiscard]] bool matches(std::span<const std::string_view> message_values) const noexcept {
    return std::ranges::all_of(constraints_, [&](const Constraint& constraint) {
      const std::string_view value = message_values[constraint.key_index];
      return value == kWildcard || constraint.accepts(value);
    });
  }

  [[nodiscard]] bool matches_everything() const noexcept { return constraints_.empty(); }

 private:
  struct Constraint {
    std::size_t key_index;
    std::vector<std::string> accepted;  // never contains the wildcard: such keys are not constraints

    [[nodiscard]] bool accepts(std::string_view value) const noexcept {
      return std::ranges::any_of(accepted, [&](const std::string& candidate) { return candidate == value; });
    }
  };
  std::vector<Constraint> constraints_;
};

}  // namespace octobot::channel
