#include <octobot/backtesting/data/candle_stream.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "sqlite.hpp"

namespace octobot::backtesting::data {

// One series being read: a chunk of candles and the prepared statement that fetches the next one.
class CandleStream::Cursor {
 public:
  Cursor(const detail::Database& db, const SeriesInfo& series, std::size_t rank, const StreamOptions& options)
      : series_(&series),
        rank_(rank),
        end_ms_(options.end_ms),
        chunk_size_(std::max<std::size_t>(options.chunk_size, 1)),
        next_from_ms_(options.start_ms),
        statement_(db,
                   "SELECT open_time_ms, open, high, low, close, volume FROM candles "
                   "WHERE series_id = ?1 AND open_time_ms >= ?2 AND open_time_ms < ?3 "
                   "ORDER BY open_time_ms LIMIT ?4") {
    chunk_.reserve(chunk_size_);
  }

  // Reads the next chunk; false when the series has no more candles in the window.
  bool refill() {
    chunk_.clear();
    position_ = 0;
    if (exhausted_) return false;
    statement_.reset();
    statement_.bind(1, series_->id)
        .bind(2, next_from_ms_)
        .bind(3, end_ms_)
        .bind(4, static_cast<std::int64_t>(chunk_size_));
    while (statement_.step()) {
      commons::Candle& candle = chunk_.emplace_back();
      candle.open_time_ms = statement_.integer(0);
      candle.open = statement_.real(1);
      candle.high = statement_.real(2);
      candle.low = statement_.real(3);
      candle.close = statement_.real(4);
      candle.volume = statement_.real(5);
    }
    statement_.reset();  // releases the read cursor between chunks
    if (chunk_.size() < chunk_size_) exhausted_ = true;
    if (chunk_.empty()) return false;
    next_from_ms_ = chunk_.back().open_time_ms + 1;
    update_close_time();
    return true;
  }

  // Moves to the next candle; false when the chunk is used up (call refill()).
  bool advance() {
    if (++position_ >= chunk_.size()) return false;
    update_close_time();
    return true;
  }

  [[nodiscard]] const commons::Candle& current() const noexcept { return chunk_[position_]; }
  [[nodiscard]] std::int64_t close_time() const noexcept { return close_time_; }
  [[nodiscard]] std::size_t rank() const noexcept { return rank_; }
  [[nodiscard]] const SeriesInfo* series() const noexcept { return series_; }
  [[nodiscard]] std::size_t buffered() const noexcept { return chunk_.size() - position_; }
  [[nodiscard]] std::size_t chunk_capacity() const noexcept { return chunk_.size(); }

 private:
  void update_close_time() noexcept {
    close_time_ = close_time_ms(chunk_[position_].open_time_ms, series_->time_frame);
  }

  const SeriesInfo* series_;
  std::size_t rank_;  // position in the tie-break order (time frame, symbol, exchange)
  std::int64_t end_ms_;
  std::size_t chunk_size_;
  std::int64_t next_from_ms_;
  detail::Statement statement_;
  std::vector<commons::Candle> chunk_;
  std::size_t position_ = 0;
  std::int64_t close_time_ = 0;
  bool exhausted_ = false;
};

namespace {

// std::*_heap build a max-heap: "a after b" puts the earliest candle on top.
bool comes_after(const CandleStream::Cursor* a, const CandleStream::Cursor* b) {
  return std::make_pair(a->close_time(), a->rank()) > std::make_pair(b->close_time(), b->rank());
}

}  // namespace

CandleStream::CandleStream(const DataFile& file, StreamOptions options) {
  std::vector<std::int64_t> series_ids = options.series_ids;
  if (series_ids.empty()) {
    for (const SeriesInfo& info : file.series()) series_ids.push_back(info.id);
  }
  std::vector<const SeriesInfo*> selected;
  for (const std::int64_t id : series_ids) {
    const auto found =
        std::find_if(file.series().begin(), file.series().end(), [&](const SeriesInfo& s) { return s.id == id; });
    if (found == file.series().end()) {
      throw std::invalid_argument(fmt::format("no series {} in {}", id, file.path().string()));
    }
    if (std::find(selected.begin(), selected.end(), &*found) == selected.end()) selected.push_back(&*found);
  }
  // Ties on close time go to the shorter time frame first (a live bot's 1h candle of 23:00 closes with
  // the day, and strategies expect the shorter one first), then by symbol and exchange: deterministic.
  std::sort(selected.begin(), selected.end(), [](const SeriesInfo* a, const SeriesInfo* b) {
    return std::tie(a->time_frame, a->symbol, a->exchange, a->id) <
           std::tie(b->time_frame, b->symbol, b->exchange, b->id);
  });
  for (std::size_t rank = 0; rank < selected.size(); ++rank) {
    cursors_.push_back(std::make_unique<Cursor>(file.database(), *selected[rank], rank, options));
    if (cursors_.back()->refill()) heap_.push_back(cursors_.back().get());
  }
  std::make_heap(heap_.begin(), heap_.end(), comes_after);
  max_buffered_ = buffered();
}

CandleStream::~CandleStream() = default;

bool CandleStream::next(StreamedCandle& out) {
  if (heap_.empty()) return false;
  Cursor* top = heap_.front();
  out.series = top->series();
  out.close_time_ms = top->close_time();
  out.candle = top->current();
  if (top->advance()) {
    if (heap_.size() > 1) {
      std::pop_heap(heap_.begin(), heap_.end(), comes_after);
      std::push_heap(heap_.begin(), heap_.end(), comes_after);
    }
    return true;
  }
  std::pop_heap(heap_.begin(), heap_.end(), comes_after);
  heap_.pop_back();
  if (top->refill()) {
    heap_.push_back(top);
    std::push_heap(heap_.begin(), heap_.end(), comes_after);
    max_buffered_ = std::max(max_buffered_, buffered());
  }
  return true;
}

std::size_t CandleStream::buffered() const noexcept {
  std::size_t total = 0;
  for (const auto& cursor : cursors_) total += cursor->chunk_capacity();
  return total;
}

}  // namespace octobot::backtesting::data
