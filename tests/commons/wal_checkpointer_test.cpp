#include <catch2/catch.hpp>
#include <octobot/commons/wal_checkpointer.hpp>

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "temp_dir.hpp"

using octobot::commons::WalCheckpointer;

namespace {

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  const int result = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  REQUIRE(result == SQLITE_OK);
  REQUIRE(message.empty());
}

// Rows of `t` in the database file alone, its log left behind: what a checkpoint copied there.
int rows_in_database_file(const std::filesystem::path& file, const std::filesystem::path& scratch) {
  std::filesystem::copy_file(file, scratch, std::filesystem::copy_options::overwrite_existing);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(scratch.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  int rows = -1;  // the table itself is missing
  if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM t", -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    rows = sqlite3_column_int(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

}  // namespace

TEST_CASE("the background checkpointer copies the writer's log into the database, the writer never does",
          "[wal_checkpointer]") {
  octobot::testing::TempDir dir;
  const auto file = dir / "store.sqlite";
  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &writer) == SQLITE_OK);
  exec(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0;");
  exec(writer, "CREATE TABLE t (v TEXT)");
  for (int i = 0; i < 3000; ++i) exec(writer, "INSERT INTO t VALUES ('a row of some length, one commit each')");
  // Far past SQLite's 1000-page automatic checkpoint, all of it still only in the log.
  CHECK(std::filesystem::file_size(dir / "store.sqlite-wal") > 1000 * 4096);
  CHECK(rows_in_database_file(file, dir / "copy.sqlite") == -1);

  {
    WalCheckpointer checkpointer(file.string(), std::chrono::milliseconds(20));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (checkpointer.frames_copied() == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(checkpointer.frames_copied() >= 3000);  // a frame per commit at least
    CHECK(rows_in_database_file(file, dir / "copy.sqlite") == 3000);
    // The writer goes on while it runs; the log is rewound rather than grown.
    const auto log_size = std::filesystem::file_size(dir / "store.sqlite-wal");
    for (int i = 0; i < 100; ++i) exec(writer, "INSERT INTO t VALUES ('more')");
    CHECK(std::filesystem::file_size(dir / "store.sqlite-wal") <= log_size);
  }
  // Stopping ran a last checkpoint: the 100 later rows are in the database file too.
  CHECK(rows_in_database_file(file, dir / "copy.sqlite") == 3100);
  sqlite3_close(writer);
}

TEST_CASE("a checkpointer on a database it cannot open logs it and stops, the writer is unaffected",
          "[wal_checkpointer]") {
  octobot::testing::TempDir dir;
  WalCheckpointer checkpointer((dir / "missing" / "store.sqlite").string(), std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  CHECK(checkpointer.checkpoints() == 0);
}
