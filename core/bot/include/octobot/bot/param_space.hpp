// The optimizer's parameter space: `--param Class.key=a..b:step` (a range, exact decimal steps) or
// `--param Class.key=v1,v2,v3` (a list), their cartesian product (grid search) and a seeded random
// sample of it (random search).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::bot {

// A --param that cannot be parsed, or a space too large; the message says what was expected and what
// was found.
class ParamError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct ParamSpec {
  std::string class_name;  // the tentacle class, e.g. "RSIMomentumEvaluator"
  std::string key;         // dot path in its configuration, e.g. "period" or "thresholds.low"
  // Each value as JSON text: numbers as exact decimals ("0.1", "14"), true/false, strings quoted.
  std::vector<std::string> values;
  std::string text;  // as written, for messages

  [[nodiscard]] std::string name() const { return class_name + "." + key; }
};

// At most this many values per parameter and grid points in all (a bound on typos like 1..1e9:1).
inline constexpr std::uint64_t kMaxParamValues = 100'000;
inline constexpr std::uint64_t kMaxGridSize = 10'000'000;

// Parses "Class.key=a..b:step" (numbers; a <= b, step > 0; values a, a+step, ... up to b, computed
// exactly, so 0.1..0.3:0.1 is exactly 0.1, 0.2, 0.3) or "Class.key=v1,v2,..." (numbers, true/false,
// or text). Throws ParamError.
[[nodiscard]] ParamSpec parse_param(std::string_view text);

// One point of the space: for each spec (in order), the index of its value.
using ParamPoint = std::vector<std::size_t>;

// The number of points (the product of the value counts). Throws ParamError beyond kMaxGridSize.
[[nodiscard]] std::uint64_t grid_size(const std::vector<ParamSpec>& specs);

// Every point, in grid order: the last parameter changes fastest (index order = the tie-break order).
[[nodiscard]] std::vector<ParamPoint> grid_points(const std::vector<ParamSpec>& specs);

// The point at a grid index (0 <= index < grid_size).
[[nodiscard]] ParamPoint grid_point(const std::vector<ParamSpec>& specs, std::uint64_t index);

// `count` distinct points drawn uniformly from the grid with a seeded generator, returned in grid
// order (their grid indexes ascending). The same specs, count and seed give the same points on every
// machine (std::mt19937_64 and our own bounded draw; no std::*_distribution, whose algorithm is not
// specified). A count at or above the grid size gives the whole grid.
[[nodiscard]] std::vector<std::uint64_t> random_grid_indexes(std::uint64_t grid, std::uint64_t count,
                                                             std::uint64_t seed);

}  // namespace octobot::bot
