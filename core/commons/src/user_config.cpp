#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/secret_box.hpp>
#include <octobot/commons/user_config.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <type_traits>

namespace octobot::commons {
namespace {

constexpr std::array<std::string_view, 3> credential_fields{"api-key", "api-secret", "api-password"};

// "a.b\.c" -> {"a", "b.c"}.
std::vector<std::string> split_dot_path(std::string_view dot_path) {
  std::vector<std::string> keys(1);
  for (std::size_t i = 0; i < dot_path.size(); ++i) {
    if (dot_path[i] == '\\' && i + 1 < dot_path.size() && dot_path[i + 1] == '.') {
      keys.back() += '.';
      ++i;
    } else if (dot_path[i] == '.') {
      keys.emplace_back();
    } else {
      keys.back() += dot_path[i];
    }
  }
  if (std::any_of(keys.begin(), keys.end(), [](const std::string& key) { return key.empty(); })) {
    throw std::invalid_argument("expected a dot path such as exchanges.binance.enabled, found \"" +
                                std::string(dot_path) + "\" (an empty key)");
  }
  return keys;
}

std::string join(const std::vector<std::string>& keys, std::size_t count) {
  std::string path;
  for (std::size_t i = 0; i < count; ++i) path += (i ? "." : "") + keys[i];
  return path;
}

bool is_credential_keys(const std::vector<std::string>& keys) {
  return keys.size() == 3 && keys[0] == "exchanges" &&
         std::find(credential_fields.begin(), credential_fields.end(), keys[2]) != credential_fields.end();
}

rapidjson::Value text_value(std::string_view text, rapidjson::Document::AllocatorType& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

// The kind of a value, never its content (it may be a credential).
const char* type_name(const rapidjson::Value& value) {
  if (value.IsObject()) return "an object";
  if (value.IsArray()) return "an array";
  if (value.IsString()) return "a string";
  if (value.IsNumber()) return "a number";
  if (value.IsBool()) return "a boolean";
  return "null";
}

}  // namespace

bool is_credential_path(std::string_view dot_path) {
  try {
    return is_credential_keys(split_dot_path(dot_path));
  } catch (const std::invalid_argument&) {
    return false;
  }
}

struct UserConfig::Impl {
  std::filesystem::path file;
  SecretBox box;
  rapidjson::Document document;

  Impl(std::filesystem::path config_file, SecretBox secret_box)
      : file(std::move(config_file)), box(std::move(secret_box)) {}

  // One walk for both constnesses: `Node` is `rapidjson::Document` or `const rapidjson::Document`.
  template <typename Node>
  static auto* find_in(Node& root, const std::vector<std::string>& keys) {
    auto* node =
        static_cast<std::conditional_t<std::is_const_v<Node>, const rapidjson::Value, rapidjson::Value>*>(&root);
    for (const auto& key : keys) {
      if (!node->IsObject()) return decltype(node){nullptr};
      const auto member = node->FindMember(key.c_str());
      if (member == node->MemberEnd()) return decltype(node){nullptr};
      node = &member->value;
    }
    return node;
  }

  const rapidjson::Value* find(const std::vector<std::string>& keys) const { return find_in(document, keys); }
  rapidjson::Value* find_mutable(const std::vector<std::string>& keys) { return find_in(document, keys); }

  // The object that holds the last key, created on the way.
  rapidjson::Value& parent_for_write(const std::vector<std::string>& keys) {
    auto& allocator = document.GetAllocator();
    rapidjson::Value* node = &document;
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
      auto member = node->FindMember(keys[i].c_str());
      if (member == node->MemberEnd()) {
        node->AddMember(text_value(keys[i], allocator), rapidjson::Value(rapidjson::kObjectType), allocator);
        member = node->FindMember(keys[i].c_str());
      }
      if (!member->value.IsObject()) {
        throw std::invalid_argument("cannot set " + join(keys, keys.size()) + ": " + join(keys, i + 1) + " is " +
                                    type_name(member->value) + ", expected an object");
      }
      node = &member->value;
    }
    return *node;
  }

  void save() const { write_file_atomically(file, to_pretty_json_text(document)); }

  // A copy of the document with every credential redacted.
  rapidjson::Document redacted() const {
    rapidjson::Document copy;
    copy.CopyFrom(document, copy.GetAllocator());
    auto exchanges = copy.FindMember("exchanges");
    if (exchanges == copy.MemberEnd() || !exchanges->value.IsObject()) return copy;
    for (auto& exchange : exchanges->value.GetObject()) {
      if (!exchange.value.IsObject()) continue;
      for (auto& field : exchange.value.GetObject()) {
        const std::string_view name(field.name.GetString(), field.name.GetStringLength());
        if (std::find(credential_fields.begin(), credential_fields.end(), name) == credential_fields.end()) continue;
        if (!field.value.IsString() || field.value.GetStringLength() == 0) continue;
        const std::string shown = SecretBox::is_encrypted(field.value.GetString()) ? "<encrypted>" : "<in clear>";
        field.value.SetString(shown.c_str(), static_cast<rapidjson::SizeType>(shown.size()), copy.GetAllocator());
      }
    }
    return copy;
  }

