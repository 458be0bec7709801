// A channel starts paused, resumes when a HIGH or MEDIUM consumer subscribes, and pauses again when
// only OPTIONAL consumers remain; pause listeners see each transition.
#include <catch2/catch.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <vector>

#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::TestChannel;

namespace {

Subscription subscribe_with(TestChannel& channel, Priority priority) {
  return channel.subscribe([](const auto&) {}, ConsumerOptions().with_priority(priority));
}

}  // namespace

TEST_CASE("a channel starts paused", "[channel][pause]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  CHECK(channel.paused());
}

TEST_CASE("optional consumers alone never resume a channel", "[channel][pause]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  auto a = subscribe_with(channel, Priority::optional);
  auto b = subscribe_with(channel, Priority::optional);
  CHECK(channel.paused());
  a.unsubscribe();
  CHECK(channel.paused());
}

TEST_CASE("each non-optional priority resumes the channel and removing the last one pauses it", "[channel][pause]") {
  const Priority priority = GENERATE(Priority::high, Priority::medium);
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  auto optional = subscribe_with(channel, Priority::optional);

  auto running = subscribe_with(channel, priority);
  CHECK_FALSE(channel.paused());
  running.unsubscribe();
  CHECK(channel.paused());  // only the optional consumer remains
  optional.unsubscribe();
  CHECK(channel.paused());
}

TEST_CASE("the channel stays running while any non-optional consumer remains", "[channel][pause]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  auto high = subscribe_with(channel, Priority::high);
  auto medium = subscribe_with(channel, Priority::medium);
  auto optional = subscribe_with(channel, Priority::optional);
  CHECK_FALSE(channel.paused());
  high.unsubscribe();
  CHECK_FALSE(channel.paused());
  optional.unsubscribe();
  CHECK_FALSE(channel.paused());
  medium.unsubscribe();
  CHECK(channel.paused());
}

TEST_CASE("pause listeners are told the current state and then each transition", "[channel][pause]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  std::vector<bool> seen;
  auto watch = channel.watch_pause([&](bool paused) { seen.push_back(paused); });
  REQUIRE(seen == std::vector<bool>{true});

  auto optional = subscribe_with(channel, Priority::optional);  // no transition
  auto high = subscribe_with(channel, Priority::high);          // resume
  auto medium = subscribe_with(channel, Priority::medium);      // no transition
  high.unsubscribe();                                           // no transition
  medium.unsubscribe();                                         // pause
  auto again = subscribe_with(channel, Priority::medium);       // resume
  CHECK(seen == std::vector<bool>{true, false, true, false});

  watch.reset();
  again.unsubscribe();
  CHECK(seen.size() == 4);  // no call after reset
}

TEST_CASE("a listener may subscribe to its own channel when told it is paused", "[channel][pause]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  Subscription keep_alive;
  std::vector<bool> seen;
  auto watch = channel.watch_pause([&](bool paused) {
    seen.push_back(paused);
    if (paused && !keep_alive.active()) keep_alive = subscribe_with(channel, Priority::high);
  });
  CHECK_FALSE(channel.paused());
  CHECK(seen == std::vector<bool>{true, false});
}

TEST_CASE("closing a channel pauses it and ends its subscriptions", "[channel][pause]") {
  SyncDriver driver;
  Subscription survivor;
  std::vector<bool> seen;
  PauseWatch watch;
  {
    TestChannel channel("x", DeliveryMode::synchronized(driver));
    survivor = subscribe_with(channel, Priority::high);
    watch = channel.watch_pause([&](bool paused) { seen.push_back(paused); });
    channel.send(octobot::channel::test::message(1));
  }
  CHECK(seen == std::vector<bool>{false, true});
  CHECK(driver.drain() == 0);  // the queued message died with its consumer
  survivor.unsubscribe();      // safe although the channel is gone
  watch.reset();
}
