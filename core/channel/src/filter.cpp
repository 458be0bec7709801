#include <octobot/channel/filter.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace octobot::channel {

Filter::Filter(std::initializer_list<std::pair<std::string, std::string>> pairs) {
  for (const auto& [key, value] : pairs) where(key, value);
}

Filter& Filter::where(std::string key, std::string value) {
  entry(std::move(key)).accepted.push_back(std::move(value));
  return *this;
}

Filter& Filter::where_any(std::string key, std::vector<std::string> values) {
  Entry& target = entry(std::move(key));
  for (std::string& value : values) target.accepted.push_back(std::move(value));
  return *this;
}

Filter::Entry& Filter::entry(std::string key) {
  const auto found = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
  if (found != entries_.end()) return *found;
  return entries_.emplace_back(Entry{std::move(key), {}});
}

namespace {

std::string join_keys(std::span<const std::string_view> keys) {
  if (keys.empty()) return "none";
  std::string joined;
  for (const std::string_view key : keys) {
    if (!joined.empty()) joined += ", ";
    joined += '"';
    joined += key;
    joined += '"';
  }
  return joined;
}

}  // namespace

CompiledFilter CompiledFilter::compile(const Filter& filter, std::span<const std::string_view> channel_keys,
                                       std::string_view channel_name) {
  CompiledFilter compiled;
  for (const Filter::Entry& entry : filter.entries()) {
    const auto key = std::find(channel_keys.begin(), channel_keys.end(), entry.key);
    if (key == channel_keys.end()) {
      throw std::invalid_argument("channel '" + std::string(channel_name) + "' has no filter key '" + entry.key +
                                  "' (its keys: " + join_keys(channel_keys) + ")");
    }
    const bool accepts_anything =
        std::find(entry.accepted.begin(), entry.accepted.end(), kWildcard) != entry.accepted.end();
    if (accepts_anything) continue;  // "*" on the consumer side is no constraint at all
    compiled.constraints_.push_back(Constraint{static_cast<std::size_t>(key - channel_keys.begin()), entry.accepted});
  }
  return compiled;
}

}  // namespace octobot::channel
