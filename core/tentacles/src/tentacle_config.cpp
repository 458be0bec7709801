#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <cstdio>
#include <cstring>
#include <variant>
#include <vector>

// The opaque ABI type, defined on the host side only.
struct ob_config {
  rapidjson::Document document;
  std::string json;
};

namespace octobot::tentacles {
namespace {

using PathStep = std::variant<std::string, std::size_t>;

// "a.b[2].c" -> {"a", "b", 2, "c"}. Returns false on a malformed path.
bool split_path(std::string_view path, std::vector<PathStep>& steps) {
  std::string key;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      if (!key.empty()) steps.emplace_back(std::move(key));
      key.clear();
    } else if (c == '[') {
      if (!key.empty()) steps.emplace_back(std::move(key));
      key.clear();
      const auto close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return false;
      std::size_t index = 0;
      for (std::size_t j = i + 1; j < close; ++j) {
        if (path[j] < '0' || path[j] > '9') return false;
        index = index * 10 + static_cast<std::size_t>(path[j] - '0');
      }
      steps.emplace_back(index);
      i = close;
    } else {
      key += c;
    }
  }
  if (!key.empty()) steps.emplace_back(std::move(key));
  return !steps.empty();
}

const rapidjson::Value* find(const ob_config* config, const char* path) {
  std::vector<PathStep> steps;
  if (config == nullptr || path == nullptr || !split_path(path, steps)) return nullptr;
  const rapidjson::Value* node = &config->document;
  for (const auto& step : steps) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!node->IsObject()) return nullptr;
      const auto it = node->FindMember(rapidjson::StringRef(key->c_str(), key->size()));
      if (it == node->MemberEnd()) return nullptr;
      node = &it->value;
    } else {
      const std::size_t index = std::get<std::size_t>(step);
      if (!node->IsArray() || index >= node->Size()) return nullptr;
      node = &(*node)[static_cast<rapidjson::SizeType>(index)];
    }
  }
  return node;
}

void write(ob_error* error, const std::string& message) {
  if (error != nullptr) std::snprintf(error->message, sizeof(error->message), "%s", message.c_str());
}

// Finds `path` or reports why not. On success returns the node; otherwise writes the error.
const rapidjson::Value* lookup(const ob_config* config, const char* path, ob_status& status, ob_error* error) {
  const rapidjson::Value* node = find(config, path);
  if (node == nullptr) {
    status = OB_ERROR_NOT_FOUND;
    write(error, std::string("no configuration value at '") + (path ? path : "(null)") + "'");
  }
  return node;
}

ob_status type_error(const char* path, const char* expected, const rapidjson::Value& found, ob_error* error) {
  write(error,
        std::string("expected ") + expected + " at '" + path + "', found " + commons::describe_json_value(found));
  return OB_ERROR_CONFIG;
}

int32_t config_has(const ob_config* config, const char* path) { return find(config, path) != nullptr ? 1 : 0; }

ob_status config_get_double(const ob_config* config, const char* path, double* out, ob_error* error) {
  ob_status status = OB_OK;
  const auto* node = lookup(config, path, status, error);
  if (node == nullptr) return status;
  if (!node->IsNumber()) return type_error(path, "a number", *node, error);
  *out = node->GetDouble();
  return OB_OK;
}

ob_status config_get_int64(const ob_config* config, const char* path, int64_t* out, ob_error* error) {
  ob_status status = OB_OK;
  const auto* node = lookup(config, path, status, error);
  if (node == nullptr) return status;
  if (node->IsInt64()) {
    *out = node->GetInt64();
    return OB_OK;
  }
  // 14.0 is an integer written by a JSON tool that only knows doubles: accept it exactly.
  if (node->IsDouble()) {
    const double value = node->GetDouble();
    if (value == static_cast<double>(static_cast<int64_t>(value)) && value >= -9.2e18 && value <= 9.2e18) {
      *out = static_cast<int64_t>(value);
      return OB_OK;
    }
  }
  return type_error(path, "an integer", *node, error);
}

ob_status config_get_bool(const ob_config* config, const char* path, int32_t* out, ob_error* error) {
  ob_status status = OB_OK;
  const auto* node = lookup(config, path, status, error);
  if (node == nullptr) return status;
  if (!node->IsBool()) return type_error(path, "true or false", *node, error);
  *out = node->GetBool() ? 1 : 0;
  return OB_OK;
}

