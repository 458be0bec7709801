#include "svg_chart.hpp"

#include <octobot/backtesting/report/html_escape.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "text_format.hpp"

namespace octobot::backtesting::report {

namespace {

constexpr std::string_view kGainColour = "#16a34a";
constexpr std::string_view kLossColour = "#dc2626";

// 1, 2 or 5 times a power of ten: ticks people can read.
double nice_step(double range, int wanted_ticks) {
  const double raw = range / wanted_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (raw <= factor * magnitude) return factor * magnitude;
  }
  return 10.0 * magnitude;
}

}  // namespace

SvgChart::SvgChart(int width, int height, std::int64_t start_ms, std::int64_t end_ms, double low, double high,
                   ValueScale scale)
    : width_(width), height_(height), start_ms_(start_ms), end_ms_(std::max(end_ms, start_ms + 1)), scale_(scale) {
  if (scale_ == ValueScale::log && !(low > 0)) scale_ = ValueScale::linear;  // log needs positive values
  if (scale_ == ValueScale::log) {
    low = std::log10(low);
    high = std::log10(high);
  }
  if (!(high > low)) {  // a flat series still gets a visible band around it
    const double pad = low == 0 ? 1.0 : std::abs(low) * 0.01;
    low -= pad;
    high += pad;
  }
  const double pad = (high - low) * 0.05;
  low_ = low - pad;
  high_ = high + pad;
}

double SvgChart::x(std::int64_t time_ms) const {
  const double fraction = static_cast<double>(time_ms - start_ms_) / static_cast<double>(end_ms_ - start_ms_);
  return left_ + fraction * (width_ - left_ - right_);
}

double SvgChart::y(double value) const {
  const double v = scale_ == ValueScale::log ? std::log10(std::max(value, 1e-300)) : value;
  return top_ + (high_ - v) / (high_ - low_) * (height_ - top_ - bottom_);
}

void SvgChart::line(std::span<const SeriesPoint> points, std::string_view colour, double stroke_width) {
  if (points.empty()) return;
  std::string path;
  path.reserve(points.size() * 16);
  for (const auto& p : points)
    fmt::format_to(std::back_inserter(path), "{}{:.1f},{:.1f}", path.empty() ? "M" : " L", x(p.time_ms), y(p.value));
  fmt::format_to(std::back_inserter(body_),
                 "<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>\n", path, colour,
                 stroke_width);
}

void SvgChart::area(std::span<const SeriesPoint> points, double base, std::string_view colour) {
  if (points.empty()) return;
  std::string path = fmt::format("M{:.1f},{:.1f}", x(points.front().time_ms), y(base));
  for (const auto& p : points) fmt::format_to(std::back_inserter(path), " L{:.1f},{:.1f}", x(p.time_ms), y(p.value));
  fmt::format_to(std::back_inserter(path), " L{:.1f},{:.1f} Z", x(points.back().time_ms), y(base));
  fmt::format_to(std::back_inserter(body_),
                 "<path class=\"area\" d=\"{}\" fill=\"{}\" fill-opacity=\"0.35\" stroke=\"{}\"/>\n", path, colour,
                 colour);
}

// Four paths (rising and falling bodies and wicks) rather than one element per candle: a 1500-candle
// chart stays a few tens of kilobytes.
void SvgChart::candles(std::span<const Candle> candles, std::int64_t candle_ms) {
  if (candles.empty()) return;
  const double slot = std::max(1.0, x(start_ms_ + candle_ms) - x(start_ms_));
  const double body_width = std::max(1.0, slot * 0.7);
  std::string up_bodies, down_bodies, up_wicks, down_wicks;
  for (const auto& c : candles) {
    const double open = c.open.to_double(), close = c.close.to_double();
    const bool rising = close >= open;
    const double centre = x(c.time_ms) + slot / 2;
    const double top = y(std::max(open, close)), bottom = y(std::min(open, close));
    fmt::format_to(std::back_inserter(rising ? up_wicks : down_wicks), "M{:.1f},{:.1f}V{:.1f}", centre,
                   y(c.high.to_double()), y(c.low.to_double()));
    fmt::format_to(std::back_inserter(rising ? up_bodies : down_bodies), "M{:.1f},{:.1f}h{:.1f}v{:.1f}h{:.1f}Z",
                   centre - body_width / 2, top, body_width, std::max(0.8, bottom - top), -body_width);
  }
  fmt::format_to(std::back_inserter(body_), "<g class=\"candles\">\n");
  fmt::format_to(std::back_inserter(body_), "<path d=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\n", up_wicks,
                 kGainColour);
  fmt::format_to(std::back_inserter(body_), "<path d=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\n", down_wicks,
                 kLossColour);
  fmt::format_to(std::back_inserter(body_), "<path d=\"{}\" fill=\"{}\"/>\n", up_bodies, kGainColour);
  fmt::format_to(std::back_inserter(body_), "<path d=\"{}\" fill=\"{}\"/>\n", down_bodies, kLossColour);
  body_ += "</g>\n";
}

