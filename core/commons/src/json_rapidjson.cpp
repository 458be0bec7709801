#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>

#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>
#include <stdexcept>

namespace octobot::commons {
namespace {

std::string line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string pointer_text(const rapidjson::Pointer& pointer) {
  rapidjson::StringBuffer buffer;
  pointer.Stringify(buffer);
  return buffer.GetString();
}

std::string join_strings(const rapidjson::Value& array, const char* separator) {
  std::string out;
  if (!array.IsArray()) return out;
  for (const auto& item : array.GetArray()) {
    if (!out.empty()) out += separator;
    out += item.IsString() ? "\"" + std::string(item.GetString()) + "\"" : to_json_text(item);
  }
  return out;
}

std::string type_expectation(const rapidjson::Value& type) {
  if (type.IsString()) {
    const std::string name = type.GetString();
    const bool vowel = name == "object" || name == "array" || name == "integer";
    return std::string(vowel ? "an " : "a ") + name;
  }
  return "one of the types " + join_strings(type, ", ");
}

std::string number_text(const rapidjson::Value& value) { return to_json_text(value); }

// Builds what the schema expected at the failing keyword; may refine `found` (e.g. which member is
// unknown) when the keyword says more than the value's description.
std::string expectation(const std::string& keyword, const rapidjson::Value& schema, const rapidjson::Value* value,
                        std::string& found) {
  auto member = [&](const char* name) -> const rapidjson::Value* {
    if (!schema.IsObject()) return nullptr;
    const auto it = schema.FindMember(name);
    return it == schema.MemberEnd() ? nullptr : &it->value;
  };
  if (keyword == "type" && member("type") != nullptr) return type_expectation(*member("type"));
  if (keyword == "required" && member("required") != nullptr && value != nullptr && value->IsObject()) {
    std::string missing;
    for (const auto& name : member("required")->GetArray()) {
      if (name.IsString() && !value->HasMember(name.GetString())) {
        missing += missing.empty() ? "" : ", ";
        missing += "\"" + std::string(name.GetString()) + "\"";
      }
    }
    found = "an object without " + missing;
    return "an object with the required member(s) " + missing;
  }
  if (keyword == "additionalProperties" && value != nullptr && value->IsObject()) {
    std::set<std::string> known;
    if (const auto* properties = member("properties"); properties != nullptr && properties->IsObject()) {
      for (const auto& property : properties->GetObject()) known.insert(property.name.GetString());
    }
    std::string unknown;
    for (const auto& property : value->GetObject()) {
      if (known.count(property.name.GetString()) == 0) {
        unknown += unknown.empty() ? "" : ", ";
        unknown += "\"" + std::string(property.name.GetString()) + "\"";
      }
    }
    std::string allowed;
    for (const auto& name : known) allowed += (allowed.empty() ? "" : ", ") + ("\"" + name + "\"");
    found = "unknown member(s) " + unknown;
    return "only the members " + allowed;
  }
  if (keyword == "enum" && member("enum") != nullptr) return "one of " + join_strings(*member("enum"), ", ");
  if (keyword == "minimum" && member("minimum") != nullptr) {
    const bool exclusive = member("exclusiveMinimum") != nullptr && member("exclusiveMinimum")->IsTrue();
    return std::string("a number ") + (exclusive ? "> " : ">= ") + number_text(*member("minimum"));
  }
  if (keyword == "maximum" && member("maximum") != nullptr) {
    const bool exclusive = member("exclusiveMaximum") != nullptr && member("exclusiveMaximum")->IsTrue();
    return std::string("a number ") + (exclusive ? "< " : "<= ") + number_text(*member("maximum"));
  }
  if (keyword == "minLength" && member("minLength") != nullptr)
    return "a string of at least " + number_text(*member("minLength")) + " character(s)";
  if (keyword == "maxLength" && member("maxLength") != nullptr)
    return "a string of at most " + number_text(*member("maxLength")) + " character(s)";
  if (keyword == "pattern" && member("pattern") != nullptr)
    return std::string("a string matching the pattern ") + member("pattern")->GetString();
  if (keyword == "minItems" && member("minItems") != nullptr)
    return "an array of at least " + number_text(*member("minItems")) + " item(s)";
  if (keyword == "maxItems" && member("maxItems") != nullptr)
    return "an array of at most " + number_text(*member("maxItems")) + " item(s)";
  if (keyword == "uniqueItems") return "an array without duplicate items";
  if (keyword == "minProperties" && member("minProperties") != nullptr)
    return "an object with at least " + number_text(*member("minProperties")) + " member(s)";
  if (const auto* description = member("description"); description != nullptr && description->IsString()) {
    return std::string("a value satisfying \"") + keyword + "\" (" + description->GetString() + ")";
  }
  return "a value satisfying the schema keyword \"" + keyword + "\"";
}

}  // namespace

rapidjson::Document parse_json(std::string_view text, const std::string& source) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseDefaultFlags>(text.data(), text.size());
  if (document.HasParseError()) {
    throw JsonError(source, line_column(text, document.GetErrorOffset()), "valid JSON",
                    std::string("a syntax error: ") + rapidjson::GetParseError_En(document.GetParseError()));
  }
  return document;
}

