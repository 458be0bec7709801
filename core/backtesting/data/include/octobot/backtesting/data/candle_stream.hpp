// Reading candles back in the order a live bot sees them: by close time, then time frame (shortest
// first), then symbol, then exchange. Reading is incremental: each series keeps one chunk of candles
// in memory, refilled with a prepared statement (keyset pagination on the primary key), so memory
// depends on the chunk size and the number of series, never on the file's size.
#pragma once

#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/commons/candle_csv.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace octobot::backtesting::data {

struct StreamOptions {
  // The series to merge; empty means every series of the file. First, so that a stray `{id}` where
  // options are expected does not compile (rather than silently meaning start_ms = id).
  std::vector<std::int64_t> series_ids = {};
  // Candles whose open time is in [start_ms, end_ms).
  std::int64_t start_ms = std::numeric_limits<std::int64_t>::min();
  std::int64_t end_ms = std::numeric_limits<std::int64_t>::max();
  std::size_t chunk_size = 4096;  // candles read at once per series
};

struct StreamedCandle {
  const SeriesInfo* series = nullptr;  // points into the DataFile's series(), valid while it lives
  std::int64_t close_time_ms = 0;      // when the bot sees it
  commons::Candle candle;
};

class CandleStream {
 public:
  // The series of options.series_ids (all when empty), merged. Throws std::invalid_argument for an
  // id the file does not have.
  explicit CandleStream(const DataFile& file, StreamOptions options = {});
  ~CandleStream();
  CandleStream(const CandleStream&) = delete;
  CandleStream& operator=(const CandleStream&) = delete;

  // The next candle in close order; false at the end.
  bool next(StreamedCandle& out);

  // Candles held in memory right now, and the most ever held (for the memory bound's tests).
  [[nodiscard]] std::size_t buffered() const noexcept;
  [[nodiscard]] std::size_t max_buffered() const noexcept { return max_buffered_; }

  class Cursor;  // one series being read (defined in candle_stream.cpp)

 private:
  std::vector<std::unique_ptr<Cursor>> cursors_;
  std::vector<Cursor*> heap_;  // cursors with a current candle, min-heap on the merge order
  std::size_t max_buffered_ = 0;
};

}  // namespace octobot::backtesting::data
