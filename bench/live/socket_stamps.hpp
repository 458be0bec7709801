// The in-process interval of issue 8's latency figure: "WebSocket frame received -> order request
// bytes written", measured where the process meets the kernel, not at the fake exchange.
//
// bench_live defines recv/recvmsg/send/sendmsg (socket_stamps.cpp) and is linked with its symbols
// exported, so every library of the process, including the dlopen'ed connector tentacle and libcurl,
// calls them; each forwards to libc's own and notes, on a steady clock:
//   - frame_received_ns: the latest receive call that returned bytes of a CLOSED kline ("x":true: only
//     a closed kline carries it; the fake only ever writes those bytes, a client reads them);
//   - order_written_ns: the latest send call whose bytes start with "POST /api/v3/order" (the
//     create-order request line, written whole by libcurl or the reference client), stamped as the
//     call is made: the moment the process hands the bytes over. Stamping its return instead counts
//     the kernel's loopback delivery and, worse, any time the sending thread waits for a core right
//     after the send woke the fake's thread (same process, 2 cores): not the client's latency.
// Their difference per sample is the time the closed candle spent inside the client: parse, hand-offs,
// the decision, the journal, signing, the HTTP client, up to the request's bytes handed to the kernel.
// It excludes both loopback crossings and the fake's own work, which the bench's wire figure holds.
//
// Only the bench binary has these definitions; the product never interposes libc.
#pragma once

#include <atomic>
#include <cstdint>

namespace octobot::bench {

struct SocketStamps {
  std::atomic<std::int64_t> frame_received_ns{0};
  std::atomic<std::uint64_t> frames_received{0};
  std::atomic<std::int64_t> order_written_ns{0};
  std::atomic<std::uint64_t> orders_written{0};
  // Set once by socket_stamps.cpp when the interposed functions are the ones the process calls.
  std::atomic<bool> interposed{false};
  // The instruction census (census_requested()): the windows closed so far by an order's bytes written
  // (the bot loop's and the reference client's), and those closed by a stream thread's hand-off or
  // next read.
  std::atomic<std::uint64_t> census_windows{0};
  std::atomic<std::uint64_t> census_read_windows{0};
};

// The process's stamps (written by the interposed functions on whatever thread calls them).
SocketStamps& socket_stamps() noexcept;

// BENCH_LIVE_CENSUS=1, for a run under `valgrind --tool=callgrind --collect-atstart=no` (path_census.sh).
// Callgrind's collection switch belongs to each thread, so each thread on the path counts its own part
// of a candle, from the moment the candle reaches it:
//   - the thread that reads a closed kline's bytes: from that read until it hands the candle on (the
//     connector's first event posted to the bot loop, CensusExecutor) or writes an order (the
//     reference client, which does everything itself); at the latest, until its next read begins;
//   - the bot loop: from the closed candle reaching it (TimedClient calls census_begin) until the
//     order's bytes are written. Market events the connector posted meanwhile (the book, the ticker,
//     the next candle's first update, handled between two steps of the candle's path when they come
//     in time) are not counted: CensusExecutor runs them with the switch off.
// Each thread's instructions over its windows, divided by the windows, is what one candle costs it:
// repeatable, where the times of this machine are not. Outside valgrind the switches do nothing.
[[nodiscard]] bool census_requested() noexcept;
// Whether this binary was built with valgrind's callgrind.h (the census needs it).
[[nodiscard]] bool census_available() noexcept;
// Starts the calling thread's window (nothing when it has one open or the census is off).
void census_begin() noexcept;
// Ends the calling thread's window, if it has one open, as a hand-off (counted in census_read_windows).
void census_end_handoff() noexcept;
// Switches the calling thread's collection off while its window is open; returns whether it did, for
// census_resume.
[[nodiscard]] bool census_pause() noexcept;
void census_resume() noexcept;

}  // namespace octobot::bench
