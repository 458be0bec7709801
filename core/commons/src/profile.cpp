#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/profile.hpp>

#include <algorithm>
#include <stdexcept>

#include "profile_schemas.hpp"

namespace octobot::commons {
namespace {

namespace fs = std::filesystem;

const JsonSchema& profile_schema() {
  static const JsonSchema schema(kProfileSchemaJson);
  return schema;
}

const JsonSchema& tentacles_config_schema() {
  static const JsonSchema schema(kTentaclesConfigSchemaJson);
  return schema;
}

rapidjson::Document load_validated(const fs::path& file, const JsonSchema& schema) {
  rapidjson::Document document = parse_json_file(file);
  if (auto error = schema.validate(document, file.string())) throw *error;
  return document;
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  const auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string string_or(const rapidjson::Value& object, const char* name, std::string fallback) {
  const auto* value = member(object, name);
  return value != nullptr && value->IsString() ? value->GetString() : std::move(fallback);
}

bool bool_or(const rapidjson::Value& object, const char* name, bool fallback) {
  const auto* value = member(object, name);
  return value != nullptr && value->IsBool() ? value->GetBool() : fallback;
}

void read_identity(const rapidjson::Value& identity, Profile& profile) {
  profile.id = identity["id"].GetString();
  profile.name = identity["name"].GetString();
  profile.description = string_or(identity, "description", "");
  if (const auto* url = member(identity, "origin_url"); url != nullptr && url->IsString()) {
    profile.origin_url = url->GetString();
  }
  profile.auto_update = bool_or(identity, "auto_update", false);
  profile.read_only = bool_or(identity, "read_only", false);
}

void read_config(const rapidjson::Value& config, Profile& profile) {
  if (const auto* currencies = member(config, "crypto-currencies")) {
    for (const auto& entry : currencies->GetObject()) {
      ProfileCurrency currency;
      currency.name = entry.name.GetString();
      currency.enabled = bool_or(entry.value, "enabled", true);
      if (const auto* pairs = member(entry.value, "pairs")) {
        for (const auto& pair : pairs->GetArray()) currency.pairs.emplace_back(pair.GetString());
      }
      profile.currencies.push_back(std::move(currency));
    }
  }
  if (const auto* exchanges = member(config, "exchanges")) {
    for (const auto& entry : exchanges->GetObject()) {
      profile.exchanges.push_back({entry.name.GetString(), bool_or(entry.value, "enabled", true),
                                   string_or(entry.value, "exchange-type", "spot")});
    }
  }
  if (const auto* trader = member(config, "trader")) profile.trader_enabled = bool_or(*trader, "enabled", false);
  if (const auto* simulator = member(config, "trader-simulator")) {
    profile.simulator_enabled = bool_or(*simulator, "enabled", true);
    if (const auto* fees = member(*simulator, "fees")) {
      if (const auto* maker = member(*fees, "maker")) profile.maker_fee_percent = to_json_text(*maker);
      if (const auto* taker = member(*fees, "taker")) profile.taker_fee_percent = to_json_text(*taker);
    }
    if (const auto* portfolio = member(*simulator, "starting-portfolio")) {
      for (const auto& asset : portfolio->GetObject()) {
        profile.starting_portfolio[asset.name.GetString()] = to_json_text(asset.value);
      }
    }
  }
  if (const auto* trading = member(config, "trading")) {
    profile.reference_market = string_or(*trading, "reference-market", "");
    if (const auto* risk = member(*trading, "risk"); risk != nullptr && risk->IsNumber())
      profile.risk = risk->GetDouble();
  }
}

void read_activation(const fs::path& file, Profile& profile) {
  const auto document = load_validated(file, tentacles_config_schema());
  for (const auto& section : document["tentacle_activation"].GetObject()) {
    auto& classes = profile.tentacle_activation[section.name.GetString()];
    for (const auto& entry : section.value.GetObject()) classes[entry.name.GetString()] = entry.value.GetBool();
  }
  profile.has_tentacles_config = true;
}

}  // namespace

std::set<std::string> Profile::active_classes() const {
  std::set<std::string> active;
  for (const auto& [section, classes] : tentacle_activation) {
    for (const auto& [class_name, enabled] : classes) {
      if (enabled) active.insert(class_name);
    }
  }
  return active;
}

std::vector<std::string> Profile::trading_pairs() const {
  std::vector<std::string> pairs;
  for (const auto& currency : currencies) {
    if (!currency.enabled) continue;
    for (const auto& pair : currency.pairs) {
      if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) pairs.push_back(pair);
    }
  }
  return pairs;
}

std::optional<fs::path> Profile::specific_config_file(const std::string& class_name) const {
  const auto file = folder / "specific_config" / (class_name + ".json");
  std::error_code error;
  return fs::is_regular_file(file, error) ? std::optional<fs::path>(file) : std::nullopt;
}

Profile load_profile(const fs::path& folder) {
  const auto profile_file = folder / "profile.json";
  std::error_code error;
  if (!fs::is_regular_file(profile_file, error)) {
    throw std::runtime_error("not a profile folder: " + profile_file.string() + " does not exist");
  }
  const auto document = load_validated(profile_file, profile_schema());
  Profile profile;
  profile.folder = folder;
  read_identity(document["profile"], profile);
  read_config(document["config"], profile);
  if (const auto activation = folder / "tentacles_config.json"; fs::is_regular_file(activation, error)) {
    read_activation(activation, profile);
  }
  // Each specific config must at least be a JSON object; its keys are the tentacle's business.
  if (fs::is_directory(folder / "specific_config", error)) {
    for (const auto& entry : fs::directory_iterator(folder / "specific_config")) {
      if (entry.path().extension() != ".json") continue;
      const auto specific = parse_json_file(entry.path());
      if (!specific.IsObject()) throw JsonError(entry.path().string(), "", "an object", describe_json_value(specific));
    }
  }
  return profile;
}

fs::path find_profile(const std::string& name_or_path, const std::vector<fs::path>& search_roots) {
  std::error_code error;
  if (fs::is_regular_file(fs::path(name_or_path) / "profile.json", error)) return fs::path(name_or_path);
  std::string looked;
  for (const auto& root : search_roots) {
    const auto candidate = root / name_or_path;
    looked += "\n  " + candidate.string();
    if (fs::is_regular_file(candidate / "profile.json", error)) return candidate;
  }
  // OctoBot users may know a profile by its id rather than its folder name.
  for (const auto& root : search_roots) {
    if (!fs::is_directory(root, error)) continue;
    for (const auto& entry : fs::directory_iterator(root, error)) {
      const auto file = entry.path() / "profile.json";
      if (!fs::is_regular_file(file, error)) continue;
      try {
        const auto document = parse_json_file(file);
        if (const auto* identity = member(document, "profile");
            identity != nullptr && string_or(*identity, "id", "") == name_or_path) {
          return entry.path();
        }
      } catch (const std::exception&) {
        // a broken profile elsewhere must not hide the one asked for; load_profile reports it when used
      }
    }
  }
  throw std::runtime_error("no profile \"" + name_or_path +
                           "\": not a folder holding profile.json, and not found in:" + looked);
}

}  // namespace octobot::commons
