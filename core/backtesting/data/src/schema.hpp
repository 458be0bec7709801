// The native format's schema (docs/data-files.md is its description for people).
#pragma once

namespace octobot::backtesting::data::detail {

// `meta` is key/value so that later versions add keys without a migration.
inline constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS series (
  id                 INTEGER PRIMARY KEY,
  exchange           TEXT NOT NULL,
  symbol             TEXT NOT NULL,
  base               TEXT NOT NULL,
  quote              TEXT NOT NULL,
  time_frame         TEXT NOT NULL,
  first_open_time_ms INTEGER,
  last_open_time_ms  INTEGER,
  candle_count       INTEGER NOT NULL DEFAULT 0,
  UNIQUE (exchange, symbol, time_frame)
);
CREATE TABLE IF NOT EXISTS candles (
  series_id    INTEGER NOT NULL REFERENCES series (id),
  open_time_ms INTEGER NOT NULL,
  open         REAL NOT NULL,
  high         REAL NOT NULL,
  low          REAL NOT NULL,
  close        REAL NOT NULL,
  volume       REAL NOT NULL,
  PRIMARY KEY (series_id, open_time_ms)
) WITHOUT ROWID;
)sql";

}  // namespace octobot::backtesting::data::detail
