// Text put into HTML (element content and attribute values) goes through this, whatever its source:
// a symbol or profile name is user data.
#pragma once

#include <string>
#include <string_view>

namespace octobot::backtesting::report {

// & < > " ' replaced by entities.
[[nodiscard]] std::string escape_html(std::string_view text);

}  // namespace octobot::backtesting::report
