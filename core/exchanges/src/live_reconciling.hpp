// LiveGateway's reconcile state, complete in every source of the gateway (it is held by unique_ptr).
#pragma once

#include <octobot/exchanges/live_gateway.hpp>

namespace octobot::exchanges {

// What the lookups brought back, gathered until the last one completes.
struct LiveGateway::Reconciling {
  std::function<void(const ReconcileReport&)> done;
  ReconcileReport report;
  std::size_t pending = 0;
  std::vector<JournalEntry> entries;
  std::map<std::string, Outcome<ClientOrder>> remote;    // by client order id
  std::map<std::string, std::vector<ClientFill>> fills;  // by symbol
  std::vector<ClientOrder> open_on_exchange;
  std::optional<std::vector<AssetBalance>> balances;
};

}  // namespace octobot::exchanges
