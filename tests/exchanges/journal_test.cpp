#include <catch2/catch.hpp>
#include <octobot/exchanges/order_journal.hpp>

#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "journal_ahead_log.hpp"  // core/exchanges/src: the write-ahead line format
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
  e.owner = {"LinkedOrdersMode", "BTC/USDT", "exit-stop"};
  return e;
}

// The journal_orders table as the first schema made it (no owner columns), with one row.
void write_first_schema_journal(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const char* sql = R"sql(
CREATE TABLE journal_orders (
  client_order_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, side INTEGER NOT NULL, type INTEGER NOT NULL,
  amount TEXT NOT NULL, price TEXT NOT NULL, trigger_price TEXT NOT NULL, grp TEXT NOT NULL,
  group_kind INTEGER NOT NULL, portfolio TEXT NOT NULL, state INTEGER NOT NULL, exchange_order_id TEXT NOT NULL,
  filled TEXT NOT NULL, filled_cost TEXT NOT NULL, fees TEXT NOT NULL, fee_asset TEXT NOT NULL,
  reason TEXT NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL);
INSERT INTO journal_orders VALUES ('ob-old', 'BTC/USDT', 1, 1, '0.5', '20000', '0', '', -1, 'main', 2, '77',
  '0', '0', '0', '', '', 5, 6);
)sql";
  char* error = nullptr;
  const int result = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  INFO(message);
  REQUIRE(result == SQLITE_OK);
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

namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The entries a write-ahead file holds: its text up to the first NUL (the reserved, zeroed rest).
std::string ahead_text(const std::string& path) {
  std::string text = file_text(path);
  return text.substr(0, text.find('\0'));
}

// Writes `bytes` right after the entries of the write-ahead file at `path`, where a kill inside an
// entry's copy would leave them.
void write_after_entries(const std::string& path, std::string_view bytes) {
  const std::size_t end = ahead_text(path).size();
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(static_cast<std::streamoff>(end));
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// What another connection (sqlite3, another process) sees of `id`'s row: its state, or -1 for none.
int committed_state(const std::string& path, const std::string& id) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT state FROM journal_orders WHERE client_order_id = ?1", -1, &statement,
                             nullptr) == SQLITE_OK);
  sqlite3_bind_text(statement, 1, id.c_str(), -1, SQLITE_TRANSIENT);
  const int state = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : -1;
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return state;
}

}  // namespace

TEST_CASE("journal: with process durability the row before a send is written ahead, then settled into SQLite",
          "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  const std::string ahead = OrderJournal::ahead_path(path);
  OrderJournal journal(path, JournalDurability::process);
  journal.save(entry("ob-a", JournalState::pending_send, 1));
  CHECK(journal.owed() == 1);
  CHECK(ahead_text(ahead).find("ob-a") != std::string::npos);  // on the OS's side: survives kill -9
  CHECK(committed_state(path, "ob-a") == -1);                  // not a SQLite commit on the order path
  journal.settle();
  CHECK(journal.owed() == 0);
  CHECK(ahead_text(ahead).empty());
  CHECK(committed_state(path, "ob-a") == static_cast<int>(JournalState::pending_send));

  // Reads and later writes see the owed rows, in the order written: the later state wins.
  journal.save(entry("ob-b", JournalState::pending_send, 2));
  REQUIRE(journal.find("ob-b").has_value());
  CHECK(*journal.find("ob-b") == entry("ob-b", JournalState::pending_send, 2));
  journal.save(entry("ob-c", JournalState::pending_send, 3));
  journal.save(entry("ob-c", JournalState::acknowledged, 3));
  CHECK(journal.owed() == 0);
  CHECK(journal.find("ob-c")->state == JournalState::acknowledged);

  // Other states and rows written inside a Transaction go to SQLite directly.
  journal.save(entry("ob-d", JournalState::held, 4));
  CHECK(journal.owed() == 0);
  {
    OrderJournal::Transaction write(journal);
    journal.save(entry("ob-e", JournalState::pending_send, 5));
    write.commit();
  }
  CHECK(journal.owed() == 0);
  CHECK(committed_state(path, "ob-e") == static_cast<int>(JournalState::pending_send));
}

TEST_CASE("journal: with full durability nothing is written ahead", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  OrderJournal journal(path, JournalDurability::full);
  journal.save(entry("ob-a", JournalState::pending_send, 1));
  CHECK(journal.owed() == 0);
  CHECK(committed_state(path, "ob-a") == static_cast<int>(JournalState::pending_send));
  CHECK_FALSE(std::filesystem::exists(OrderJournal::ahead_path(path)));
}

