#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/backtesting/report/downsample.hpp>
#include <octobot/backtesting/report/html_escape.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "summary_rows.hpp"
#include "svg_chart.hpp"
#include "text_format.hpp"

namespace octobot::backtesting::report {

namespace {

constexpr int kChartWidth = 1300;
constexpr std::string_view kEquityColour = "#2563eb";
constexpr std::string_view kHoldColour = "#9ca3af";
constexpr std::string_view kDrawdownColour = "#dc2626";

constexpr std::string_view kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1340px;color:#111;background:#fff}
h1{margin:0 0 4px}h2{margin:28px 0 8px;font-size:1.15rem}
.sub{color:#555;margin:0 0 16px}
.summary{display:grid;align-items:start;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px 24px}
table{border-collapse:collapse;width:100%;font-size:0.88rem}
th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.summary th{white-space:nowrap;font-weight:500}
td.v{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:6px 0}
.gain{color:#15803d}.loss{color:#b91c1c}
svg{display:block;max-width:100%;height:auto;background:#fff}
svg .grid{stroke:#e5e7eb;stroke-width:1}svg .frame{fill:none;stroke:#9ca3af}
svg text{font-size:11px;fill:#374151}svg .legend{font-size:12px}
.trades td{font-variant-numeric:tabular-nums}.note{color:#555;font-size:0.85rem}
)";

std::string tone_class(Tone tone) { return tone == Tone::gain ? " gain" : tone == Tone::loss ? " loss" : ""; }

void summary_tables(std::string& html, const BacktestReport& report) {
  html += "<section class=\"summary\">\n";
  for (const auto& section : summary_sections(report)) {
    if (section.rows.empty()) continue;
    fmt::format_to(std::back_inserter(html), "<table><caption>{}</caption>\n", escape_html(section.title));
    for (const auto& row : section.rows) {
      fmt::format_to(std::back_inserter(html), "<tr><th>{}</th><td class=\"v{}\">{}</td></tr>\n",
                     escape_html(row.label), tone_class(row.tone), escape_html(row.value));
    }
    html += "</table>\n";
  }
  html += "</section>\n";
}

// The close of each symbol at the equity curve's times, divided by its first close, averaged over
// the symbols: the value an equal-weight buy and hold of the start value would have had.
std::vector<SeriesPoint> buy_and_hold_curve(const BacktestReport& report) {
  const auto& equity = report.run.equity;
  std::vector<const SymbolCandles*> series;
  for (const auto& symbol : report.run.candles) {
    if (!symbol.candles.empty() && symbol.candles.front().close.is_positive()) series.push_back(&symbol);
  }
  if (series.empty() || equity.empty()) return {};
  std::vector<std::size_t> cursor(series.size(), 0);
  const double start = equity.front().value.to_double();
  std::vector<SeriesPoint> curve;
  curve.reserve(equity.size());
  for (const auto& point : equity) {
    double sum = 0;
    for (std::size_t s = 0; s < series.size(); ++s) {
      const auto& candles = series[s]->candles;
      while (cursor[s] + 1 < candles.size() && candles[cursor[s] + 1].time_ms <= point.time_ms) ++cursor[s];
      sum += candles[cursor[s]].close.to_double() / candles.front().close.to_double();
    }
    curve.push_back({point.time_ms, start * sum / static_cast<double>(series.size())});
  }
  return curve;
}

std::pair<double, double> value_range(std::span<const SeriesPoint> a, std::span<const SeriesPoint> b) {
  double low = 0, high = 0;
  bool first = true;
  for (const auto series : {a, b}) {
    for (const auto& p : series) {
      low = first ? p.value : std::min(low, p.value);
      high = first ? p.value : std::max(high, p.value);
      first = false;
    }
  }
  return {low, high};
}

void equity_chart(std::string& html, const BacktestReport& report, std::size_t max_points) {
  const auto& equity = report.run.equity;
  html += "<h2>Equity vs buy and hold</h2>\n";
  if (equity.size() < 2) {
    html += "<p class=\"note\">Fewer than two equity points: nothing to draw.</p>\n";
    return;
  }
  std::vector<SeriesPoint> values;
  std::vector<SeriesPoint> drawdown;
  values.reserve(equity.size());
  drawdown.reserve(equity.size());
  double peak = equity.front().value.to_double();
  for (const auto& point : equity) {
    const double value = point.value.to_double();
    peak = std::max(peak, value);
    values.push_back({point.time_ms, value});
    drawdown.push_back({point.time_ms, peak > 0 ? 100.0 * (value - peak) / peak : 0.0});
  }
  const auto shown = downsample_min_max(values, max_points);
  const auto hold = downsample_min_max(buy_and_hold_curve(report), max_points);
  const auto [low, high] = value_range(shown, hold);
  const auto start_ms = equity.front().time_ms, end_ms = equity.back().time_ms;
  const auto& ref = report.run.metadata.reference_market;

  // A compounding curve spanning more than a factor 10 reads better on a log scale.
  const auto scale = low > 0 && high / low > 10 ? ValueScale::log : ValueScale::linear;
  SvgChart chart(kChartWidth, 360, start_ms, end_ms, low, high, scale);
  chart.line(hold, kHoldColour, 1.5);
  chart.line(shown, kEquityColour, 1.8);
  std::vector<LegendItem> legend{
      {"portfolio value (" + ref + (scale == ValueScale::log ? ", log scale)" : ")"), std::string(kEquityColour)}};
  if (!hold.empty()) legend.push_back({"buy and hold, equal weight", std::string(kHoldColour)});
  chart.legend(legend);
  html += chart.finish("equity curve against buy and hold");
  if (report.statistics.points > equity.size()) {
    fmt::format_to(std::back_inserter(html),
                   "<p class=\"note\">Drawn from {} of the run's {} equity points (the lowest and highest of each "
                   "stretch, kept as the run went); every figure uses all of them.</p>\n",
                   equity.size(), report.statistics.points);
  }

  html += "<h2>Drawdown</h2>\n";
  const auto dd = downsample_min_max(drawdown, max_points);
  const auto [dd_low, dd_high] = value_range(dd, {});
  SvgChart dd_chart(kChartWidth, 200, start_ms, end_ms, std::min(dd_low, -0.01), std::max(dd_high, 0.0));
  dd_chart.area(dd, 0.0, kDrawdownColour);
  dd_chart.legend(std::vector<LegendItem>{{"drawdown from the running peak", std::string(kDrawdownColour)}});
  html += dd_chart.finish("drawdown curve", "%");
}

// One buy and one sell marker at most per drawn candle, at the volume-weighted price of its fills.
std::vector<ChartMarker> fill_markers(const BacktestReport& report, const std::string& symbol,
                                      std::span<const Candle> drawn) {
  struct Bucket {
    double notional = 0, amount = 0;
    std::size_t fills = 0;
    std::int64_t time_ms = 0;
  };
  std::map<std::pair<std::size_t, bool>, Bucket> buckets;
  for (const auto& fill : report.run.fills) {
    if (fill.symbol != symbol) continue;
    const auto after = std::upper_bound(drawn.begin(), drawn.end(), fill.time_ms,
                                        [](std::int64_t t, const Candle& c) { return t < c.time_ms; });
    const auto index = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, after - drawn.begin() - 1));
    auto& bucket = buckets[{index, fill.side == TradeSide::buy}];
    const double amount = fill.amount.to_double();
    bucket.notional += fill.price.to_double() * amount;
    bucket.amount += amount;
    if (bucket.fills++ == 0) bucket.time_ms = fill.time_ms;
  }
  std::vector<ChartMarker> markers;
  for (const auto& [key, bucket] : buckets) {
    const double price = bucket.amount > 0 ? bucket.notional / bucket.amount : 0;
    const auto side = key.second ? "buy" : "sell";
    const auto title = bucket.fills == 1 ? fmt::format("{} {} at {} ({} UTC)", side, symbol, format_number(price),
                                                       format_utc(bucket.time_ms))
                                         : fmt::format("{} fills: {} {} at {} on average (from {} UTC)", bucket.fills,
                                                       side, symbol, format_number(price), format_utc(bucket.time_ms));
    markers.push_back({bucket.time_ms, price, key.second, title});
  }
  return markers;
}

void candle_charts(std::string& html, const BacktestReport& report, std::size_t max_candles) {
  for (const auto& symbol : report.run.candles) {
    fmt::format_to(std::back_inserter(html), "<h2>{} {}</h2>\n", escape_html(symbol.symbol),
                   escape_html(symbol.time_frame));
    if (symbol.candles.empty()) {
      html += "<p class=\"note\">No candles.</p>\n";
      continue;
    }
    const auto drawn = aggregate_candles(symbol.candles, max_candles);
    const auto markers = fill_markers(report, symbol.symbol, drawn);
    double low = drawn.front().low.to_double(), high = drawn.front().high.to_double();
    for (const auto& c : drawn) {
      low = std::min(low, c.low.to_double());
      high = std::max(high, c.high.to_double());
    }
    for (const auto& m : markers) {
      low = std::min(low, m.price);
      high = std::max(high, m.price);
    }
    // A drawn candle spans the time until the next one (several source candles after aggregation).
    const std::int64_t candle_ms =
        drawn.size() > 1 ? (drawn.back().time_ms - drawn.front().time_ms) / static_cast<std::int64_t>(drawn.size() - 1)
                         : 60'000;
    SvgChart chart(kChartWidth, 380, drawn.front().time_ms, drawn.back().time_ms + candle_ms, low, high);
    chart.candles(drawn, candle_ms);
    // Dense fills get smaller markers so the candles stay visible.
    chart.set_marker_size(std::clamp(1300.0 / (static_cast<double>(markers.size()) + 1) * 2.0, 3.0, 6.0));
    chart.markers(markers);
    chart.legend(std::vector<LegendItem>{{"buy fills", "#2563eb"}, {"sell fills", "#f59e0b"}});
    const std::uint64_t source = std::max<std::uint64_t>(symbol.source_candles, symbol.candles.size());
    if (drawn.size() < symbol.candles.size() && source == symbol.candles.size()) {
      fmt::format_to(std::back_inserter(html),
                     "<p class=\"note\">{} candles drawn as {} (each the OHLC aggregate of up to {}).</p>\n",
                     symbol.candles.size(), drawn.size(), (symbol.candles.size() + max_candles - 1) / max_candles);
    } else if (drawn.size() < source) {
      fmt::format_to(std::back_inserter(html),
                     "<p class=\"note\">{} candles drawn as {} (OHLC aggregates of about {} each).</p>\n", source,
                     drawn.size(), (source + drawn.size() - 1) / drawn.size());
    }
    if (total_fills(report.run) > report.run.fills.size()) {
      fmt::format_to(
          std::back_inserter(html), "<p class=\"note\">Fill markers: the latest {} of {} fills{}.</p>\n",
          report.run.fills.size(), total_fills(report.run),
          report.run.fills_store.empty() ? "" : " (every fill is in " + escape_html(report.run.fills_store) + ")");
    }
    html += chart.finish(symbol.symbol + " candles with fills");
  }
}

void trade_table(std::string& html, const BacktestReport& report, std::size_t max_rows) {
  const auto& closed = report.round_trips.closed;
  html += "<h2>Closed trades</h2>\n";
  if (closed.empty()) {
    html += "<p class=\"note\">No closed trade.</p>\n";
    return;
  }
  const std::size_t first = closed.size() > max_rows ? closed.size() - max_rows : 0;
  if (const auto note = trade_list_note(report)) {
    fmt::format_to(std::back_inserter(html), "<p class=\"note\">The latest {} trades: {}.</p>\n", closed.size() - first,
                   escape_html(*note));
  } else if (first > 0) {
    fmt::format_to(std::back_inserter(html),
                   "<p class=\"note\">The latest {} of {} trades (the JSON report lists all).</p>\n", max_rows,
                   closed.size());
  }
  html +=
      "<table class=\"trades\"><tr><th>symbol</th><th>entry (UTC)</th><th>exit (UTC)</th><th>amount</th>"
      "<th>entry price</th><th>exit price</th><th>net PnL</th><th>fees</th><th>return</th><th>duration</th></tr>\n";
  for (std::size_t i = first; i < closed.size(); ++i) {
    const auto& t = closed[i];
    const auto tone = t.net_pnl.is_positive() ? " class=\"gain\"" : t.net_pnl.is_negative() ? " class=\"loss\"" : "";
    fmt::format_to(std::back_inserter(html),
                   "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{} {}</td><td>{}</td>"
                   "<td{}>{}</td><td>{}</td></tr>\n",
                   escape_html(t.symbol), format_utc(t.entry_time_ms), format_utc(t.exit_time_ms),
                   format_money(t.amount), format_money(t.entry_price), format_money(t.exit_price), tone,
                   format_money(t.net_pnl), escape_html(t.quote), format_money(t.fees), tone,
                   format_percent(t.return_pct / 100.0, true), format_duration(t.duration_ms));
  }
  html += "</table>\n";
}

}  // namespace

std::string render_html(const BacktestReport& report, const HtmlOptions& options) {
  const auto& meta = report.run.metadata;
  std::string html;
  html.reserve(256 * 1024);
  fmt::format_to(std::back_inserter(html),
                 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>Backtest report: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                 escape_html(meta.profile), kStyle);
  fmt::format_to(std::back_inserter(html),
                 "<h1>Backtest report: {}</h1>\n<p class=\"sub\">{} &middot; {} to {} UTC &middot; values in {}</p>\n",
                 escape_html(meta.profile), escape_html(meta.exchange), format_utc(meta.start_ms),
                 format_utc(meta.end_ms), escape_html(meta.reference_market));
  summary_tables(html, report);
  equity_chart(html, report, options.max_chart_points);
  candle_charts(html, report, options.max_chart_points);
  trade_table(html, report, options.max_listed_trades);
  html +=
      "<p class=\"note\">Annualised with 365 days a year from the equity curve's median step; risk-free rate 0. "
      "Formulas: docs/backtest-report.md.</p>\n</body>\n</html>\n";
  return html;
}

}  // namespace octobot::backtesting::report
