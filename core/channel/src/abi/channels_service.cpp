// The "channels/1" table: C entry points that validate their arguments, find the channel and its
// bridge, and turn every C++ exception into an ob_status plus message.
#include <octobot/channel/abi_service.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/sdk/error.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>

#include "bridges.hpp"
#include "c_subscription.hpp"
#include "c_values.hpp"

namespace octobot::channel {

struct ChannelsService::State {
  explicit State(ChannelRegistry& channels) : registry(channels) {}

  ChannelRegistry& registry;
  ob_channels_service_v1 table{};
  mutable std::mutex mutex;
  // Ordered by creation, so that ending leftovers at shutdown happens in a reproducible order.
  std::map<std::uint64_t, abi::CSubscription*> open;
  std::map<const abi::CSubscription*, std::uint64_t> sequence_of;
  std::uint64_t next_sequence = 0;
};

namespace {

using sdk::Error;
using State = ChannelsService::State;

void write_error(ob_error* error, const char* message) noexcept {
  if (error != nullptr) std::snprintf(error->message, sizeof(error->message), "%s", message);
}

// Like the SDK's guarded(), plus std::invalid_argument -> OB_ERROR_INVALID_ARGUMENT.
template <typename Body>
ob_status guarded(ob_error* error, Body&& body) noexcept {
  try {
    body();
    return OB_OK;
  } catch (const Error& e) {
    write_error(error, e.what());
    return e.status();
  } catch (const std::invalid_argument& e) {
    write_error(error, e.what());
    return OB_ERROR_INVALID_ARGUMENT;
  } catch (const std::bad_alloc&) {
    write_error(error, "out of memory");
    return OB_ERROR_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    write_error(error, e.what());
    return OB_ERROR_EXCEPTION;
  } catch (...) {
    write_error(error, "unknown exception");
    return OB_ERROR_EXCEPTION;
  }
}

State& state_of(void* context) { return *static_cast<State*>(context); }

struct Target {
  std::shared_ptr<ChannelBase> channel;
  const abi::Bridge* bridge;
};

Target find_target(const State& state, const char* channel_name, const char* channel_id) {
  if (channel_name == nullptr) throw Error(OB_ERROR_INVALID_ARGUMENT, "channel name is NULL");
  const std::string id = abi::read_text(channel_id);
  auto channel = state.registry.find(channel_name, id);
  if (!channel) {
    throw Error(OB_ERROR_NOT_FOUND, fmt::format("channel '{}' of set '{}' does not exist", channel_name, id));
  }
  const abi::Bridge* bridge = abi::find_bridge(channel_name);
  if (bridge == nullptr) {
    throw Error(OB_ERROR_UNSUPPORTED, fmt::format("channel '{}' has no C message type", channel_name));
  }
  return {std::move(channel), bridge};
}

ConsumerOptions options_from(const ob_channel_subscribe_args& args, const abi::Bridge& bridge) {
  ConsumerOptions options;
  options.name = args.consumer_name != nullptr ? args.consumer_name : "tentacle consumer";
  if (args.filter_count > 0 && args.filters == nullptr) {
    throw std::invalid_argument("filters is NULL with a non-zero filter_count");
  }
  for (std::uint32_t i = 0; i < args.filter_count; ++i) {
    const ob_channel_filter& pair = args.filters[i];
    if (pair.key == nullptr || pair.value == nullptr) {
      throw std::invalid_argument(fmt::format("filters[{}] has a NULL key or value", i));
    }
    options.filter.where(pair.key, pair.value);
  }
  if (args.priority > OB_CHANNEL_PRIORITY_OPTIONAL) {
    throw std::invalid_argument(fmt::format("priority {} is not an OB_CHANNEL_PRIORITY_* value", args.priority));
  }
  options.priority = static_cast<Priority>(args.priority);
  if (args.queue_when_full > OB_CHANNEL_QUEUE_DROP_NEWEST) {
    throw std::invalid_argument(
        fmt::format("queue_when_full {} is not an OB_CHANNEL_QUEUE_* value", args.queue_when_full));
  }
  if (args.queue_capacity != 0 || args.queue_when_full != OB_CHANNEL_QUEUE_DEFAULT) {
    QueuePolicy policy = bridge.default_queue;
    if (args.queue_capacity != 0) policy.capacity = args.queue_capacity;
    if (args.queue_when_full == OB_CHANNEL_QUEUE_BLOCK) policy.when_full = WhenFull::block;
    if (args.queue_when_full == OB_CHANNEL_QUEUE_DROP_OLDEST) policy.when_full = WhenFull::drop_oldest;
    if (args.queue_when_full == OB_CHANNEL_QUEUE_DROP_NEWEST) policy.when_full = WhenFull::drop_newest;
    options.queue = policy;
  }
  return options;
}

ob_status subscribe(void* context, const ob_channel_subscribe_args* args, ob_channel_subscription** out,
                    ob_error* error) {
  return guarded(error, [&] {
    if (args == nullptr || out == nullptr) throw std::invalid_argument("subscribe: args and out must not be NULL");
    abi::check_header(args->header, sizeof(ob_channel_subscribe_args), "ob_channel_subscribe_args");
    if (args->on_message == nullptr) throw std::invalid_argument("subscribe: on_message is NULL");
    State& state = state_of(context);
    const Target target = find_target(state, args->channel, args->channel_id);
    const ConsumerOptions options = options_from(*args, *target.bridge);

    // Owned here until registered: if anything below throws, it is discarded without calling release.
    struct Discard {
      void operator()(abi::CSubscription* s) const noexcept { s->discard(); }
    };
    std::unique_ptr<abi::CSubscription, Discard> subscription(
        new abi::CSubscription(*args, target.channel->name(), target.channel->id()));
    subscription->attach(target.bridge->subscribe(*target.channel, options, subscription.get()));
    {
      const std::lock_guard lock(state.mutex);
      const std::uint64_t sequence = state.next_sequence++;
      state.open.emplace(sequence, subscription.get());
      state.sequence_of.emplace(subscription.get(), sequence);
    }
    *out = abi::CSubscription::to_handle(subscription.release());
  });
}

void unsubscribe(void* context, ob_channel_subscription* handle) {
  if (handle == nullptr) return;
  abi::CSubscription* subscription = abi::CSubscription::from_handle(handle);
  State& state = state_of(context);
  {
    const std::lock_guard lock(state.mutex);
    const auto found = state.sequence_of.find(subscription);
    if (found == state.sequence_of.end()) {
      commons::log(commons::LogLevel::error, "channels/1", "unsubscribe called with an unknown or ended handle");
      return;
    }
    state.open.erase(found->second);
    state.sequence_of.erase(found);
  }
  subscription->end();
}

ob_status publish(void* context, const char* channel, const char* channel_id, const void* message, ob_error* error) {
  return guarded(error, [&] {
    if (message == nullptr) throw std::invalid_argument("publish: message is NULL");
    const Target target = find_target(state_of(context), channel, channel_id);
    target.bridge->publish(*target.channel, message);
  });
}

ob_status is_paused(void* context, const char* channel, const char* channel_id, int32_t* out_paused, ob_error* error) {
  return guarded(error, [&] {
    if (out_paused == nullptr) throw std::invalid_argument("is_paused: out_paused is NULL");
    if (channel == nullptr) throw std::invalid_argument("channel name is NULL");
    const std::string id = abi::read_text(channel_id);
    const auto found = state_of(context).registry.find(channel, id);
    if (!found) throw Error(OB_ERROR_NOT_FOUND, fmt::format("channel '{}' of set '{}' does not exist", channel, id));
    *out_paused = found->paused() ? 1 : 0;
  });
}

}  // namespace

ChannelsService::ChannelsService(ChannelRegistry& registry) : state_(std::make_unique<State>(registry)) {
  state_->table = ob_channels_service_v1{
      abi::header_of<ob_channels_service_v1>(), state_.get(), &subscribe, &unsubscribe, &publish, &is_paused};
}

ChannelsService::~ChannelsService() {
  std::map<std::uint64_t, abi::CSubscription*> leftovers;
  {
    const std::lock_guard lock(state_->mutex);
    leftovers.swap(state_->open);
    state_->sequence_of.clear();
  }
  if (!leftovers.empty()) {
    commons::log(commons::LogLevel::warning, "channels/1",
                 fmt::format("{} tentacle subscription(s) still open at shutdown; ending them", leftovers.size()));
  }
  for (const auto& [sequence, subscription] : leftovers) subscription->end();
}

const ob_channels_service_v1* ChannelsService::table() const noexcept { return &state_->table; }

std::size_t ChannelsService::open_subscriptions() const {
  const std::lock_guard lock(state_->mutex);
  return state_->open.size();
}

const ob_channels_service_v1* global_channels_service() {
  static ChannelsService service(ChannelRegistry::global());
  return service.table();
}

}  // namespace octobot::channel
