#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacle_manager/journal.hpp>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <fcntl.h>  // AT_FDCWD
#include <stdio.h>  // renameat2 (glibc >= 2.28)
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "test_hooks.hpp"

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

const char* kind_name(FolderMove::Kind kind) {
  switch (kind) {
    case FolderMove::Kind::add:
      return "add";
    case FolderMove::Kind::replace:
      return "replace";
    case FolderMove::Kind::remove:
      return "remove";
  }
  return "?";
}

FolderMove::Kind parse_kind(const std::string& text) {
  if (text == "add") return FolderMove::Kind::add;
  if (text == "replace") return FolderMove::Kind::replace;
  if (text == "remove") return FolderMove::Kind::remove;
  throw std::runtime_error("journal: unknown move \"" + text + "\"");
}

void rename_or_throw(const fs::path& from, const fs::path& to, unsigned flags) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) != 0) {
    throw std::runtime_error("cannot move " + from.string() + " to " + to.string() + ": " + std::strerror(errno));
  }
}

// Swaps two folders in one step, so the target is never missing. File systems without
// RENAME_EXCHANGE get two renames; the journal covers the gap.
void swap_in(const fs::path& staged, const fs::path& target, const fs::path& discard) {
  if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS) {
    throw std::runtime_error("cannot swap " + staged.string() + " into " + target.string() + ": " +
                             std::strerror(errno));
  }
  fs::create_directories(fs::path(discard).parent_path());
  rename_or_throw(target, discard, 0);
  rename_or_throw(staged, target, RENAME_NOREPLACE);
}

// Removes folders left empty below the root by a removal, so an uninstall leaves the tree as it was.
void prune_empty_parents(const fs::path& root, fs::path folder) {
  std::error_code error;
  while (folder != root && folder.string().size() > root.string().size() && fs::is_empty(folder, error) && !error) {
    fs::remove(folder, error);
    folder = folder.parent_path();
  }
}

void apply_move(const TreeLayout& layout, const FolderMove& move) {
  const fs::path target = layout.root / move.target;
  const std::uint64_t current = inode_of(target);
  const bool staged_present = !move.staged.empty() && inode_of(move.staged) != 0;
  switch (move.kind) {
    case FolderMove::Kind::add:
      if (current != 0 && current == move.staged_inode) return;  // already in place
      if (current != 0) throw std::runtime_error(target.string() + " appeared in the tree during the change");
      if (!staged_present) throw std::runtime_error("the staged folder " + move.staged + " is missing");
      fs::create_directories(target.parent_path());
      rename_or_throw(move.staged, target, RENAME_NOREPLACE);
      return;
    case FolderMove::Kind::replace:
      if (current != 0 && current == move.staged_inode) return;
      if (!staged_present) throw std::runtime_error("the staged folder " + move.staged + " is missing");
      if (current == 0) {  // a two-rename fallback was interrupted between its renames
        rename_or_throw(move.staged, target, RENAME_NOREPLACE);
      } else if (current == move.target_inode) {
        swap_in(move.staged, target, move.discard);
      } else {
        throw std::runtime_error(target.string() + " was changed by something else during the change");
      }
      return;
    case FolderMove::Kind::remove:
      if (current == 0) return;
      if (current != move.target_inode) {
        throw std::runtime_error(target.string() + " was changed by something else during the change");
      }
      fs::create_directories(fs::path(move.discard).parent_path());
      rename_or_throw(target, move.discard, RENAME_NOREPLACE);
      prune_empty_parents(layout.root, target.parent_path());
      return;
  }
}

}  // namespace

std::uint64_t inode_of(const fs::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 ? static_cast<std::uint64_t>(info.st_ino) : 0;
}

