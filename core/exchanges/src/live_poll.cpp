// LiveGateway::poll_open_orders: the REST fallback for what the exchange pushes. While the
// connection's event stream is down (and once when it comes back: a reconnected stream does not
// replay what it missed), the daemon asks the exchange about each order it has there, by name, and
// settles it the way the pushed events would have: fills fetched and applied once by trade id,
// cancels and expiries closed. Nothing is sent but lookups.
#include <octobot/commons/logging.hpp>
#include <octobot/exchange.h>
#include <octobot/exchanges/live_gateway.hpp>

#include <fmt/format.h>

namespace octobot::exchanges {

std::size_t LiveGateway::poll_open_orders() {
  std::vector<std::pair<std::string, std::string>> asked;  // (symbol, id): open_ids_ may change meanwhile
  for (const std::string& id : open_ids_) {
    const Tracked& tracked = orders_.find(id)->second;
    // Only what the exchange acknowledged: a create in flight is settled by its answer, a held
    // trigger is not on the exchange at all.
    if (trading::is_final(tracked.order.state) || tracked.journal_state != JournalState::acknowledged) continue;
    asked.emplace_back(tracked.order.symbol, id);
  }
  for (const auto& [symbol, id] : asked) {
    client_.fetch_order(symbol, id, guarded<ClientOrder>([id = id](LiveGateway& self, Outcome<ClientOrder> outcome) {
                          Tracked* tracked = self.find(id);
                          if (tracked == nullptr) return;
                          if (const auto* remote = std::get_if<ClientOrder>(&outcome)) {
                            self.apply_exchange_state(*tracked, *remote);
                            return;
                          }
                          commons::log(commons::LogLevel::warning, "live",
                                       fmt::format("order {}: polling the exchange failed: {}", id,
                                                   std::get<ClientError>(outcome).message));
                        }));
  }
  return asked.size();
}

}  // namespace octobot::exchanges
