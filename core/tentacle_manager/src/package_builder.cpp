#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacle_manager/archive.hpp>
#include <octobot/tentacle_manager/package_builder.hpp>
#include <octobot/tentacles/compatibility.hpp>
#include <octobot/tentacles/discovery.hpp>
#include <octobot/tentacles/metadata.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

struct SourceTentacle {
  fs::path folder;
  std::string path;  // in the tentacles tree
};

std::vector<std::string> components(const fs::path& path) {
  std::vector<std::string> parts;
  for (const auto& part : path) {
    if (!part.empty() && part != "/") parts.push_back(part.string());
  }
  return parts;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// A single tentacle folder goes where its own path says: .../<Type>/<SubType>/<folder>.
std::string tree_path_of_folder(const fs::path& folder) {
  const auto parts = components(fs::weakly_canonical(folder));
  if (parts.size() >= 3) {
    const auto& type = parts[parts.size() - 3];
    const auto& types = tentacle_types();
    if (std::find(types.begin(), types.end(), type) != types.end()) {
      return type + "/" + parts[parts.size() - 2] + "/" + parts.back();
    }
  }
  throw PackageError("cannot tell where " + folder.string() +
                     " goes in the tentacles tree: expected its path to end in <Type>/<SubType>/" +
                     folder.filename().string() + " with <Type> one of " + join(tentacle_types(), ", ") +
                     " (fix: pass the tentacles tree the build lays out, e.g. build/tentacles)");
}

std::vector<SourceTentacle> find_tentacles(const fs::path& input) {
  std::error_code error;
  if (!fs::is_directory(input, error)) throw PackageError(input.string() + " is not a folder");
  if (fs::is_regular_file(input / "metadata.json", error)) return {{input, tree_path_of_folder(input)}};
  const auto found = tentacles::discover_tentacle_folders(input);
  if (!found.too_deep.empty()) {
    throw PackageError(found.too_deep.front().string() + " is deeper than <Type>/<SubType>/<folder> below " +
                       input.string() + ": the host would ignore it (move it up one level)");
  }
  std::vector<SourceTentacle> out;
  for (const auto& folder : found.tentacles) {
    const std::string path = fs::relative(folder, input).generic_string();
    if (components(path).size() != 3) {
      throw PackageError(folder.string() + " is not at <Type>/<SubType>/<folder> below " + input.string() +
                         " (found \"" + path + "\"); packages use OctoBot's three-level layout");
    }
    out.push_back({folder, path});
  }
  if (out.empty()) {
    throw PackageError("no tentacle in " + input.string() +
                       ": expected tentacle folders holding metadata.json (<Type>/<SubType>/<folder>/metadata.json)");
  }
  return out;
}

// The source metadata.json with the sha256 of every library it names that is present, so the host
// refuses a library that was changed after packaging even when the package is unsigned.
std::string metadata_with_checksums(const fs::path& folder) {
  const auto file = folder / "metadata.json";
  rapidjson::Document document = commons::parse_json_file(file);
  auto& libraries = document["libraries"];
  for (auto& entry : libraries.GetObject()) {
    const fs::path library = folder / entry.value["file"].GetString();
    std::error_code error;
    if (!fs::is_regular_file(library, error)) continue;
    const std::string sha = commons::sha256_file_hex(library);
    if (entry.value.HasMember("sha256")) {
      entry.value["sha256"].SetString(sha.c_str(), static_cast<rapidjson::SizeType>(sha.size()),
                                      document.GetAllocator());
    } else {
      entry.value.AddMember("sha256", rapidjson::Value(sha.c_str(), document.GetAllocator()), document.GetAllocator());
    }
  }
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  document.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

// Regular files only: a link in a package could point anywhere once installed.
void copy_tentacle(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator(); ++it) {
    const auto status = it->symlink_status();
    const fs::path target = to / fs::relative(it->path(), from);
    if (fs::is_symlink(status)) {
      throw PackageError("cannot package " + it->path().string() +
                         ": a symbolic link (packages hold regular files only; copy the file instead)");
    }
    if (fs::is_directory(status)) {
      fs::create_directories(target);
    } else if (fs::is_regular_file(status)) {
      if (it->path().filename() == "metadata.json" && it.depth() == 0) continue;  // written completed
      fs::copy_file(it->path(), target);
      fs::permissions(target, fs::status(it->path()).permissions());
    } else {
      throw PackageError("cannot package " + it->path().string() + ": not a regular file");
    }
  }
  commons::write_file_atomically(to / "metadata.json", metadata_with_checksums(from));
}

std::vector<std::string> files_below(const fs::path& root, const fs::path& folder) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

const std::vector<std::string>& tentacle_types() {
  static const std::vector<std::string> types = {"Automation", "Backtesting", "Evaluator", "Services", "Trading"};
  return types;
}

PackageManifest stage_package(const PackageSpec& spec, const fs::path& staging) {
  if (spec.inputs.empty()) throw PackageError("nothing to package: give at least one folder");
  std::vector<SourceTentacle> sources;
  for (const auto& input : spec.inputs) {
    for (auto& tentacle : find_tentacles(input)) sources.push_back(std::move(tentacle));
  }
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.path < b.path; });

  PackageManifest manifest;
  manifest.platform = tentacles::current_platform();
  manifest.created_by = spec.created_by;
  tentacles::AbiVersion highest_abi;
  std::set<std::string> versions;
  std::vector<std::string> problems;
  for (const auto& source : sources) {
    if (!manifest.tentacles.empty() && manifest.tentacles.back().path == source.path) {
      problems.push_back(source.path + " is given twice (" + source.folder.string() + ")");
      continue;
    }
    tentacles::TentacleMetadata metadata;
    try {
      metadata = tentacles::read_metadata(source.folder);
    } catch (const std::exception& e) {
      problems.push_back(e.what());
      continue;
    }
    fs::path library;
    if (auto reason = tentacles::check_abi(metadata.abi)) problems.push_back(source.folder.string() + ": " + *reason);
    if (auto reason = tentacles::check_library_file(metadata, library)) {
      problems.push_back(source.folder.string() + ": " + *reason + " (build it first)");
    }
    if (std::tie(metadata.abi.major, metadata.abi.minor) > std::tie(highest_abi.major, highest_abi.minor)) {
      highest_abi = metadata.abi;  // every major equals the host's (check_abi): the highest minor wins
    }
    ManifestTentacle tentacle;
    tentacle.path = source.path;
    tentacle.name = metadata.name;
    tentacle.version = metadata.version.to_string();
    tentacle.classes = metadata.classes;
    for (const auto& requirement : metadata.requirements) tentacle.requirements.push_back(requirement.to_string());
    versions.insert(tentacle.version);
    manifest.tentacles.push_back(std::move(tentacle));
  }
  if (!problems.empty()) throw PackageError("cannot package:\n  - " + join(problems, "\n  - "));

  if (spec.name) {
    manifest.name = *spec.name;
  } else if (manifest.tentacles.size() == 1) {
    manifest.name = manifest.tentacles.front().name;
  } else {
    throw PackageError("the package holds " + std::to_string(manifest.tentacles.size()) +
                       " tentacles: give it a name with --name NAME");
  }
  if (spec.version) {
    manifest.version = *spec.version;
  } else if (versions.size() == 1) {
    manifest.version = *versions.begin();
  } else {
    throw PackageError("the tentacles have different versions (" + join({versions.begin(), versions.end()}, ", ") +
                       "): give the package's with --version X.Y.Z");
  }
  manifest.abi_version = highest_abi.to_string();

  std::error_code error;
  if (fs::exists(staging, error)) throw PackageError(staging.string() + " already exists");
  for (std::size_t i = 0; i < sources.size(); ++i) {
    copy_tentacle(sources[i].folder, staging / kPackageTentaclesFolder / sources[i].path);
  }
  for (const auto& relative : files_below(staging, staging / kPackageTentaclesFolder)) {
    const fs::path file = staging / relative;
    manifest.files.push_back({relative, fs::file_size(file), commons::sha256_file_hex(file)});
  }
  const std::string text = format_manifest(manifest);
  try {
    (void)parse_manifest(text, "manifest.json");  // what install will demand, checked now
  } catch (const std::exception& e) {
    throw PackageError(std::string("the package would be invalid: ") + e.what());
  }
  commons::write_file_atomically(staging / kManifestFileName, text);
  return manifest;
}

void write_package(const fs::path& staging, const fs::path& output, const Ed25519PrivateKey* key) {
  const auto format = archive_format_for(output);
  if (!format) {
    throw PackageError("cannot tell the archive format of " + output.string() +
                       ": expected a name ending in .tar.gz, .tgz or .zip");
  }
  const std::string manifest_text = commons::read_text_file(staging / kManifestFileName);
  const PackageManifest manifest = parse_manifest(manifest_text, (staging / kManifestFileName).string());
  std::vector<std::string> members = {kManifestFileName};
  if (key != nullptr) {
    commons::write_file_atomically(staging / kSignatureFileName,
                                   format_signature_file({key->key_id(), key->sign(manifest_text)}));
    members.emplace_back(kSignatureFileName);
  }
  for (const auto& file : manifest.files) members.push_back(file.path);
  write_archive(output, *format, staging, members);
}

}  // namespace octobot::tentacle_manager
