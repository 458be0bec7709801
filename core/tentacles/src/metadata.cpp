#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacles/metadata.hpp>

#include <sys/utsname.h>

#include <stdexcept>

#include "metadata_schema.hpp"

namespace octobot::tentacles {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

Requirement parse_requirement(const std::string& text) {
  Requirement requirement;
  const auto separator = text.find("==");
  requirement.name = text.substr(0, separator);
  if (separator != std::string::npos) requirement.pinned_version = Version::parse(text.substr(separator + 2));
  return requirement;
}

const commons::JsonSchema& metadata_schema() {
  static const commons::JsonSchema schema(metadata_schema_text());
  return schema;
}

bool looks_like_octobot_python_metadata(const rapidjson::Document& document) {
  return document.IsObject() && document.HasMember("tentacles") && !document.HasMember("abi_version") &&
         !document.HasMember("libraries");
}

}  // namespace

std::string Requirement::to_string() const { return pinned_version ? name + "==" + pinned_version->to_string() : name; }

std::string AbiVersion::to_string() const { return std::to_string(major) + "." + std::to_string(minor); }

const LibraryFile* TentacleMetadata::library_for(const std::string& platform) const {
  const auto it = libraries.find(platform);
  return it == libraries.end() ? nullptr : &it->second;
}

const std::string& current_platform() {
  static const std::string platform = [] {
    utsname names{};
    if (uname(&names) != 0) return std::string("unknown-unknown");
    return lower(names.sysname) + "-" + lower(names.machine);
  }();
  return platform;
}

const std::string& metadata_schema_text() {
  static const std::string text(kMetadataSchemaJson);
  return text;
}

TentacleMetadata read_metadata(const std::filesystem::path& folder) {
  const auto file = folder / "metadata.json";
  const rapidjson::Document document = commons::parse_json_file(file);
  if (looks_like_octobot_python_metadata(document)) {
    throw commons::JsonError(file.string(), "", "a native tentacle with \"abi_version\" and \"libraries\"",
                             "OctoBot Python tentacle metadata (no native library to load)");
  }
  if (auto error = metadata_schema().validate(document, file.string())) throw *error;

  TentacleMetadata metadata;
  metadata.folder = folder;
  metadata.name = folder.filename().string();
  const std::string version_text = document["version"].GetString();
  metadata.version = *Version::parse(version_text);  // the schema's pattern guarantees it parses
  metadata.origin_package = document["origin_package"].GetString();
  for (const auto& name : document["tentacles"].GetArray()) metadata.classes.emplace_back(name.GetString());
  for (const auto& text : document["tentacles-requirements"].GetArray()) {
    metadata.requirements.push_back(parse_requirement(text.GetString()));
  }
  const std::string abi = document["abi_version"].GetString();
  const auto dot = abi.find('.');
  const unsigned long abi_major = std::stoul(abi.substr(0, dot));
  const unsigned long abi_minor = std::stoul(abi.substr(dot + 1));
  if (abi_major > 0xFFFF || abi_minor > 0xFFFF) {
    throw commons::JsonError(file.string(), "/abi_version", "MAJOR.MINOR with each part <= 65535", "\"" + abi + "\"");
  }
  metadata.abi = {static_cast<std::uint16_t>(abi_major), static_cast<std::uint16_t>(abi_minor)};
  for (const auto& entry : document["libraries"].GetObject()) {
    LibraryFile library;
    library.file = entry.value["file"].GetString();
    if (entry.value.HasMember("sha256")) library.sha256 = entry.value["sha256"].GetString();
    metadata.libraries.emplace(entry.name.GetString(), std::move(library));
  }
  return metadata;
}

}  // namespace octobot::tentacles
