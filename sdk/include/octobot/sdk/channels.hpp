// C++ access to the host's "channels/1" service (octobot/channels.h): RAII subscriptions whose
// callbacks are C++ callables, and typed publishing of the C message structs.
//
//   sdk::Channels channels(host());
//   subscription_ = channels.subscribe(OB_CHANNEL_OHLCV, exchange_id,
//       sdk::ChannelSubscribeOptions().with_name(class_name()).with_priority(sdk::ChannelPriority::medium)
//           .with_filter(sdk::ChannelFilter().where("symbol", "BTC/USDT").where("time_frame", "1h")),
//       [this](const sdk::ChannelMessage& message) {
//         if (const auto* candle = message.as<ob_ohlcv_message>()) on_candle(*candle);
//       });
//
// Exceptions thrown by a callback never cross the ABI: the trampoline turns them into a status and
// message, which the host logs before carrying on.
#pragma once

#include <octobot/abi.h>
#include <octobot/channels.h>
#include <octobot/sdk/error.hpp>
#include <octobot/sdk/host.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace octobot::sdk {

enum class ChannelPriority : std::uint32_t {
  high = OB_CHANNEL_PRIORITY_HIGH,
  medium = OB_CHANNEL_PRIORITY_MEDIUM,
  optional = OB_CHANNEL_PRIORITY_OPTIONAL,
};

enum class ChannelQueuePolicy : std::uint32_t {
  channel_default = OB_CHANNEL_QUEUE_DEFAULT,
  block = OB_CHANNEL_QUEUE_BLOCK,
  drop_oldest = OB_CHANNEL_QUEUE_DROP_OLDEST,
  drop_newest = OB_CHANNEL_QUEUE_DROP_NEWEST,
};

// The OB_MESSAGE_* id of each C message struct.
template <typename T>
struct ChannelMessageType;
#define OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(C_TYPE, ID) \
  template <>                                        \
  struct ChannelMessageType<C_TYPE> {                \
    static constexpr std::uint32_t value = ID;       \
  }
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_time_message, OB_MESSAGE_TIME);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_ohlcv_message, OB_MESSAGE_OHLCV);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_kline_message, OB_MESSAGE_KLINE);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_ticker_message, OB_MESSAGE_TICKER);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_order_book_message, OB_MESSAGE_ORDER_BOOK);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_recent_trades_message, OB_MESSAGE_RECENT_TRADES);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_mark_price_message, OB_MESSAGE_MARK_PRICE);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_funding_message, OB_MESSAGE_FUNDING);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_balance_message, OB_MESSAGE_BALANCE);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_order_message, OB_MESSAGE_ORDER);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_trade_message, OB_MESSAGE_TRADE);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_position_message, OB_MESSAGE_POSITION);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_evaluators_message, OB_MESSAGE_EVALUATORS);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_matrix_message, OB_MESSAGE_MATRIX);
OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE(ob_trading_mode_message, OB_MESSAGE_TRADING_MODE);
#undef OCTOBOT_SDK_CHANNEL_MESSAGE_TYPE

template <typename T>
concept ChannelCMessage = requires {
  ChannelMessageType<T>::value;
};

// A message struct ready to fill and publish: header and type set, every other field zero (strings
// NULL, which the host reads as "", and decimals empty, which it reads as 0).
template <ChannelCMessage T>
[[nodiscard]] T make_channel_message() noexcept {
  T message{};
  message.header = ob_header{static_cast<std::uint32_t>(sizeof(T)), OB_ABI_MAJOR, OB_ABI_MINOR};
  message.type = ChannelMessageType<T>::value;
  return message;
}

// Exact decimals travel as text (see channels.h). These helpers neither parse nor round.
[[nodiscard]] inline std::string_view decimal_text(const ob_decimal& value) noexcept {
  const char* end = std::find(value.text, value.text + OB_DECIMAL_CAPACITY, '\0');
  return {value.text, static_cast<std::size_t>(end - value.text)};
}
// Throws Error(OB_ERROR_INVALID_ARGUMENT) when `text` does not fit; the host validates the number.
[[nodiscard]] inline ob_decimal make_decimal(std::string_view text) {
  if (text.size() >= OB_DECIMAL_CAPACITY) {
    throw Error(OB_ERROR_INVALID_ARGUMENT, "decimal text longer than " + std::to_string(OB_DECIMAL_CAPACITY - 1) +
                                               " characters: " + std::string(text));
  }
  ob_decimal value{};
  std::memcpy(value.text, text.data(), text.size());
  return value;
}

