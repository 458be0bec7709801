#include "package_fixtures.hpp"

#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacle_manager/package_builder.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>

namespace octobot::testing {
namespace {

namespace fs = std::filesystem;

void check(archive* handle, int status, const std::string& what) {
  if (status < ARCHIVE_WARN) {
    throw std::runtime_error(what + ": " + (archive_error_string(handle) ? archive_error_string(handle) : "?"));
  }
}

}  // namespace

FixtureTree::FixtureTree(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }

fs::path FixtureTree::add_zoo_tentacle(const std::string& zoo_name, const std::string& path) {
  const fs::path from = fs::path(OCTOBOT_ZOO_ROOT) / "Evaluator" / "TA" / zoo_name;
  const fs::path to = root_ / (path.empty() ? "Evaluator/TA/" + zoo_name : path);
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  return to;
}

void FixtureTree::set_metadata(const std::string& path, const std::string& key, const std::string& json_value) const {
  const fs::path file = root_ / path / "metadata.json";
  auto document = commons::parse_json_file(file);
  rapidjson::Document value;
  value.Parse(json_value.c_str());
  if (document.HasMember(key.c_str())) document.RemoveMember(key.c_str());
  document.AddMember(rapidjson::Value(key.c_str(), document.GetAllocator()),
                     rapidjson::Value(value, document.GetAllocator()), document.GetAllocator());
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  commons::write_file_atomically(file, buffer.GetString());
}

fs::path make_package(const std::vector<fs::path>& inputs, const fs::path& output,
                      const tentacle_manager::Ed25519PrivateKey* key, std::optional<std::string> name,
                      std::optional<std::string> version) {
  std::random_device random;
  const fs::path staging = output.parent_path() / (".staging-" + std::to_string(random()));
  tentacle_manager::PackageSpec spec;
  spec.inputs = inputs;
  spec.name = std::move(name);
  spec.version = std::move(version);
  tentacle_manager::stage_package(spec, staging);
  tentacle_manager::write_package(staging, output, key);
  fs::remove_all(staging);
  return output;
}

RawMember raw_file(std::string path, std::string content) {
  RawMember member;
  member.path = std::move(path);
  member.content = std::move(content);
  return member;
}

RawMember raw_symlink(std::string path, std::string target) {
  RawMember member;
  member.path = std::move(path);
  member.type = RawMember::Type::symlink;
  member.link = std::move(target);
  return member;
}

RawMember raw_hardlink(std::string path, std::string target) {
  RawMember member = raw_symlink(std::move(path), std::move(target));
  member.type = RawMember::Type::hardlink;
  return member;
}

void write_raw_archive(const fs::path& output, RawFormat format, const std::vector<RawMember>& members) {
  std::unique_ptr<archive, decltype(&archive_write_free)> writer(archive_write_new(), archive_write_free);
  if (format == RawFormat::tar_gz) {
    archive_write_set_format_pax_restricted(writer.get());
    archive_write_add_filter_gzip(writer.get());
  } else {
    archive_write_set_format_zip(writer.get());
  }
  check(writer.get(), archive_write_open_filename(writer.get(), output.c_str()), "open");
  for (const auto& member : members) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(entry.get(), member.path.c_str());
    archive_entry_set_mtime(entry.get(), 315532800, 0);
    switch (member.type) {
      case RawMember::Type::file:
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(),
                               member.declared_size.value_or(static_cast<std::int64_t>(member.content.size())));
        break;
      case RawMember::Type::folder:
        archive_entry_set_filetype(entry.get(), AE_IFDIR);
        archive_entry_set_perm(entry.get(), 0755);
        break;
      case RawMember::Type::symlink:
        archive_entry_set_filetype(entry.get(), AE_IFLNK);
        archive_entry_set_perm(entry.get(), 0777);
        archive_entry_set_symlink(entry.get(), member.link.c_str());
        break;
      case RawMember::Type::hardlink:
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_hardlink(entry.get(), member.link.c_str());
        archive_entry_set_size(entry.get(), 0);
        break;
    }
    check(writer.get(), archive_write_header(writer.get(), entry.get()), "header " + member.path);
    if (member.type == RawMember::Type::file && !member.content.empty()) {
      archive_write_data(writer.get(), member.content.data(), member.content.size());
    }
  }
  check(writer.get(), archive_write_close(writer.get()), "close");
}

