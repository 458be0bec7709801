#include "sqlite.hpp"

#include <fmt/format.h>

#include <utility>

namespace octobot::backtesting::data::detail {

Database::Database(const std::filesystem::path& file, OpenMode mode) : file_(file) {
  const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (mode == OpenMode::read_only && !std::filesystem::is_regular_file(file)) {
    throw DataFileError(file.string(), "an existing data file", "no such file");
  }
  if (sqlite3_open_v2(file.string().c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw DataFileError(file.string(), "a SQLite database", message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close(db_); }

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
  }
  return *this;
}

void Database::exec(const char* sql) const {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(fmt::format("to run \"{}\"", sql));
}

bool Database::has_table(std::string_view name) const {
  Statement statement(*this, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  statement.bind(1, name);
  return statement.step();
}

std::vector<std::string> Database::columns_of(std::string_view table) const {
  Statement statement(*this, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  statement.bind(1, table);
  std::vector<std::string> names;
  while (statement.step()) names.emplace_back(statement.text(0));
  return names;
}

void Database::fail(std::string_view doing) const {
  const int code = sqlite3_errcode(db_);
  if ((code & 0xff) == SQLITE_NOTADB) {
    throw DataFileError(file_.string(), "a SQLite database",
                        "a file that is not one (" + std::string(sqlite3_errmsg(db_)) + ")");
  }
  throw DataFileError(file_.string(), std::string(doing), sqlite3_errmsg(db_));
}

Statement::Statement(const Database& db, const char* sql) : db_(&db) {
  if (sqlite3_prepare_v2(db.handle(), sql, -1, &statement_, nullptr) != SQLITE_OK) {
    db.fail(fmt::format("to prepare \"{}\"", sql));
  }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) db_->fail("to bind an integer");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) db_->fail("to bind a number");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    db_->fail("to bind a text");
  }
  return *this;
}

bool Statement::step() {
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  db_->fail(fmt::format("to run \"{}\"", sqlite3_sql(statement_)));
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::string_view Statement::text(int column) const noexcept {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  return {reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

Transaction::Transaction(const Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace octobot::backtesting::data::detail
