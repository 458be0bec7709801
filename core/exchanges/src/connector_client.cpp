#include <octobot/commons/logging.hpp>
#include <octobot/exchange.h>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstddef>
#include <cstring>
#include <future>
#include <map>
#include <stdexcept>
#include <thread>

#include "abi_convert.hpp"

namespace octobot::exchanges {

using detail::fixed_text;

std::optional<std::string> find_connector_class(const tentacles::TentacleHost& host, std::string_view exchange) {
  const auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const auto& name : host.loaded_classes()) {
    const ob_class_descriptor* descriptor = host.find_class(name);
    if (descriptor != nullptr && descriptor->kind == OB_KIND_EXCHANGE && same(name, exchange)) return name;
  }
  return std::nullopt;
}

struct ConnectorClient::State : std::enable_shared_from_this<ConnectorClient::State> {
  explicit State(channel::Executor loop) : bot_loop(std::move(loop)) {}

  std::string exchange;
  channel::Executor bot_loop;
  // The connector's thread and its queue.
  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard;
  std::thread thread;
  // Connector thread only.
  std::unique_ptr<tentacles::TentacleInstance> instance;
  const ob_exchange_vtable* table = nullptr;
  bool connector_started = false;
  // ABI 1.6: the connector's submit_order when its table has one (called on the bot loop).
  decltype(ob_exchange_vtable::submit_order) submit_order = nullptr;
  ob_exchange_sink sink{};
  // Set by stop(): requests still queued are not sent any more.
  std::atomic<bool> stopping{false};
  // Bot loop only.
  bool stopped = false;
  // The connector's start succeeded (its completion ran): submit_order may be called from then on.
  bool started = false;
  ExchangeEvents events;
  std::uint64_t next_id = 0;
  std::map<std::uint64_t, std::function<void(ClientError)>> pending;

  // Posts an event to the bot loop, dropped if the client stopped meanwhile.
  template <typename Event>
  void deliver(Event event, std::function<void(const Event&)> ExchangeEvents::*handler) {
    bot_loop.post([self = shared_from_this(), event = std::move(event), handler] {
      if (self->stopped || !(self->events.*handler)) return;
      (self->events.*handler)(event);
    });
  }
};

