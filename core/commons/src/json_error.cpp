#include <octobot/commons/json_error.hpp>

#include <utility>

namespace octobot::commons {
namespace {

std::string compose(const std::string& file, const std::string& json_path, const std::string& expected,
                    const std::string& found) {
  std::string where = json_path.empty() ? std::string("document root") : json_path;
  return file + ": at " + where + ": expected " + expected + ", found " + found;
}

}  // namespace

JsonError::JsonError(std::string file, std::string json_path, std::string expected, std::string found)
    : std::runtime_error(compose(file, json_path, expected, found)),
      file_(std::move(file)),
      json_path_(std::move(json_path)),
      expected_(std::move(expected)),
      found_(std::move(found)) {}

}  // namespace octobot::commons
