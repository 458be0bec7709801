#include "candle_input.hpp"

#include <octobot/backtesting/data/data_file.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace octobot::bot {
namespace detail {
namespace {

using backtesting::data::CandleStream;
using backtesting::data::DataFile;

// The merge order's tie-break after the close time (CandleStream's: time frame, symbol, exchange).
bool tie_break_less(const SeriesInfo& a, const SeriesInfo& b) {
  return std::tie(a.time_frame, a.symbol, a.exchange) < std::tie(b.time_frame, b.symbol, b.exchange);
}

// A source of candles already in close order, whose current candle's rank (position of its series
// in the tie-break order) the merge compares after the close time.
class RankedCursor {
 public:
  virtual ~RankedCursor() = default;
  virtual bool next(StreamedCandle& out, std::size_t& rank) = 0;
};

// Merges ranked cursors: a min-heap on (close time, rank).
class MergeCursor final : public CandleCursor {
 public:
  explicit MergeCursor(std::vector<std::unique_ptr<RankedCursor>> sources) : sources_(std::move(sources)) {
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      Head head{{}, 0, i};
      if (sources_[i]->next(head.candle, head.rank)) heap_.push_back(std::move(head));
    }
    std::make_heap(heap_.begin(), heap_.end(), comes_after);
  }

  bool next(StreamedCandle& out) override {
    if (heap_.empty()) return false;
    std::pop_heap(heap_.begin(), heap_.end(), comes_after);
    Head& head = heap_.back();
    out = head.candle;
    if (sources_[head.source]->next(head.candle, head.rank)) {
      std::push_heap(heap_.begin(), heap_.end(), comes_after);
    } else {
      heap_.pop_back();
    }
    return true;
  }

 private:
  struct Head {
    StreamedCandle candle;
    std::size_t rank;
    std::size_t source;
  };
  // std::*_heap build a max-heap: "a after b" puts the earliest candle on top.
  static bool comes_after(const Head& a, const Head& b) {
    return std::make_pair(a.candle.close_time_ms, a.rank) > std::make_pair(b.candle.close_time_ms, b.rank);
  }
  std::vector<std::unique_ptr<RankedCursor>> sources_;
  std::vector<Head> heap_;
};

// The selected series sorted in the tie-break order: rank = position.
std::vector<const SeriesInfo*> ranked_selection(const std::vector<SeriesInfo>& series,
                                                const std::vector<std::int64_t>& ids, const std::string& where) {
  std::vector<const SeriesInfo*> selected;
  for (const std::int64_t id : ids) {
    const auto found = std::find_if(series.begin(), series.end(), [&](const SeriesInfo& s) { return s.id == id; });
    if (found == series.end()) throw std::invalid_argument("no series " + std::to_string(id) + " in " + where);
    if (std::find(selected.begin(), selected.end(), &*found) == selected.end()) selected.push_back(&*found);
  }
  std::sort(selected.begin(), selected.end(),
            [](const SeriesInfo* a, const SeriesInfo* b) { return tie_break_less(*a, *b); });
  return selected;
}

std::size_t rank_of(const std::vector<const SeriesInfo*>& ranked, const SeriesInfo* series) {
  return static_cast<std::size_t>(std::find(ranked.begin(), ranked.end(), series) - ranked.begin());
}

// --- data files ------------------------------------------------------------------------------------

class FileInput final : public CandleInput {
 public:
  explicit FileInput(const std::vector<std::filesystem::path>& paths) : description_(describe_files(paths)) {
    if (paths.empty()) throw std::runtime_error("no data file given");
    std::map<std::tuple<std::string, std::string, commons::TimeFrame>, std::size_t> owner;
    for (std::size_t f = 0; f < paths.size(); ++f) {
      files_.push_back(DataFile::open(paths[f]));
      for (const SeriesInfo& info : files_.back().series()) {
        const auto key = std::make_tuple(info.exchange, info.symbol, info.time_frame);
        if (const auto [it, inserted] = owner.emplace(key, f); !inserted) {
          throw std::runtime_error("data files " + paths[it->second].string() + " and " + paths[f].string() +
                                   " both hold " + info.exchange + " " + info.symbol + " " +
                                   std::string(commons::to_string(info.time_frame)) +
                                   ": expected each (exchange, symbol, time frame) in one file only (keep one "
                                   "of them, or merge them with `octobot data import`)");
        }
        origins_.push_back({f, &info});
      }
    }
    // One file: its own ids. Several: renumbered 1..n in (exchange, symbol, time frame) order.
    std::sort(origins_.begin(), origins_.end(), [](const Origin& a, const Origin& b) {
      return std::tie(a.local->exchange, a.local->symbol, a.local->time_frame) <
             std::tie(b.local->exchange, b.local->symbol, b.local->time_frame);
    });
    for (std::size_t i = 0; i < origins_.size(); ++i) {
      series_.push_back(*origins_[i].local);
      if (files_.size() > 1) series_.back().id = static_cast<std::int64_t>(i + 1);
    }
  }

