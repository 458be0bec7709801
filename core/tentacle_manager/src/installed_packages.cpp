#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacle_manager/installed_packages.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <ctime>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

const char* kRecordSchema = R"({
  "type": "object",
  "required": ["name", "version", "source", "installed_at", "signed_by", "manifest"],
  "properties": {
    "name": {"type": "string"}, "version": {"type": "string"}, "source": {"type": "string"},
    "installed_at": {"type": "string"}, "signed_by": {"type": "string"}, "allowed_unsigned": {"type": "boolean"},
    "manifest": {"type": "string"}, "signature": {"type": ["string", "null"]}
  }
})";

}  // namespace

bool InstalledPackage::owns(const std::string& path) const {
  return std::any_of(manifest.tentacles.begin(), manifest.tentacles.end(),
                     [&](const ManifestTentacle& tentacle) { return tentacle.path == path; });
}

std::string format_package_record(const InstalledPackage& package) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("name");
  writer.String(package.name.c_str());
  writer.Key("version");
  writer.String(package.version.c_str());
  writer.Key("source");
  writer.String(package.source.c_str());
  writer.Key("installed_at");
  writer.String(package.installed_at.c_str());
  writer.Key("signed_by");
  writer.String(package.signed_by.c_str());
  writer.Key("allowed_unsigned");
  writer.Bool(package.allowed_unsigned);
  writer.Key("manifest");
  writer.String(package.manifest_text.c_str(), static_cast<rapidjson::SizeType>(package.manifest_text.size()));
  writer.Key("signature");
  if (package.signature_text) {
    writer.String(package.signature_text->c_str(), static_cast<rapidjson::SizeType>(package.signature_text->size()));
  } else {
    writer.Null();
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

InstalledPackage parse_package_record(std::string_view text, const std::string& source) {
  static const commons::JsonSchema schema(kRecordSchema);
  const rapidjson::Document document = commons::parse_json(text, source);
  if (auto error = schema.validate(document, source)) throw *error;
  InstalledPackage package;
  package.name = document["name"].GetString();
  package.version = document["version"].GetString();
  package.source = document["source"].GetString();
  package.installed_at = document["installed_at"].GetString();
  package.signed_by = document["signed_by"].GetString();
  if (document.HasMember("allowed_unsigned")) package.allowed_unsigned = document["allowed_unsigned"].GetBool();
  package.manifest_text.assign(document["manifest"].GetString(), document["manifest"].GetStringLength());
  if (document.HasMember("signature") && document["signature"].IsString()) {
    package.signature_text = std::string(document["signature"].GetString(), document["signature"].GetStringLength());
  }
  package.manifest = parse_manifest(package.manifest_text, source + " (manifest)");
  return package;
}

std::vector<InstalledPackage> read_installed_packages(const TreeLayout& layout) {
  std::vector<InstalledPackage> packages;
  std::error_code error;
  if (!fs::is_directory(layout.packages_dir(), error)) return packages;
  for (const auto& entry : fs::directory_iterator(layout.packages_dir())) {
    if (entry.path().extension() != ".json" || entry.path().filename().string().front() == '.') continue;
    packages.push_back(parse_package_record(commons::read_text_file(entry.path()), entry.path().string()));
  }
  std::sort(packages.begin(), packages.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return packages;
}

std::optional<InstalledPackage> find_installed_package(const TreeLayout& layout, const std::string& name) {
  const fs::path file = layout.package_record(name);
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return std::nullopt;
  return parse_package_record(commons::read_text_file(file), file.string());
}

const InstalledPackage* package_owning(const std::vector<InstalledPackage>& packages, const std::string& path) {
  for (const auto& package : packages) {
    if (package.owns(path)) return &package;
  }
  return nullptr;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32] = {};
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace octobot::tentacle_manager
