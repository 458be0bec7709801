#include <array>
#include <cstddef>
#include <cstdint>
#include <octobot_binance/kline_frame.hpp>
#include <string>

#include "whole_integer.hpp"

namespace octobot::binance {

namespace {

// One JSON value as the document path sees it: a string's text (no escapes: those are declined), a
// number's text (numbers are read as text there too), a literal, or a container's whole span.
enum class Kind { string, number, literal_true, literal_false, null, object, array };
// Plain data on purpose (no member initialisers): a frame's member tables are not zeroed first.
struct Token {
  Kind kind;
  const char* data;
  std::size_t size;
  [[nodiscard]] std::string_view text() const noexcept { return {data, size}; }
};

// The bytes that end a string's plain run: its closing quote, or what is left to the document path
// (an escape, a control character).
constexpr std::array<bool, 256> kStringStop = [] {
  std::array<bool, 256> stop{};
  for (int c = 0; c < 0x20; ++c) stop[static_cast<std::size_t>(c)] = true;
  stop['"'] = true;
  stop['\\'] = true;
  return stop;
}();

// The members of one object, in order, the first of equal keys first. A kline's "k" has 17.
constexpr std::size_t kMaxMembers = 32;
// Nested containers are validated (an invalid one makes the document path refuse the frame) up to
// this depth; deeper ones are declined.
constexpr int kMaxDepth = 8;

struct Member {
  const char* key;
  std::size_t key_size;
  Token value;
};

// NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init): not zeroed, the first `size` items are set
struct Members {
  std::array<Member, kMaxMembers> items;
  std::size_t size = 0;
  bool seen = false;  // the object was met (and these are its members)

  // The first member named `key`, as the document path's FindMember gives it.
  // Binance's keys are a letter or two: the length and the first byte rule out the others without a
  // call to memcmp. `key` is never empty.
  [[nodiscard]] const Token* find(std::string_view key) const noexcept {
    for (std::size_t i = 0; i < size; ++i) {
      const Member& member = items[i];
      if (member.key_size == key.size() && member.key[0] == key[0] &&
          std::string_view(member.key, member.key_size) == key) {
        return &member.value;
      }
    }
    return nullptr;
  }
};

// Where one scan of the frame puts the members of the objects a kline event is read from: the root,
// a combined stream's "data", and the "k" of either (the raw stream's event is the root itself).
struct Collect {
  Members root;
  Members data;
  Members root_k;
  Members data_k;
};

// A validating scanner over compact or spaced JSON. Every method returns false for what it does not
// accept, leaving the position anywhere: the caller then gives up on the frame.
class Scanner {
 public:
  explicit Scanner(std::string_view text) noexcept : at_(text.data()), end_(text.data() + text.size()) {}

  void skip_space() noexcept {
    while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }

  // The whole frame: one object, spaces around it allowed. Its members, and those of the objects
  // `collect` names, are recorded on the way.
  bool frame(Collect& collect) noexcept {
    skip_space();
    collect_ = &collect;
    if (!object(&collect.root, 0, Level::root)) return false;
    skip_space();
    return at_ == end_;  // trailing text: the document path refuses the frame
  }

 private:
  // Which object is being read, for what its members' values are collected into.
  enum class Level { root, data, other };

  // The object at the position: its members into `out` (when not null), the position after its
  // closing brace. The first "data" of the root and the first "k" of the root or of that "data" have
  // their members collected too.
  // NOLINTNEXTLINE(misc-no-recursion): nested containers, at most kMaxDepth deep
  bool object(Members* out, int depth, Level level) noexcept {
    if (depth > kMaxDepth || at_ == end_ || *at_ != '{') return false;
    if (out != nullptr) out->seen = true;
    ++at_;
    skip_space();
    if (at_ != end_ && *at_ == '}') {
      ++at_;
      return true;
    }
    for (;;) {
      std::string_view key;
      if (!string(key)) return false;
      skip_space();
      if (at_ == end_ || *at_ != ':') return false;
      ++at_;
      skip_space();
      Level nested_level = Level::other;
      Members* nested = collected(level, key, nested_level);
      Token value;  // NOLINT(cppcoreguidelines-pro-type-member-init): value() sets it when it returns true
      if (!this->value(value, depth, nested, nested_level)) return false;
      if (out != nullptr) {
        if (out->size == kMaxMembers) return false;
        out->items[out->size++] = {key.data(), key.size(), value};
      }
      if (const Next next = after_item('}'); next != Next::more) return next == Next::closed;
    }
  }

