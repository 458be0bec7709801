#include "journal_ahead_log.hpp"

#include <octobot/commons/append_integer.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace octobot::exchanges::detail {
namespace {

constexpr std::string_view kVersion = "2";
constexpr std::size_t kFields = 23;  // the version, then JournalEntry's 22 fields (its owner as three)
// Written by earlier versions, read still: the same without the owner's three fields.
constexpr std::string_view kVersionWithoutOwner = "1";
constexpr std::size_t kFieldsWithoutOwner = 20;

void append_escaped(std::string& out, std::string_view text) {
  // Runs without a character to escape (every field of a normal order) are appended whole.
  std::size_t kept_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\\' && c != '\t' && c != '\n') continue;
    out.append(text.data() + kept_from, i - kept_from);
    out += c == '\\' ? "\\\\" : c == '\t' ? "\\t" : "\\n";
    kept_from = i + 1;
  }
  out.append(text.data() + kept_from, text.size() - kept_from);
}

std::optional<std::string> unescaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) return std::nullopt;
    switch (text[i]) {
      case '\\':
        out += '\\';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      default:
        return std::nullopt;
    }
  }
  return out;
}

std::optional<std::int64_t> integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string system_error(const char* what, const std::string& path) {
  return fmt::format("order journal: cannot {} '{}': {}", what, path, std::strerror(errno));
}

// The file's first size: ~250 entries of ~250 bytes, where a bot owes one or two between settles.
constexpr std::size_t kFirstSize = 64 * 1024;

// The entries' text: up to the first NUL byte (the unused, zeroed rest of the file) or the end.
std::string_view written_part(std::string_view bytes) { return bytes.substr(0, bytes.find('\0')); }

}  // namespace

void append_ahead_entry(const JournalEntry& e, std::string& line) {
  const auto field = [&line](std::string_view text) {
    line += '\t';
    append_escaped(line, text);
  };
  // Numbers and decimals are digits, '-' and '.': nothing to escape, written straight into the line
  // (no string of their own: this runs on the order's path).
  const auto number = [&line](std::int64_t value) {
    line += '\t';
    commons::append_integer(line, value);
  };
  const auto decimal = [&line](const commons::Decimal& value) {
    std::array<char, commons::Decimal::kMaxTextLength> text{};
    line += '\t';
    line.append(text.data(), static_cast<std::size_t>(value.write_text(text.data()) - text.data()));
  };
  line += kVersion;
  field(e.client_order_id);
  field(e.symbol);
  number(static_cast<int>(e.side));
  number(static_cast<int>(e.type));
  decimal(e.amount);
  decimal(e.price);
  decimal(e.trigger_price);
  field(e.group);
  number(e.group_kind);
  field(e.portfolio);
  number(static_cast<int>(e.state));
  field(e.exchange_order_id);
  decimal(e.filled);
  decimal(e.filled_cost);
  decimal(e.fees);
  field(e.fee_asset);
  field(e.reason);
  number(e.created_ms);
  number(e.updated_ms);
  field(e.owner.mode);
  field(e.owner.mode_symbol);
  field(e.owner.tag);
  line += '\n';
}

std::string encode_ahead_entry(const JournalEntry& e) {
  std::string line;
  line.reserve(256);
  append_ahead_entry(e, line);
  return line;
}

