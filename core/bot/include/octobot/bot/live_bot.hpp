// The live bot (`octobot run`): the backtest's parts — exchange manager, evaluation pipeline,
// trading-mode runner, account, trading store — on asynchronous channels, fed by an exchange
// connection (exchanges::ExchangeClient) instead of a data file. Everything runs on one bot loop
// (the executor given, an io_context's thread): the connection's events and completions are posted
// there, channel callbacks run there, so the trading code stays single-threaded.
//
// Start, in order (each step a completion on the bot loop):
//   1. the connection starts; its markets (precision, minimums) become the exchange manager's, for the
//      run's symbols (the profile's pairs); the gateway is chosen (live_gateway_choice): paper trading
//      is the simulated exchange over the profile's starting portfolio (or the previous session's last
//      portfolio, `resume_from`), real trading a LiveGateway over the connection, whose journal is
//      reconciled with the exchange before anything else; the store is opened;
//   2. every (symbol, time frame) is subscribed; live candles that arrive from now on are held back;
//   3. the first candle event gives the exchange's clock (a test exchange may replay 2024 today), and
//      `history_candles` closed candles of each series before it are fetched and stored: the buffers
//      are warm, no evaluator or mode has seen them (nothing trades on history). A resumed paper
//      session restores the previous session's open orders once the history reaches its last bot time:
//      the candles that closed while no bot ran may fill them (once: those before were seen already);
//   4. the evaluators, strategies and modes are created and subscribed; each series' latest history
//      candle is sent once on the OHLCV channel (OctoBot evaluates on start: strategies then have a
//      note for every time frame, and a decision may follow on this present state); the held-back
//      live candles follow, then each closed candle as it comes (ExchangeManager::push_candle, the
//      backtest's path: fills on the simulated exchange, then evaluators, strategies, modes).
// The candle in progress is not traded on; tickers update the last price. Real trading: the
// connection's order and balance events go to the LiveGateway, and tickers and the smallest time
// frame's closes are its prices (market-order reservations, emulated stop triggers).
//
// Bot time (the clock tentacles read) is the close time of the latest closed candle, the exchange's
// time rather than this machine's, as in a backtest.
//
// Stop: the connection is stopped (no event after), the store flushed with a final portfolio
// snapshot, then the bot is destroyed. Restart is a new LiveBot (the command re-reads its files).
#pragma once

#include <octobot/channel/executor.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/commons/time_frame.hpp>
#include <octobot/exchanges/journal_durability.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles {
class TentacleHost;
}
namespace octobot::exchanges {
class ExchangeClient;
}
namespace octobot::trading {
class ExchangeManager;
}