void unpack_raw(const fs::path& archive_file, const fs::path& folder) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_all(reader.get());
  check(reader.get(), archive_read_open_filename(reader.get(), archive_file.c_str(), 65536), "open");
  archive_entry* entry = nullptr;
  while (archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK) {
    const fs::path file = folder / archive_entry_pathname(entry);
    fs::create_directories(file.parent_path());
    std::string content(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
    archive_read_data(reader.get(), content.data(), content.size());
    std::ofstream(file, std::ios::binary) << content;
    if ((archive_entry_perm(entry) & 0100) != 0) fs::permissions(file, fs::perms::owner_exec, fs::perm_options::add);
  }
}

void repack_raw(const fs::path& folder, const fs::path& archive_file) {
  std::vector<RawMember> members;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    members.push_back(
        raw_file(fs::relative(entry.path(), folder).generic_string(), commons::read_text_file(entry.path())));
  }
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  write_raw_archive(archive_file, archive_file.extension() == ".zip" ? RawFormat::zip : RawFormat::tar_gz, members);
}

namespace {

void edit_manifest(const fs::path& folder, const std::function<void(rapidjson::Document&)>& edit) {
  const fs::path file = folder / "manifest.json";
  auto document = commons::parse_json_file(file);
  edit(document);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  commons::write_file_atomically(file, buffer.GetString());
}

}  // namespace

void set_manifest_member(const fs::path& folder, const std::string& key, const std::string& json_value) {
  edit_manifest(folder, [&](rapidjson::Document& document) {
    rapidjson::Document value;
    value.Parse(json_value.c_str());
    document[key.c_str()].CopyFrom(value, document.GetAllocator());
  });
}

void rehash_manifest(const fs::path& folder) {
  edit_manifest(folder, [&](rapidjson::Document& document) {
    auto& files = document["files"];
    files.SetArray();
    std::vector<std::string> paths;
    for (const auto& entry : fs::recursive_directory_iterator(folder / "tentacles")) {
      if (entry.is_regular_file()) paths.push_back(fs::relative(entry.path(), folder).generic_string());
    }
    std::sort(paths.begin(), paths.end());
    auto& allocator = document.GetAllocator();
    for (const auto& path : paths) {
      rapidjson::Value item(rapidjson::kObjectType);
      item.AddMember("path", rapidjson::Value(path.c_str(), allocator), allocator);
      item.AddMember("size", static_cast<std::uint64_t>(fs::file_size(folder / path)), allocator);
      item.AddMember("sha256", rapidjson::Value(commons::sha256_file_hex(folder / path).c_str(), allocator), allocator);
      files.PushBack(item, allocator);
    }
  });
}

void sign_manifest(const fs::path& folder, const tentacle_manager::Ed25519PrivateKey& key) {
  const auto text = commons::read_text_file(folder / "manifest.json");
  commons::write_file_atomically(folder / "manifest.sig",
                                 tentacle_manager::format_signature_file({key.key_id(), key.sign(text)}));
}

KeyFiles write_key_pair(const fs::path& dir, const std::string& name) {
  const auto pair = tentacle_manager::generate_ed25519_key_pair();
  fs::create_directories(dir);
  KeyFiles files{dir / (name + ".pem"), dir / (name + ".pub.pem")};
  commons::write_file_atomically(files.private_key, pair.private_pem);
  commons::write_file_atomically(files.public_key, pair.public_pem);
  return files;
}

}  // namespace octobot::testing
