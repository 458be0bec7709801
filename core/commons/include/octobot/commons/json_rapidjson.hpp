// RapidJSON-based parsing and JSON Schema validation with readable errors. Include this only from
// .cpp files that use RapidJSON directly; other headers stay free of it (build time).
#pragma once

#include <octobot/commons/json_error.hpp>

#include <rapidjson/document.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace octobot::commons {

// Parses `text`; on a syntax error throws JsonError with "line L, column C" and RapidJSON's reason.
rapidjson::Document parse_json(std::string_view text, const std::string& source);

// Reads and parses a file (JsonError on bad syntax, std::runtime_error when unreadable).
rapidjson::Document parse_json_file(const std::filesystem::path& path);

// "string \"abc\"", "number 3.5", "object with 2 members", "array of 4", "true", "null".
std::string describe_json_value(const rapidjson::Value& value);

// Compact JSON text of a value.
std::string to_json_text(const rapidjson::Value& value);

// The JSON text of a value as the files users edit are written: 2-space indent, a final newline.
std::string to_pretty_json_text(const rapidjson::Value& value);

// A compiled JSON Schema (draft-04 as supported by RapidJSON 1.1). Thread-safe to share once built.
class JsonSchema {
 public:
  // Throws std::invalid_argument when `schema_text` itself is not valid JSON (a programming error).
  explicit JsonSchema(std::string_view schema_text);
  ~JsonSchema();
  JsonSchema(JsonSchema&&) noexcept;
  JsonSchema& operator=(JsonSchema&&) noexcept;
  JsonSchema(const JsonSchema&) = delete;
  JsonSchema& operator=(const JsonSchema&) = delete;

  // The first violation, described with the JSON path, what the schema expects and what was found;
  // std::nullopt when `document` is valid.
  [[nodiscard]] std::optional<JsonError> validate(const rapidjson::Value& document, const std::string& source) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace octobot::commons
