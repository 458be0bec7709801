// optimize.json, optimize.html and the terminal table of an optimizer search.
#include <octobot/backtesting/report/html_escape.hpp>
#include <octobot/bot/optimizer.hpp>
#include <octobot/commons/json_rapidjson.hpp>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <iterator>

namespace octobot::bot {
namespace {

namespace report = backtesting::report;
using report::escape_html;

// The columns every view shows after the parameters; the ranking statistic is added when it is not
// one of them.
std::vector<const RankStatistic*> shown_statistics(const OptimizeResult& result) {
  std::vector<const RankStatistic*> shown;
  for (const char* name : {"total_return", "sharpe", "max_drawdown", "win_rate"}) {
    shown.push_back(&find_rank_statistic(name));
  }
  if (result.rank_by != nullptr && std::find(shown.begin(), shown.end(), result.rank_by) == shown.end()) {
    shown.insert(shown.begin(), result.rank_by);
  }
  return shown;
}

// 12 significant digits, like the backtest report: stable text for identical runs.
std::string number(double value) { return fmt::format("{:.12g}", value); }

std::string shown_value(const RankStatistic& statistic, const std::optional<double>& value, int decimals) {
  if (!value) return "n/a";
  return fmt::format("{:.{}f}", statistic.percent ? *value * 100.0 : *value, decimals);
}

// A parameter value as a user reads it: strings without their JSON quotes.
std::string display(const std::string& json) {
  if (json.size() >= 2 && json.front() == '"') {
    const rapidjson::Document document = commons::parse_json(json, "value");
    return document.GetString();
  }
  return json;
}

template <typename Writer>
bool write_string(Writer& writer, std::string_view text) {
  return writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

}  // namespace

std::string render_optimize_json(const OptimizeConfig& config, const OptimizeResult& result) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("format");
  writer.String("octobot-optimize/1");
  writer.Key("profile");
  write_string(writer, config.base.profile.name);
  writer.Key("data");
  writer.StartArray();
  if (config.base.candles) {
    for (const auto& file : config.base.candles->files()) write_string(writer, file.string());
  }
  writer.EndArray();
  writer.Key("start_ms");
  config.base.start_ms ? writer.Int64(*config.base.start_ms) : writer.Null();
  writer.Key("end_ms");
  config.base.end_ms ? writer.Int64(*config.base.end_ms) : writer.Null();
  writer.Key("search");
  writer.String(config.random_samples ? "random" : "grid");
  writer.Key("seed");
  config.random_samples ? writer.Uint64(config.seed) : writer.Null();
  writer.Key("grid_size");
  writer.Uint64(result.grid_size);
  writer.Key("rank_by");
  write_string(writer, result.rank_by->name);
  writer.Key("rank_order");
  writer.String(result.rank_by->order == RankOrder::lower_is_better ? "ascending" : "descending");
  writer.Key("params");
  writer.StartArray();
  for (const auto& spec : config.params) {
    writer.StartObject();
    writer.Key("name");
    write_string(writer, spec.name());
    writer.Key("values");
    writer.StartArray();
    for (const auto& value : spec.values) writer.RawValue(value.data(), value.size(), rapidjson::kNumberType);
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("runs");
  writer.StartArray();
  for (const auto& run : result.runs) {
    writer.StartObject();
    writer.Key("rank");
    writer.Uint64(run.rank);
    writer.Key("grid_index");
    writer.Uint64(run.grid_index);
    writer.Key("params");
    writer.StartObject();
    for (std::size_t p = 0; p < config.params.size(); ++p) {
      write_string(writer, config.params[p].name());
      writer.RawValue(run.values[p].data(), run.values[p].size(), rapidjson::kNumberType);
    }
    writer.EndObject();
    writer.Key("statistics");
    if (run.statistics) {
      const report::Statistics& s = *run.statistics;
      writer.StartObject();
      for (const auto& statistic : rank_statistics()) {
        write_string(writer, statistic.name);
        if (const auto value = statistic.value(s)) {
          const std::string text = number(*value);
          writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
        } else {
          writer.Null();
        }
      }
      writer.Key("net_profit_exact");
      write_string(writer, s.net_profit.to_string());
      writer.Key("end_value");
      write_string(writer, s.end_value.to_string());
      writer.Key("total_fees");
      write_string(writer, s.total_fees.to_string());
      writer.Key("trades");
      writer.Uint64(s.trades);
      writer.Key("wins");
      writer.Uint64(s.wins);
      writer.Key("losses");
      writer.Uint64(s.losses);
      writer.EndObject();
    } else {
      writer.Null();
    }
    writer.Key("orders");
    writer.Uint64(run.orders_created);
    writer.Key("tentacle_errors");
    writer.Uint64(run.tentacle_errors);
    writer.Key("error");
    run.error.empty() ? writer.Null() : write_string(writer, run.error);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string render_optimize_table(const OptimizeConfig& config, const OptimizeResult& result, std::size_t top) {
  const auto shown = shown_statistics(result);
  std::vector<std::string> header = {"rank"};
  for (const auto& spec : config.params) header.push_back(spec.name());
  for (const auto* statistic : shown) header.push_back(statistic->label);
  header.push_back("trades");
  std::vector<std::vector<std::string>> rows;
  for (const auto& run : result.runs) {
    if (rows.size() >= top) break;
    std::vector<std::string> row = {std::to_string(run.rank)};
    for (const auto& value : run.values) row.push_back(display(value));
    for (const auto* statistic : shown) {
      row.push_back(run.statistics ? shown_value(*statistic, statistic->value(*run.statistics), 2) : "failed");
    }
    row.push_back(run.statistics ? std::to_string(run.statistics->trades) : "-");
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    widths[c] = header[c].size();
    for (const auto& row : rows) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  const auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      // Parameters and figures right-aligned (numbers compare by eye), separated by two spaces.
      out += fmt::format("{:>{}}{}", cells[c], widths[c], c + 1 < cells.size() ? "  " : "\n");
    }
  };
  line(header);
  for (const auto& row : rows) line(row);
  return out;
}

std::string render_optimize_html(const OptimizeConfig& config, const OptimizeResult& result) {
  const auto shown = shown_statistics(result);
  std::string html;
  auto out = std::back_inserter(html);
  fmt::format_to(out,
                 "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                 "<title>Optimizer: {}</title>\n<style>\n"
                 "body{{font-family:system-ui,sans-serif;margin:1.5em;color:#222}}\n"
                 "table{{border-collapse:collapse;font-size:14px}}\n"
                 "th,td{{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}}\n"
                 "th{{background:#f0f0f0;cursor:pointer;user-select:none;position:sticky;top:0}}\n"
                 "th.asc::after{{content:' \\25B2'}} th.desc::after{{content:' \\25BC'}}\n"
                 "tr:nth-child(even){{background:#fafafa}} .neg{{color:#b00}} .pos{{color:#070}}\n"
                 "</style></head><body>\n",
                 escape_html(config.base.profile.name));
  std::string files;
  if (config.base.candles) {
    for (const auto& file : config.base.candles->files()) files += (files.empty() ? "" : ", ") + file.string();
  }
  fmt::format_to(out,
                 "<h1>Optimizer: {}</h1>\n<p>{} {} of {} combinations over {}, ranked by {} ({}). Click a column "
                 "title to sort.</p>\n",
                 escape_html(config.base.profile.name), result.runs.size(),
                 config.random_samples ? "random runs (seed " + std::to_string(config.seed) + ")" : std::string("runs"),
                 result.grid_size, escape_html(files), escape_html(result.rank_by->name),
                 result.rank_by->order == RankOrder::lower_is_better ? "lower is better" : "higher is better");
  html += "<table id=\"runs\"><thead><tr><th data-type=\"number\">rank</th>";
  for (const auto& spec : config.params) {
    const bool numeric = std::all_of(spec.values.begin(), spec.values.end(), [](const std::string& v) {
      return !v.empty() && v.front() != '"' && v != "true" && v != "false";
    });
    fmt::format_to(out, "<th data-type=\"{}\">{}</th>", numeric ? "number" : "text", escape_html(spec.name()));
  }
  for (const auto* statistic : shown)
    fmt::format_to(out, "<th data-type=\"number\">{}</th>", escape_html(statistic->label));
  html += "<th data-type=\"number\">trades</th><th data-type=\"text\">error</th></tr></thead>\n<tbody>\n";
  for (const auto& run : result.runs) {
    fmt::format_to(out, "<tr><td>{}</td>", run.rank);
    for (const auto& value : run.values) fmt::format_to(out, "<td>{}</td>", escape_html(display(value)));
    for (const auto* statistic : shown) {
      const auto value = run.statistics ? statistic->value(*run.statistics) : std::nullopt;
      const char* css =
          !value || statistic->name != "total_return" ? "" : (*value < 0 ? " class=\"neg\"" : " class=\"pos\"");
      fmt::format_to(out, "<td{}>{}</td>", css, value ? shown_value(*statistic, value, 4) : "");
    }
    fmt::format_to(out, "<td>{}</td><td>{}</td></tr>\n", run.statistics ? std::to_string(run.statistics->trades) : "",
                   escape_html(run.error));
  }
  html += "</tbody></table>\n";
  // Sorting: click a title; numbers compare as numbers, empty cells last.
  html +=
      "<script>\n"
      "document.querySelectorAll('#runs th').forEach(function (th, column) {\n"
      "  th.addEventListener('click', function () {\n"
      "    var body = document.querySelector('#runs tbody');\n"
      "    var ascending = !th.classList.contains('asc');\n"
      "    document.querySelectorAll('#runs th').forEach(function (h) { h.classList.remove('asc', 'desc'); });\n"
      "    th.classList.add(ascending ? 'asc' : 'desc');\n"
      "    var numeric = th.dataset.type === 'number';\n"
      "    var rows = Array.prototype.slice.call(body.rows);\n"
      "    rows.sort(function (a, b) {\n"
      "      var x = a.cells[column].textContent, y = b.cells[column].textContent;\n"
      "      if (x === '' || y === '') return (x === '') - (y === '');\n"
      "      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);\n"
      "      return ascending ? order : -order;\n"
      "    });\n"
      "    rows.forEach(function (row) { body.appendChild(row); });\n"
      "  });\n"
      "});\n"
      "</script>\n</body></html>\n";
  return html;
}

}  // namespace octobot::bot