  const std::vector<SeriesInfo>& series() const override { return series_; }
  std::string describe() const override { return description_; }

  std::unique_ptr<CandleCursor> open(const std::vector<std::int64_t>& series_ids, std::int64_t start_ms,
                                     std::int64_t end_ms) const override {
    const auto ranked = ranked_selection(series_, series_ids, description_);
    std::vector<std::unique_ptr<RankedCursor>> streams;
    for (std::size_t f = 0; f < files_.size(); ++f) {
      auto stream = std::make_unique<FileStream>(ranked);
      backtesting::data::StreamOptions options;
      options.start_ms = start_ms;
      options.end_ms = end_ms;
      for (std::size_t i = 0; i < series_.size(); ++i) {
        if (origins_[i].file != f || rank_of(ranked, &series_[i]) == ranked.size()) continue;
        options.series_ids.push_back(origins_[i].local->id);
        stream->map(origins_[i].local, &series_[i]);
      }
      if (options.series_ids.empty()) continue;
      stream->start(files_[f], options);
      streams.push_back(std::move(stream));
    }
    return std::make_unique<MergeCursor>(std::move(streams));
  }

 private:
  struct Origin {
    std::size_t file;
    const SeriesInfo* local;  // in files_[file].series()
  };

  // One file's CandleStream, its candles relabelled with the input's series.
  class FileStream final : public RankedCursor {
   public:
    explicit FileStream(std::vector<const SeriesInfo*> ranked) : ranked_(std::move(ranked)) {}
    void map(const SeriesInfo* local, const SeriesInfo* global) {
      mapping_.push_back({local, global, rank_of(ranked_, global)});
    }
    void start(const DataFile& file, const backtesting::data::StreamOptions& options) {
      stream_ = std::make_unique<CandleStream>(file, options);
    }
    bool next(StreamedCandle& out, std::size_t& rank) override {
      if (!stream_->next(out)) return false;
      for (const auto& entry : mapping_) {
        if (entry.local == out.series) {
          out.series = entry.global;
          rank = entry.rank;
          return true;
        }
      }
      throw std::logic_error("a candle of an unselected series");  // CandleStream reads only ours
    }

   private:
    struct Entry {
      const SeriesInfo* local;
      const SeriesInfo* global;
      std::size_t rank;
    };
    std::vector<const SeriesInfo*> ranked_;
    std::vector<Entry> mapping_;
    std::unique_ptr<CandleStream> stream_;
  };

  std::string description_;
  std::vector<DataFile> files_;
  std::vector<Origin> origins_;  // parallel to series_
  std::vector<SeriesInfo> series_;
};

// --- loaded candles --------------------------------------------------------------------------------

class MemoryInput final : public CandleInput {
 public:
  explicit MemoryInput(std::shared_ptr<const LoadedCandles> candles)
      : candles_(std::move(candles)), description_(describe_files(candles_->files())) {
    for (const auto& loaded : candles_->series()) series_.push_back(loaded.info);
  }

  const std::vector<SeriesInfo>& series() const override { return series_; }
  std::string describe() const override { return description_; }