std::optional<JournalEntry> decode_ahead_entry(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    auto text = unescaped(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (!text) return std::nullopt;
    fields.push_back(std::move(*text));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  const bool with_owner = fields.size() == kFields && fields[0] == kVersion;
  if (!with_owner && !(fields.size() == kFieldsWithoutOwner && fields[0] == kVersionWithoutOwner)) return std::nullopt;
  try {
    JournalEntry e;
    const auto number = [&fields](std::size_t i) {
      const auto value = integer(fields[i]);
      if (!value) throw std::invalid_argument("not an integer");
      return *value;
    };
    e.client_order_id = fields[1];
    e.symbol = fields[2];
    e.side = static_cast<channel::Side>(number(3));
    e.type = static_cast<channel::OrderType>(number(4));
    e.amount = Decimal::from_string(fields[5]);
    e.price = Decimal::from_string(fields[6]);
    e.trigger_price = Decimal::from_string(fields[7]);
    e.group = fields[8];
    e.group_kind = static_cast<int>(number(9));
    e.portfolio = fields[10];
    const std::int64_t state = number(11);
    if (state < 0 || state > static_cast<std::int64_t>(JournalState::expired)) return std::nullopt;
    e.state = static_cast<JournalState>(state);
    e.exchange_order_id = fields[12];
    e.filled = Decimal::from_string(fields[13]);
    e.filled_cost = Decimal::from_string(fields[14]);
    e.fees = Decimal::from_string(fields[15]);
    e.fee_asset = fields[16];
    e.reason = fields[17];
    e.created_ms = number(18);
    e.updated_ms = number(19);
    if (with_owner) e.owner = {fields[20], fields[21], fields[22]};
    if (e.client_order_id.empty()) return std::nullopt;
    return e;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

AheadEntries parse_ahead_text(std::string_view text) {
  AheadEntries result;
  std::size_t start = 0;
  for (std::size_t number = 1; start < text.size(); ++number) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      result.skipped.push_back(
          fmt::format("line {} is cut short (no newline): {} bytes skipped", number, text.size() - start));
      break;
    }
    if (auto entry = decode_ahead_entry(text.substr(start, end - start))) {
      result.entries.push_back(std::move(*entry));
    } else {
      result.skipped.push_back(
          fmt::format("line {} is not a journal entry (expected {} tab-separated fields led "
                      "by version {}, or {} led by version {})",
                      number, kFields, kVersion, kFieldsWithoutOwner, kVersionWithoutOwner));
    }
    start = end + 1;
  }
  return result;
}

std::unique_ptr<JournalAheadLog> JournalAheadLog::take(std::string path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw JournalError(system_error("open", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int why = errno;
    ::close(fd);
    if (why == EWOULDBLOCK) return nullptr;  // another journal owns it
    errno = why;
    throw JournalError(system_error("lock", path));
  }
  return std::unique_ptr<JournalAheadLog>(new JournalAheadLog(std::move(path), fd));
}

AheadEntries JournalAheadLog::read_all() const {
  std::string text;
  char buffer[65536];
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(fd_, buffer, sizeof buffer, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw JournalError(system_error("read", path_));
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    offset += n;
  }
  return parse_ahead_text(written_part(text));
}

void JournalAheadLog::reserve(std::size_t needed) {
  if (bytes_ != nullptr && needed <= size_) return;
  struct stat status {};
  if (::fstat(fd_, &status) != 0) throw JournalError(system_error("read the size of", path_));
  std::size_t size = std::max(kFirstSize, static_cast<std::size_t>(status.st_size));
  while (size < needed) size *= 2;
  // The blocks are allocated now: a full disk is an error here, not a SIGBUS at a mapped page's first write.
  if (const int error = ::posix_fallocate(fd_, 0, static_cast<off_t>(size)); error != 0) {
    errno = error;
    throw JournalError(system_error("reserve space in", path_));
  }
  void* mapped = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (mapped == MAP_FAILED) throw JournalError(system_error("map", path_));
  if (bytes_ == nullptr) {
    used_ = written_part({static_cast<const char*>(mapped), size}).size();  // what a previous run left
  } else {
    ::munmap(bytes_, size_);
  }
  bytes_ = static_cast<char*>(mapped);
  size_ = size;
}

void JournalAheadLog::remove() {
  if (bytes_ != nullptr) ::munmap(bytes_, size_);
  bytes_ = nullptr;
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) throw JournalError(system_error("remove", path_));
}

JournalAheadLog::~JournalAheadLog() {
  if (bytes_ != nullptr) {
    ::munmap(bytes_, size_);
    // Nothing owed: the file is left empty rather than as its reserved zeros (a crash leaves it as is).
    if (used_ == 0) (void)::ftruncate(fd_, 0);
  }
  if (fd_ >= 0) ::close(fd_);
}

void JournalAheadLog::append(const JournalEntry& entry) {
  // The line is made in a buffer kept from one entry to the next: no allocation per order.
  std::string& line = line_;
  line.clear();
  append_ahead_entry(entry, line);
  reserve(used_ + line.size());
  // Stored into the file's pages in the OS's cache: a kill -9 after this line keeps them. Cut short
  // (killed inside the copy), the line ends at a byte still zero and is skipped when read.
  std::memcpy(bytes_ + used_, line.data(), line.size());
  used_ += line.size();
}

void JournalAheadLog::clear() {
  reserve(0);
  std::memset(bytes_, 0, used_);  // the rest is zero already: the file reads as empty
  used_ = 0;
}

}  // namespace octobot::exchanges::detail
