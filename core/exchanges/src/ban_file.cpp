#include <octobot/commons/files.hpp>
#include <octobot/commons/json_error.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/exchanges/ban_file.hpp>

#include <system_error>

namespace octobot::exchanges {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kLogSource = "exchanges";

// The file's document: an empty object when there is no file. Throws commons::JsonError (bad syntax, or
// not an object) or std::runtime_error (unreadable).
rapidjson::Document load(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    rapidjson::Document empty;
    empty.SetObject();
    return empty;
  }
  rapidjson::Document document = commons::parse_json_file(path);
  if (!document.IsObject()) {
    throw commons::JsonError(path.string(), "", "an object with one member per exchange",
                             commons::describe_json_value(document));
  }
  return document;
}

// `exchange`'s entry; nullopt when it has none. Throws commons::JsonError when the entry is malformed.
std::optional<BanRecord> entry(const rapidjson::Value& document, const std::string& exchange, const fs::path& path) {
  const auto it = document.FindMember(rapidjson::StringRef(exchange.data(), exchange.size()));
  if (it == document.MemberEnd()) return std::nullopt;
  const rapidjson::Value& value = it->value;
  const std::string where = "/" + exchange;
  if (!value.IsObject()) {
    throw commons::JsonError(path.string(), where, "an object with until_ms and reason",
                             commons::describe_json_value(value));
  }
  const auto until = value.FindMember("until_ms");
  if (until == value.MemberEnd() || !until->value.IsInt64()) {
    throw commons::JsonError(path.string(), where + "/until_ms", "milliseconds since the epoch (an integer)",
                             until == value.MemberEnd() ? "nothing" : commons::describe_json_value(until->value));
  }
  BanRecord ban;
  ban.until_ms = until->value.GetInt64();
  const auto reason = value.FindMember("reason");
  if (reason != value.MemberEnd() && reason->value.IsString()) {
    ban.reason.assign(reason->value.GetString(), reason->value.GetStringLength());
  }
  return ban;
}

}  // namespace

std::optional<BanRecord> BanFile::active(const std::string& exchange, std::int64_t now_ms) const {
  try {
    const rapidjson::Document document = load(path_);
    auto ban = entry(document, exchange, path_);
    if (ban && ban->until_ms > now_ms) return ban;
  } catch (const std::exception& error) {
    commons::log(commons::LogLevel::warning, kLogSource,
                 "the exchange ban file " + path_.string() + " is not usable, read as no ban: " + error.what());
  }
  return std::nullopt;
}

void BanFile::record(const std::string& exchange, const BanRecord& ban) const {
  rapidjson::Document document;
  try {
    document = load(path_);
  } catch (const std::exception& error) {
    // A file that is not an object holds nothing usable: it is replaced by one that does, and the log
    // says so.
    commons::log(commons::LogLevel::warning, kLogSource,
                 "the exchange ban file " + path_.string() + " is replaced: " + error.what());
    document.SetObject();
  }
  try {
    if (const auto current = entry(document, exchange, path_); current && current->until_ms >= ban.until_ms) return;
  } catch (const std::exception& error) {
    // Only this exchange's entry is broken: it is replaced below, the other exchanges' are kept.
    commons::log(
        commons::LogLevel::warning, kLogSource,
        "the exchange ban file " + path_.string() + ": the entry of " + exchange + " is replaced: " + error.what());
  }
  auto& allocator = document.GetAllocator();
  rapidjson::Value value(rapidjson::kObjectType);
  value.AddMember("until_ms", rapidjson::Value(ban.until_ms), allocator);
  value.AddMember("reason",
                  rapidjson::Value(ban.reason.c_str(), static_cast<rapidjson::SizeType>(ban.reason.size()), allocator),
                  allocator);
  document.RemoveMember(rapidjson::StringRef(exchange.data(), exchange.size()));
  document.AddMember(rapidjson::Value(exchange.c_str(), static_cast<rapidjson::SizeType>(exchange.size()), allocator),
                     value, allocator);
  std::error_code error;
  fs::create_directories(path_.parent_path(), error);
  if (error) {
    throw std::runtime_error("cannot create the folder of the exchange ban file " + path_.string() + ": " +
                             error.message());
  }
  commons::write_file_atomically(path_, commons::to_pretty_json_text(document));
}

}  // namespace octobot::exchanges