  std::unique_ptr<CandleCursor> open(const std::vector<std::int64_t>& series_ids, std::int64_t start_ms,
                                     std::int64_t end_ms) const override {
    const auto ranked = ranked_selection(series_, series_ids, description_);
    std::vector<std::unique_ptr<RankedCursor>> cursors;
    for (std::size_t rank = 0; rank < ranked.size(); ++rank) {
      const auto index = static_cast<std::size_t>(ranked[rank] - series_.data());
      const auto& candles = candles_->series()[index].candles;
      const auto by_open = [](const commons::Candle& c, std::int64_t t) { return c.open_time_ms < t; };
      const auto first = std::lower_bound(candles.begin(), candles.end(), start_ms, by_open);
      const auto last = std::lower_bound(first, candles.end(), end_ms, by_open);
      if (first != last)
        cursors.push_back(std::make_unique<SeriesCursor>(ranked[rank], rank, &*first, &*first + (last - first)));
    }
    return std::make_unique<MergeCursor>(std::move(cursors));
  }

 private:
  class SeriesCursor final : public RankedCursor {
   public:
    SeriesCursor(const SeriesInfo* series, std::size_t rank, const commons::Candle* first, const commons::Candle* last)
        : series_(series), rank_(rank), next_(first), end_(last) {}
    bool next(StreamedCandle& out, std::size_t& rank) override {
      if (next_ == end_) return false;
      out.series = series_;
      out.candle = *next_;
      out.close_time_ms = backtesting::data::close_time_ms(next_->open_time_ms, series_->time_frame);
      rank = rank_;
      ++next_;
      return true;
    }

   private:
    const SeriesInfo* series_;
    std::size_t rank_;
    const commons::Candle* next_;
    const commons::Candle* end_;
  };

  std::shared_ptr<const LoadedCandles> candles_;
  std::string description_;
  std::vector<SeriesInfo> series_;  // parallel to candles_->series()
};

}  // namespace

std::string describe_files(const std::vector<std::filesystem::path>& files) {
  std::string text;
  for (const auto& file : files) text += (text.empty() ? "" : " + ") + file.string();
  return text;
}

std::unique_ptr<CandleInput> open_data_files(const std::vector<std::filesystem::path>& files) {
  return std::make_unique<FileInput>(files);
}

std::unique_ptr<CandleInput> memory_input(std::shared_ptr<const LoadedCandles> candles) {
  if (!candles) throw std::invalid_argument("no loaded candles given");
  return std::make_unique<MemoryInput>(std::move(candles));
}

}  // namespace detail

// --- LoadedCandles -------------------------------------------------------------------------------------

LoadedCandles::LoadedCandles(std::vector<std::filesystem::path> files, std::vector<LoadedSeries> series,
                             std::optional<std::int64_t> start_ms, std::optional<std::int64_t> end_ms)
    : files_(std::move(files)), series_(std::move(series)), start_ms_(start_ms), end_ms_(end_ms) {}

std::uint64_t LoadedCandles::candle_count() const noexcept {
  std::uint64_t count = 0;
  for (const auto& loaded : series_) count += loaded.candles.size();
  return count;
}

std::shared_ptr<const LoadedCandles> load_candles(const std::vector<std::filesystem::path>& files,
                                                  std::optional<std::int64_t> start_ms,
                                                  std::optional<std::int64_t> end_ms) {
  const auto input = detail::open_data_files(files);
  std::vector<LoadedSeries> series;
  for (const auto& info : input->series()) {
    LoadedSeries loaded{info, {}};
    loaded.candles.reserve(static_cast<std::size_t>(std::max<std::int64_t>(info.candle_count, 0)));
    const auto cursor = input->open({info.id}, start_ms.value_or(std::numeric_limits<std::int64_t>::min()),
                                    end_ms.value_or(std::numeric_limits<std::int64_t>::max()));
    detail::StreamedCandle streamed;
    while (cursor->next(streamed)) loaded.candles.push_back(streamed.candle);
    loaded.candles.shrink_to_fit();
    series.push_back(std::move(loaded));
  }
  return std::make_shared<const LoadedCandles>(files, std::move(series), start_ms, end_ms);
}

}  // namespace octobot::bot
