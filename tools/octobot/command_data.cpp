// `octobot data import|list|info`: backtesting data files. Import converts candle CSV files and
// OctoBot's .data files into the native format (docs/data-files.md); list finds data files in the
// user's folder and the bundled set; info describes one file (series, spans, counts, gaps).
#include <octobot/backtesting/data/csv_importer.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/backtesting/data/format.hpp>
#include <octobot/backtesting/data/octobot_data_importer.hpp>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app_paths.hpp"
#include "commands.hpp"
#include "date_option.hpp"

namespace octobot::app {
namespace {

namespace fs = std::filesystem;
namespace bd = backtesting::data;

constexpr int kUsageError = 2;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ImportOptions {
  std::vector<std::string> files;
  std::string output;
  std::string exchange;
  std::string symbol;
  std::string time_frame;
  bool json = false;
};

struct ListOptions {
  std::string directory;
  bool json = false;
};

struct InfoOptions {
  std::string file;
  bool json = false;
};

// A tiny façade over RapidJSON's writer so the commands read as what they print.
class Json {
 public:
  Json() : writer_(buffer_) { writer_.SetIndent(' ', 2); }
  Json& key(const char* name) {
    writer_.Key(name);
    return *this;
  }
  Json& value(const std::string& text) {
    writer_.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return *this;
  }
  Json& value(std::int64_t number) {
    writer_.Int64(number);
    return *this;
  }
  Json& field(const char* name, const std::string& text) { return key(name).value(text); }
  Json& field(const char* name, std::int64_t number) { return key(name).value(number); }
  Json& begin_object() {
    writer_.StartObject();
    return *this;
  }
  Json& end_object() {
    writer_.EndObject();
    return *this;
  }
  Json& begin_array() {
    writer_.StartArray();
    return *this;
  }
  Json& end_array() {
    writer_.EndArray();
    return *this;
  }
  [[nodiscard]] std::string text() const { return std::string(buffer_.GetString()) + "\n"; }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer_;
};

bool starts_with_sqlite_magic(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[16] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == sizeof magic &&
         std::string_view(magic, sizeof magic) == std::string_view("SQLite format 3\0", 16);
}

// ---- import ----

std::vector<bd::ImportReport> import_one(const fs::path& file, const bd::CsvImportOptions& csv_options,
                                         bd::DataFileWriter& writer) {
  if (!fs::is_regular_file(file)) throw bd::DataFileError(file.string(), "a readable file", "no such file");
  if (starts_with_sqlite_magic(file)) {
    if (bd::is_native_data_file(file)) {
      throw bd::DataFileError(file.string(), "a CSV file or an OctoBot .data file to import",
                              "a file already in the native format (use it as it is)");
    }
    return bd::import_octobot_data(file, writer);
  }
  if (file.extension() == bd::kOctoBotFileExtension) {
    throw bd::DataFileError(file.string(), "an OctoBot data file (SQLite, written by OctoBot 0.4 and later)",
                            "a file that is not SQLite (OctoBot 0.3's gzip JSON files are not supported)");
  }
  return {bd::import_csv(file, csv_options, writer)};
}

int run_import(const ImportOptions& options, const GlobalOptions& global) {
  bd::CsvImportOptions csv_options{options.exchange, options.symbol, std::nullopt};
  if (!options.time_frame.empty()) {
    csv_options.time_frame = commons::parse_time_frame(options.time_frame);
    if (!csv_options.time_frame) {
      throw UsageError("--time-frame: expected one of 1m 3m 5m 15m 30m 1h 2h 3h 4h 6h 8h 12h 1d 3d 1w 1M, found \"" +
                       options.time_frame + "\"");
    }
  }
  const AppPaths paths = resolve_app_paths(global.tentacles_dir, global.user_dir);
  const fs::path output = !options.output.empty()
                              ? fs::path(options.output)
                              : paths.user_dir / "backtesting" / "data" /
                                    (fs::path(options.files.front()).stem().string() + std::string(bd::kFileExtension));
  const bool existed = fs::exists(output);

  std::vector<bd::ImportReport> reports;
  try {
    std::string sources;
    for (const auto& file : options.files)
      sources += (sources.empty() ? "" : ", ") + fs::path(file).filename().string();
    bd::DataFileWriter writer(output, "imported from " + sources);
    for (const auto& file : options.files) {
      auto found = import_one(file, csv_options, writer);
      reports.insert(reports.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }
    writer.commit();
  } catch (...) {
    std::error_code ignored;
    if (!existed) fs::remove(output, ignored);  // no half-made file left behind
    throw;
  }

  const bd::DataFile written = bd::DataFile::open(output);
  for (auto& report : reports) {
    const bd::GapReport gaps = written.gaps(report.series_id, 0);
    report.gap_count = gaps.gap_count;
    report.missing_candles = gaps.missing_candles;
  }

  if (options.json) {
    Json json;
    json.begin_object().field("output", output.string()).key("series").begin_array();
    for (const auto& r : reports) {
      json.begin_object()
          .field("source", r.source_file)
          .field("source_format", r.source_format)
          .field("exchange", r.key.exchange)
          .field("symbol", r.key.symbol)
          .field("time_frame", std::string(commons::to_string(r.key.time_frame)))
          .field("key_origin", r.key_origin)
          .field("rows", r.rows)
          .field("first_open_time", format_utc(r.first_open_time_ms))
          .field("last_open_time", format_utc(r.last_open_time_ms))
          .field("duplicate_times", r.duplicate_times)
          .field("swapped_volume_rows", r.swapped_volume_rows)
          .field("inserted", r.inserted)
          .field("gaps", r.gap_count)
          .field("missing_candles", r.missing_candles)
          .end_object();
    }
    json.end_array().end_object();
    std::cout << json.text();
  } else {
    for (const auto& r : reports) {
      std::cout << fmt::format(
          "{} ({}): {} {} {}\n  {} rows, {} .. {}, {} duplicate times, {} swapped-volume rows fixed\n"
          "  {} new candles; series has {} gaps ({} missing candles)\n  {}\n",
          r.source_file, r.source_format, r.key.exchange, r.key.symbol, commons::to_string(r.key.time_frame), r.rows,
          format_utc(r.first_open_time_ms), format_utc(r.last_open_time_ms), r.duplicate_times, r.swapped_volume_rows,
          r.inserted, r.gap_count, r.missing_candles, r.key_origin);
    }
    std::cout << "wrote " << output.string() << "\n";
  }
  return 0;
}

// ---- list ----

void series_json(Json& json, const bd::SeriesInfo& series) {
  json.begin_object()
      .field("exchange", series.exchange)
      .field("symbol", series.symbol)
      .field("time_frame", std::string(commons::to_string(series.time_frame)))
      .field("candles", series.candle_count)
      .field("first_open_time", format_utc(series.first_open_time_ms))
      .field("last_open_time", format_utc(series.last_open_time_ms))
      .end_object();
}

int run_list(const ListOptions& options, const GlobalOptions& global) {
  std::vector<fs::path> directories;
  if (!options.directory.empty()) {
    if (!fs::is_directory(options.directory)) {
      throw UsageError("DIR: expected a directory, found \"" + options.directory + "\" (no such directory)");
    }
    directories.emplace_back(options.directory);
  } else {
    const AppPaths paths = resolve_app_paths(global.tentacles_dir, global.user_dir);
    directories = {paths.user_dir / "backtesting" / "data", paths.share_dir / "data"};
  }

  Json json;
  json.begin_object().key("directories").begin_array();
  for (const auto& directory : directories) json.value(directory.string());
  json.end_array().key("files").begin_array();
  std::string text;
  for (const auto& directory : directories) {
    text += directory.string() + ":\n";
    std::vector<fs::path> files;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(directory, error)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::size_t shown = 0;
    for (const auto& file : files) {
      if (!starts_with_sqlite_magic(file)) continue;
      try {
        const bd::DataFile data = bd::DataFile::open(file);
        json.begin_object()
            .field("path", file.string())
            .field("format", "native")
            .field("version", data.meta().version);
        json.key("series").begin_array();
        for (const auto& series : data.series()) series_json(json, series);
        json.end_array().end_object();
        text += fmt::format("  {}  native v{}, {} series\n", file.filename().string(), data.meta().version,
                            data.series().size());
        for (const auto& s : data.series()) {
          text += fmt::format("    {} {} {}: {} candles, {} .. {}\n", s.exchange, s.symbol,
                              commons::to_string(s.time_frame), s.candle_count, format_utc(s.first_open_time_ms),
                              format_utc(s.last_open_time_ms));
        }
        ++shown;
        continue;
      } catch (const bd::DataFileError&) {
      }
      if (bd::is_octobot_data_file(file)) {
        try {
          const auto d = bd::read_octobot_description(file);
          json.begin_object().field("path", file.string()).field("format", "octobot").field("version", d.version);
          json.field("exchange", d.exchange).key("symbols").begin_array();
          for (const auto& s : d.symbols) json.value(s);
          json.end_array().key("time_frames").begin_array();
          for (const auto& tf : d.time_frames) json.value(tf);
          json.end_array().end_object();
          text += fmt::format("  {}  OctoBot data {} ({}: {}; {}), import it with `octobot data import`\n",
                              file.filename().string(), d.version, d.exchange, fmt::join(d.symbols, ", "),
                              fmt::join(d.time_frames, ", "));
          ++shown;
        } catch (const bd::DataFileError& e) {
          text += fmt::format("  {}  unreadable OctoBot data file: {}\n", file.filename().string(), e.what());
        }
      }
    }
    if (shown == 0) text += "  (no data file)\n";
  }
  json.end_array().end_object();
  std::cout << (options.json ? json.text() : text);
  return 0;
}

// ---- info ----

int run_info(const InfoOptions& options) {
  const fs::path file(options.file);
  if (fs::is_regular_file(file) && starts_with_sqlite_magic(file) && !bd::is_native_data_file(file) &&
      bd::is_octobot_data_file(file)) {
    throw bd::DataFileError(file.string(), "a native data file",
                            "an OctoBot .data file: run `octobot data import " + file.string() + "` first");
  }
  const bd::DataFile data = bd::DataFile::open(file);
  if (options.json) {
    Json json;
    json.begin_object()
        .field("path", file.string())
        .field("format", data.meta().format)
        .field("version", data.meta().version)
        .field("created_at", data.meta().created_at)
        .field("source", data.meta().source)
        .key("series")
        .begin_array();
    for (const auto& s : data.series()) {
      const bd::GapReport gaps = data.gaps(s.id, 10);
      json.begin_object()
          .field("exchange", s.exchange)
          .field("symbol", s.symbol)
          .field("base", s.base)
          .field("quote", s.quote)
          .field("time_frame", std::string(commons::to_string(s.time_frame)))
          .field("candles", s.candle_count)
          .field("first_open_time", format_utc(s.first_open_time_ms))
          .field("last_open_time", format_utc(s.last_open_time_ms))
          .field("gaps", gaps.gap_count)
          .field("missing_candles", gaps.missing_candles)
          .key("first_gaps")
          .begin_array();
      for (const auto& gap : gaps.first_gaps) {
        json.begin_object()
            .field("from", format_utc(gap.from_ms))
            .field("to", format_utc(gap.to_ms))
            .field("missing", gap.missing)
            .end_object();
      }
      json.end_array().end_object();
    }
    json.end_array().end_object();
    std::cout << json.text();
    return 0;
  }
  std::cout << fmt::format("{}\n  format {} v{}, created {}\n  source: {}\n", file.string(), data.meta().format,
                           data.meta().version, data.meta().created_at, data.meta().source);
  for (const auto& s : data.series()) {
    const bd::GapReport gaps = data.gaps(s.id, 5);
    std::cout << fmt::format("  {} {} {}: {} candles, {} .. {}, {} gaps ({} missing candles)\n", s.exchange, s.symbol,
                             commons::to_string(s.time_frame), s.candle_count, format_utc(s.first_open_time_ms),
                             format_utc(s.last_open_time_ms), gaps.gap_count, gaps.missing_candles);
    for (const auto& gap : gaps.first_gaps) {
      std::cout << fmt::format("    missing {} .. {} ({} candles)\n", format_utc(gap.from_ms), format_utc(gap.to_ms),
                               gap.missing);
    }
  }
  return 0;
}

template <typename Run>
void run_reporting_errors(const char* name, int& exit_status, Run run) {
  try {
    exit_status = run();
  } catch (const UsageError& e) {
    std::cerr << "octobot data " << name << ": " << e.what() << "\n";
    exit_status = kUsageError;
  } catch (const std::exception& e) {
    std::cerr << "octobot data " << name << ": " << e.what() << "\n";
    exit_status = 1;
  }
}

}  // namespace

void register_data_command(CLI::App& app, const GlobalOptions& global, int& exit_status) {
  CLI::App* data = app.add_subcommand("data", "Backtesting data files: import candles, list and describe data files.");
  data->require_subcommand(1);

  auto import_options = std::make_shared<ImportOptions>();
  CLI::App* import = data->add_subcommand(
      "import",
      "Convert candle CSV files and OctoBot .data files into one native data file (docs/data-files.md). Each "
      "CSV file is one series; its exchange, symbol and time frame come from the options or from the file.");
  import->add_option("FILE", import_options->files, "CSV or OctoBot .data files")->required()->type_name("FILE");
  import
      ->add_option("--output", import_options->output,
                   "Data file to write or extend (default: <user-dir>/backtesting/data/<first FILE>.sqlite)")
      ->type_name("FILE");
  import
      ->add_option("--exchange", import_options->exchange,
                   "Exchange of CSV candles (default: from a CryptoDataDownload file name)")
      ->type_name("NAME");
  import->add_option("--symbol", import_options->symbol, "BASE/QUOTE of CSV candles (default: the symbol column)")
      ->type_name("SYMBOL");
  import
      ->add_option("--time-frame", import_options->time_frame,
                   "Time frame of CSV candles, 1m..1M (default: from the candles' interval)")
      ->type_name("TF");
  import->add_flag("--json", import_options->json, "Print the import report as JSON (for scripts)");
  import->callback([&exit_status, &global, import_options] {
    run_reporting_errors("import", exit_status, [&] { return run_import(*import_options, global);
});
}  // namespace octobot::app
);

auto list_options = std::make_shared<ListOptions>();
CLI::App* list = data->add_subcommand(
    "list", "List the data files in DIR, or in <user-dir>/backtesting/data and the bundled data folder.");
list->add_option("DIR", list_options->directory, "Folder to list")->type_name("DIR");
list->add_flag("--json", list_options->json, "Print the list as JSON (for scripts)");
list->callback([&exit_status, &global, list_options] {
  run_reporting_errors("list", exit_status, [&] { return run_list(*list_options, global); });
});

auto info_options = std::make_shared<InfoOptions>();
CLI::App* info =
    data->add_subcommand("info", "Describe a data file: its series, time frames, spans, candle counts and gaps.");
info->add_option("FILE", info_options->file, "Native data file")->required()->type_name("FILE");
info->add_flag("--json", info_options->json, "Print the description as JSON (for scripts)");
info->callback([&exit_status, info_options] {
  run_reporting_errors("info", exit_status, [&] { return run_info(*info_options); });
});
}

}  // namespace octobot::app