namespace {

using State = ConnectorClient::State;

State& state_of(void* context) { return *static_cast<State*>(context); }

// Sink functions: [any-thread]. A malformed event is logged and dropped (nothing may throw into the
// connector's C frames).
template <typename Body>
void guarded(State& state, const char* what, Body&& body) noexcept {
  try {
    body();
  } catch (const std::exception& e) {
    commons::log(commons::LogLevel::error, state.exchange,
                 std::string("dropped a malformed ") + what + " event from the connector: " + e.what());
  }
}

void on_candle(void* context, const ob_exchange_candle* candle) {
  State& state = state_of(context);
  guarded(state, "candle", [&] { state.deliver(detail::to_candle(*candle), &ExchangeEvents::on_candle); });
}

void on_ticker(void* context, const ob_exchange_ticker* ticker) {
  State& state = state_of(context);
  guarded(state, "ticker", [&] {
    TickerEvent event{fixed_text(ticker->symbol, OB_SYMBOL_CAPACITY), ticker->time_ms, detail::decimal(ticker->last),
                      detail::decimal(ticker->bid), detail::decimal(ticker->ask)};
    state.deliver(std::move(event), &ExchangeEvents::on_ticker);
  });
}

void on_book(void* context, const ob_exchange_book* book) {
  State& state = state_of(context);
  guarded(state, "order book", [&] {
    BookEvent event;
    event.symbol = fixed_text(book->symbol, OB_SYMBOL_CAPACITY);
    event.time_ms = book->time_ms;
    const auto levels = [](const ob_book_level* from, std::uint64_t count, std::vector<channel::BookLevel>& out) {
      if (count > 0 && from == nullptr) throw std::invalid_argument("book levels missing");
      out.reserve(count);
      for (std::uint64_t i = 0; i < count; ++i)
        out.push_back({detail::decimal(from[i].price), detail::decimal(from[i].amount)});
    };
    levels(book->bids, book->bid_count, event.bids);
    levels(book->asks, book->ask_count, event.asks);
    state.deliver(std::move(event), &ExchangeEvents::on_book);
  });
}

void on_order(void* context, const ob_exchange_order_event* event) {
  State& state = state_of(context);
  guarded(state, "order", [&] {
    OrderEvent out;
    out.order = detail::to_order(*event->order, event->exchange_order_id);
    if (event->fill != nullptr) out.fill = detail::to_fill(out.order.client_order_id, *event->fill);
    state.deliver(std::move(out), &ExchangeEvents::on_order);
  });
}

void on_balances(void* context, const ob_asset_balance* balances, uint64_t count) {
  State& state = state_of(context);
  guarded(state, "balances", [&] {
    std::vector<AssetBalance> out;
    // Elements are header.struct_size apart (a later minor may grow them); never read past our layout.
    const auto* bytes = reinterpret_cast<const unsigned char*>(balances);
    const std::size_t stride = count > 0 ? balances[0].header.struct_size : 0;
    if (count > 0 && stride < sizeof(ob_asset_balance)) throw std::invalid_argument("balances too small");
    for (uint64_t i = 0; i < count; ++i) {
      out.push_back(detail::to_balance(*reinterpret_cast<const ob_asset_balance*>(bytes + i * stride)));
    }
    state.deliver(std::move(out), &ExchangeEvents::on_balances);
  });
}

void on_connection(void* context, const ob_exchange_connection* connection) {
  State& state = state_of(context);
  guarded(state, "connection", [&] {
    ConnectionEvent event;
    event.state = connection->state <= OB_CONNECTION_BANNED ? static_cast<ConnectionState>(connection->state)
                                                            : ConnectionState::disconnected;
    event.until_ms = connection->until_ms;
    event.reason = fixed_text(connection->reason, OB_REASON_CAPACITY);
    state.deliver(std::move(event), &ExchangeEvents::on_connection);
  });
}

ClientError stopped_error(const State& state) {
  return {OB_ERROR_STATE, "the connection to " + state.exchange + " was stopped before this request completed"};
}

// Runs `call(table, instance, error, result)` on the connector's thread and posts its outcome to the
// bot loop. Visitors collect into `result`; they record the first conversion failure in
// `visit_error` instead of throwing through the connector.
template <typename T, typename Call>
void request(const std::shared_ptr<State>& state, Completion<T> done, Call call) {
  auto shared_done = std::make_shared<Completion<T>>(std::move(done));
  if (state->stopped) {
    state->bot_loop.post([shared_done, error = stopped_error(*state)] { (*shared_done)(error); });
    return;
  }
  const std::uint64_t id = ++state->next_id;
  state->pending.emplace(id, [shared_done](ClientError error) { (*shared_done)(std::move(error)); });
  boost::asio::post(state->io, [state, id, shared_done, call = std::move(call)]() mutable {
    Outcome<T> outcome = stopped_error(*state);
    if (!state->stopping && state->table != nullptr) {
      ob_error error = {OB_HEADER_INIT(ob_error), {0}};
      T result{};
      std::string visit_error;
      ob_status status = OB_OK;
      try {
        status = call(*state->table, state->instance->handle(), error, result, visit_error);
      } catch (const std::exception& e) {
        status = OB_ERROR_EXCEPTION;
        visit_error = e.what();
      }
      if (status != OB_OK) {
        error.message[sizeof(error.message) - 1] = '\0';
        outcome = ClientError{status, visit_error.empty() ? std::string(error.message) : visit_error};
      } else if (!visit_error.empty()) {
        outcome = ClientError{OB_ERROR_INVALID_ARGUMENT, "the connector answered something unusable: " + visit_error};
      } else {
        outcome = std::move(result);
      }
    }
    state->bot_loop.post([state, id, shared_done, outcome = std::move(outcome)] {
      if (state->stopped || state->pending.erase(id) == 0) return;
      (*shared_done)(outcome);
    });
  });
}

// A visitor that converts each element with `convert` into the vector behind `context`.
template <typename Element, typename Out, auto Convert>
struct Collector {
  std::vector<Out>* out;
  std::string* error;
  static void visit(void* context, const Element* element) {
    auto* self = static_cast<Collector*>(context);
    if (!self->error->empty()) return;
    try {
      self->out->push_back(Convert(*element));
    } catch (const std::exception& e) {
      *self->error = e.what();
    }
  }
};

// One submit_order in flight: what its completion needs. Holding the State keeps it alive until the
// connector's `done` ran, whatever the client did meanwhile (stop, destruction).
struct Submitted {
  std::shared_ptr<State> state;
  std::uint64_t id;
  std::shared_ptr<Completion<ClientOrder>> done;
};

// ob_order_completion: [any connector thread]. Copies the outcome into core types (the view is lent
// for the call) and posts it to the bot loop like every other completion.
void on_submitted(void* context, ob_status status, const ob_order_view* order, const ob_error* error) {
  std::unique_ptr<Submitted> submitted(static_cast<Submitted*>(context));
  Outcome<ClientOrder> outcome = stopped_error(*submitted->state);
  try {
    if (status == OB_OK && order != nullptr) {
      outcome = detail::to_order(*order, nullptr);
    } else if (status == OB_OK) {
      outcome = ClientError{OB_ERROR_INVALID_ARGUMENT, "the connector completed an order without its view"};
    } else {
      outcome = ClientError{status, error != nullptr ? fixed_text(error->message, OB_ERROR_MESSAGE_CAPACITY)
                                                     : std::string("the connector gave no reason")};
    }
  } catch (const std::exception& e) {
    outcome =
        ClientError{OB_ERROR_INVALID_ARGUMENT, std::string("the connector answered something unusable: ") + e.what()};
  }
  State& state = *submitted->state;
  state.bot_loop.post([state = std::move(submitted->state), id = submitted->id, done = std::move(submitted->done),
                       outcome = std::move(outcome)] {
    if (state->stopped || state->pending.erase(id) == 0) return;
    (*done)(outcome);
  });
}

// Calls the connector's submit_order on this (the bot loop's) thread; true when it sent the order and
// will complete it. False (busy, an error, a request it cannot take) leaves `done` untouched.
bool submit(const std::shared_ptr<State>& state, const trading::OrderRequest& order, const std::string& client_order_id,
            const std::shared_ptr<Completion<ClientOrder>>& done) {
  const std::uint64_t id = ++state->next_id;
  state->pending.emplace(id, [done](ClientError error) { (*done)(std::move(error)); });
  try {
    auto submitted = std::make_unique<Submitted>(Submitted{state, id, done});
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    const detail::RawRequest raw(order);
    if (state->submit_order(state->instance->handle(), &raw.request, client_order_id.c_str(), &on_submitted,
                            submitted.get(), &error) == OB_OK) {
      submitted.release();  // the connector's completion owns it now (it may even have run already)
      return true;
    }
  } catch (const std::exception&) {  // e.g. a decimal the ABI cannot carry: create_order's path says so
  }
  state->pending.erase(id);
  return false;
}

trading::Market market_of(const ob_exchange_market& market) { return detail::to_market(market); }
CandleEvent candle_of(const ob_exchange_candle& candle) { return detail::to_candle(candle); }
ClientOrder order_of(const ob_order_view& order) { return detail::to_order(order, nullptr); }

}  // namespace