  enum class Next { more, closed, invalid };
  // After a container's item: a comma (more to read, spaces after it skipped), its closing `close`
  // (the position after it), or anything else (invalid).
  Next after_item(char close) noexcept {
    skip_space();
    if (at_ == end_) return Next::invalid;
    if (*at_ == close) {
      ++at_;
      return Next::closed;
    }
    if (*at_ != ',') return Next::invalid;
    ++at_;
    skip_space();
    return Next::more;
  }

  // Where the members of member `key`'s value go, if it is an object read from (nullptr: nowhere), and
  // that object's level: the first "data" of the root, the first "k" of the root or of that "data".
  Members* collected(Level level, std::string_view key, Level& nested_level) const noexcept {
    if (level == Level::root && key == "data" && !collect_->data.seen) {
      nested_level = Level::data;
      return &collect_->data;
    }
    if (level != Level::other && key == "k") {
      Members& k = level == Level::root ? collect_->root_k : collect_->data_k;
      return k.seen ? nullptr : &k;
    }
    return nullptr;
  }

  // A value; an object's members go into `members` when it is not null.
  // NOLINTNEXTLINE(misc-no-recursion): nested containers, at most kMaxDepth deep
  bool value(Token& out, int depth, Members* members = nullptr, Level level = Level::other) noexcept {
    if (at_ == end_) return false;
    const char* start = at_;
    switch (*at_) {
      case '"': {
        out.kind = Kind::string;
        std::string_view text;
        if (!string(text)) return false;
        out.data = text.data();
        out.size = text.size();
        return true;
      }
      case '{':
        out.kind = Kind::object;
        if (!object(members, depth + 1, level)) return false;
        break;
      case '[':
        out.kind = Kind::array;
        if (!array(depth + 1)) return false;
        break;
      case 't':
        out.kind = Kind::literal_true;
        if (!word("true")) return false;
        break;
      case 'f':
        out.kind = Kind::literal_false;
        if (!word("false")) return false;
        break;
      case 'n':
        out.kind = Kind::null;
        if (!word("null")) return false;
        break;
      default:
        out.kind = Kind::number;
        if (!number()) return false;
        break;
    }
    out.data = start;
    out.size = static_cast<std::size_t>(at_ - start);
    return true;
  }

  // NOLINTNEXTLINE(misc-no-recursion): nested containers, at most kMaxDepth deep
  bool array(int depth) noexcept {
    if (depth > kMaxDepth) return false;
    ++at_;  // '['
    skip_space();
    if (at_ != end_ && *at_ == ']') {
      ++at_;
      return true;
    }
    for (;;) {
      Token ignored;  // NOLINT(cppcoreguidelines-pro-type-member-init): set by value()
      if (!value(ignored, depth)) return false;
      if (const Next next = after_item(']'); next != Next::more) return next == Next::closed;
    }
  }

  // A string without escapes or control characters (the document path decodes escapes and refuses
  // control characters: both are left to it). Its text without the quotes.
  bool string(std::string_view& out) noexcept {
    if (at_ == end_ || *at_ != '"') return false;
    const char* start = ++at_;
    while (at_ != end_ && !kStringStop[static_cast<unsigned char>(*at_)]) ++at_;  // one table test a byte
    if (at_ == end_ || *at_ != '"') return false;
    out = std::string_view(start, static_cast<std::size_t>(at_ - start));
    ++at_;
    return true;
  }

  bool word(std::string_view expected) noexcept {
    if (static_cast<std::size_t>(end_ - at_) < expected.size() || std::string_view(at_, expected.size()) != expected)
      return false;
    at_ += expected.size();
    return true;
  }

  // JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number() noexcept {
    if (at_ != end_ && *at_ == '-') ++at_;
    if (at_ == end_) return false;
    if (*at_ == '0') {
      ++at_;
    } else if (!digits()) {
      return false;
    }
    if (at_ != end_ && *at_ == '.') {
      ++at_;
      if (!digits()) return false;
    }
    if (at_ != end_ && (*at_ == 'e' || *at_ == 'E')) {
      ++at_;
      if (at_ != end_ && (*at_ == '+' || *at_ == '-')) ++at_;
      if (!digits()) return false;
    }
    return true;
  }

  bool digits() noexcept {
    const char* start = at_;
    while (at_ != end_ && *at_ >= '0' && *at_ <= '9') ++at_;
    return at_ != start;
  }

  const char* at_;
  const char* end_;
  Collect* collect_ = nullptr;
};

// The document path's text(): a string's or a number's text, "" for null; anything else is refused.
bool text_of(const Members& object, std::string_view key, std::string& out) {
  const Token* token = object.find(key);
  if (token == nullptr) return false;
  if (token->kind == Kind::null) {
    out.clear();
    return true;
  }
  if (token->kind != Kind::string && token->kind != Kind::number) return false;
  out.assign(token->data, token->size);
  return true;
}

// The document path's integer(): the text, whole (whole_integer: "+1", "1.0" and null are refused).
bool integer_of(const Members& object, std::string_view key, std::int64_t& out) noexcept {
  const Token* token = object.find(key);
  if (token == nullptr || (token->kind != Kind::string && token->kind != Kind::number)) return false;
  const auto value = detail::whole_integer(token->text());
  if (!value) return false;
  out = *value;
  return true;
}

bool boolean_of(const Members& object, std::string_view key, bool& out) noexcept {
  const Token* token = object.find(key);
  if (token == nullptr || (token->kind != Kind::literal_true && token->kind != Kind::literal_false)) return false;
  out = token->kind == Kind::literal_true;
  return true;
}

}  // namespace

std::optional<KlineEvent> read_kline_frame(std::string_view frame) {
  Collect collect;
  Scanner scanner(frame);
  if (!scanner.frame(collect)) return std::nullopt;

  // The envelope, as the document path tells them apart.
  const Members& root = collect.root;
  const Members* data = &root;
  const Members* k = &collect.root_k;
  const Token* stream = root.find("stream");
  const Token* data_token = root.find("data");
  if (stream != nullptr && data_token != nullptr) {
    if (stream->kind != Kind::string && stream->kind != Kind::number && stream->kind != Kind::null) return std::nullopt;
    if (data_token->kind != Kind::object) return std::nullopt;
    data = &collect.data;
    k = &collect.data_k;
  } else if ((root.find("status") != nullptr && root.find("id") != nullptr) ||
             (root.find("subscriptionId") != nullptr && root.find("event") != nullptr)) {
    return std::nullopt;  // a WebSocket API answer or subscription event: never a market kline
  }
  const Token* type = data->find("e");
  if (type == nullptr || type->kind != Kind::string || type->text() != "kline") return std::nullopt;
  // The first "k" is the one collected: the document path reads the first too.
  const Token* k_token = data->find("k");
  if (k_token == nullptr || k_token->kind != Kind::object || !k->seen) return std::nullopt;

  KlineEvent event;
  if (!text_of(*data, "s", event.symbol) || !integer_of(*data, "E", event.event_time_ms) ||
      !text_of(*k, "i", event.interval) || !boolean_of(*k, "x", event.closed) ||
      !integer_of(*k, "t", event.kline.open_time_ms) || !integer_of(*k, "T", event.kline.close_time_ms) ||
      !text_of(*k, "o", event.kline.open) || !text_of(*k, "h", event.kline.high) ||
      !text_of(*k, "l", event.kline.low) || !text_of(*k, "c", event.kline.close) ||
      !text_of(*k, "v", event.kline.volume) || !text_of(*k, "q", event.kline.quote_volume) ||
      !integer_of(*k, "n", event.kline.trades)) {
    return std::nullopt;
  }
  return event;
}

}  // namespace octobot::binance
