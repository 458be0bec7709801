// Shared by the bundled-tentacle tests: the real tentacles tree loaded once through the host (probe
// included), instances created with their reference config (optionally overridden), and candle
// series built candle by candle and handed over the ABI as growing or sliding views.
#pragma once

#include <catch2/catch.hpp>
#include <octobot/abi.h>
#include <octobot/tentacles/tentacle_config.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace bundled {

inline octobot::tentacles::TentacleHost& host() {
  static octobot::testing::TempDir cache_dir;
  static octobot::tentacles::TentacleHost instance = [] {
    octobot::tentacles::HostOptions options;
    options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
    options.probe_executable = OCTOBOT_TEST_PROBE;
    options.probe_cache_file = cache_dir / "probe-cache.json";
    return octobot::tentacles::TentacleHost(std::move(options));
  }();
  static const bool loaded = (instance.load(), true);
  (void)loaded;
  return instance;
}

// An instance with its reference config, overlaid by `override_json` when given.
inline std::unique_ptr<octobot::tentacles::TentacleInstance> create(const std::string& name,
                                                                    const std::string& override_json = "") {
  auto instance = host().create(name, {"simulated", "BTC/USDT", "1h"});
  if (!override_json.empty()) {
    instance->configure(octobot::tentacles::TentacleConfig::parse(override_json, name + " test override"));
  }
  return instance;
}

struct Series {
  std::vector<std::int64_t> time;
  std::vector<double> open, high, low, close, volume;

  // Appends a candle closing at `close`, opened at the previous close, with a range of `spread`
  // around its body.
  void add(double value, double spread = 1.0, double traded = 100.0) {
    const double opened = close.empty() ? value : close.back();
    time.push_back(static_cast<std::int64_t>(time.size()) * 3'600'000);
    open.push_back(opened);
    high.push_back(std::max(opened, value) + spread);
    low.push_back(std::min(opened, value) - spread);
    close.push_back(value);
    volume.push_back(traded);
  }
  // `count` candles moving by `step` each.
  void line(std::size_t count, double step, double spread = 1.0) {
    for (std::size_t i = 0; i < count; ++i) add((close.empty() ? 1000.0 : close.back()) + step, spread);
  }
  [[nodiscard]] std::size_t size() const noexcept { return close.size(); }

  // Candles [begin, end) as the host hands them to an evaluator.
  [[nodiscard]] ob_candles view(std::size_t begin, std::size_t end) const {
    return {OB_HEADER_INIT(ob_candles),
            "simulated",
            "BTC/USDT",
            "1h",
            end - begin,
            time.data() + begin,
            open.data() + begin,
            high.data() + begin,
            low.data() + begin,
            close.data() + begin,
            volume.data() + begin};
  }
  [[nodiscard]] ob_candles prefix(std::size_t end) const { return view(0, end); }
};

// A reproducible random walk with volumes (a plain LCG: the same series on every platform).
inline Series random_walk(std::size_t count, std::uint64_t seed) {
  Series series;
  std::uint64_t state = seed;
  const auto uniform = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
  };
  double price = 20000.0;
  for (std::size_t i = 0; i < count; ++i) {
    // Regimes of drift so trends, reversals and crosses all happen.
    const double drift = std::sin(static_cast<double>(i) / 60.0) * 0.002;
    price *= 1.0 + drift + (uniform() - 0.5) * 0.02;
    series.add(price, price * 0.004 * uniform(), 50.0 + 100.0 * uniform());
  }
  return series;
}

// 1,000 real hours of Bitstamp BTC/USD (the SDK indicator tests' reference input).
inline Series real_hours() {
  std::ifstream in(OCTOBOT_REAL_CANDLES);
  REQUIRE(in.good());
  Series series;
  std::string line;
  std::getline(in, line);  // time,open,high,low,close,volume
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string cell[6];
    for (auto& value : cell) std::getline(fields, value, ',');
    series.time.push_back(static_cast<std::int64_t>(series.time.size()) * 3'600'000);
    series.open.push_back(std::stod(cell[1]));
    series.high.push_back(std::stod(cell[2]));
    series.low.push_back(std::stod(cell[3]));
    series.close.push_back(std::stod(cell[4]));
    series.volume.push_back(std::stod(cell[5]));
  }
  return series;
}

// Notes of one instance fed the growing views [0, 1), [0, 2), ... [0, size).
inline std::vector<octobot::tentacles::EvaluationResult> evaluate_each(octobot::tentacles::TentacleInstance& instance,
                                                                       const Series& series) {
  std::vector<octobot::tentacles::EvaluationResult> results;
  for (std::size_t end = 1; end <= series.size(); ++end) results.push_back(instance.evaluate(series.prefix(end)));
  return results;
}

inline std::size_t ready_count(const std::vector<octobot::tentacles::EvaluationResult>& results) {
  std::size_t count = 0;
  for (const auto& result : results) count += result.ready ? 1 : 0;
  return count;
}

}  // namespace bundled