ob_status config_get_string(const ob_config* config, const char* path, char* buffer, uint64_t capacity,
                            uint64_t* length, ob_error* error) {
  ob_status status = OB_OK;
  const auto* node = lookup(config, path, status, error);
  if (node == nullptr) return status;
  if (!node->IsString()) return type_error(path, "a string", *node, error);
  const uint64_t size = node->GetStringLength();
  if (length != nullptr) *length = size;
  if (buffer != nullptr && capacity > 0) {
    const uint64_t copied = size < capacity - 1 ? size : capacity - 1;
    std::memcpy(buffer, node->GetString(), copied);
    buffer[copied] = '\0';
  }
  return OB_OK;
}

ob_status config_get_array_size(const ob_config* config, const char* path, uint64_t* out, ob_error* error) {
  ob_status status = OB_OK;
  const auto* node = lookup(config, path, status, error);
  if (node == nullptr) return status;
  if (!node->IsArray()) return type_error(path, "an array", *node, error);
  *out = node->Size();
  return OB_OK;
}

const char* config_json(const ob_config* config) { return config != nullptr ? config->json.c_str() : "{}"; }

// Deep merge: objects merge member by member; any other value in `overlay` replaces the base.
void merge_into(rapidjson::Value& base, const rapidjson::Value& overlay,
                rapidjson::Document::AllocatorType& allocator) {
  if (!base.IsObject() || !overlay.IsObject()) {
    base.CopyFrom(overlay, allocator);
    return;
  }
  for (const auto& member : overlay.GetObject()) {
    const auto it = base.FindMember(member.name);
    if (it != base.MemberEnd() && it->value.IsObject() && member.value.IsObject()) {
      merge_into(it->value, member.value, allocator);
    } else if (it != base.MemberEnd()) {
      it->value.CopyFrom(member.value, allocator);
    } else {
      rapidjson::Value name(member.name, allocator);
      rapidjson::Value value(member.value, allocator);
      base.AddMember(name, value, allocator);
    }
  }
}

std::string json_pointer(const std::vector<PathStep>& steps, std::size_t count) {
  std::string pointer;
  for (std::size_t i = 0; i < count; ++i) {
    if (const auto* key = std::get_if<std::string>(&steps[i])) {
      pointer += "/" + *key;
    } else {
      pointer += "/" + std::to_string(std::get<std::size_t>(steps[i]));
    }
  }
  return pointer;
}

std::string member_names(const rapidjson::Value& object) {
  std::string names;
  for (const auto& member : object.GetObject()) {
    names += (names.empty() ? "" : ", ") + std::string(member.name.GetString(), member.name.GetStringLength());
  }
  return names.empty() ? "(none)" : names;
}

// Sets one override in `document`. The path must exist and the new value must have the old one's type,
// so a typo or a wrong kind of value is an error rather than a key the tentacle never reads.
void apply_override(rapidjson::Document& document, const std::string& class_name, const std::string& path,
                    const std::string& value_text) {
  const std::string source = class_name + " (override " + path + "=" + value_text + ")";
  std::vector<PathStep> steps;
  if (!split_path(path, steps)) throw commons::JsonError(source, "", "a dot path such as period or a.b", path);
  rapidjson::Value* node = &document;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (const auto* key = std::get_if<std::string>(&steps[i])) {
      if (!node->IsObject()) {
        throw commons::JsonError(source, json_pointer(steps, i), "an object holding '" + *key + "'",
                                 commons::describe_json_value(*node));
      }
      const auto it = node->FindMember(rapidjson::StringRef(key->c_str(), key->size()));
      if (it == node->MemberEnd()) {
        throw commons::JsonError(source, json_pointer(steps, i + 1), "one of the keys " + member_names(*node),
                                 "'" + *key + "', which " + class_name + "'s configuration does not have");
      }
      node = &it->value;
    } else {
      const std::size_t index = std::get<std::size_t>(steps[i]);
      if (!node->IsArray() || index >= node->Size()) {
        throw commons::JsonError(source, json_pointer(steps, i + 1), "an existing array element",
                                 commons::describe_json_value(*node));
      }
      node = &(*node)[static_cast<rapidjson::SizeType>(index)];
    }
  }
  const rapidjson::Document value = commons::parse_json(value_text, source);
  const char* expected = nullptr;
  if (node->IsBool()) {
    if (!value.IsBool()) expected = "true or false";
  } else if (node->IsInt64() || node->IsUint64()) {
    if (!value.IsInt64() && !value.IsUint64()) expected = "an integer";
  } else if (node->IsNumber()) {
    if (!value.IsNumber()) expected = "a number";
  } else if (node->IsString()) {
    if (!value.IsString()) expected = "a string";
  } else if (node->GetType() != value.GetType()) {
    expected = "a value of the configured type";
  }
  if (expected != nullptr) {
    throw commons::JsonError(source, json_pointer(steps, steps.size()),
                             std::string(expected) + " (the configured value is " + commons::to_json_text(*node) + ")",
                             commons::describe_json_value(value));
  }
  node->CopyFrom(value, document.GetAllocator());
}

