#include <octobot/backtesting/report/backtest_report.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "text_format.hpp"

namespace octobot::backtesting::report {

namespace {

// Keys are written in a fixed order by the code below; numbers go through format_number, so the
// same report always gives the same bytes.
class JsonOut {
 public:
  explicit JsonOut(rapidjson::Writer<rapidjson::StringBuffer>& writer) : w_(writer) {}

  void key(std::string_view name) { w_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size())); }
  void string(std::string_view value) { w_.String(value.data(), static_cast<rapidjson::SizeType>(value.size())); }
  void number(double value) {
    const auto text = format_number(value);
    w_.RawValue(text.data(), text.size(), rapidjson::kNumberType);
  }

  void field(std::string_view name, std::string_view value) { key(name), string(value); }
  void field(std::string_view name, const char* value) { key(name), string(value); }
  void field(std::string_view name, const std::string& value) { key(name), string(value); }
  void field(std::string_view name, Decimal value) { key(name), string(value.to_string()); }  // exact
  void field(std::string_view name, double value) { key(name), number(value); }
  void field(std::string_view name, std::int64_t value) { key(name), w_.Int64(value); }
  void field(std::string_view name, std::size_t value) { key(name), w_.Uint64(value); }
  void time(std::string_view name, std::int64_t time_ms) {
    field(std::string(name) + "_ms", time_ms);
    field(name, format_iso_utc(time_ms));
  }
  // null plus "<name>_reason" when undefined.
  void figure(std::string_view name, const Figure& figure) {
    key(name);
    if (figure.value) {
      number(*figure.value);
    } else {
      w_.Null();
      field(std::string(name) + "_reason", figure.reason);
    }
  }
  void null(std::string_view name) { key(name), w_.Null(); }

  void begin_object(std::string_view name) { key(name), w_.StartObject(); }
  void begin_object() { w_.StartObject(); }
  void end_object() { w_.EndObject(); }
  void begin_array(std::string_view name) { key(name), w_.StartArray(); }
  void end_array() { w_.EndArray(); }

 private:
  rapidjson::Writer<rapidjson::StringBuffer>& w_;
};

void write_assets(JsonOut& out, std::string_view name, const AssetAmounts& assets) {
  out.begin_object(name);
  for (const auto& [asset, amount] : assets) out.field(asset, amount);  // std::map: sorted keys
  out.end_object();
}

void write_run(JsonOut& out, const BacktestReport& report) {
  const RunMetadata& meta = report.run.metadata;
  out.begin_object("run");
  out.field("profile", meta.profile);
  out.field("exchange", meta.exchange);
  out.begin_array("symbols");
  for (const auto& symbol : meta.symbols) out.string(symbol);
  out.end_array();
  out.begin_array("time_frames");
  for (const auto& time_frame : meta.time_frames) out.string(time_frame);
  out.end_array();
  out.time("start", meta.start_ms);
  out.time("end", meta.end_ms);
  out.field("reference_market", meta.reference_market);
  write_assets(out, "starting_portfolio", meta.starting_portfolio);
  write_assets(out, "ending_portfolio", meta.ending_portfolio);
  // How complete the lists below are: a long run keeps only its latest closed trades in the report.
  out.field("fills", total_fills(report.run));
  out.field("closed_trades_listed", report.round_trips.closed.size());
  if (const auto note = trade_list_note(report)) out.field("closed_trades_note", *note);
  out.end_object();
}

void write_trade_highlight(JsonOut& out, std::string_view name, const std::optional<TradeHighlight>& trade) {
  if (!trade) return out.null(name);
  out.begin_object(name);
  out.field("symbol", trade->symbol);
  out.time("exit", trade->exit_time_ms);
  out.field("net_pnl", trade->net_pnl);
  out.field("return_pct", trade->return_pct);
  out.end_object();
}

