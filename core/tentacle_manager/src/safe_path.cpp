#include <octobot/tentacle_manager/archive.hpp>

#include <algorithm>

namespace octobot::tentacle_manager {
namespace {

// Splits on '/' and drops empty and "." components.
std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const auto part = path.substr(start, end - start);
    if (!part.empty() && part != ".") parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

}  // namespace

std::optional<std::string> unsafe_path_reason(std::string_view path) {
  if (path.empty()) return "an empty path";
  if (path.front() == '/') return "an absolute path";
  for (const char c : path) {
    if (c == '\\') return "a backslash (Windows separator) in the path";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "a control character in the path";
  }
  const auto parts = components(path);
  if (parts.empty()) return "a path naming the folder itself";
  for (const auto part : parts) {
    if (part == "..") return "a \"..\" component";
  }
  return std::nullopt;
}

std::string normalize_relative_path(std::string_view path) {
  std::string out;
  for (const auto part : components(path)) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

}  // namespace octobot::tentacle_manager