  Secret read_secret(const std::string& exchange, std::string_view field) const {
    const rapidjson::Value* value = find({"exchanges", exchange, std::string(field)});
    if (value == nullptr || (value->IsString() && value->GetStringLength() == 0)) return {};
    const std::string path = "exchanges." + exchange + "." + std::string(field);
    if (!value->IsString()) {
      throw std::runtime_error(file.string() + ": " + path + " should be a string, found " + type_name(*value));
    }
    const std::string_view stored(value->GetString(), value->GetStringLength());
    if (!SecretBox::is_encrypted(stored)) return Secret(std::string(stored));
    try {
      return box.decrypt(stored);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(file.string() + ": cannot read " + path + ": " + e.what() +
                               "; set it again with `octobot config set-key " + exchange + "`");
    }
  }
};

UserConfig::UserConfig(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UserConfig::UserConfig(UserConfig&&) noexcept = default;
UserConfig& UserConfig::operator=(UserConfig&&) noexcept = default;
UserConfig::~UserConfig() = default;

UserConfig UserConfig::open(const std::filesystem::path& user_dir) {
  return open(user_dir / file_name, user_dir / key_file_name);
}

UserConfig UserConfig::open(const std::filesystem::path& config_file, const std::filesystem::path& key_file) {
  auto impl = std::make_unique<Impl>(config_file, SecretBox::from_key_file(key_file));
  if (std::filesystem::exists(config_file)) {
    impl->document = parse_json_file(config_file);
    if (!impl->document.IsObject()) {
      throw JsonError(config_file.string(), "", "an object at the top level", type_name(impl->document));
    }
  } else {
    impl->document.SetObject();
  }
  return UserConfig(std::move(impl));
}

const std::filesystem::path& UserConfig::file() const noexcept { return impl_->file; }

std::optional<std::string> UserConfig::get(std::string_view dot_path) const {
  const auto keys = split_dot_path(dot_path);
  // A copy with credentials masked: config.json is a few kilobytes and `get` is a CLI call.
  const rapidjson::Document redacted = impl_->redacted();
  const rapidjson::Value* node = Impl::find_in(redacted, keys);
  if (node == nullptr) return std::nullopt;
  return to_json_text(*node);
}

void UserConfig::set(std::string_view dot_path, std::string_view value) {
  const auto keys = split_dot_path(dot_path);
  auto& allocator = impl_->document.GetAllocator();
  rapidjson::Value parsed;
  if (is_credential_keys(keys)) {
    parsed = text_value(value.empty() ? std::string() : impl_->box.encrypt(Secret(std::string(value))), allocator);
  } else {
    rapidjson::Document json;
    json.Parse(value.data(), value.size());
    if (json.HasParseError()) {
      parsed = text_value(value, allocator);
    } else {
      parsed.CopyFrom(json, allocator);
    }
  }
  rapidjson::Value& parent = impl_->parent_for_write(keys);
  const auto member = parent.FindMember(keys.back().c_str());
  if (member != parent.MemberEnd()) {
    member->value = parsed;
  } else {
    parent.AddMember(text_value(keys.back(), allocator), parsed, allocator);
  }
  impl_->save();
}

bool UserConfig::remove(std::string_view dot_path) {
  auto keys = split_dot_path(dot_path);
  const std::string last = keys.back();
  keys.pop_back();
  auto* parent = impl_->find_mutable(keys);
  if (parent == nullptr || !parent->IsObject() || !parent->RemoveMember(last.c_str())) return false;
  impl_->save();
  return true;
}

void UserConfig::set_credentials(const std::string& exchange, const ExchangeCredentials& credentials) {
  auto& allocator = impl_->document.GetAllocator();
  rapidjson::Value& parent = impl_->parent_for_write({"exchanges", exchange, "api-key"});
  const std::array<const Secret*, 3> values{&credentials.api_key, &credentials.api_secret, &credentials.api_password};
  for (std::size_t i = 0; i < credential_fields.size(); ++i) {
    const std::string stored = values[i]->empty() ? std::string() : impl_->box.encrypt(*values[i]);
    const std::string field(credential_fields[i]);
    const auto member = parent.FindMember(field.c_str());
    if (member != parent.MemberEnd()) {
      member->value = text_value(stored, allocator);
    } else {
      parent.AddMember(text_value(field, allocator), text_value(stored, allocator), allocator);
    }
  }
  impl_->save();
}

std::optional<ExchangeCredentials> UserConfig::credentials(const std::string& exchange) const {
  ExchangeCredentials credentials{impl_->read_secret(exchange, "api-key"), impl_->read_secret(exchange, "api-secret"),
                                  impl_->read_secret(exchange, "api-password")};
  if (credentials.api_key.empty()) return std::nullopt;
  return credentials;
}

std::vector<std::string> UserConfig::exchanges() const {
  std::vector<std::string> names;
  const rapidjson::Value* exchanges = impl_->find({"exchanges"});
  if (exchanges == nullptr || !exchanges->IsObject()) return names;
  for (const auto& member : exchanges->GetObject()) names.emplace_back(member.name.GetString());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> UserConfig::clear_credentials() const {
  std::vector<std::string> paths;
  for (const auto& exchange : exchanges()) {
    for (const auto field : credential_fields) {
      const rapidjson::Value* value = impl_->find({"exchanges", exchange, std::string(field)});
      if (value != nullptr && value->IsString() && value->GetStringLength() > 0 &&
          !SecretBox::is_encrypted(value->GetString())) {
        paths.push_back("exchanges." + exchange + "." + std::string(field));
      }
    }
  }
  return paths;
}

void UserConfig::encrypt_clear_credentials() {
  const auto paths = clear_credentials();
  if (paths.empty()) return;
  auto& allocator = impl_->document.GetAllocator();
  for (const auto& path : paths) {
    auto* value = impl_->find_mutable(split_dot_path(path));
    const Secret clear(std::string(value->GetString(), value->GetStringLength()));
    *value = text_value(impl_->box.encrypt(clear), allocator);
  }
  impl_->save();
}

std::string UserConfig::redacted_json() const { return to_pretty_json_text(impl_->redacted()); }

}  // namespace octobot::commons
