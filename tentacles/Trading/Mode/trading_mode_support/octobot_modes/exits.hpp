// An entry's exits (a take-profit, a stop, or both as one-cancels-the-other), placed the way the
// bundled modes share: chained to an entry still open, so the exchange side creates them when it
// fills; created at once after an entry that filled already (a market order).
#pragma once

#include <octobot/sdk/trading.hpp>

#include <string>
#include <vector>

#include "order_outcome.hpp"

namespace octobot::modes {

inline void place_exits(const sdk::TradingMode& mode, OutcomeReporter& reporter, const sdk::OrderView& entry,
                        const std::vector<sdk::OrderRequest>& exits) {
  if (exits.empty()) return;
  const auto group = exits.size() > 1 ? sdk::OrderGroup::one_cancels_the_other : sdk::OrderGroup::none;
  if (entry.is_open()) {
    mode.orders().chain(entry.id, group, exits);
    if (!mode.host().log_enabled(sdk::LogLevel::info)) return;
    mode.log(sdk::LogLevel::info, "exits chained to entry " + entry.id + ": " + describe(exits.front()) +
                                      (exits.size() > 1 ? ", " + describe(exits.back()) : ""));
    return;
  }
  if (exits.size() > 1) {
    const auto views = mode.orders().create_group(group, exits);
    for (std::size_t i = 0; i < views.size(); ++i) (void)reporter.report(mode, exits[i], views[i]);
  } else {
    (void)reporter.create(mode, exits.front());
  }
}

}  // namespace octobot::modes