namespace octobot::bot {

// Paper trading: the simulated exchange on live data. Real: orders go to the exchange.
enum class TradingKind : std::uint8_t { paper, real };

// The profile's choice: real when `trader.enabled`, else paper (trader-simulator).
[[nodiscard]] TradingKind trading_kind(const commons::Profile& profile) noexcept;

struct LiveBotConfig {
  commons::Profile profile;
  TradingKind kind = TradingKind::paper;
  // Symbols to trade; empty: the profile's pairs.
  std::vector<std::string> symbols;
  // Time frames; empty: the `required_time_frames` of the profile's active strategies, else 1h.
  std::vector<commons::TimeFrame> time_frames;
  // Closed candles fetched per (symbol, time frame) to warm the buffers up.
  std::uint64_t history_candles = 200;
  std::size_t candle_buffer_capacity = 3000;
  // SQLite file for orders, trades and portfolio snapshots; empty: none.
  std::filesystem::path store_file;
  // Real trading: the order journal (every order persisted before it is sent, reconciled at start);
  // empty: orders-journal.sqlite beside store_file. Keep it across runs: it is what makes restarts exact.
  std::filesystem::path journal_file;
  // Real trading: full (the default: an fsync per order, survives a power cut) or process (survives a
  // crash or kill -9 of the bot, not a power cut; no fsync on the order path). docs/live-gateway.md.
  exchanges::JournalDurability journal_durability = exchanges::JournalDurability::full;
  // Where an IP ban the exchange answers is remembered across restarts (exchanges::BanFile); empty:
  // not remembered. `octobot run` waits for a remembered ban's end before connecting.
  std::filesystem::path ban_file;
  // Real trading: while the connection is not `connected` (its pushed order events may be missing),
  // open orders are looked up at most this often (wall clock), and once when it is back. 0: never.
  std::int64_t order_poll_interval_ms = 10'000;
  // A portfolio snapshot at most this often in bot time (and one at stop), taken off the path from a
  // closed candle to its orders (SnapshotSchedule). After every order change a snapshot is also taken
  // and the store committed (a checkpoint): the state a restart resumes from; it restarts the interval.
  std::int64_t snapshot_interval_ms = 3'600'000;
  // Paper trading: the store of the previous session to continue (latest_paper_state): its last
  // portfolio snapshot replaces the profile's starting portfolio and its open orders, their groups
  // and the orders chained to them are restored on the simulated exchange. Empty: start from the
  // profile's starting portfolio.
  // Real trading: the store of the previous real session (latest_real_state): the owner (trading mode
  // and tag) of each order its journal still holds open and the orders chained to them, given back to
  // those modes once the journal is reconciled. Empty: the journal's open orders belong to no mode.
  std::filesystem::path resume_from;
};

// The newest `paper-*.sqlite` store in `folder` (names sort by their UTC start time) holding a
// portfolio snapshot, other than `except`: what a paper session continues. nullopt when none.
[[nodiscard]] std::optional<std::filesystem::path> latest_paper_state(const std::filesystem::path& folder,
                                                                      const std::filesystem::path& except = {});
// The same for `real-*.sqlite` stores: where a real session finds who owns the orders left open.
[[nodiscard]] std::optional<std::filesystem::path> latest_real_state(const std::filesystem::path& folder,
                                                                     const std::filesystem::path& except = {});

struct LiveBotStats {
  std::uint64_t history_candles = 0;  // stored for warm-up
  std::uint64_t live_candles = 0;     // closed candles pushed after the warm-up
  std::uint64_t strategy_notes = 0;   // delivered to the modes
  std::uint64_t order_updates = 0;    // order messages (one line each in the log)
  std::uint64_t orders_created = 0;
  std::uint64_t tentacle_errors = 0;
  std::uint64_t orders_restored = 0;     // paper: open orders of the previous session restored
  std::uint64_t groups_restored = 0;     // paper: its order groups restored with their shared reservation
  std::uint64_t chains_restored = 0;     // paper: its orders chained to an open parent, pending again
  std::uint64_t orders_adopted = 0;      // open orders of the previous session given back to the mode that owned them
  std::uint64_t chains_adopted = 0;      // their pending chains given back to that mode's account
  std::uint64_t closed_orders_told = 0;  // real: owned orders the reconcile found closed, their mode told
  std::uint64_t order_books = 0;         // book snapshots published on the OrderBook channel
  std::int64_t bot_time_ms = 0;
};

class LiveBot {
 public:
  // `host` (loaded), `client` and the executor's io_context must outlive the bot. Call every
  // member from the bot loop thread.
  LiveBot(tentacles::TentacleHost& host, exchanges::ExchangeClient& client, channel::Executor bot_loop,
          LiveBotConfig config);
  ~LiveBot();
  LiveBot(const LiveBot&) = delete;
  LiveBot& operator=(const LiveBot&) = delete;

  // Starts (see above). `on_live` runs once: with nullopt when the bot trades on live candles, or
  // with the reason it could not start (the bot is then stopped).
  void start(std::function<void(std::optional<std::string>)> on_live);
  // Stops the connection and flushes the store. Idempotent.
  void stop();

  [[nodiscard]] LiveBotStats stats() const;
  [[nodiscard]] const std::vector<std::string>& symbols() const noexcept;
  [[nodiscard]] const std::vector<commons::TimeFrame>& time_frames() const noexcept;
  // Read-only views for the interfaces (web API): markets, portfolio, open orders, and the channel
  // registry (Trades, Orders...). nullptr until the exchange's markets are known (start step 1).
  [[nodiscard]] const trading::ExchangeManager* exchange_manager() const noexcept;
  // Paper trading or real, as configured.
  [[nodiscard]] TradingKind kind() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace octobot::bot