TEST_CASE("journal: rows written ahead by a process killed before settling are recovered at the next open",
          "[journal]") {
  const JournalDurability reopened_as = GENERATE(JournalDurability::process, JournalDurability::full);
  INFO("reopened with durability " << to_string(reopened_as));
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  {
    OrderJournal journal(path, JournalDurability::process);
    journal.save(entry("ob-newer", JournalState::acknowledged, 1));
  }
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    OrderJournal journal(path, JournalDurability::process);
    for (int i = 0; i < 5; ++i) journal.save(entry(("ob-" + std::to_string(i)).c_str(), JournalState::pending_send, i));
    // A row SQLite already holds in a later state: the older one written ahead must not replace it.
    journal.save(entry("ob-newer", JournalState::pending_send, 1));
    ::raise(SIGKILL);  // before any settle: the rows are only in the write-ahead file
    ::_exit(3);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK(committed_state(path, "ob-4") == -1);
  {  // the file's reserved zeros after the entries are no entry, and no line cut short either
    const auto file = octobot::exchanges::detail::JournalAheadLog::take(OrderJournal::ahead_path(path));
    REQUIRE(file != nullptr);
    const auto found = file->read_all();
    CHECK(found.entries.size() == 6);
    CHECK(found.skipped.empty());
  }
  // A cut last line (what a kill inside its copy, or a power cut, could leave) is skipped, the rest recovered.
  write_after_entries(OrderJournal::ahead_path(path), "1\tob-cut\tBTC/U");
  const OrderJournal reopened(path, reopened_as);
  CHECK(reopened.unfinished().size() == 6);
  REQUIRE(reopened.find("ob-4").has_value());
  CHECK(*reopened.find("ob-4") == entry("ob-4", JournalState::pending_send, 4));
  CHECK(reopened.find("ob-newer")->state == JournalState::acknowledged);
  CHECK_FALSE(reopened.find("ob-cut").has_value());
  CHECK(committed_state(path, "ob-4") == static_cast<int>(JournalState::pending_send));
  if (reopened_as == JournalDurability::full) {
    CHECK_FALSE(std::filesystem::exists(OrderJournal::ahead_path(path)));
  } else {
    CHECK(ahead_text(OrderJournal::ahead_path(path)).empty());
  }
}

TEST_CASE("journal: the write-ahead file grows past its first reservation and is left empty when nothing is owed",
          "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  const std::string ahead = OrderJournal::ahead_path(path);
  {
    OrderJournal journal(path, JournalDurability::process);
    constexpr int kRows = 600;  // ~150 KB of lines: more than the first 64 KiB
    for (int i = 0; i < kRows; ++i)
      journal.save(entry(("ob-" + std::to_string(i)).c_str(), JournalState::pending_send, i));
    CHECK(journal.owed() == kRows);
    const std::string text = ahead_text(ahead);
    CHECK(text.size() > 64 * 1024);
    CHECK(std::count(text.begin(), text.end(), '\n') == kRows);
    journal.settle();
    CHECK(ahead_text(ahead).empty());
    CHECK(committed_state(path, "ob-599") == static_cast<int>(JournalState::pending_send));
    journal.save(entry("ob-next", JournalState::pending_send, 1));  // written at the start again
    CHECK(ahead_text(ahead).rfind("2\tob-next\t", 0) == 0);
  }  // closed: the destructor settles, then nothing is owed
  CHECK(std::filesystem::file_size(ahead) == 0);
  CHECK(committed_state(path, "ob-next") == static_cast<int>(JournalState::pending_send));
}

TEST_CASE("journal: a write-ahead file left by an earlier version (its lines, no reserved zeros) is recovered",
          "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  { OrderJournal create(path, JournalDurability::full); }
  {
    std::ofstream out(OrderJournal::ahead_path(path), std::ios::binary | std::ios::trunc);
    out << octobot::exchanges::detail::encode_ahead_entry(entry("ob-old", JournalState::pending_send, 7));
  }
  const OrderJournal reopened(path, JournalDurability::process);
  REQUIRE(reopened.find("ob-old").has_value());
  CHECK(*reopened.find("ob-old") == entry("ob-old", JournalState::pending_send, 7));
  CHECK(ahead_text(OrderJournal::ahead_path(path)).empty());
}

