// Semantic versions as OctoBot tentacles write them ("1.2.0"), with an optional pre-release or build
// suffix that sorts before the plain release.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace octobot::tentacles {

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::string suffix;  // "-rc1" or "+build": a pre-release sorts before the plain version

  [[nodiscard]] static std::optional<Version> parse(std::string_view text);
  [[nodiscard]] std::string to_string() const;

  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }
};

}  // namespace octobot::tentacles