ConnectorClient::ConnectorClient(tentacles::TentacleHost& host, std::string exchange, std::string class_name,
                                 channel::Executor bot_loop, tentacles::HostServices* services)
    : exchange_(std::move(exchange)), class_name_(std::move(class_name)) {
  const ob_class_descriptor* descriptor = host.find_class(class_name_);
  if (descriptor == nullptr || descriptor->kind != OB_KIND_EXCHANGE) {
    throw std::runtime_error(class_name_ + " is not a loaded exchange connector (see `octobot tentacles`)");
  }
  const auto* table = static_cast<const ob_exchange_vtable*>(descriptor->vtable);
  // Up to fills_since, the 1.3 table; later minors append optional functions read below.
  constexpr std::size_t exchange_1_3 = offsetof(ob_exchange_vtable, fills_since) + sizeof(void (*)());
  if (table->header.struct_size < exchange_1_3) {
    throw std::runtime_error(class_name_ + " was built for an older exchange ABI than this host needs (1.3)");
  }
  state_ = std::make_shared<State>(std::move(bot_loop));
  state_->exchange = exchange_;
  state_->sink = {OB_HEADER_INIT(ob_exchange_sink),
                  state_.get(),
                  on_candle,
                  on_ticker,
                  on_book,
                  on_order,
                  on_balances,
                  on_connection};
  state_->guard.emplace(state_->io.get_executor());
  state_->thread = std::thread([state = state_.get()] { state->io.run(); });

  std::promise<void> created;
  tentacles::InstanceSpec spec;
  spec.exchange = exchange_;
  spec.host = services != nullptr ? services->host() : nullptr;
  boost::asio::post(state_->io, [&] {
    try {
      state_->instance = host.create(class_name_, spec);
      state_->table = table;
      if (OB_HAS_FIELD(table, ob_exchange_vtable, submit_order)) state_->submit_order = table->submit_order;
      created.set_value();
    } catch (...) {
      created.set_exception(std::current_exception());
    }
  });
  try {
    created.get_future().get();
  } catch (...) {
    state_->guard.reset();
    state_->thread.join();
    throw;
  }
}

