// A channel carries one message type from producers to consumers.
//
//   Channel<OhlcvChannel>& ohlcv = ...;
//   Subscription sub = ohlcv.subscribe([](const OhlcvMessage& m) { ... },
//                                      ConsumerOptions().with_name("RSI").with_priority(Priority::medium)
//                                          .with_filter({{"symbol", "BTC/USDT"}}));
//   if (!ohlcv.paused()) ohlcv.send(message);   // producers may skip work while nobody listens
//   (would_deliver(values): whether any consumer's filter takes a message with these values)
//
// A channel is described by a spec type (see standard/*.hpp):
//   struct MySpec {
//     using Message = MyMessage;                                   // a plain copyable struct
//     static constexpr std::string_view kName = "My";
//     static constexpr std::array<std::string_view, 1> kFilterKeys{"symbol"};
//     static std::array<std::string_view, 1> filter_values(const MyMessage& m) { return {m.symbol}; }
//     static constexpr QueuePolicy kDefaultQueue{256, WhenFull::drop_oldest};
//   };
#pragma once

#include <octobot/channel/consumer_options.hpp>
#include <octobot/channel/delivery_mode.hpp>
#include <octobot/channel/detail/async_consumer.hpp>
#include <octobot/channel/detail/channel_core.hpp>
#include <octobot/channel/detail/sync_consumer.hpp>
#include <octobot/channel/subscription.hpp>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace octobot::channel {

// Messages must be copyable (one copy per matching consumer but the last) and nothrow-movable (queues
// move them on paths that cannot report errors).
// (clang-format 14 cannot lay concepts out readably.)
// clang-format off
template <typename Spec>
concept ChannelSpec =
    std::copy_constructible<typename Spec::Message> &&
    std::is_nothrow_move_constructible_v<typename Spec::Message> &&
    requires(const typename Spec::Message& message) {
      { Spec::kName } -> std::convertible_to<std::string_view>;
      { Spec::kFilterKeys.size() } -> std::convertible_to<std::size_t>;
      { Spec::filter_values(message) };
      { Spec::kDefaultQueue } -> std::convertible_to<QueuePolicy>;
    } &&
    std::tuple_size_v<decltype(Spec::filter_values(std::declval<const typename Spec::Message&>()))> ==
        Spec::kFilterKeys.size();
// clang-format on

// What every channel offers without knowing its message type: what the registry stores.
class ChannelBase {
 public:
  virtual ~ChannelBase();  // closes every consumer still subscribed
  ChannelBase(const ChannelBase&) = delete;
  ChannelBase& operator=(const ChannelBase&) = delete;

  [[nodiscard]] const std::string& name() const noexcept { return core_->name(); }
  [[nodiscard]] const std::string& id() const noexcept { return core_->id(); }
  [[nodiscard]] bool synchronized() const noexcept { return core_->mode().is_synchronized(); }
  // True while no HIGH or MEDIUM consumer is subscribed: producers may skip work. THREAD: any.
  [[nodiscard]] bool paused() const noexcept { return core_->paused(); }
  [[nodiscard]] std::size_t consumer_count() const { return core_->consumer_count(); }

  // Calls `callback(paused)` with the current state, then on every pause/resume transition, on the
  // thread that subscribed or unsubscribed. Keep it short; it must not block.
  [[nodiscard]] PauseWatch watch_pause(std::function<void(bool paused)> callback);

 protected:
  ChannelBase(std::string_view name, std::string id, DeliveryMode mode);
  [[nodiscard]] const std::shared_ptr<detail::ChannelCore>& core() const noexcept { return core_; }

 private:
  std::shared_ptr<detail::ChannelCore> core_;
};

template <ChannelSpec Spec>
class Channel final : public ChannelBase {
 public:
  using Message = typename Spec::Message;
  using Callback = std::function<void(const Message&)>;

  // `id` names the channel set: an exchange id, a matrix id, or "" for a process-wide channel.
  Channel(std::string id, DeliveryMode mode) : ChannelBase(Spec::kName, std::move(id), std::move(mode)) {}

  // Registers a consumer. Throws std::invalid_argument for an empty callback, a filter key the
  // channel does not declare, or a zero queue capacity. THREAD: any (synchronized mode: the driver's).
  [[nodiscard]] Subscription subscribe(Callback callback, const ConsumerOptions& options = {}) {
    if (!callback) throw std::invalid_argument("channel '" + name() + "': subscribe needs a callback");
    detail::ConsumerSettings settings = detail::resolve_settings(
        options, std::span<const std::string_view>(Spec::kFilterKeys), name(), id(), Spec::kDefaultQueue);
    const DeliveryMode& mode = core()->mode();
    std::shared_ptr<detail::TypedConsumer<Message>> consumer;
    if (mode.is_synchronized()) {
      consumer =
          std::make_shared<detail::SyncConsumer<Message>>(std::move(settings), std::move(callback), mode.sync_queue());
    } else {
      consumer = std::make_shared<detail::AsyncConsumer<Message>>(std::move(settings), std::move(callback),
                                                                  options.executor.value_or(mode.executor()));
    }
    core()->add(consumer);
    return Subscription(std::move(consumer), core());
  }

  // Queues `message` for every consumer whose filter matches it: a copy for each but the last, which
  // gets the original. Synchronized mode: returns at once; callbacks run in SyncDriver::drain.
  // Asynchronous mode: may wait for room if a matching consumer's policy is WhenFull::block.
  // THREAD: any (synchronized mode: the driver's).
  void send(const Message& message) { dispatch(message); }
  void send(Message&& message) { dispatch(std::move(message)); }

  // Whether send() would hand a message with these filter values (Spec::filter_values's, in
  // kFilterKeys's order) to a consumer: a producer may skip building a message no consumer's filter
  // takes. THREAD: as send() (asynchronous mode: a consumer subscribing meanwhile is not seen).
  [[nodiscard]] bool would_deliver(std::span<const std::string_view> values) const {
    const auto any_match = [&](const detail::ChannelCore::ConsumerList& consumers) {
      return std::ranges::any_of(consumers, [&](const auto& consumer) { return consumer->filter().matches(values); });
    };
    if (core()->mode().is_synchronized()) return any_match(core()->unsynchronized_consumers());
    return any_match(*core()->snapshot());
  }

 private:
  template <typename M>
  void dispatch(M&& message) {
    const auto values = Spec::filter_values(std::as_const(message));
    const std::span<const std::string_view> value_span(values);
    const auto deliver = [&](const detail::ChannelCore::ConsumerList& consumers) {
      detail::TypedConsumer<Message>* previous_match = nullptr;
      for (const auto& consumer : consumers) {
        if (!consumer->filter().matches(value_span)) continue;
        if (previous_match != nullptr) previous_match->offer(std::as_const(message));
        // Every consumer of this channel was created by subscribe() above with this message type.
        previous_match = static_cast<detail::TypedConsumer<Message>*>(consumer.get());
      }
      // `values` views into `message`: it is not used after the message is handed over.
      if (previous_match != nullptr) previous_match->offer(std::forward<M>(message));
    };
    if (core()->mode().is_synchronized()) {
      deliver(core()->unsynchronized_consumers());
    } else {
      const auto snapshot = core()->snapshot();
      deliver(*snapshot);
    }
  }
};

}  // namespace octobot::channel
