#include <octobot/tentacles/version.hpp>

#include <charconv>

namespace octobot::tentacles {
namespace {

bool parse_number(std::string_view& text, int& out) {
  const auto* begin = text.data();
  const auto* end = begin + text.size();
  const auto result = std::from_chars(begin, end, out);
  if (result.ec != std::errc() || result.ptr == begin || out < 0) return false;
  text.remove_prefix(static_cast<std::size_t>(result.ptr - begin));
  return true;
}

bool expect_dot(std::string_view& text) {
  if (text.empty() || text.front() != '.') return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text) {
  Version version;
  if (!parse_number(text, version.major) || !expect_dot(text) || !parse_number(text, version.minor) ||
      !expect_dot(text) || !parse_number(text, version.patch)) {
    return std::nullopt;
  }
  if (!text.empty() && text.front() != '-' && text.front() != '+') return std::nullopt;
  version.suffix = std::string(text);
  return version;
}

std::string Version::to_string() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch) + suffix;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (const auto c = a.major <=> b.major; c != 0) return c;
  if (const auto c = a.minor <=> b.minor; c != 0) return c;
  if (const auto c = a.patch <=> b.patch; c != 0) return c;
  // A pre-release ("-rc1") precedes the release; build metadata ("+x") does not change precedence.
  const bool a_pre = !a.suffix.empty() && a.suffix.front() == '-';
  const bool b_pre = !b.suffix.empty() && b.suffix.front() == '-';
  if (a_pre != b_pre) return a_pre ? std::strong_ordering::less : std::strong_ordering::greater;
  if (a_pre) return a.suffix <=> b.suffix;
  return std::strong_ordering::equal;
}

}  // namespace octobot::tentacles