ConnectorClient::~ConnectorClient() { stop(); }

void ConnectorClient::start(ExchangeEvents events, Completion<std::vector<trading::Market>> done) {
  state_->events = std::move(events);
  auto mark_started = [state = state_.get(), done = std::move(done)](Outcome<std::vector<trading::Market>> outcome) {
    if (std::holds_alternative<std::vector<trading::Market>>(outcome)) state->started = true;
    done(std::move(outcome));
  };
  request<std::vector<trading::Market>>(
      state_, std::move(mark_started),
      [state = state_.get()](const ob_exchange_vtable& table, ob_instance* instance, ob_error& error,
                             std::vector<trading::Market>& markets, std::string& visit_error) {
        if (!state->connector_started) {
          if (const ob_status status = table.start(instance, &state->sink, &error); status != OB_OK) return status;
          state->connector_started = true;
        }
        Collector<ob_exchange_market, trading::Market, market_of> collect{&markets, &visit_error};
        return table.markets(instance, &decltype(collect)::visit, &collect, &error);
      });
}

void ConnectorClient::stop() {
  if (!state_ || state_->stopped) return;
  state_->stopping = true;
  state_->started = false;  // no submit_order from here on: the connector's stop must complete them all
  std::promise<void> closed;
  boost::asio::post(state_->io, [state = state_.get(), &closed] {
    if (state->connector_started) {
      ob_error error = {OB_HEADER_INIT(ob_error), {0}};
      if (state->table->stop(state->instance->handle(), &error) != OB_OK) {
        error.message[sizeof(error.message) - 1] = '\0';
        commons::log(commons::LogLevel::warning, state->exchange,
                     std::string("the connector did not stop cleanly: ") + error.message);
      }
      state->connector_started = false;
    }
    state->instance.reset();  // destroyed on the thread that created it
    closed.set_value();
  });
  closed.get_future().wait();
  state_->guard.reset();
  state_->thread.join();
  state_->stopped = true;
  auto pending = std::move(state_->pending);
  state_->pending.clear();
  for (auto& [id, fail] : pending) fail(stopped_error(*state_));
}

void ConnectorClient::key_permissions(Completion<KeyPermissions> done) {
  request<KeyPermissions>(state_, std::move(done),
                          [](const ob_exchange_vtable& table, ob_instance* instance, ob_error& error,
                             KeyPermissions& out, std::string& /*visit_error*/) {
                            ob_key_permissions raw{};
                            raw.header = OB_HEADER_INIT(ob_key_permissions);
                            const ob_status status = table.key_permissions(instance, &raw, &error);
                            if (status == OB_OK) out = detail::to_permissions(raw);
                            return status;
                          });
}

void ConnectorClient::subscribe(std::string symbol, std::string time_frame, std::uint32_t streams,
                                Completion<std::monostate> done) {
  request<std::monostate>(
      state_, std::move(done),
      [symbol = std::move(symbol), time_frame = std::move(time_frame), streams](
          const ob_exchange_vtable& table, ob_instance* instance, ob_error& error, std::monostate&, std::string&) {
        return table.subscribe(instance, symbol.c_str(), time_frame.c_str(), streams, &error);
      });
}

void ConnectorClient::candles(std::string symbol, std::string time_frame, std::int64_t since_ms, std::uint64_t limit,
                              Completion<std::vector<CandleEvent>> done) {
  request<std::vector<CandleEvent>>(state_, std::move(done),
                                    [symbol = std::move(symbol), time_frame = std::move(time_frame), since_ms, limit](
                                        const ob_exchange_vtable& table, ob_instance* instance, ob_error& error,
                                        std::vector<CandleEvent>& out, std::string& visit_error) {
                                      Collector<ob_exchange_candle, CandleEvent, candle_of> collect{&out, &visit_error};
                                      return table.candles(instance, symbol.c_str(), time_frame.c_str(), since_ms,
                                                           limit, &decltype(collect)::visit, &collect, &error);
                                    });
}