void write_statistics(JsonOut& out, const Statistics& s) {
  out.begin_object("statistics");
  out.field("annualisation", "365 days a year, periods per year = 365 days / median equity step; risk-free rate 0");
  out.field("equity_points", s.points);
  out.field("step_ms", s.step_ms);
  out.field("periods_per_year", s.periods_per_year);
  out.field("span_ms", s.span_ms);
  out.field("start_value", s.start_value);
  out.field("end_value", s.end_value);
  out.field("net_profit", s.net_profit);
  out.figure("total_return", s.total_return);
  out.figure("buy_and_hold_return", s.buy_and_hold_return);
  out.figure("cagr", s.cagr);
  out.figure("annualised_volatility", s.volatility);
  out.figure("sharpe", s.sharpe);
  out.figure("sortino", s.sortino);
  out.figure("calmar", s.calmar);
  out.begin_object("max_drawdown");
  out.field("fraction", s.max_drawdown.fraction);
  out.field("amount", s.max_drawdown_amount);
  if (s.max_drawdown.fraction > 0) {
    out.field("peak_value", s.max_drawdown.peak_value);
    out.field("trough_value", s.max_drawdown.trough_value);
    out.time("peak", s.max_drawdown.peak_ms);
    out.time("trough", s.max_drawdown.trough_ms);
    if (s.max_drawdown.recovery_ms) {
      out.time("recovery", *s.max_drawdown.recovery_ms);
    } else {
      out.null("recovery_ms");
      out.null("recovery");
    }
    out.field("duration_ms", s.max_drawdown.duration_ms);
  }
  out.end_object();
  out.field("longest_drawdown_ms", s.longest_drawdown_ms);
  out.figure("recovery_factor", s.recovery_factor);
  out.field("closed_trades", s.trades);
  out.field("closed_trades_in_reference_market", s.trades_in_reference);
  out.field("wins", s.wins);
  out.field("losses", s.losses);
  out.field("breakevens", s.breakevens);
  out.figure("win_rate", s.win_rate);
  out.figure("payoff_ratio", s.payoff_ratio);
  out.figure("profit_factor", s.profit_factor);
  if (s.expectancy) {
    out.field("expectancy", *s.expectancy);
  } else {
    out.null("expectancy");
    out.field("expectancy_reason", "no closed trade in the reference market");
  }
  out.figure("expectancy_pct", s.expectancy_pct);
  out.figure("sqn", s.sqn);
  out.figure("exposure", s.exposure);
  out.figure("trades_per_day", s.trades_per_day);
  if (s.average_trade_ms) {
    out.field("average_trade_ms", *s.average_trade_ms);
    out.field("longest_trade_ms", *s.longest_trade_ms);
  } else {
    out.null("average_trade_ms");
    out.null("longest_trade_ms");
  }
  out.field("max_consecutive_wins", s.max_consecutive_wins);
  out.field("max_consecutive_losses", s.max_consecutive_losses);
  write_trade_highlight(out, "best_trade", s.best_trade);
  write_trade_highlight(out, "worst_trade", s.worst_trade);
  out.field("total_fees", s.total_fees);
  out.end_object();

  out.begin_array("market");
  for (const auto& change : s.market_changes) {
    out.begin_object();
    out.field("symbol", change.symbol);
    out.field("first_close", change.first_close);
    out.field("last_close", change.last_close);
    out.figure("change", change.change);
    out.end_object();
  }
  out.end_array();
}

void write_trades(JsonOut& out, const RoundTrips& trips) {
  out.begin_array("closed_trades");
  for (const auto& t : trips.closed) {
    out.begin_object();
    out.field("symbol", t.symbol);
    out.field("exit_order_id", t.exit_order_id);
    out.time("entry", t.entry_time_ms);
    out.time("exit", t.exit_time_ms);
    out.field("amount", t.amount);
    out.field("entry_price", t.entry_price);
    out.field("exit_price", t.exit_price);
    out.field("gross_pnl", t.gross_pnl);
    out.field("fees", t.fees);
    out.field("net_pnl", t.net_pnl);
    out.field("pnl_currency", t.quote);
    out.field("return_pct", t.return_pct);
    out.field("duration_ms", t.duration_ms);
    out.end_object();
  }
  out.end_array();
  out.begin_array("open_positions");
  for (const auto& p : trips.open) {
    out.begin_object();
    out.field("symbol", p.symbol);
    out.field("amount", p.amount);
    out.field("cost", p.cost);
    out.field("average_price", p.average_price);
    out.time("opened", p.opened_ms);
    out.end_object();
  }
  out.end_array();
  out.begin_array("warnings");
  for (const auto& warning : trips.warnings) out.string(warning);
  out.end_array();
}

}  // namespace

std::string render_json(const BacktestReport& report) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  JsonOut out(writer);
  out.begin_object();
  out.field("format", "octobot-backtest-report/1");
  write_run(out, report);
  write_statistics(out, report.statistics);
  write_trades(out, report.round_trips);
  out.end_object();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace octobot::backtesting::report