rapidjson::Document parse_json_file(const std::filesystem::path& path) {
  return parse_json(read_text_file(path), path.string());
}

std::string describe_json_value(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
      return "false";
    case rapidjson::kTrueType:
      return "true";
    case rapidjson::kObjectType:
      return "an object with " + std::to_string(value.MemberCount()) + " member(s)";
    case rapidjson::kArrayType:
      return "an array of " + std::to_string(value.Size()) + " item(s)";
    case rapidjson::kStringType: {
      std::string text = value.GetString();
      if (text.size() > 60) text = text.substr(0, 57) + "...";
      return "the string \"" + text + "\"";
    }
    case rapidjson::kNumberType:
      return "the number " + to_json_text(value);
  }
  return "an unknown value";
}

std::string to_json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string to_pretty_json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

struct JsonSchema::Impl {
  rapidjson::Document schema_json;
  std::unique_ptr<rapidjson::SchemaDocument> schema;
};

JsonSchema::JsonSchema(std::string_view schema_text) : impl_(std::make_unique<Impl>()) {
  impl_->schema_json.Parse(schema_text.data(), schema_text.size());
  if (impl_->schema_json.HasParseError()) {
    throw std::invalid_argument(std::string("JSON schema is not valid JSON: ") +
                                rapidjson::GetParseError_En(impl_->schema_json.GetParseError()));
  }
  impl_->schema = std::make_unique<rapidjson::SchemaDocument>(impl_->schema_json);
}

JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

std::optional<JsonError> JsonSchema::validate(const rapidjson::Value& document, const std::string& source) const {
  rapidjson::SchemaValidator validator(*impl_->schema);
  if (document.Accept(validator)) return std::nullopt;

  const std::string keyword = validator.GetInvalidSchemaKeyword();
  const rapidjson::Value* schema_node = validator.GetInvalidSchemaPointer().Get(impl_->schema_json);
  rapidjson::Pointer where = validator.GetInvalidDocumentPointer();
  // RapidJSON points an unknown member's violation at the member itself; the user needs the object
  // it sits in and the allowed names, so step up one level.
  if (keyword == "additionalProperties" && where.GetTokenCount() > 0) {
    where = rapidjson::Pointer(where.GetTokens(), where.GetTokenCount() - 1);
  }
  const rapidjson::Value* value = where.Get(document);
  std::string found = value != nullptr ? describe_json_value(*value) : std::string("nothing");
  static const rapidjson::Value empty_schema(rapidjson::kObjectType);
  const std::string expected = expectation(keyword, schema_node != nullptr ? *schema_node : empty_schema, value, found);
  return JsonError(source, pointer_text(where), expected, found);
}

}  // namespace octobot::commons
