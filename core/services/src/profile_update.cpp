#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/services/profile_update.hpp>

#include <unistd.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <stdexcept>
#include <system_error>

namespace octobot::services {
namespace {

namespace fs = std::filesystem;

// The files an update may replace: nothing outside the profile folder, nothing but JSON.
bool allowed_file(const std::string& name) {
  static const std::regex specific(R"(specific_config/[A-Za-z0-9_]+\.json)");
  return name == "profile.json" || name == "tentacles_config.json" || std::regex_match(name, specific);
}

// A fresh directory under the system's temporary directory, removed with its content when done.
class StagingDir {
 public:
  StagingDir() {
    std::string pattern = (fs::temp_directory_path() / "octobot-profile-update-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a staging directory");
    path_ = pattern;
  }
  ~StagingDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  [[nodiscard]] const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

// relative file name -> text to write. Empty with `reason` set when the body is neither shape.
struct Files {
  std::map<std::string, std::string> text;
  std::string reason;
};

Files read_body(std::string_view body) {
  Files files;
  rapidjson::Document document;
  try {
    document = commons::parse_json(body, "the fetched profile");
  } catch (const std::exception& e) {
    files.reason = std::string("not JSON: ") + e.what();
    return files;
  }
  if (!document.IsObject()) {
    files.reason = "expected a JSON object, found " + commons::describe_json_value(document);
    return files;
  }
  if (document.HasMember("octobot_profile_bundle")) {
    const auto it = document.FindMember("files");
    if (it == document.MemberEnd() || !it->value.IsObject() || it->value.MemberCount() == 0) {
      files.reason = "a profile bundle needs a non-empty \"files\" object";
      return files;
    }
    for (const auto& entry : it->value.GetObject()) {
      const std::string name = entry.name.GetString();
      if (!allowed_file(name)) {
        files.reason = "the bundle lists \"" + name +
                       "\": only profile.json, tentacles_config.json and specific_config/<Class>.json are accepted";
        return {{}, files.reason};
      }
      if (!entry.value.IsObject()) {
        files.reason = name + ": expected an object, found " + commons::describe_json_value(entry.value);
        return {{}, files.reason};
      }
      files.text[name] = commons::to_pretty_json_text(entry.value);
    }
    return files;
  }
  if (!document.HasMember("profile") || !document.HasMember("config")) {
    files.reason = "neither a profile.json document ({\"profile\": ..., \"config\": ...}) nor a profile bundle";
    return files;
  }
  files.text["profile.json"] = std::string(body);
  return files;
}

// Same JSON as the installed file (RapidJSON compares object members by name, in any order).
bool same_as_installed(const fs::path& installed, const std::string& text) {
  std::error_code error;
  if (!fs::is_regular_file(installed, error)) return false;
  try {
    return commons::parse_json_file(installed) == commons::parse_json(text, installed.string());
  } catch (const std::exception&) {
    return false;  // an unreadable installed file is replaced by a valid one
  }
}

std::string without_prefix(std::string text, const std::string& prefix) {
  for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) text.erase(at, prefix.size());
  return text;
}

std::optional<std::string> incompatibility(const commons::Profile& installed, const commons::Profile& fresh) {
  if (!installed.id.empty() && fresh.id != installed.id) {
    return "its id is \"" + fresh.id + "\", the installed profile's is \"" + installed.id +
           "\": an update never turns one profile into another";
  }
  if (fresh.trader_enabled && !installed.trader_enabled) {
    return "it switches from paper to real trading (config.trader.enabled): do that by hand, never from a URL";
  }
  bool exchange = false;
  for (const auto& entry : fresh.exchanges) exchange = exchange || entry.enabled;
  if (!exchange) return std::string("it enables no exchange");
  if (fresh.trading_pairs().empty()) return std::string("it trades no pair");
  return std::nullopt;
}

}  // namespace

UpdateResult apply_profile_update(const commons::Profile& installed, std::string_view body, const ProfileCheck& check) {
  UpdateResult result;
  Files files = read_body(body);
  if (!files.reason.empty()) {
    result.status = UpdateStatus::refused;
    result.reason = std::move(files.reason);
    return result;
  }
  std::vector<std::string> changed;
  for (const auto& [name, text] : files.text) {
    if (!same_as_installed(installed.folder / name, text)) changed.push_back(name);
  }
  if (changed.empty()) return result;

  // Validate the profile as it would be: a copy of the folder with the new files, loaded.
  StagingDir staging;
  const fs::path staged = staging.path() / "profile";
  fs::copy(installed.folder, staged, fs::copy_options::recursive);
  fs::remove_all(staged / kProfileBackupDir);
  for (const auto& name : changed) {
    fs::create_directories((staged / name).parent_path());
    commons::write_file_atomically(staged / name, files.text[name]);
  }
  commons::Profile fresh;
  try {
    fresh = commons::load_profile(staged);
  } catch (const std::exception& e) {
    result.status = UpdateStatus::refused;
    result.reason = without_prefix(e.what(), staged.string() + "/");
    return result;
  }
  fresh.folder = installed.folder;
  std::optional<std::string> reason = incompatibility(installed, fresh);
  if (!reason && check) reason = check(fresh);
  if (reason) {
    result.status = UpdateStatus::refused;
    result.reason = std::move(*reason);
    return result;
  }

  // Install: the previous files first (one previous version kept), then each new file atomically.
  const fs::path backup = installed.folder / kProfileBackupDir;
  fs::remove_all(backup);
  for (const auto& name : changed) {
    std::error_code error;
    if (!fs::is_regular_file(installed.folder / name, error)) continue;
    fs::create_directories((backup / name).parent_path());
    fs::copy_file(installed.folder / name, backup / name, fs::copy_options::overwrite_existing);
  }
  for (const auto& name : changed) {
    fs::create_directories((installed.folder / name).parent_path());
    commons::write_file_atomically(installed.folder / name, files.text[name]);
  }
  result.status = UpdateStatus::installed;
  result.changed_files = std::move(changed);
  result.backup_dir = backup;
  return result;
}

}  // namespace octobot::services