void write_journal(const TreeLayout& layout, const Journal& journal) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("transaction");
  writer.String(journal.transaction.c_str());
  writer.Key("description");
  writer.String(journal.description.c_str());
  writer.Key("moves");
  writer.StartArray();
  for (const auto& move : journal.moves) {
    writer.StartObject();
    writer.Key("kind");
    writer.String(kind_name(move.kind));
    writer.Key("target");
    writer.String(move.target.c_str());
    writer.Key("staged");
    writer.String(move.staged.c_str());
    writer.Key("discard");
    writer.String(move.discard.c_str());
    writer.Key("staged_inode");
    writer.Uint64(move.staged_inode);
    writer.Key("target_inode");
    writer.Uint64(move.target_inode);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("registry");
  writer.StartArray();
  for (const auto& change : journal.registry) {
    writer.StartObject();
    writer.Key("package");
    writer.String(change.package.c_str());
    writer.Key("record");
    if (change.record) {
      writer.String(change.record->c_str(), static_cast<rapidjson::SizeType>(change.record->size()));
    } else {
      writer.Null();
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("profile");
  if (journal.profile_folder) {
    writer.String(journal.profile_folder->c_str());
  } else {
    writer.Null();
  }
  writer.Key("learn");
  writer.StartObject();
  for (const auto& [section, classes] : journal.activation.learn) {
    writer.Key(section.c_str());
    writer.StartArray();
    for (const auto& name : classes) writer.String(name.c_str());
    writer.EndArray();
  }
  writer.EndObject();
  writer.Key("forget");
  writer.StartArray();
  for (const auto& name : journal.activation.forget) writer.String(name.c_str());
  writer.EndArray();
  writer.EndObject();
  fs::create_directories(layout.state_dir());
  commons::write_file_atomically(layout.journal_file(), std::string(buffer.GetString(), buffer.GetSize()) + "\n");
}

std::optional<Journal> read_journal(const TreeLayout& layout) {
  std::error_code error;
  if (!fs::is_regular_file(layout.journal_file(), error)) return std::nullopt;
  const auto document = commons::parse_json_file(layout.journal_file());
  Journal journal;
  journal.transaction = document["transaction"].GetString();
  journal.description = document["description"].GetString();
  for (const auto& item : document["moves"].GetArray()) {
    FolderMove move;
    move.kind = parse_kind(item["kind"].GetString());
    move.target = item["target"].GetString();
    move.staged = item["staged"].GetString();
    move.discard = item["discard"].GetString();
    move.staged_inode = item["staged_inode"].GetUint64();
    move.target_inode = item["target_inode"].GetUint64();
    journal.moves.push_back(std::move(move));
  }
  for (const auto& item : document["registry"].GetArray()) {
    RegistryChange change;
    change.package = item["package"].GetString();
    if (item["record"].IsString())
      change.record = std::string(item["record"].GetString(), item["record"].GetStringLength());
    journal.registry.push_back(std::move(change));
  }
  if (document["profile"].IsString()) journal.profile_folder = document["profile"].GetString();
  for (const auto& section : document["learn"].GetObject()) {
    auto& classes = journal.activation.learn[section.name.GetString()];
    for (const auto& name : section.value.GetArray()) classes.emplace_back(name.GetString());
  }
  for (const auto& name : document["forget"].GetArray()) journal.activation.forget.emplace_back(name.GetString());
  return journal;
}

ApplyResult apply_journal(const TreeLayout& layout, const Journal& journal) {
  ApplyResult result;
  for (std::size_t i = 0; i < journal.moves.size(); ++i) {
    apply_move(layout, journal.moves[i]);
    if (i == 0) pause_for_test_at("swapped");
  }
  fs::create_directories(layout.packages_dir());
  for (const auto& change : journal.registry) {
    const fs::path record = layout.package_record(change.package);
    if (change.record) {
      commons::write_file_atomically(record, *change.record);
    } else {
      std::error_code error;
      fs::remove(record, error);
    }
  }
  // The tree change stands even when the profile cannot follow: say so, do not undo it.
  if (journal.profile_folder && !journal.activation.empty()) {
    try {
      result.notes.push_back(update_profile_activation(*journal.profile_folder, journal.activation));
    } catch (const std::exception& e) {
      result.warnings.push_back("profile " + *journal.profile_folder + " not updated: " + e.what() +
                                " (fix the file, then edit tentacles_config.json)");
    }
  }
  pause_for_test_at("applied");
  std::error_code error;
  fs::remove(layout.journal_file(), error);
  fs::remove_all(layout.staging_dir() / journal.transaction, error);
  return result;
}

}  // namespace octobot::tentacle_manager
