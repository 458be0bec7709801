#include <catch2/catch.hpp>
#include <octobot/exchanges/order_journal.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>

#include "live_test_support.hpp"

using namespace octobot::exchanges;
using namespace octobot::exchanges::testing;

namespace {

JournalEntry entry(const char* id, JournalState state, std::int64_t created) {
  JournalEntry e;
  e.client_order_id = id;
  e.symbol = "BTC/USDT";
  e.side = octobot::channel::Side::sell;
  e.type = octobot::channel::OrderType::stop_loss_limit;
  e.amount = d("0.12345678");
  e.price = d("19500.13");
  e.trigger_price = d("19600.5");
  e.group = "obg-1";
  e.group_kind = 0;
  e.portfolio = "main";
  e.state = state;
  e.exchange_order_id = "889";
  e.filled = d("0.00000001");
  e.filled_cost = d("0.1950013");
  e.fees = d("0.0000000001");
  e.fee_asset = "BNB";
  e.reason = "why";
  e.created_ms = created;
  e.updated_ms = created + 1;
  return e;
}

}  // namespace

TEST_CASE("journal: an entry is read back exactly, by another connection too, and survives reopening", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  const JournalEntry written = entry("ob-a", JournalState::acknowledged, 10);
  {
    OrderJournal journal(path);
    journal.save(written);
    OrderJournal reader(path);  // committed at once: another connection sees it
    REQUIRE(reader.find("ob-a").has_value());
    CHECK(*reader.find("ob-a") == written);
  }  // closed without anything else, as a killed process would leave it
  OrderJournal reopened(path);
  REQUIRE(reopened.find("ob-a").has_value());
  CHECK(*reopened.find("ob-a") == written);
  CHECK_FALSE(reopened.find("ob-b").has_value());
}

TEST_CASE("journal: unfinished lists held, pending and acknowledged orders, oldest first", "[journal]") {
  TempDir dir;
  OrderJournal journal(dir.file("journal.sqlite"));
  journal.save(entry("c", JournalState::pending_send, 30));
  journal.save(entry("a", JournalState::held, 10));
  journal.save(entry("b", JournalState::acknowledged, 20));
  journal.save(entry("f", JournalState::filled, 5));
  journal.save(entry("x", JournalState::cancelled, 6));
  journal.save(entry("r", JournalState::rejected, 7));
  std::vector<std::string> ids;
  for (const JournalEntry& e : journal.unfinished()) ids.push_back(e.client_order_id);
  CHECK(ids == std::vector<std::string>{"a", "b", "c"});
  JournalEntry updated = entry("b", JournalState::filled, 20);
  journal.save(updated);  // same name: replaced, not added
  CHECK(journal.unfinished().size() == 2);
  CHECK(journal.symbols() == std::vector<std::string>{"BTC/USDT"});
}

TEST_CASE("journal: a trade is recorded once and the symbol's cursor only moves forward", "[journal]") {
  TempDir dir;
  OrderJournal journal(dir.file("journal.sqlite"));
  CHECK_FALSE(journal.last_trade_ms("BTC/USDT").has_value());
  CHECK(journal.record_fill("ob-a", "t1", "BTC/USDT", 100));
  CHECK_FALSE(journal.record_fill("ob-a", "t1", "BTC/USDT", 100));
  CHECK(journal.record_fill("ob-b", "t1", "BTC/USDT", 50));  // trade ids are per order
  CHECK(journal.last_trade_ms("BTC/USDT") == 100);
  CHECK(journal.record_fill("ob-a", "t2", "BTC/USDT", 200));
  CHECK(journal.last_trade_ms("BTC/USDT") == 200);
  CHECK(journal.has_fill("ob-a", "t2"));
  CHECK_FALSE(journal.has_fill("ob-a", "t3"));
  CHECK_FALSE(journal.last_trade_ms("ETH/USDT").has_value());
}

TEST_CASE("journal: an unwritable path is an error naming it", "[journal]") {
  CHECK_THROWS_WITH(OrderJournal("/nonexistent-dir/journal.sqlite"),
                    Catch::Contains("/nonexistent-dir/journal.sqlite"));
}

TEST_CASE("journal: both durabilities keep every committed row when the process is killed with SIGKILL", "[journal]") {
  const JournalDurability durability = GENERATE(JournalDurability::full, JournalDurability::process);
  INFO("journal durability " << to_string(durability));
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  {
    const OrderJournal journal(path, durability);
    CHECK(journal.durability() == durability);  // read back from SQLite: the PRAGMA took
  }
  // A child writes rows then is killed mid-run: no destructor, no close, no checkpoint. Rows it
  // committed are in the WAL (on disk for full, in the OS's cache for process): a new connection sees them.
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    OrderJournal journal(path, durability);
    for (int i = 0; i < 20; ++i) {
      journal.save(entry(("ob-" + std::to_string(i)).c_str(), JournalState::pending_send, i));
    }
    (void)journal.record_fill("ob-3", "t1", "BTC/USDT", 100);
    ::raise(SIGKILL);
    ::_exit(3);  // not reached
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  const OrderJournal reopened(path, durability);
  CHECK(reopened.unfinished().size() == 20);
  REQUIRE(reopened.find("ob-19").has_value());
  CHECK(*reopened.find("ob-19") == entry("ob-19", JournalState::pending_send, 19));
  CHECK(reopened.has_fill("ob-3", "t1"));
  CHECK(reopened.last_trade_ms("BTC/USDT") == 100);
}
