#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacle_manager/archive.hpp>
#include <octobot/tentacle_manager/manifest.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <set>

#include "manager_schemas.hpp"

namespace octobot::tentacle_manager {
namespace {

const commons::JsonSchema& manifest_schema() {
  static const commons::JsonSchema schema(manifest_schema_text());
  return schema;
}

std::vector<std::string> strings(const rapidjson::Value& array) {
  std::vector<std::string> out;
  for (const auto& item : array.GetArray()) out.emplace_back(item.GetString());
  return out;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// The checks a JSON Schema cannot express, each naming the JSON path it is about.
void check_consistency(const PackageManifest& manifest, const std::string& source) {
  std::set<std::string> tentacle_paths;
  for (std::size_t i = 0; i < manifest.tentacles.size(); ++i) {
    const auto& tentacle = manifest.tentacles[i];
    const std::string where = "/tentacles/" + std::to_string(i);
    if (auto reason = unsafe_path_reason(tentacle.path)) {
      throw commons::JsonError(source, where + "/path", "a path inside the tentacles tree", *reason);
    }
    if (tentacle.path.substr(tentacle.path.rfind('/') + 1) != tentacle.name) {
      throw commons::JsonError(source, where + "/name", "the last component of \"path\" (" + tentacle.path + ")",
                               quoted(tentacle.name));
    }
    if (!tentacle_paths.insert(tentacle.path).second) {
      throw commons::JsonError(source, where + "/path", "each tentacle once", quoted(tentacle.path) + " twice");
    }
  }
  std::set<std::string> file_paths;
  for (std::size_t i = 0; i < manifest.files.size(); ++i) {
    const auto& file = manifest.files[i];
    const std::string where = "/files/" + std::to_string(i) + "/path";
    if (auto reason = unsafe_path_reason(file.path)) {
      throw commons::JsonError(source, where, "a path inside the package", *reason);
    }
    if (normalize_relative_path(file.path) != file.path) {
      throw commons::JsonError(source, where, "a normalized path (no \"./\", no \"//\")", quoted(file.path));
    }
    bool inside_a_tentacle = false;
    for (const auto& tentacle : manifest.tentacles) {
      const std::string prefix = std::string(kPackageTentaclesFolder) + "/" + tentacle.path + "/";
      if (file.path.compare(0, prefix.size(), prefix) == 0) inside_a_tentacle = true;
    }
    if (!inside_a_tentacle) {
      throw commons::JsonError(source, where,
                               "a file inside one of the package's tentacle folders (tentacles/<path>/...)",
                               quoted(file.path));
    }
    if (!file_paths.insert(file.path).second) {
      throw commons::JsonError(source, where, "each file once", quoted(file.path) + " twice");
    }
  }
  for (const auto& tentacle : manifest.tentacles) {
    const std::string metadata = std::string(kPackageTentaclesFolder) + "/" + tentacle.path + "/metadata.json";
    if (file_paths.count(metadata) == 0) {
      throw commons::JsonError(source, "/files", "an entry for " + metadata, "none");
    }
  }
}

}  // namespace

std::string ManifestTentacle::type() const { return path.substr(0, path.find('/')); }

const std::string& manifest_schema_text() {
  static const std::string text(kManifestSchemaJson);
  return text;
}

PackageManifest parse_manifest(std::string_view text, const std::string& source) {
  const rapidjson::Document document = commons::parse_json(text, source);
  if (auto error = manifest_schema().validate(document, source)) throw *error;
  PackageManifest manifest;
  manifest.name = document["name"].GetString();
  manifest.version = document["version"].GetString();
  manifest.platform = document["platform"].GetString();
  manifest.abi_version = document["abi_version"].GetString();
  if (document.HasMember("created_by")) manifest.created_by = document["created_by"].GetString();
  for (const auto& item : document["tentacles"].GetArray()) {
    ManifestTentacle tentacle;
    tentacle.path = item["path"].GetString();
    tentacle.name = item["name"].GetString();
    tentacle.version = item["version"].GetString();
    tentacle.classes = strings(item["classes"]);
    if (item.HasMember("requirements")) tentacle.requirements = strings(item["requirements"]);
    manifest.tentacles.push_back(std::move(tentacle));
  }
  for (const auto& item : document["files"].GetArray()) {
    manifest.files.push_back({item["path"].GetString(), item["size"].GetUint64(), item["sha256"].GetString()});
  }
  check_consistency(manifest, source);
  return manifest;
}

std::string format_manifest(const PackageManifest& manifest) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  auto string_array = [&](const std::vector<std::string>& items) {
    writer.StartArray();
    for (const auto& item : items) writer.String(item.c_str());
    writer.EndArray();
  };
  writer.StartObject();
  writer.Key("format");
  writer.Int(kManifestFormat);
  writer.Key("name");
  writer.String(manifest.name.c_str());
  writer.Key("version");
  writer.String(manifest.version.c_str());
  writer.Key("platform");
  writer.String(manifest.platform.c_str());
  writer.Key("abi_version");
  writer.String(manifest.abi_version.c_str());
  writer.Key("created_by");
  writer.String(manifest.created_by.c_str());
  writer.Key("tentacles");
  writer.StartArray();
  for (const auto& tentacle : manifest.tentacles) {
    writer.StartObject();
    writer.Key("path");
    writer.String(tentacle.path.c_str());
    writer.Key("name");
    writer.String(tentacle.name.c_str());
    writer.Key("version");
    writer.String(tentacle.version.c_str());
    writer.Key("classes");
    string_array(tentacle.classes);
    writer.Key("requirements");
    string_array(tentacle.requirements);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("files");
  writer.StartArray();
  for (const auto& file : manifest.files) {
    writer.StartObject();
    writer.Key("path");
    writer.String(file.path.c_str());
    writer.Key("size");
    writer.Uint64(file.size);
    writer.Key("sha256");
    writer.String(file.sha256.c_str());
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace octobot::tentacle_manager
