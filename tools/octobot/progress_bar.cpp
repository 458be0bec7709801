#include "progress_bar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace octobot::app {

void ProgressBar::update(std::uint64_t done, std::uint64_t total, double elapsed_seconds) {
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const double fraction = total > 0 ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0.0;
  const int filled = static_cast<int>(fraction * kWidth);
  const double rate = elapsed_seconds > 0 ? static_cast<double>(done) / elapsed_seconds : 0.0;
  const double eta = rate > 0 && total > done ? static_cast<double>(total - done) / rate : 0.0;
  out_ << fmt::format("\r[{}{}] {:3.0f}%  {}/{} {}  {:.{}f} {}/s  ETA {:.0f} s ", std::string(filled, '#'),
                      std::string(kWidth - filled, ' '), fraction * 100, done, total, unit_, rate, rate < 10 ? 2 : 0,
                      unit_, eta)
       << std::flush;
}

void ProgressBar::finish() {
  if (drawn_) out_ << "\r" << std::string(100, ' ') << "\r" << std::flush;
}

}  // namespace octobot::app
