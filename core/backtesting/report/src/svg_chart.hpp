// A minimal SVG plot area: maps (time, value) to pixels and draws axes with readable ticks, lines,
// areas, candles and markers. Generated in C++ so the HTML report needs no script and no network.
#pragma once

#include <octobot/backtesting/report/downsample.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::backtesting::report {

struct ChartMarker {
  std::int64_t time_ms = 0;
  double price = 0;
  bool buy = true;
  std::string title;  // tooltip (escaped by the chart)
};

struct LegendItem {
  std::string label;
  std::string colour;
};

enum class ValueScale : std::uint8_t { linear, log };

class SvgChart {
 public:
  // Value range [low, high] is widened a little so lines do not touch the frame. A log scale needs
  // low > 0 (otherwise the chart falls back to linear).
  SvgChart(int width, int height, std::int64_t start_ms, std::int64_t end_ms, double low, double high,
           ValueScale scale = ValueScale::linear);

  void line(std::span<const SeriesPoint> points, std::string_view colour, double stroke_width = 1.5);
  // The area between the line and `base` (drawdown under zero).
  void area(std::span<const SeriesPoint> points, double base, std::string_view colour);
  void candles(std::span<const Candle> candles, std::int64_t candle_ms);
  // Triangles of half-width `size` px (smaller when fills are dense).
  void markers(std::span<const ChartMarker> markers);
  void set_marker_size(double size) { marker_size_ = size; }
  void legend(std::span<const LegendItem> items);
  // Closes the element; `value_suffix` follows each value tick ("%").
  [[nodiscard]] std::string finish(std::string_view aria_label, std::string_view value_suffix = "");

 private:
  [[nodiscard]] double x(std::int64_t time_ms) const;
  [[nodiscard]] double y(double value) const;
  void axes(std::string_view value_suffix);
  [[nodiscard]] std::vector<double> value_ticks(int& decimals) const;
  [[nodiscard]] std::vector<std::int64_t> time_ticks(bool& dates_only) const;

  int width_;
  int height_;
  double left_ = 80;
  double right_ = 16;
  double top_ = 24;  // room for the legend
  double bottom_ = 28;
  std::int64_t start_ms_;
  std::int64_t end_ms_;
  double low_;
  double high_;
  ValueScale scale_;
  double marker_size_ = 6;
  std::string body_;
};

}  // namespace octobot::backtesting::report
