// How a change reaches the tree atomically, even across a kill -9.
//
// Everything is prepared and checked in a staging folder inside the tree (same file system, so
// moves are renames). Then the change is written down in one journal file, atomically: that write
// is the commit point. Before it, the tree was never touched and a crash leaves only staging debris
// (removed by the next manager run). After it, the journal is applied: each tentacle folder is
// swapped in with one rename (renameat2 RENAME_EXCHANGE for a replacement, so the folder is never
// missing), then the package records and the profile are updated. Every step checks what is already
// done (by inode), so the next manager run finishes a journal a crash interrupted.
#pragma once

#include <octobot/tentacle_manager/installed_packages.hpp>
#include <octobot/tentacle_manager/profile_activation.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

struct FolderMove {
  enum class Kind { add, replace, remove };
  Kind kind = Kind::add;
  std::string target;              // relative to the root: "Evaluator/TA/my_evaluator"
  std::string staged;              // absolute: the checked folder moved in (add, replace)
  std::string discard;             // absolute: where the folder leaving the tree goes (replace, remove)
  std::uint64_t staged_inode = 0;  // recognises the staged folder once it is in place
  std::uint64_t target_inode = 0;  // recognises the folder being replaced or removed
};

struct RegistryChange {
  std::string package;
  std::optional<std::string> record;  // the new record's text; none: the package is removed
};

struct Journal {
  std::string transaction;  // the staging folder's name
  std::string description;  // "install my_evaluator 1.0.0", for messages
  std::vector<FolderMove> moves;
  std::vector<RegistryChange> registry;
  std::optional<std::string> profile_folder;
  ActivationChange activation;
};

// The inode of `path`, or 0 when it does not exist.
[[nodiscard]] std::uint64_t inode_of(const std::filesystem::path& path);

void write_journal(const TreeLayout& layout, const Journal& journal);
// Throws commons::JsonError when the journal is damaged (it is written atomically: it should never be).
[[nodiscard]] std::optional<Journal> read_journal(const TreeLayout& layout);

struct ApplyResult {
  std::vector<std::string> notes;     // what changed in the profile
  std::vector<std::string> warnings;  // what could not be done but does not undo the change
};

// Applies `journal` (safe to repeat after a crash at any point), then removes the journal and the
// transaction's staging folder. Throws std::runtime_error when the tree is not in a state the
// journal can explain (the journal is kept for a later run).
ApplyResult apply_journal(const TreeLayout& layout, const Journal& journal);

}  // namespace octobot::tentacle_manager
