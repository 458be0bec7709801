// The one error type for bad JSON input (syntax or schema): it names the file, the JSON path, what
// was expected and what was found, so a user can fix the file without reading our code.
#pragma once

#include <stdexcept>
#include <string>

namespace octobot::commons {

class JsonError : public std::runtime_error {
 public:
  // `json_path` is a JSON Pointer ("/config/trading/risk", "" for the document root) or, for syntax
  // errors, "line L, column C".
  JsonError(std::string file, std::string json_path, std::string expected, std::string found);

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::string& json_path() const noexcept { return json_path_; }
  [[nodiscard]] const std::string& expected() const noexcept { return expected_; }
  [[nodiscard]] const std::string& found() const noexcept { return found_; }

 private:
  std::string file_;
  std::string json_path_;
  std::string expected_;
  std::string found_;
};

}  // namespace octobot::commons
