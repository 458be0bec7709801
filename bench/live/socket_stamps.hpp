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
};

// The process's stamps (written by the interposed functions on whatever thread calls them).
SocketStamps& socket_stamps() noexcept;

}  // namespace octobot::bench