std::unique_ptr<ob_config> make_config(rapidjson::Document document, const std::string& source) {
  if (!document.IsObject()) {
    throw commons::JsonError(source, "", "an object", commons::describe_json_value(document));
  }
  auto config = std::make_unique<ob_config>();
  config->json = commons::to_json_text(document);
  config->document = std::move(document);
  return config;
}

}  // namespace

TentacleConfig::TentacleConfig(std::unique_ptr<ob_config> config) : config_(std::move(config)) {}
TentacleConfig::~TentacleConfig() = default;
TentacleConfig::TentacleConfig(TentacleConfig&&) noexcept = default;
TentacleConfig& TentacleConfig::operator=(TentacleConfig&&) noexcept = default;

TentacleConfig TentacleConfig::parse(std::string_view json, const std::string& source) {
  return TentacleConfig(make_config(commons::parse_json(json, source), source));
}

TentacleConfig TentacleConfig::empty() { return parse("{}", "(empty)"); }

TentacleConfig TentacleConfig::resolve(const std::filesystem::path& tentacle_folder, const std::string& class_name,
                                       const std::optional<std::filesystem::path>& profile_folder,
                                       const ConfigOverrides& overrides) {
  const auto reference = tentacle_folder / "config" / (class_name + ".json");
  std::error_code error;
  rapidjson::Document merged(rapidjson::kObjectType);
  std::string source = "(no reference config)";
  if (std::filesystem::is_regular_file(reference, error)) {
    merged = commons::parse_json_file(reference);
    source = reference.string();
    if (!merged.IsObject()) throw commons::JsonError(source, "", "an object", commons::describe_json_value(merged));
  }
  if (profile_folder) {
    const auto specific = *profile_folder / "specific_config" / (class_name + ".json");
    if (std::filesystem::is_regular_file(specific, error)) {
      const rapidjson::Document overlay = commons::parse_json_file(specific);
      if (!overlay.IsObject()) {
        throw commons::JsonError(specific.string(), "", "an object", commons::describe_json_value(overlay));
      }
      merge_into(merged, overlay, merged.GetAllocator());
      source = specific.string();
    }
  }
  for (const auto& [path, value] : overrides) apply_override(merged, class_name, path, value);
  // The optional config/<Class>_schema.json checks the merged result, so a profile override that
  // breaks the tentacle's expectations is reported against the file the user wrote.
  const auto schema_file = tentacle_folder / "config" / (class_name + "_schema.json");
  if (std::filesystem::is_regular_file(schema_file, error)) {
    const commons::JsonSchema schema(commons::read_text_file(schema_file));
    if (auto violation = schema.validate(merged, source)) throw *violation;
  }
  return TentacleConfig(make_config(std::move(merged), source));
}

const std::string& TentacleConfig::json() const noexcept { return config_->json; }
const ob_config* TentacleConfig::handle() const noexcept { return config_.get(); }

const ob_config_service_v1* config_service() {
  static const ob_config_service_v1 service = {OB_HEADER_INIT(ob_config_service_v1),
                                               nullptr,
                                               &config_has,
                                               &config_get_double,
                                               &config_get_int64,
                                               &config_get_bool,
                                               &config_get_string,
                                               &config_get_array_size,
                                               &config_json};
  return &service;
}

}  // namespace octobot::tentacles