TEST_CASE("journal: a second journal on the same file leaves the owner's write-ahead file alone", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  OrderJournal owner(path, JournalDurability::process);
  owner.save(entry("ob-a", JournalState::pending_send, 1));
  {
    OrderJournal reader(path, JournalDurability::process);
    CHECK_FALSE(reader.find("ob-a").has_value());  // not settled yet: not the reader's to move
    reader.save(entry("ob-r", JournalState::pending_send, 2));
    CHECK(reader.owed() == 0);  // it cannot write ahead: straight to SQLite
  }
  CHECK(ahead_text(OrderJournal::ahead_path(path)).find("ob-a") != std::string::npos);
  owner.settle();
  CHECK(committed_state(path, "ob-a") == static_cast<int>(JournalState::pending_send));
  CHECK(committed_state(path, "ob-r") == static_cast<int>(JournalState::pending_send));
}

TEST_CASE("journal: a written-ahead line reads back exactly, tabs, newlines and backslashes included", "[journal]") {
  using octobot::exchanges::detail::decode_ahead_entry;
  using octobot::exchanges::detail::encode_ahead_entry;
  JournalEntry tricky = entry("ob-\\t", JournalState::pending_send, -5);
  tricky.reason = "line one\nline\ttwo \\n not a newline \\";
  tricky.group = "";
  tricky.group_kind = -1;
  tricky.owner = {"Mode\tWith Tab", "", "tag\\with\nall"};
  const std::string line = encode_ahead_entry(tricky);
  REQUIRE(line.back() == '\n');
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
  const auto back = decode_ahead_entry(std::string_view(line).substr(0, line.size() - 1));
  REQUIRE(back.has_value());
  CHECK(*back == tricky);
  CHECK_FALSE(decode_ahead_entry("3" + line.substr(1, line.size() - 2)).has_value());  // another version
  CHECK_FALSE(decode_ahead_entry("1\tob-x\tBTC/USDT").has_value());                    // fields missing
  CHECK_FALSE(decode_ahead_entry("").has_value());
}

TEST_CASE("journal: a written-ahead line of the version before owners reads with no owner", "[journal]") {
  using octobot::exchanges::detail::decode_ahead_entry;
  using octobot::exchanges::detail::encode_ahead_entry;
  JournalEntry ownerless = entry("ob-v1", JournalState::pending_send, 3);
  ownerless.owner = {};
  const std::string line = encode_ahead_entry(ownerless);
  // Version 2 ends with the owner's three (here empty) fields: "\t\t\t\n". Version 1 is the rest.
  REQUIRE(line.size() > 4);
  REQUIRE(line.compare(line.size() - 4, 4, "\t\t\t\n") == 0);
  const std::string first_version = "1" + line.substr(1, line.size() - 5);
  const auto back = decode_ahead_entry(first_version);
  REQUIRE(back.has_value());
  CHECK(*back == ownerless);
  // A version 1 line with the owner's fields, or a version 2 line without them, is neither.
  CHECK_FALSE(decode_ahead_entry("1" + line.substr(1, line.size() - 2)).has_value());
  CHECK_FALSE(decode_ahead_entry("2" + first_version.substr(1)).has_value());
}

TEST_CASE("journal: the owner is kept with the row, and a journal without the owner columns gets them", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal.sqlite");
  write_first_schema_journal(path);
  {
    OrderJournal journal(path, JournalDurability::process);
    const auto old = journal.find("ob-old");
    REQUIRE(old.has_value());
    CHECK(old->owner.empty());
    CHECK(old->exchange_order_id == "77");
    CHECK(old->state == JournalState::acknowledged);
    journal.save(entry("ob-new", JournalState::pending_send, 8));    // written ahead, with its owner
    journal.save(entry("ob-acked", JournalState::acknowledged, 9));  // straight to SQLite
  }
  const OrderJournal reopened(path, JournalDurability::full);  // opened again: nothing to add
  REQUIRE(reopened.find("ob-new").has_value());
  CHECK(*reopened.find("ob-new") == entry("ob-new", JournalState::pending_send, 8));
  CHECK(reopened.find("ob-acked")->owner == octobot::trading::OrderOwner{"LinkedOrdersMode", "BTC/USDT", "exit-stop"});
  CHECK(reopened.find("ob-old")->owner.empty());
  CHECK(reopened.unfinished().size() == 3);
}