// Buys: upward triangles under the price; sells: downward triangles above it. The tip is at the price.
void SvgChart::markers(std::span<const ChartMarker> markers) {
  for (const auto& m : markers) {
    const double cx = x(m.time_ms), cy = y(m.price);
    const double s = marker_size_;
    const double base_y = m.buy ? cy + 1.6 * s : cy - 1.6 * s;
    fmt::format_to(
        std::back_inserter(body_),
        "<path class=\"marker {}\" d=\"M{:.1f},{:.1f}L{:.1f},{:.1f}L{:.1f},{:.1f}Z\" fill=\"{}\" stroke=\"#111\" "
        "stroke-width=\"0.6\"><title>{}</title></path>\n",
        m.buy ? "buy" : "sell", cx, cy, cx - s, base_y, cx + s, base_y, m.buy ? "#2563eb" : "#f59e0b",
        escape_html(m.title));
  }
}

void SvgChart::legend(std::span<const LegendItem> items) {
  double position = left_ + 10;
  for (const auto& item : items) {
    fmt::format_to(
        std::back_inserter(body_),
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"4\" fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\" "
        "class=\"legend\">{}</text>\n",
        position, 9.0, item.colour, position + 18, 14.0, escape_html(item.label));
    position += 30 + 7.5 * static_cast<double>(item.label.size());
  }
}

// Value ticks: 1-2-5 steps on a linear scale; 1, 2, 5 times powers of ten on a log scale (only the
// powers when the range spans many decades).
std::vector<double> SvgChart::value_ticks(int& decimals) const {
  std::vector<double> ticks;
  if (scale_ == ValueScale::linear) {
    const double step = nice_step(high_ - low_, 6);
    decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step))));
    for (double v = std::ceil(low_ / step) * step; v <= high_; v += step)
      ticks.push_back(std::abs(v) < step / 2 ? 0 : v);
    return ticks;
  }
  const bool many_decades = high_ - low_ > 3;
  for (double decade = std::floor(low_); decade <= std::ceil(high_); ++decade) {
    for (const double factor : {1.0, 2.0, 5.0}) {
      if (many_decades && factor != 1.0) continue;
      const double v = factor * std::pow(10.0, decade);
      if (std::log10(v) >= low_ && std::log10(v) <= high_) ticks.push_back(v);
    }
  }
  decimals = std::max(0, -static_cast<int>(std::floor(low_)));
  return ticks;
}

// Time ticks on round UTC boundaries: whole minutes, hours, days, Mondays, or calendar months and
// years for long runs; at most about 7 of them.
std::vector<std::int64_t> SvgChart::time_ticks(bool& dates_only) const {
  constexpr std::int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;
  constexpr std::int64_t kMonday = 4 * kDay;  // 1970-01-01 was a Thursday
  constexpr std::int64_t kSteps[] = {kMinute,   5 * kMinute, 15 * kMinute, 30 * kMinute, kHour,    2 * kHour, 3 * kHour,
                                     6 * kHour, 12 * kHour,  kDay,         2 * kDay,     7 * kDay, 14 * kDay};
  const std::int64_t span = end_ms_ - start_ms_;
  std::vector<std::int64_t> ticks;
  for (const auto step : kSteps) {
    if (span / step > 7) continue;
    const std::int64_t origin = step >= 7 * kDay ? kMonday : 0;
    const std::int64_t offset = (start_ms_ - origin) % step;
    for (std::int64_t t = start_ms_ - offset + (offset > 0 ? step : 0); t <= end_ms_; t += step) ticks.push_back(t);
    dates_only = step >= kDay;
    return ticks;
  }
  dates_only = true;
  for (const unsigned months : {1u, 2u, 3u, 6u, 12u, 24u, 60u, 120u}) {
    if (span / (months * 30 * kDay) > 7 && months < 120) continue;
    auto [year, month] = year_month(start_ms_);
    std::int64_t index = year * 12 + (month - 1);
    index += (months - index % months) % months;  // the first multiple of `months` (January for years)
    for (;; index += months) {
      const std::int64_t t = month_start_ms(index / 12, static_cast<unsigned>(index % 12) + 1);
      if (t > end_ms_) break;
      if (t >= start_ms_) ticks.push_back(t);
    }
    return ticks;
  }
  return ticks;
}

void SvgChart::axes(std::string_view value_suffix) {
  std::string grid;
  int decimals = 0;
  for (const double v : value_ticks(decimals)) {
    const double py = y(v);
    fmt::format_to(std::back_inserter(grid),
                   "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/><text x=\"{:.1f}\" "
                   "y=\"{:.1f}\" class=\"tick\" text-anchor=\"end\">{}{}</text>\n",
                   left_, width_ - right_, py, py, left_ - 6, py + 4, format_tick(v, decimals), value_suffix);
  }
  bool dates_only = false;
  for (const std::int64_t t : time_ticks(dates_only)) {
    const double px = x(t);
    auto label = format_utc(t);
    if (dates_only) label.resize(10);
    const auto anchor = px > width_ - right_ - 50 ? "end" : px < left_ + 50 ? "start" : "middle";
    fmt::format_to(std::back_inserter(grid),
                   "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/><text x=\"{:.1f}\" "
                   "y=\"{:.1f}\" class=\"tick\" text-anchor=\"{}\">{}</text>\n",
                   px, px, top_, height_ - bottom_, px, height_ - 8.0, anchor, label);
  }
  fmt::format_to(std::back_inserter(grid),
                 "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" class=\"frame\"/>\n", left_, top_,
                 width_ - left_ - right_, height_ - top_ - bottom_);
  body_.insert(0, grid);
}

std::string SvgChart::finish(std::string_view aria_label, std::string_view value_suffix) {
  axes(value_suffix);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"{}\">\n{}</svg>\n",
      width_, height_, width_, height_, escape_html(aria_label), body_);
}

}  // namespace octobot::backtesting::report
