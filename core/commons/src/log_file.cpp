#include <octobot/commons/log_file.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace octobot::commons {

RotatingLogFile::RotatingLogFile(std::filesystem::path path, LogFileOptions options)
    : path_(std::move(path)), options_(options) {
  if (!path_.parent_path().empty()) std::filesystem::create_directories(path_.parent_path());
  open();
  if (file_ == nullptr) {
    throw std::runtime_error("cannot open the log file " + path_.string() + ": " + std::strerror(errno));
  }
}

RotatingLogFile::~RotatingLogFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void RotatingLogFile::open() {
  file_ = std::fopen(path_.c_str(), "ae");
  std::error_code error;
  const auto size = std::filesystem::file_size(path_, error);
  size_ = error ? 0 : size;
}

void RotatingLogFile::rotate() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  std::error_code ignored;  // a missing older file is normal; a failed rename only keeps more in the live file
  const auto numbered = [this](unsigned index) {
    return std::filesystem::path(path_.string() + "." + std::to_string(index));
  };
  if (options_.keep_files == 0) {
    std::filesystem::remove(path_, ignored);
  } else {
    std::filesystem::remove(numbered(options_.keep_files), ignored);
    for (unsigned index = options_.keep_files; index > 1; --index) {
      std::filesystem::rename(numbered(index - 1), numbered(index), ignored);
    }
    std::filesystem::rename(path_, numbered(1), ignored);
  }
  open();
}

void RotatingLogFile::write(const LogRecord& record) {
  std::string line = options_.format == LogFormat::json ? format_log_json(record) : format_log_line(record);
  line += '\n';
  if (size_ > 0 && size_ + line.size() > options_.max_bytes) rotate();
  if (file_ == nullptr || std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
    if (!reported_error_) {
      std::fprintf(stderr, "cannot write the log file %s: %s (log records are dropped)\n", path_.c_str(),
                   std::strerror(errno));
      reported_error_ = true;
    }
    return;
  }
  size_ += line.size();
}

}  // namespace octobot::commons
