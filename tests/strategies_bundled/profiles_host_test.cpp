// The new bundled profiles through the real TentacleHost: every active class is loaded from the
// built tree and its configuration (reference overlaid by the profile's specific_config) is valid.
#include <catch2/catch.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <filesystem>
#include <string>

TEST_CASE("profiles: the trading-mode profiles load in the real host with valid configs", "[profiles][host]") {
  const auto name = GENERATE(as<std::string>{}, "grid_trading", "simple_dca", "index_trading",
                             "staggered_orders_trading", "dip_analyser", "tradingview_signals");
  INFO("profile " << name);
  const std::filesystem::path folder = std::filesystem::path(OCTOBOT_SOURCE_DIR) / "profiles" / name;
  const octobot::commons::Profile profile = octobot::commons::load_profile(folder);
  octobot::tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
  options.probe = false;  // the project's own tree
  options.profile_folder = folder;
  options.active_classes = profile.active_classes();
  octobot::tentacles::TentacleHost host(options);
  const auto& report = host.load();
  CHECK(report.missing_active_classes.empty());
  int active = 0;
  for (const auto& tentacle : report.tentacles) {
    for (const auto& report_class : tentacle.classes) {
      if (!report_class.active_in_profile) continue;
      ++active;
      INFO("class " << report_class.name);
      CHECK(report_class.config_error.empty());
      CHECK(host.find_class(report_class.name) != nullptr);
    }
  }
  CHECK(active == static_cast<int>(profile.active_classes().size()));
}
