#include "summary_rows.hpp"

#include <fmt/format.h>

#include <set>

#include "text_format.hpp"

namespace octobot::backtesting::report {

namespace {

Tone tone_of(double value) { return value > 0 ? Tone::gain : value < 0 ? Tone::loss : Tone::neutral; }
Tone tone_of(Decimal value) { return tone_of(static_cast<double>(value.sign())); }

std::string undefined(const Figure& figure) { return "n/a (" + figure.reason + ")"; }

SummaryRow percent_row(std::string label, const Figure& figure, bool toned = true) {
  if (!figure.value) return {std::move(label), undefined(figure)};
  return {std::move(label), format_percent(*figure.value, toned), toned ? tone_of(*figure.value) : Tone::neutral};
}

SummaryRow ratio_row(std::string label, const Figure& figure, bool toned = false) {
  if (!figure.value) return {std::move(label), undefined(figure)};
  return {std::move(label), format_fixed(*figure.value, 2), toned ? tone_of(*figure.value) : Tone::neutral};
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string money(Decimal value, const std::string& currency) { return format_money(value) + " " + currency; }

std::string trade_text(const TradeHighlight& trade, const std::string& reference) {
  return fmt::format("{} {} ({}, {})", format_percent(trade.return_pct / 100.0, true), trade.symbol,
                     money(trade.net_pnl, reference), format_utc(trade.exit_time_ms));
}

}  // namespace

std::vector<SummarySection> summary_sections(const BacktestReport& report) {
  const auto& meta = report.run.metadata;
  const auto& s = report.statistics;
  const auto& ref = meta.reference_market;
  std::vector<SummarySection> sections;

  sections.push_back({"Run",
                      {{"Profile", meta.profile},
                       {"Exchange", meta.exchange},
                       {"Symbols", join(meta.symbols)},
                       {"Time frames", join(meta.time_frames)},
                       {"Period", format_utc(meta.start_ms) + " to " + format_utc(meta.end_ms) + " UTC (" +
                                      format_duration(meta.end_ms - meta.start_ms) + ")"},
                       {"Reference market", ref},
                       {"Equity points", fmt::format("{} (step {})", s.points, format_duration(s.step_ms))}}});

  auto& performance = sections.emplace_back(SummarySection{"Performance", {}}).rows;
  performance.push_back({"Start value", money(s.start_value, ref)});
  performance.push_back({"End value", money(s.end_value, ref)});
  performance.push_back({"Net profit", money(s.net_profit, ref), tone_of(s.net_profit)});
  performance.push_back(percent_row("Total return", s.total_return));
  performance.push_back(percent_row("Buy and hold return", s.buy_and_hold_return));
  performance.push_back(percent_row("CAGR", s.cagr));
  performance.push_back(percent_row("Annualised volatility", s.volatility, false));
  performance.push_back(ratio_row("Sharpe ratio", s.sharpe, true));
  performance.push_back(ratio_row("Sortino ratio", s.sortino, true));
  performance.push_back(ratio_row("Calmar ratio", s.calmar, true));
  const auto& dd = s.max_drawdown;
  const Tone dd_tone = dd.fraction > 0 ? Tone::loss : Tone::neutral;
  performance.push_back({"Max drawdown", format_percent(-dd.fraction), dd_tone});
  // The largest fall in money can belong to another episode than the deepest in percent (a later,
  // larger portfolio): shown on its own line.
  performance.push_back({"Max drawdown (amount)", money(-s.max_drawdown_amount, ref), dd_tone});
  if (dd.fraction > 0) {
    performance.push_back({"Max drawdown peak / trough", format_utc(dd.peak_ms) + " / " + format_utc(dd.trough_ms)});
    performance.push_back(
        {"Max drawdown recovery", dd.recovery_ms ? format_utc(*dd.recovery_ms) : "not recovered by the end"});
    performance.push_back({"Max drawdown duration", format_duration(dd.duration_ms)});
  }
  performance.push_back({"Longest drawdown", format_duration(s.longest_drawdown_ms)});
  performance.push_back(ratio_row("Recovery factor", s.recovery_factor));

  auto& trades = sections.emplace_back(SummarySection{"Trades", {}}).rows;
  trades.push_back(
      {"Closed trades", fmt::format("{} ({} won, {} lost, {} even)", s.trades, s.wins, s.losses, s.breakevens)});
  trades.push_back(percent_row("Win rate", s.win_rate, false));
  trades.push_back(ratio_row("Payoff ratio", s.payoff_ratio));
  trades.push_back(ratio_row("Profit factor", s.profit_factor));
  trades.push_back(s.expectancy
                       ? SummaryRow{"Expectancy", money(*s.expectancy, ref) + " per trade", tone_of(*s.expectancy)}
                       : SummaryRow{"Expectancy", "n/a (no closed trade in " + ref + ")"});
  trades.push_back(percent_row(
      "Expectancy (return)", s.expectancy_pct.value ? Figure::of(*s.expectancy_pct.value / 100.0) : s.expectancy_pct));
  trades.push_back(ratio_row("SQN", s.sqn));
  trades.push_back(percent_row("Exposure (time in market)", s.exposure, false));
  trades.push_back(s.trades_per_day.value ? SummaryRow{"Trades per day", format_fixed(*s.trades_per_day.value, 2)}
                                          : SummaryRow{"Trades per day", undefined(s.trades_per_day)});
  trades.push_back({"Average trade duration", s.average_trade_ms ? format_duration(*s.average_trade_ms) : "n/a"});
  trades.push_back({"Longest trade", s.longest_trade_ms ? format_duration(*s.longest_trade_ms) : "n/a"});
  trades.push_back(
      {"Max consecutive wins / losses", fmt::format("{} / {}", s.max_consecutive_wins, s.max_consecutive_losses)});
  if (s.best_trade) {
    trades.push_back({"Best trade", trade_text(*s.best_trade, ref), tone_of(s.best_trade->return_pct)});
    trades.push_back({"Worst trade", trade_text(*s.worst_trade, ref), tone_of(s.worst_trade->return_pct)});
  }
  trades.push_back({"Total fees", money(s.total_fees, ref)});
  trades.push_back({"Open positions at the end", fmt::format("{}", report.round_trips.open.size())});

  auto& market = sections.emplace_back(SummarySection{"Market", {}}).rows;
  for (const auto& change : s.market_changes) {
    auto row = percent_row(change.symbol, change.change);
    row.value += " (" + format_money(change.first_close) + " to " + format_money(change.last_close) + ")";
    market.push_back(std::move(row));
  }

  auto& portfolio = sections.emplace_back(SummarySection{"Portfolio", {}}).rows;
  std::set<std::string, std::less<>> assets;
  for (const auto& [asset, amount] : meta.starting_portfolio) assets.insert(asset);
  for (const auto& [asset, amount] : meta.ending_portfolio) assets.insert(asset);
  for (const auto& asset : assets) {
    const auto start = meta.starting_portfolio.find(asset);
    const auto end = meta.ending_portfolio.find(asset);
    const Decimal from = start == meta.starting_portfolio.end() ? Decimal{} : start->second;
    const Decimal to = end == meta.ending_portfolio.end() ? Decimal{} : end->second;
    portfolio.push_back({asset, format_money(from) + " -> " + format_money(to), tone_of(to - from)});
  }
  if (const auto note = trade_list_note(report)) sections.push_back({"Trade list", {{"", *note}}});
  if (!report.round_trips.warnings.empty()) {
    auto& notes = sections.emplace_back(SummarySection{"Warnings", {}}).rows;
    const auto& warnings = report.round_trips.warnings;
    constexpr std::size_t kShown = 10;  // a run can warn on every fill: the JSON has them all
    for (std::size_t i = 0; i < warnings.size() && i < kShown; ++i) notes.push_back({"!", warnings[i]});
    if (warnings.size() > kShown) notes.push_back({"!", fmt::format("... and {} more", warnings.size() - kShown)});
  }
  return sections;
}

}  // namespace octobot::backtesting::report