[[nodiscard]] inline std::string_view channel_text(const char* text) noexcept {
  return text != nullptr ? std::string_view(text) : std::string_view();
}

// A received message: a view valid only during the callback that received it.
class ChannelMessage {
 public:
  explicit ChannelMessage(const ob_channel_message& raw) noexcept : raw_(&raw) {}

  [[nodiscard]] std::string_view channel() const noexcept { return channel_text(raw_->channel); }
  [[nodiscard]] std::string_view channel_id() const noexcept { return channel_text(raw_->channel_id); }
  [[nodiscard]] std::uint32_t type() const noexcept { return raw_->type; }

  // The payload as T when it is one (type matches and the host's struct has every field this SDK
  // knows), else nullptr.
  template <ChannelCMessage T>
  [[nodiscard]] const T* as() const noexcept {
    if (raw_->type != ChannelMessageType<T>::value || raw_->payload == nullptr) return nullptr;
    const auto* message = static_cast<const T*>(raw_->payload);
    return message->header.struct_size >= sizeof(T) ? message : nullptr;
  }

  [[nodiscard]] const ob_channel_message& raw() const noexcept { return *raw_; }

 private:
  const ob_channel_message* raw_;
};

// Key/value filter pairs; repeating a key makes a list (channels.h explains the matching rules).
class ChannelFilter {
 public:
  ChannelFilter& where(std::string key, std::string value) {
    pairs_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& pairs() const noexcept { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

struct ChannelSubscribeOptions {
  ChannelSubscribeOptions() = default;

  ChannelSubscribeOptions& with_name(std::string value) {
    name = std::move(value);
    return *this;
  }
  ChannelSubscribeOptions& with_filter(ChannelFilter value) {
    filter = std::move(value);
    return *this;
  }
  ChannelSubscribeOptions& with_priority(ChannelPriority value) {
    priority = value;
    return *this;
  }
  ChannelSubscribeOptions& with_queue(std::uint32_t capacity, ChannelQueuePolicy when_full) {
    queue_capacity = capacity;
    queue_when_full = when_full;
    return *this;
  }

  std::string name;  // shown in the host's logs; use the class name
  ChannelFilter filter;
  ChannelPriority priority = ChannelPriority::high;
  std::uint32_t queue_capacity = 0;  // 0: the channel's default
  ChannelQueuePolicy queue_when_full = ChannelQueuePolicy::channel_default;
};

// Keeps a subscription alive; destroying or resetting it unsubscribes. Once reset() returns, the
// callback is not running on another thread and will not be called again; called from inside the
// callback itself, it returns at once and the callable is destroyed right after the callback.
class ChannelSubscription {
 public:
  ChannelSubscription() noexcept = default;
  ChannelSubscription(const ob_channels_service_v1* service, ob_channel_subscription* handle) noexcept
      : service_(service), handle_(handle) {}
  ~ChannelSubscription() { reset(); }
  ChannelSubscription(ChannelSubscription&& other) noexcept
      : service_(std::exchange(other.service_, nullptr)), handle_(std::exchange(other.handle_, nullptr)) {}
  ChannelSubscription& operator=(ChannelSubscription&& other) noexcept {
    if (this != &other) {
      reset();
      service_ = std::exchange(other.service_, nullptr);
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  ChannelSubscription(const ChannelSubscription&) = delete;
  ChannelSubscription& operator=(const ChannelSubscription&) = delete;

  void reset() noexcept {
    ob_channel_subscription* handle = std::exchange(handle_, nullptr);
    if (handle != nullptr) service_->unsubscribe(service_->context, handle);
  }
  [[nodiscard]] bool active() const noexcept { return handle_ != nullptr; }

 private:
  const ob_channels_service_v1* service_ = nullptr;
  ob_channel_subscription* handle_ = nullptr;
};

namespace detail {

// Owns the callable on the heap; the host hands it back to the trampolines and frees it through
// release(), exactly once, when no call can be running any more.
template <typename Callback>
struct ChannelCallbackState {
  Callback callback;

  static ob_status on_message(void* user_data, const ob_channel_message* message, ob_error* error) noexcept {
    if (message == nullptr) {
      write_error(error, "NULL message");
      return OB_ERROR_INVALID_ARGUMENT;
    }
    return guarded(error, [&] { static_cast<ChannelCallbackState*>(user_data)->callback(ChannelMessage(*message)); });
  }
  static void release(void* user_data) noexcept { delete static_cast<ChannelCallbackState*>(user_data); }
};

}  // namespace detail

class Channels {
 public:
  explicit Channels(const Host& host) noexcept
      : service_(host.service<ob_channels_service_v1>(OB_SERVICE_CHANNELS_V1)) {}
  explicit Channels(const ob_channels_service_v1* service) noexcept : service_(service) {}

  [[nodiscard]] bool available() const noexcept { return service_ != nullptr; }

  // Subscribes `callback(const ChannelMessage&)` to channel `channel` of set `channel_id`. Throws
  // Error with the host's status and message (unknown channel, unknown filter key...).
  template <typename Callback>
  [[nodiscard]] ChannelSubscription subscribe(const std::string& channel, const std::string& channel_id,
                                              const ChannelSubscribeOptions& options, Callback&& callback) const {
    using State = detail::ChannelCallbackState<std::decay_t<Callback>>;
    const ob_channels_service_v1* service = require();
    std::vector<ob_channel_filter> filters;
    filters.reserve(options.filter.pairs().size());
    for (const auto& [key, value] : options.filter.pairs())
      filters.push_back(ob_channel_filter{key.c_str(), value.c_str()});

    auto state = std::make_unique<State>(State{std::forward<Callback>(callback)});
    ob_channel_subscribe_args args{};
    args.header = ob_header{static_cast<std::uint32_t>(sizeof(args)), OB_ABI_MAJOR, OB_ABI_MINOR};
    args.channel = channel.c_str();
    args.channel_id = channel_id.c_str();
    args.filters = filters.data();
    args.filter_count = static_cast<std::uint32_t>(filters.size());
    args.priority = static_cast<std::uint32_t>(options.priority);
    args.consumer_name = options.name.empty() ? nullptr : options.name.c_str();
    args.on_message = &State::on_message;
    args.release = &State::release;
    args.user_data = state.get();
    args.queue_capacity = options.queue_capacity;
    args.queue_when_full = static_cast<std::uint32_t>(options.queue_when_full);

    ob_channel_subscription* handle = nullptr;
    ob_error error{ob_header{static_cast<std::uint32_t>(sizeof(ob_error)), OB_ABI_MAJOR, OB_ABI_MINOR}, {0}};
    const ob_status status = service->subscribe(service->context, &args, &handle, &error);
    if (status != OB_OK) throw Error(status, error.message);  // release is not called on failure
    state.release();                                          // now the host's, until release()
    return ChannelSubscription(service, handle);
  }

  // Publishes a message struct (made with make_channel_message). Throws Error on failure.
  template <ChannelCMessage T>
  void publish(const std::string& channel, const std::string& channel_id, const T& message) const {
    const ob_channels_service_v1* service = require();
    ob_error error{ob_header{static_cast<std::uint32_t>(sizeof(ob_error)), OB_ABI_MAJOR, OB_ABI_MINOR}, {0}};
    const ob_status status = service->publish(service->context, channel.c_str(), channel_id.c_str(), &message, &error);
    if (status != OB_OK) throw Error(status, error.message);
  }

  // True when no HIGH or MEDIUM subscriber listens: a producer may skip the work.
  [[nodiscard]] bool paused(const std::string& channel, const std::string& channel_id) const {
    const ob_channels_service_v1* service = require();
    std::int32_t paused = 0;
    ob_error error{ob_header{static_cast<std::uint32_t>(sizeof(ob_error)), OB_ABI_MAJOR, OB_ABI_MINOR}, {0}};
    const ob_status status = service->is_paused(service->context, channel.c_str(), channel_id.c_str(), &paused, &error);
    if (status != OB_OK) throw Error(status, error.message);
    return paused != 0;
  }

 private:
  [[nodiscard]] const ob_channels_service_v1* require() const {
    if (service_ == nullptr) throw Error(OB_ERROR_NOT_FOUND, "host provides no \"channels/1\" service");
    return service_;
  }

  const ob_channels_service_v1* service_;
};

}  // namespace octobot::sdk
