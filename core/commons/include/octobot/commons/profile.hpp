// A profile folder in OctoBot's format, so an OctoBot user's profile loads unchanged:
//   profile.json            {"profile": {...identity...}, "config": {...trading setup...}}
//   tentacles_config.json   {"tentacle_activation": {"Evaluator": {"RSIMomentumEvaluator": true}}} (optional)
//   specific_config/<Class>.json   per-class overrides of the tentacle's reference config
// Unknown keys are kept (in the raw JSON) and ignored. Exchange credentials never live here.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace octobot::commons {

struct ProfileCurrency {
  std::string name;  // "Bitcoin"
  bool enabled = true;
  std::vector<std::string> pairs;  // "BTC/USDT"
};

struct ProfileExchange {
  std::string name;  // "binance"
  bool enabled = true;
  std::string type;  // "spot" unless "exchange-type" says otherwise
};

struct Profile {
  std::filesystem::path folder;
  // "profile" object
  std::string id;
  std::string name;
  std::string description;
  std::optional<std::string> origin_url;
  bool auto_update = false;
  bool read_only = false;
  // "config" object
  std::vector<ProfileCurrency> currencies;
  std::vector<ProfileExchange> exchanges;
  bool trader_enabled = false;
  bool simulator_enabled = true;
  // Money as the exact decimal text written in the file (e.g. "0.1"), parsed by the trading core.
  std::string maker_fee_percent = "0";
  std::string taker_fee_percent = "0";
  std::map<std::string, std::string> starting_portfolio;
  std::string reference_market;
  double risk = 0.5;
  // tentacles_config.json: type -> class -> active. Empty when the profile has no such file.
  std::map<std::string, std::map<std::string, bool>> tentacle_activation;
  bool has_tentacles_config = false;

  // Classes marked true in tentacle_activation.
  [[nodiscard]] std::set<std::string> active_classes() const;
  // Enabled pairs of enabled currencies, in file order, without duplicates.
  [[nodiscard]] std::vector<std::string> trading_pairs() const;
  // specific_config/<Class>.json when it exists.
  [[nodiscard]] std::optional<std::filesystem::path> specific_config_file(const std::string& class_name) const;
};

// Reads and validates a profile folder. Throws JsonError naming the file, the JSON path, what was
// expected and what was found; std::runtime_error when profile.json is missing.
[[nodiscard]] Profile load_profile(const std::filesystem::path& folder);

// Finds a profile by folder path, folder name or profile id: `name_or_path` as a directory holding
// profile.json first, then each of `search_roots`/<name>, then any profile in them whose id matches.
// Throws std::runtime_error listing where it looked.
[[nodiscard]] std::filesystem::path find_profile(const std::string& name_or_path,
                                                 const std::vector<std::filesystem::path>& search_roots);

}  // namespace octobot::commons
