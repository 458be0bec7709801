// What LiveGateway's tests share: a market, a journal file in a fresh directory, channels whose
// messages are kept, and an exchange double with an account.
#pragma once

#include <octobot/channel/channel.hpp>
#include <octobot/channel/delivery_mode.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/exchanges/live_gateway.hpp>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "live_exchange_double.hpp"

namespace octobot::exchanges::testing {

inline Decimal d(const char* text) { return Decimal::from_string(text); }

inline trading::Market btc_usdt() {
  trading::Market market;
  market.symbol = "BTC/USDT";
  market.base = "BTC";
  market.quote = "USDT";
  market.price_decimals = 2;
  market.amount_decimals = 5;
  market.min_amount = d("0.0001");
  market.min_cost = d("10");
  market.maker_fee = d("0.001");
  market.taker_fee = d("0.001");
  return market;
}

// A directory removed with the fixture.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device device;
    path = std::filesystem::temp_directory_path() / ("octobot-live-" + std::to_string(device()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  [[nodiscard]] std::string file(const char* name) const { return (path / name).string(); }
};

// Channels delivered synchronously on drain(), every message kept.
struct Recorded {
  channel::SyncDriver driver;
  trading::ExchangeChannels channels{
      std::make_shared<channel::Channel<channel::OrdersChannel>>("live", channel::DeliveryMode::synchronized(driver)),
      std::make_shared<channel::Channel<channel::TradesChannel>>("live", channel::DeliveryMode::synchronized(driver)),
      std::make_shared<channel::Channel<channel::BalanceChannel>>("live", channel::DeliveryMode::synchronized(driver))};
  std::vector<channel::OrderMessage> orders;
  std::vector<channel::TradeMessage> trades;
  channel::Subscription order_subscription =
      channels.orders->subscribe([this](const channel::OrderMessage& m) { orders.push_back(m); });
  channel::Subscription trade_subscription =
      channels.trades->subscribe([this](const channel::TradeMessage& m) { trades.push_back(m); });
  void drain() { driver.drain(); }
};

// The exchange double wired to a gateway as the daemon wires a connector.
inline void wire(ExchangeDouble& exchange, LiveGateway& gateway) {
  ExchangeEvents events;
  events.on_order = [&gateway](const OrderEvent& event) { gateway.on_order_event(event); };
  events.on_balances = [&gateway](const std::vector<AssetBalance>& balances) { gateway.on_balances(balances); };
  exchange.connect(std::move(events));
}

inline LiveGatewayOptions options(const char* salt) {
  LiveGatewayOptions result;
  result.salt = salt;
  return result;
}

// Reconciles (an empty journal: just the balances) and runs the exchange until it is done.
inline ReconcileReport start(ExchangeDouble& exchange, LiveGateway& gateway) {
  ReconcileReport report;
  bool done = false;
  gateway.reconcile([&](const ReconcileReport& r) {
    report = r;
    done = true;
  });
  exchange.run();
  if (!done) throw std::logic_error("reconcile did not complete");
  return report;
}

// One exchange account living across several runs of the bot, each run a gateway over the same
// journal file.
struct Account {
  TempDir dir;
  ExchangeDouble exchange{{btc_usdt()}};
  Account() {
    exchange.balance = {{"USDT", d("10000")}, {"BTC", d("1")}};
    exchange.last_price["BTC/USDT"] = d("20000");
  }
};

struct Run {
  Recorded recorded;
  std::unique_ptr<LiveGateway> gateway;
  int fills_heard = 0;
  explicit Run(Account& account, const char* salt, JournalDurability durability = JournalDurability::full) {
    LiveGatewayOptions run_options = options(salt);
    run_options.journal_durability = durability;
    gateway = std::make_unique<LiveGateway>(account.exchange, account.dir.file("journal.sqlite"),
                                            std::vector<octobot::trading::Market>{btc_usdt()}, "USDT",
                                            recorded.channels, run_options);
    wire(account.exchange, *gateway);
    gateway->set_fill_listener([this](auto&, auto&, auto&) { ++fills_heard; });
  }
};

}  // namespace octobot::exchanges::testing
