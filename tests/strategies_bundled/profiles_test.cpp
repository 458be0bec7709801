// The bundled profiles load with commons::load_profile, and every class they activate or configure
// is one the project ships (named in a bundled tentacle's metadata.json).
#include <catch2/catch.hpp>
#include <octobot/commons/profile.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

// Every class listed under "tentacles" in the bundled metadata.json files.
std::set<std::string> bundled_classes() {
  std::set<std::string> classes;
  const std::regex list(R"re("tentacles"\s*:\s*\[([^\]]*)\])re");
  const std::regex name(R"re("([A-Za-z0-9_]+)")re");
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(OCTOBOT_SOURCE_DIR) / "tentacles")) {
    if (entry.path().filename() != "metadata.json") continue;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    const std::string content = text.str();
    std::smatch match;
    if (!std::regex_search(content, match, list)) continue;
    const std::string items = match[1].str();
    for (auto it = std::sregex_iterator(items.begin(), items.end(), name); it != std::sregex_iterator(); ++it) {
      classes.insert((*it)[1].str());
    }
  }
  return classes;
}

}  // namespace

TEST_CASE("profiles: each bundled profile loads and activates only bundled classes", "[profiles]") {
  const std::set<std::string> bundled = bundled_classes();
  REQUIRE(bundled.contains("GridTradingMode"));  // the scan found the tree
  const auto name = GENERATE(as<std::string>{}, "daily_trading", "grid_trading", "simple_dca", "index_trading",
                             "staggered_orders_trading", "dip_analyser", "tradingview_signals");
  INFO("profile " << name);
  const fs::path folder = fs::path(OCTOBOT_SOURCE_DIR) / "profiles" / name;
  const octobot::commons::Profile profile = octobot::commons::load_profile(folder);
  CHECK(profile.id == name);
  CHECK_FALSE(profile.trading_pairs().empty());
  const std::set<std::string> active = profile.active_classes();
  REQUIRE_FALSE(active.empty());
  for (const std::string& class_name : active) {
    INFO("active class " << class_name);
    CHECK(bundled.contains(class_name));
  }
  // A specific config only makes sense for a class the profile runs.
  for (const auto& entry : fs::directory_iterator(folder / "specific_config")) {
    INFO("specific config " << entry.path().filename());
    CHECK(active.contains(entry.path().stem().string()));
  }
}
