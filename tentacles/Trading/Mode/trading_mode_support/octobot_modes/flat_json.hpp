// The `data` of a decision as a flat JSON object of strings and numbers. Producers and consumers of
// one mode are the same library, so this only needs to read what FlatJsonWriter writes; it still
// rejects anything else instead of guessing, because a decision can also come from elsewhere (a
// replayed log, a future remote signal).
#pragma once

#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace octobot::modes {

class FlatJsonWriter {
 public:
  FlatJsonWriter& text(std::string_view key, std::string_view value) {
    append_key(key);
    out_ += '"';
    for (const char c : value) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
    return *this;
  }
  FlatJsonWriter& number(std::string_view key, double value) {
    append_key(key);
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.17g", value);
    out_ += buffer;
    return *this;
  }
  [[nodiscard]] std::string str() const { return out_ + "}"; }

 private:
  void append_key(std::string_view key) {
    out_ += out_.size() > 1 ? "," : "";
    out_ += '"';
    out_ += key;
    out_ += "\":";
  }
  std::string out_ = "{";
};

// Values keep their JSON text form (strings unescaped); numbers are read on demand.
class FlatJson {
 public:
  // Throws std::invalid_argument on anything that is not a flat object of strings and numbers.
  static FlatJson parse(std::string_view text) {
    FlatJson result;
    std::size_t at = 0;
    const auto skip = [&] {
      while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r')) ++at;
    };
    const auto fail = [&](const char* what) {
      throw std::invalid_argument("decision data: " + std::string(what) + " at offset " + std::to_string(at));
    };
    const auto read_string = [&] {
      if (at >= text.size() || text[at] != '"') fail("expected a string");
      std::string value;
      for (++at; at < text.size() && text[at] != '"'; ++at) {
        if (text[at] == '\\' && at + 1 < text.size()) ++at;
        value += text[at];
      }
      if (at >= text.size()) fail("unterminated string");
      ++at;
      return value;
    };
    skip();
    if (at >= text.size() || text[at] != '{') fail("expected an object");
    ++at;
    skip();
    if (at < text.size() && text[at] == '}') return result;
    for (;;) {
      skip();
      std::string key = read_string();
      skip();
      if (at >= text.size() || text[at] != ':') fail("expected ':'");
      ++at;
      skip();
      if (at < text.size() && text[at] == '"') {
        result.values_[key] = read_string();
      } else {
        const std::size_t start = at;
        while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ' ') ++at;
        if (start == at) fail("expected a value");
        result.values_[key] = std::string(text.substr(start, at - start));
      }
      skip();
      if (at < text.size() && text[at] == ',') {
        ++at;
        continue;
      }
      if (at < text.size() && text[at] == '}') return result;
      fail("expected ',' or '}'");
    }
  }

  [[nodiscard]] std::optional<std::string> text(const std::string& key) const {
    const auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] std::string text(const std::string& key, const std::string& fallback) const {
    return text(key).value_or(fallback);
  }
  // Every key with its value text, sorted by key.
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& values() const noexcept { return values_; }
  [[nodiscard]] double number(const std::string& key, double fallback) const {
    const auto value = text(key);
    if (!value) return fallback;
    try {
      return std::stod(*value);
    } catch (const std::exception&) {
      throw std::invalid_argument("decision data: '" + key + "' is not a number: " + *value);
    }
  }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace octobot::modes
