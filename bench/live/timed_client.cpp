#include "timed_client.hpp"

#include <sys/resource.h>

#include <tuple>
#include <utility>

#include "socket_stamps.hpp"

namespace octobot::bench {

namespace {

// The calling thread's context switches (voluntary + involuntary) and page faults (minor + major).
std::pair<std::int64_t, std::int64_t> thread_usage() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return {usage.ru_nvcsw + usage.ru_nivcsw, usage.ru_minflt + usage.ru_majflt};
}

}  // namespace

void TimedClient::start(exchanges::ExchangeEvents events, exchanges::Completion<std::vector<trading::Market>> done) {
  events.on_candle = [this, forward = std::move(events.on_candle)](const exchanges::CandleEvent& event) {
    if (event.closed && event.time_frame == time_frame_) {
      if (!event.from_rest) {
        if (count_thread_usage_) std::tie(switches_at_candle_, faults_at_candle_) = thread_usage();
        last_closed_candle_ns.store(now_ns(), std::memory_order_release);
        census_begin();  // the bot loop's part of the instruction census (socket_stamps.hpp)
      }
      closed_candles.fetch_add(1, std::memory_order_release);
    }
    if (forward) forward(event);
  };
  inner_.start(std::move(events), std::move(done));
}

void TimedClient::create_order(trading::OrderRequest request, std::string client_order_id,
                               exchanges::Completion<exchanges::ClientOrder> done) {
  last_create_ns.store(now_ns(), std::memory_order_relaxed);
  if (count_thread_usage_) {
    const auto [switches, faults] = thread_usage();
    last_path_switches.store(switches - switches_at_candle_, std::memory_order_relaxed);
    last_path_faults.store(faults - faults_at_candle_, std::memory_order_relaxed);
  }
  creates.fetch_add(1, std::memory_order_release);
  inner_.create_order(std::move(request), std::move(client_order_id),
                      [this, done = std::move(done)](exchanges::Outcome<exchanges::ClientOrder> outcome) {
                        if (done) done(std::move(outcome));
                        create_answers.fetch_add(1, std::memory_order_release);
                      });
}

}  // namespace octobot::bench
