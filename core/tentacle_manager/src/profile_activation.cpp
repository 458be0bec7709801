#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacle_manager/profile_activation.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <set>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

bool names_class(const rapidjson::Value& activation, const std::string& class_name) {
  for (const auto& section : activation.GetObject()) {
    if (section.value.IsObject() && section.value.HasMember(class_name.c_str())) return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::string update_profile_activation(const fs::path& profile_folder, const ActivationChange& change) {
  // load_profile validates profile.json and an existing tentacles_config.json against their schemas:
  // a file we cannot understand is never rewritten.
  const commons::Profile profile = commons::load_profile(profile_folder);
  const std::string label = "profile " + profile.name + " (" + profile_folder.string() + ")";
  if (change.empty()) return label + ": unchanged";
  if (profile.read_only) {
    return label +
           " is read-only: tentacles_config.json not updated (copy the profile to <user-dir>/profiles to "
           "activate tentacles)";
  }
  const fs::path file = profile_folder / "tentacles_config.json";
  rapidjson::Document document;
  std::error_code error;
  if (fs::is_regular_file(file, error)) {
    document = commons::parse_json_file(file);
  } else {
    document.SetObject();
    document.AddMember("tentacle_activation", rapidjson::Value(rapidjson::kObjectType), document.GetAllocator());
  }
  auto& allocator = document.GetAllocator();
  auto& activation = document["tentacle_activation"];

  std::vector<std::string> learned;
  for (const auto& [section_name, classes] : change.learn) {
    if (!activation.HasMember(section_name.c_str())) {
      activation.AddMember(rapidjson::Value(section_name.c_str(), allocator), rapidjson::Value(rapidjson::kObjectType),
                           allocator);
    }
    auto& section = activation[section_name.c_str()];
    for (const auto& class_name : classes) {
      if (names_class(activation, class_name)) continue;  // the user's true/false stays
      section.AddMember(rapidjson::Value(class_name.c_str(), allocator), rapidjson::Value(false), allocator);
      learned.push_back(class_name);
    }
  }
  std::vector<std::string> forgotten;
  const std::set<std::string> forget(change.forget.begin(), change.forget.end());
  std::vector<std::string> emptied_sections;
  for (auto& section : activation.GetObject()) {
    bool removed_here = false;
    for (const auto& class_name : forget) {
      if (section.value.EraseMember(class_name.c_str())) {
        forgotten.push_back(class_name);
        removed_here = true;
      }
    }
    if (removed_here && section.value.ObjectEmpty()) emptied_sections.emplace_back(section.name.GetString());
  }
  for (const auto& name : emptied_sections) activation.EraseMember(name.c_str());
  if (learned.empty() && forgotten.empty()) return label + ": tentacles_config.json already up to date";

  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);  // 4 spaces, as OctoBot writes it
  document.Accept(writer);
  commons::write_file_atomically(file, std::string(buffer.GetString(), buffer.GetSize()) + "\n");
  std::string note = label + ":";
  if (!learned.empty()) note += " learned " + join(learned) + " (inactive: set them to true to use them)";
  if (!forgotten.empty()) note += std::string(learned.empty() ? "" : ";") + " forgot " + join(forgotten);
  return note;
}

}  // namespace octobot::tentacle_manager
