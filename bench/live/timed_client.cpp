#include "timed_client.hpp"

namespace octobot::bench {

void TimedClient::start(exchanges::ExchangeEvents events, exchanges::Completion<std::vector<trading::Market>> done) {
  events.on_candle = [this, forward = std::move(events.on_candle)](const exchanges::CandleEvent& event) {
    if (event.closed && event.time_frame == time_frame_) {
      if (!event.from_rest) last_closed_candle_ns.store(now_ns(), std::memory_order_release);
      closed_candles.fetch_add(1, std::memory_order_release);
    }
    if (forward) forward(event);
  };
  inner_.start(std::move(events), std::move(done));
}

void TimedClient::create_order(trading::OrderRequest request, std::string client_order_id,
                               exchanges::Completion<exchanges::ClientOrder> done) {
  last_create_ns.store(now_ns(), std::memory_order_relaxed);
  creates.fetch_add(1, std::memory_order_release);
  inner_.create_order(std::move(request), std::move(client_order_id),
                      [this, done = std::move(done)](exchanges::Outcome<exchanges::ClientOrder> outcome) {
                        if (done) done(std::move(outcome));
                        create_answers.fetch_add(1, std::memory_order_release);
                      });
}

}  // namespace octobot::bench
