// Thin RAII wrappers over the SQLite C API, private to the package. Every failure becomes a
// DataFileError naming the file and SQLite's own message, so callers never see a bare status code.
#pragma once

#include <octobot/backtesting/data/data_file_error.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::backtesting::data::detail {

enum class OpenMode { read_only, read_write_create };

class Database {
 public:
  Database(const std::filesystem::path& file, OpenMode mode);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }
  [[nodiscard]] const std::filesystem::path& file() const noexcept { return file_; }

  // Runs statements without results (schema, pragmas, transactions).
  void exec(const char* sql) const;
  [[nodiscard]] bool has_table(std::string_view name) const;
  // The column names of a table, in declaration order (empty when the table does not exist).
  [[nodiscard]] std::vector<std::string> columns_of(std::string_view table) const;

  // Throws DataFileError with what SQLite says went wrong, prefixed by what we were doing.
  [[noreturn]] void fail(std::string_view doing) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

class Statement {
 public:
  Statement(const Database& db, const char* sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  // True while a row is available.
  bool step();
  void reset();

  [[nodiscard]] std::int64_t integer(int column) const noexcept { return sqlite3_column_int64(statement_, column); }
  [[nodiscard]] double real(int column) const noexcept { return sqlite3_column_double(statement_, column); }
  [[nodiscard]] int type(int column) const noexcept { return sqlite3_column_type(statement_, column); }
  [[nodiscard]] std::string_view text(int column) const noexcept;
  [[nodiscard]] sqlite3_stmt* handle() const noexcept { return statement_; }

 private:
  const Database* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// BEGIN ... COMMIT, rolled back when destroyed before commit() (an exception on the way).
class Transaction {
 public:
  explicit Transaction(const Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  const Database& db_;
  bool open_ = true;
};

}  // namespace octobot::backtesting::data::detail