void ConnectorClient::balances(Completion<std::vector<AssetBalance>> done) {
  request<std::vector<AssetBalance>>(
      state_, std::move(done),
      [](const ob_exchange_vtable& table, ob_instance* instance, ob_error& error, std::vector<AssetBalance>& out,
         std::string& visit_error) {
        Collector<ob_asset_balance, AssetBalance, detail::to_balance> collect{&out, &visit_error};
        return table.balances(instance, &decltype(collect)::visit, &collect, &error);
      });
}

void ConnectorClient::create_order(trading::OrderRequest request_, std::string client_order_id,
                                   Completion<ClientOrder> done) {
  // ABI 1.6: the connector writes the request here, on the bot loop, instead of after a hop to its
  // thread (a sleeping thread woken: tens to hundreds of µs); its answer comes back like any other.
  if (state_->submit_order != nullptr && !state_->stopped && state_->started) {
    auto shared_done = std::make_shared<Completion<ClientOrder>>(std::move(done));
    if (submit(state_, request_, client_order_id, shared_done)) return;
    done = std::move(*shared_done);  // nothing was sent: the connector thread's path (it reports errors)
  }
  request<ClientOrder>(
      state_, std::move(done),
      [order = std::move(request_), id = std::move(client_order_id)](
          const ob_exchange_vtable& table, ob_instance* instance, ob_error& error, ClientOrder& out, std::string&) {
        const detail::RawRequest raw(order);
        ob_order_view view = detail::empty_view();
        const ob_status status = table.create_order(instance, &raw.request, id.c_str(), &view, &error);
        if (status == OB_OK) out = detail::to_order(view, nullptr);
        return status;
      });
}

void ConnectorClient::cancel_order(std::string symbol, std::string client_order_id, Completion<ClientOrder> done) {
  request<ClientOrder>(
      state_, std::move(done),
      [symbol = std::move(symbol), id = std::move(client_order_id)](
          const ob_exchange_vtable& table, ob_instance* instance, ob_error& error, ClientOrder& out, std::string&) {
        ob_order_view view = detail::empty_view();
        const ob_status status = table.cancel_order(instance, symbol.c_str(), id.c_str(), &view, &error);
        if (status == OB_OK) out = detail::to_order(view, nullptr);
        return status;
      });
}

void ConnectorClient::fetch_order(std::string symbol, std::string client_order_id, Completion<ClientOrder> done) {
  request<ClientOrder>(
      state_, std::move(done),
      [symbol = std::move(symbol), id = std::move(client_order_id)](
          const ob_exchange_vtable& table, ob_instance* instance, ob_error& error, ClientOrder& out, std::string&) {
        ob_order_view view = detail::empty_view();
        const ob_status status = table.fetch_order(instance, symbol.c_str(), id.c_str(), &view, &error);
        if (status == OB_OK) out = detail::to_order(view, nullptr);
        return status;
      });
}

void ConnectorClient::open_orders(std::string symbol, Completion<std::vector<ClientOrder>> done) {
  request<std::vector<ClientOrder>>(
      state_, std::move(done),
      [symbol = std::move(symbol)](const ob_exchange_vtable& table, ob_instance* instance, ob_error& error,
                                   std::vector<ClientOrder>& out, std::string& visit_error) {
        Collector<ob_order_view, ClientOrder, order_of> collect{&out, &visit_error};
        return table.open_orders(instance, symbol.c_str(), &decltype(collect)::visit, &collect, &error);
      });
}

void ConnectorClient::fills_since(std::string symbol, std::int64_t since_ms, Completion<std::vector<ClientFill>> done) {
  struct FillCollector {
    std::vector<ClientFill>* out;
    std::string* error;
    static void visit(void* context, const char* client_order_id, const ob_exchange_fill* fill) {
      auto* self = static_cast<FillCollector*>(context);
      if (!self->error->empty()) return;
      try {
        self->out->push_back(detail::to_fill(fixed_text(client_order_id, OB_ID_CAPACITY), *fill));
      } catch (const std::exception& e) {
        *self->error = e.what();
      }
    }
  };
  request<std::vector<ClientFill>>(
      state_, std::move(done),
      [symbol = std::move(symbol), since_ms](const ob_exchange_vtable& table, ob_instance* instance, ob_error& error,
                                             std::vector<ClientFill>& out, std::string& visit_error) {
        FillCollector collect{&out, &visit_error};
        return table.fills_since(instance, symbol.c_str(), since_ms, &FillCollector::visit, &collect, &error);
      });
}

}  // namespace octobot::exchanges
