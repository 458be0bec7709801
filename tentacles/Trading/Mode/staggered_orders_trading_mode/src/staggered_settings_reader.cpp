#include "staggered_settings_reader.hpp"

#include <octobot/sdk/error.hpp>

namespace octobot::tentacles_bundled::staggered {

namespace {

double non_negative(const sdk::Config& config, const std::string& path, double fallback) {
  const double value = config.number(path, fallback);
  if (!(value >= 0)) throw sdk::ConfigError("'" + path + "' must be >= 0, got " + std::to_string(value));
  return value;
}

}  // namespace

std::optional<StaggeredSettings> read_pair_settings(const sdk::Config& config, const std::string& symbol) {
  if (!config.has("pair_settings")) return std::nullopt;
  const std::uint64_t size = config.array_size("pair_settings");
  for (std::uint64_t i = 0; i < size; ++i) {
    const std::string at = "pair_settings[" + std::to_string(i) + "].";
    if (config.string(at + "pair", "") != symbol) continue;
    StaggeredSettings settings;
    settings.pair = symbol;
    settings.mode = parse_mode(config.string(at + "mode", "neutral"));
    settings.spread_percent = non_negative(config, at + "spread_percent", 0);
    settings.increment_percent = non_negative(config, at + "increment_percent", 0);
    settings.lower_bound = non_negative(config, at + "lower_bound", 0);
    settings.upper_bound = non_negative(config, at + "upper_bound", 0);
    const std::int64_t depth = config.integer(at + "operational_depth", 50);
    if (depth < 0 || depth > 10000) {
      throw sdk::ConfigError("'" + at + "operational_depth' must be in [0, 10000], got " + std::to_string(depth));
    }
    settings.operational_depth = static_cast<int>(depth);
    settings.mirror_order_delay = non_negative(config, at + "mirror_order_delay", 0);
    settings.ignore_exchange_fees = config.boolean(at + "ignore_exchange_fees", false);
    settings.use_existing_orders_only = config.boolean(at + "use_existing_orders_only", false);
    if (settings.increment_percent <= 0) throw sdk::ConfigError("'" + at + "increment_percent' must be > 0");
    if (settings.lower_bound >= settings.upper_bound) {
      throw sdk::ConfigError("'" + at + "lower_bound' must be below '" + at + "upper_bound'");
    }
    return settings;
  }
  return std::nullopt;
}

}  // namespace octobot::tentacles_bundled::staggered
