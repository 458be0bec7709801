// `new KIND NAME`: a complete tentacle project (metadata.json, reference config + schema, user doc,
// source on the SDK's C++ layer, CMakeLists.txt that finds the installed SDK, a unit test) that
// builds out of tree as generated. Templates live in tools/tentacles/templates/, embedded at build
// time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles_cli {

struct TentacleKind {
  std::string name;  // "evaluator", "trading-mode", ...
  std::vector<std::string> aliases;
  std::string base_class;     // octobot::sdk::<base_class>
  std::string tree_folder;    // "Evaluator/TA"
  std::string text;           // "TA evaluator"
  std::string kind_constant;  // "OB_KIND_TA_EVALUATOR"
  bool evaluates_candles = false;
};

[[nodiscard]] const std::vector<TentacleKind>& tentacle_kinds();
[[nodiscard]] std::optional<TentacleKind> find_kind(const std::string& name);

// "MyEvaluator" -> "my_evaluator", "RSIMomentum" -> "rsi_momentum".
[[nodiscard]] std::string snake_case(const std::string& class_name);

struct ScaffoldResult {
  std::filesystem::path folder;
  std::string destination;  // "Evaluator/TA/my_evaluator"
  std::vector<std::string> files;
};

// Writes the project into `folder` (must not exist, or be empty). Throws std::invalid_argument for
// a bad NAME (expected a C++ class name in CamelCase) and std::runtime_error when the folder is in
// the way.
ScaffoldResult scaffold_tentacle(const TentacleKind& kind, const std::string& class_name,
                                 const std::filesystem::path& folder);

}  // namespace octobot::tentacles_cli
