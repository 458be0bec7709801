#include <octobot/bot/param_space.hpp>
#include <octobot/commons/decimal.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <random>
#include <set>

namespace octobot::bot {
namespace {

using commons::Decimal;

constexpr const char* kSyntax = "Class.key=FROM..TO:STEP or Class.key=V1,V2,...";

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
  return text;
}

std::optional<Decimal> number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  try {
    return Decimal::from_string(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      constexpr const char* kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

Decimal range_number(const std::string& param, std::string_view what, std::string_view text) {
  if (const auto value = number(text)) return *value;
  throw ParamError("--param " + param + ": expected a number as the range's " + std::string(what) + ", found '" +
                   std::string(text) + "' (syntax: " + kSyntax + ")");
}

std::vector<std::string> range_values(const std::string& param, std::string_view range) {
  const auto dots = range.find("..");
  const auto colon = range.find(':', dots);
  const std::string_view from_text = trim(range.substr(0, dots));
  const std::string_view to_text =
      trim(range.substr(dots + 2, colon == std::string_view::npos ? std::string_view::npos : colon - dots - 2));
  const Decimal from = range_number(param, "start", from_text);
  const Decimal to = range_number(param, "end", to_text);
  const Decimal step = colon == std::string_view::npos ? Decimal::from_integer(1)
                                                       : range_number(param, "step", trim(range.substr(colon + 1)));
  if (!step.is_positive()) {
    throw ParamError("--param " + param + ": expected a step above 0, found " + step.to_string());
  }
  if (to < from) {
    throw ParamError("--param " + param + ": expected a range from a smaller to a larger value, found " +
                     from.to_string() + ".." + to.to_string());
  }
  // Exact decimal arithmetic: from + i * step never drifts, so 0.1..0.3:0.1 ends on 0.3 itself.
  std::vector<std::string> values;
  for (Decimal value = from; value <= to; value += step) {
    if (values.size() >= kMaxParamValues) {
      throw ParamError("--param " + param + ": expected at most " + std::to_string(kMaxParamValues) +
                       " values, found more (a larger step?)");
    }
    values.push_back(value.to_string());
  }
  return values;
}

std::vector<std::string> list_values(const std::string& param, std::string_view list) {
  std::vector<std::string> values;
  std::set<std::string> seen;
  std::size_t begin = 0;
  while (begin <= list.size()) {
    const auto comma = list.find(',', begin);
    const std::string_view item =
        trim(list.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin));
    if (item.empty()) {
      throw ParamError("--param " + param +
                       ": expected a value between the commas, found an empty one (syntax: " + kSyntax + ")");
    }
    std::string json;
    if (item == "true" || item == "false") {
      json = std::string(item);
    } else if (const auto value = number(item)) {
      json = value->to_string();
    } else {
      json = json_string(item);
    }
    if (!seen.insert(json).second) {
      throw ParamError("--param " + param + ": expected distinct values, found '" + std::string(item) + "' twice");
    }
    values.push_back(std::move(json));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return values;
}

// A uniform draw in [0, bound) from the generator's raw 64-bit output (rejection of the biased tail).
std::uint64_t bounded(std::mt19937_64& generator, std::uint64_t bound) {
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
  std::uint64_t draw = 0;
  do {
    draw = generator();
  } while (draw >= limit);
  return draw % bound;
}

}  // namespace

ParamSpec parse_param(std::string_view text) {
  const std::string param(text);
  const auto equals = text.find('=');
  if (equals == std::string_view::npos) {
    throw ParamError("--param " + param + ": expected " + kSyntax + ", found no '='");
  }
  const std::string_view name = trim(text.substr(0, equals));
  const auto dot = name.find('.');
  ParamSpec spec;
  spec.text = param;
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) {
    throw ParamError("--param " + param +
                     ": expected a tentacle class and a configuration key (Class.key) before "
                     "'=', found '" +
                     std::string(name) + "'");
  }
  spec.class_name = std::string(name.substr(0, dot));
  spec.key = std::string(name.substr(dot + 1));
  const std::string_view values = trim(text.substr(equals + 1));
  if (values.empty()) throw ParamError("--param " + param + ": expected values after '=', found nothing");
  const auto dots = values.find("..");
  // "a..b" is a range unless the text is a list whose items merely contain ".." (a string value).
  if (dots != std::string_view::npos && values.find(',') == std::string_view::npos) {
    spec.values = range_values(param, values);
  } else {
    spec.values = list_values(param, values);
  }
  return spec;
}

std::uint64_t grid_size(const std::vector<ParamSpec>& specs) {
  std::uint64_t size = 1;
  for (const auto& spec : specs) {
    const auto count = static_cast<std::uint64_t>(spec.values.size());
    if (count == 0) throw ParamError("--param " + spec.text + ": expected at least one value, found none");
    if (size > kMaxGridSize / count) {
      throw ParamError("expected at most " + std::to_string(kMaxGridSize) +
                       " parameter combinations, found more (fewer values, or --random N)");
    }
    size *= count;
  }
  return size;
}

ParamPoint grid_point(const std::vector<ParamSpec>& specs, std::uint64_t index) {
  ParamPoint point(specs.size());
  for (std::size_t i = specs.size(); i-- > 0;) {
    const auto count = static_cast<std::uint64_t>(specs[i].values.size());
    point[i] = static_cast<std::size_t>(index % count);
    index /= count;
  }
  return point;
}

std::vector<ParamPoint> grid_points(const std::vector<ParamSpec>& specs) {
  const std::uint64_t size = grid_size(specs);
  std::vector<ParamPoint> points;
  points.reserve(static_cast<std::size_t>(size));
  for (std::uint64_t index = 0; index < size; ++index) points.push_back(grid_point(specs, index));
  return points;
}

std::vector<std::uint64_t> random_grid_indexes(std::uint64_t grid, std::uint64_t count, std::uint64_t seed) {
  std::vector<std::uint64_t> indexes;
  if (count >= grid) {
    for (std::uint64_t index = 0; index < grid; ++index) indexes.push_back(index);
    return indexes;
  }
  // Floyd's algorithm: `count` distinct values of [0, grid) with exactly `count` draws.
  std::mt19937_64 generator(seed);
  std::set<std::uint64_t> chosen;
  for (std::uint64_t j = grid - count; j < grid; ++j) {
    const std::uint64_t draw = bounded(generator, j + 1);
    if (!chosen.insert(draw).second) chosen.insert(j);
  }
  indexes.assign(chosen.begin(), chosen.end());
  return indexes;
}

}  // namespace octobot::bot
