#include "scaffold.hpp"

#include <octobot/commons/files.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "scaffold_templates.hpp"

namespace octobot::tentacles_cli {
namespace {

namespace fs = std::filesystem;

std::string render(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    const std::string placeholder = "{{" + key + "}}";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

bool is_class_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || !std::isupper(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

const std::vector<TentacleKind>& tentacle_kinds() {
  static const std::vector<TentacleKind> kinds = {
      {"evaluator", {"ta-evaluator"}, "TAEvaluator", "Evaluator/TA", "TA evaluator", "OB_KIND_TA_EVALUATOR", true},
      {"realtime-evaluator",
       {},
       "RealTimeEvaluator",
       "Evaluator/RealTime",
       "real-time evaluator",
       "OB_KIND_REALTIME_EVALUATOR",
       false},
      {"strategy", {}, "Strategy", "Evaluator/Strategies", "strategy", "OB_KIND_STRATEGY", false},
      {"trading-mode", {}, "TradingMode", "Trading/Mode", "trading mode", "OB_KIND_TRADING_MODE", false},
      {"exchange", {}, "Exchange", "Trading/Exchange", "exchange connector", "OB_KIND_EXCHANGE", false},
      {"service", {}, "Service", "Services/Interfaces", "service", "OB_KIND_SERVICE", false},
  };
  return kinds;
}

std::optional<TentacleKind> find_kind(const std::string& name) {
  for (const auto& kind : tentacle_kinds()) {
    if (kind.name == name || std::find(kind.aliases.begin(), kind.aliases.end(), name) != kind.aliases.end()) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string snake_case(const std::string& class_name) {
  std::string out;
  for (std::size_t i = 0; i < class_name.size(); ++i) {
    const auto c = static_cast<unsigned char>(class_name[i]);
    if (std::isupper(c) && i > 0) {
      const auto previous = static_cast<unsigned char>(class_name[i - 1]);
      const bool next_lower = i + 1 < class_name.size() && std::islower(static_cast<unsigned char>(class_name[i + 1]));
      // A word starts at an upper-case letter after a lower-case one or a digit, or at the last
      // capital of an acronym ("RSIMomentum" -> rsi_momentum).
      if (std::islower(previous) || std::isdigit(previous) || (std::isupper(previous) && next_lower)) out += '_';
    }
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

ScaffoldResult scaffold_tentacle(const TentacleKind& kind, const std::string& class_name, const fs::path& folder) {
  if (!is_class_name(class_name)) {
    throw std::invalid_argument(
        "expected NAME to be a C++ class name in CamelCase (letters and digits, starting "
        "with a capital, e.g. MyEvaluator), found \"" +
        class_name + "\"");
  }
  std::error_code error;
  if (fs::exists(folder, error) && !fs::is_empty(folder, error)) {
    throw std::runtime_error(folder.string() + " already exists and is not empty (choose another --dir)");
  }
  const std::string snake = snake_case(class_name);
  ScaffoldResult result;
  result.folder = folder;
  result.destination = kind.tree_folder + "/" + snake;
  const std::map<std::string, std::string> values = {
      {"CLASS", class_name},
      {"FOLDER", snake},
      {"DESTINATION", result.destination},
      {"BASE", kind.base_class},
      {"KIND_TEXT", kind.text},
      {"KIND_CONSTANT", kind.kind_constant},
      {"SECTION", kind.tree_folder.substr(0, kind.tree_folder.find('/'))},
  };
  namespace t = templates;
  const bool ta = kind.evaluates_candles;
  const std::vector<std::pair<std::string, const char*>> files = {
      {"CMakeLists.txt", t::kCMakeLists_txt},
      {"metadata.json", t::kmetadata_json},
      {"config/" + class_name + ".json", ta ? t::kta_config_json : t::klifecycle_config_json},
      {"config/" + class_name + "_schema.json", ta ? t::kta_config_schema_json : t::klifecycle_config_schema_json},
      {"resources/" + class_name + ".md", ta ? t::kta_doc_md : t::klifecycle_doc_md},
      {"src/" + snake + ".hpp", ta ? t::kta_header_hpp : t::klifecycle_header_hpp},
      {"src/" + snake + ".cpp", ta ? t::kta_source_cpp : t::klifecycle_source_cpp},
      {"tests/" + snake + "_test.cpp", ta ? t::kta_test_cpp : t::klifecycle_test_cpp},
  };
  for (const auto& [relative, text] : files) {
    fs::create_directories((folder / relative).parent_path());
    commons::write_file_atomically(folder / relative, render(text, values));
    result.files.push_back(relative);
  }
  return result;
}

}  // namespace octobot::tentacles_cli
