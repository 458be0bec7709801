// Where the live bot's orders go: the seam between paper and real trading. Paper trading installs the
// simulated exchange over the profile's starting portfolio (the connector then only brings market
// data). Real trading installs a LiveGateway (core/exchanges, docs/live-gateway.md) over the exchange
// connection: orders are journaled, then sent; the bot routes the connection's order, balance and
// price events to it and reconciles the journal before the modes start.
#pragma once

#include <octobot/bot/live_bot.hpp>
#include <octobot/trading/exchange_manager.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace octobot::exchanges {
class LiveGateway;
}

namespace octobot::bot::detail {

struct GatewaySetup {
  TradingKind kind = TradingKind::paper;
  const commons::Profile* profile = nullptr;
  commons::TimeFrame fill_time_frame = commons::TimeFrame::one_hour;  // paper: fills on these candles
  std::filesystem::path journal_file;                                 // real: the order journal
  exchanges::JournalDurability journal_durability = exchanges::JournalDurability::full;  // real
  // Paper: the totals to deposit instead of the profile's starting portfolio (a resumed session).
  const std::map<std::string, commons::Decimal, std::less<>>* paper_totals = nullptr;
};

// Installs the gateway on `exchange` (its markets already known). Returns the LiveGateway when real
// (owned by `exchange`), nullptr for paper. Throws std::runtime_error when it cannot.
exchanges::LiveGateway* install_gateway(trading::ExchangeManager& exchange, exchanges::ExchangeClient& client,
                                        const GatewaySetup& setup);

}  // namespace octobot::bot::detail
