// The native backtesting data file: a SQLite database described in docs/data-files.md. These
// constants are the format's identity; a reader refuses a file whose name or major version differ.
#pragma once

#include <string_view>

namespace octobot::backtesting::data {

inline constexpr std::string_view kFormatName = "octobot-cpp-candles";
// Bumped when a reader of the previous version could misread a new file.
inline constexpr int kFormatVersion = 1;
// The file name extension `octobot data import` gives its outputs and `octobot data list` looks for.
inline constexpr std::string_view kFileExtension = ".sqlite";
// OctoBot's (Python) collector files, which `octobot data import` converts.
inline constexpr std::string_view kOctoBotFileExtension = ".data";

}  // namespace octobot::backtesting::data
