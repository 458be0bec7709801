// ExchangeClient over an exchange connector tentacle (OB_KIND_EXCHANGE, exchange.h).
//
// Threads. The client owns one thread (the connector's): the instance is created, called and
// destroyed there, every vtable call included, so a slow REST round trip never stalls the bot loop
// and the connector's calls are never concurrent (the ABI's [exchange-thread] rule). Completions are
// posted back to the bot loop; so are the sink's events, which the connector may push from any of its
// own threads: each is copied into core types first (the ABI lends its pointers for the call only),
// then posted, so the bot loop sees them in the order the connector produced them.
//
// Orders (ABI 1.6). When the connector's table has submit_order, create_order calls it directly on
// the calling (bot loop) thread once the connector has started: the connector writes the request
// there and completes it later from one of its own threads; that completion is copied and posted to
// the bot loop like the others. A submit that sent nothing (OB_ERROR_EXCHANGE_BUSY, or any error)
// falls back to the connector thread's create_order. A connector built for 1.5 or older has no
// submit_order and always takes that path.
//
// Stop. stop() stops the connector (no sink call after its stop returns), destroys the instance,
// joins the thread, then fails every request that has not completed yet with OB_ERROR_STATE, on the
// calling (bot loop) thread. Events and completions already posted but not yet run are dropped. A
// submitted order's completion holds the client's shared state, so one arriving after stop (or
// after the client is destroyed) is dropped safely.
#pragma once

#include <octobot/channel/executor.hpp>
#include <octobot/exchanges/exchange_client.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace octobot::tentacles {
class TentacleHost;
class HostServices;
}  // namespace octobot::tentacles

namespace octobot::exchanges {

// The loaded connector class for `exchange` ("binance" -> "Binance": kind OB_KIND_EXCHANGE, name
// equal ignoring case); nullopt when none is loaded.
[[nodiscard]] std::optional<std::string> find_connector_class(const tentacles::TentacleHost& host,
                                                              std::string_view exchange);

class ConnectorClient final : public ExchangeClient {
 public:
  // Creates the instance of `class_name` on the connector's thread, with `services`' ob_host (its
  // config overrides for that class, its credentials/1) or the tentacle host's own when nullptr.
  // `bot_loop` runs completions and events. Throws std::runtime_error with the connector's message
  // when the class is not an exchange connector or its creation fails. `host` and `services` must
  // outlive the client.
  ConnectorClient(tentacles::TentacleHost& host, std::string exchange, std::string class_name,
                  channel::Executor bot_loop, tentacles::HostServices* services = nullptr);
  ~ConnectorClient() override;
  ConnectorClient(const ConnectorClient&) = delete;
  ConnectorClient& operator=(const ConnectorClient&) = delete;

  [[nodiscard]] const std::string& exchange() const noexcept override { return exchange_; }
  [[nodiscard]] const std::string& class_name() const noexcept { return class_name_; }

  void start(ExchangeEvents events, Completion<std::vector<trading::Market>> done) override;
  void stop() override;

  void key_permissions(Completion<KeyPermissions> done) override;
  void subscribe(std::string symbol, std::string time_frame, std::uint32_t streams,
                 Completion<std::monostate> done) override;
  void candles(std::string symbol, std::string time_frame, std::int64_t since_ms, std::uint64_t limit,
               Completion<std::vector<CandleEvent>> done) override;
  void balances(Completion<std::vector<AssetBalance>> done) override;
  void create_order(trading::OrderRequest request, std::string client_order_id, Completion<ClientOrder> done) override;
  void cancel_order(std::string symbol, std::string client_order_id, Completion<ClientOrder> done) override;
  void fetch_order(std::string symbol, std::string client_order_id, Completion<ClientOrder> done) override;
  void open_orders(std::string symbol, Completion<std::vector<ClientOrder>> done) override;
  void fills_since(std::string symbol, std::int64_t since_ms, Completion<std::vector<ClientFill>> done) override;

  struct State;  // shared with the tasks in flight (connector_client.cpp)

 private:
  std::string exchange_;
  std::string class_name_;
  std::shared_ptr<State> state_;
};

}  // namespace octobot::exchanges
