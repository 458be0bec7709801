#include "grid_settings_reader.hpp"

#include <octobot/sdk/error.hpp>

namespace octobot::tentacles_bundled::grid {

namespace {

double non_negative(const sdk::Config& config, const std::string& path, double fallback) {
  const double value = config.number(path, fallback);
  if (!(value >= 0)) throw sdk::ConfigError("'" + path + "' must be >= 0, got " + std::to_string(value));
  return value;
}

int order_count(const sdk::Config& config, const std::string& path) {
  const std::int64_t value = config.integer(path, 0);
  if (value < 0 || value > 10000) {
    throw sdk::ConfigError("'" + path + "' must be an integer in [0, 10000], got " + std::to_string(value));
  }
  return static_cast<int>(value);
}

}  // namespace

std::optional<GridSettings> read_pair_settings(const sdk::Config& config, const std::string& symbol) {
  if (!config.has("pair_settings")) return std::nullopt;
  const std::uint64_t size = config.array_size("pair_settings");
  for (std::uint64_t i = 0; i < size; ++i) {
    const std::string at = "pair_settings[" + std::to_string(i) + "].";
    if (config.string(at + "pair", "") != symbol) continue;
    GridSettings settings;
    settings.pair = symbol;
    settings.flat_spread = non_negative(config, at + "flat_spread", 0);
    settings.flat_increment = non_negative(config, at + "flat_increment", 0);
    settings.buy_orders_count = order_count(config, at + "buy_orders_count");
    settings.sell_orders_count = order_count(config, at + "sell_orders_count");
    settings.buy_funds = non_negative(config, at + "buy_funds", 0);
    settings.sell_funds = non_negative(config, at + "sell_funds", 0);
    settings.starting_price = non_negative(config, at + "starting_price", 0);
    settings.buy_volume_per_order = non_negative(config, at + "buy_volume_per_order", 0);
    settings.sell_volume_per_order = non_negative(config, at + "sell_volume_per_order", 0);
    settings.ignore_exchange_fees = config.boolean(at + "ignore_exchange_fees", false);
    settings.mirror_order_delay = non_negative(config, at + "mirror_order_delay", 0);
    settings.use_existing_orders_only = config.boolean(at + "use_existing_orders_only", false);
    settings.enable_trailing_up = config.boolean(at + "enable_trailing_up", false);
    settings.enable_trailing_down = config.boolean(at + "enable_trailing_down", false);
    if (settings.flat_increment <= 0 && settings.buy_orders_count + settings.sell_orders_count > 1) {
      throw sdk::ConfigError("'" + at + "flat_increment' must be > 0 for a grid of several orders");
    }
    return settings;
  }
  return std::nullopt;
}

}  // namespace octobot::tentacles_bundled::grid
