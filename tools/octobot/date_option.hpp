// Times given on the command line, and printed: "2021-03-01", "2021-03-01 12:00", "2021-03-01T12:00:00" (UTC) or
// Unix milliseconds.
#pragma once

#include <cstdint>
#include <string>

namespace octobot::app {

// Throws std::runtime_error "<option>: expected ..., found '<text>'".
[[nodiscard]] std::int64_t parse_date_option(const std::string& option, const std::string& text);

// "2021-03-01T12:00:00Z": Unix milliseconds as the UTC time a user reads (and the option above takes).
[[nodiscard]] std::string format_utc(std::int64_t time_ms);

}  // namespace octobot::app
