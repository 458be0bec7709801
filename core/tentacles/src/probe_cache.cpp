#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacles/probe.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace octobot::tentacles {
namespace {

constexpr int kCacheFormat = 1;

const char* kind_text(ProbeOutcome::Kind kind) {
  switch (kind) {
    case ProbeOutcome::Kind::ok:
      return "ok";
    case ProbeOutcome::Kind::failed:
      return "failed";
    case ProbeOutcome::Kind::crashed:
      return "crashed";
    case ProbeOutcome::Kind::hung:
      return "hung";
  }
  return "failed";
}

std::optional<ProbeOutcome::Kind> parse_kind(const std::string& text) {
  if (text == "ok") return ProbeOutcome::Kind::ok;
  if (text == "crashed") return ProbeOutcome::Kind::crashed;
  if (text == "hung") return ProbeOutcome::Kind::hung;
  return std::nullopt;
}

}  // namespace

FileIdentity identify_file(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    throw std::runtime_error("cannot stat " + file.string() + ": " + std::strerror(errno));
  }
  FileIdentity identity;
  identity.size = static_cast<std::uint64_t>(info.st_size);
  identity.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  identity.sha256 = commons::sha256_file_hex(file);
  return identity;
}

ProbeCache::ProbeCache(std::filesystem::path file) : file_(std::move(file)) {
  std::error_code error;
  if (file_.empty() || !std::filesystem::is_regular_file(file_, error)) return;
  try {
    const auto json = commons::parse_json_file(file_);
    if (!json.IsObject() || !json.HasMember("format") || !json["format"].IsInt() ||
        json["format"].GetInt() != kCacheFormat || !json.HasMember("libraries") || !json["libraries"].IsObject()) {
      return;  // an older or foreign format: start afresh, it is only a cache
    }
    for (const auto& member : json["libraries"].GetObject()) {
      const auto& value = member.value;
      if (!value.IsObject() || !value.HasMember("size") || !value["size"].IsUint64() || !value.HasMember("mtime_ns") ||
          !value["mtime_ns"].IsInt64() || !value.HasMember("sha256") || !value["sha256"].IsString() ||
          !value.HasMember("outcome") || !value["outcome"].IsString()) {
        continue;
      }
      const auto kind = parse_kind(value["outcome"].GetString());
      if (!kind) continue;
      Entry entry;
      entry.identity = {value["size"].GetUint64(), value["mtime_ns"].GetInt64(), value["sha256"].GetString()};
      entry.outcome.kind = *kind;
      if (value.HasMember("reason") && value["reason"].IsString()) entry.outcome.reason = value["reason"].GetString();
      entries_.emplace(member.name.GetString(), std::move(entry));
    }
  } catch (const std::exception&) {
    entries_.clear();  // a corrupt cache is discarded; the probes simply run again
  }
}

std::optional<ProbeOutcome> ProbeCache::lookup(const std::filesystem::path& library,
                                               const FileIdentity& identity) const {
  const auto it = entries_.find(library.string());
  if (it == entries_.end() || !(it->second.identity == identity)) return std::nullopt;
  return it->second.outcome;
}

void ProbeCache::store(const std::filesystem::path& library, const FileIdentity& identity,
                       const ProbeOutcome& outcome) {
  if (outcome.kind == ProbeOutcome::Kind::failed) {
    dirty_ = entries_.erase(library.string()) > 0 || dirty_;
    return;
  }
  entries_[library.string()] = Entry{identity, outcome};
  dirty_ = true;
}

std::optional<std::string> ProbeCache::save() const {
  if (!dirty_ || file_.empty()) return std::nullopt;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("format");
  writer.Int(kCacheFormat);
  writer.Key("libraries");
  writer.StartObject();
  for (const auto& [path, entry] : entries_) {
    writer.Key(path.c_str());
    writer.StartObject();
    writer.Key("size");
    writer.Uint64(entry.identity.size);
    writer.Key("mtime_ns");
    writer.Int64(entry.identity.mtime_ns);
    writer.Key("sha256");
    writer.String(entry.identity.sha256.c_str());
    writer.Key("outcome");
    writer.String(kind_text(entry.outcome.kind));
    writer.Key("reason");
    writer.String(entry.outcome.reason.c_str());
    writer.EndObject();
  }
  writer.EndObject();
  writer.EndObject();
  try {
    std::filesystem::create_directories(file_.parent_path());
    commons::write_file_atomically(file_, std::string_view(buffer.GetString(), buffer.GetSize()));
  } catch (const std::exception& e) {
    return std::string("cannot save the probe cache: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace octobot::tentacles
