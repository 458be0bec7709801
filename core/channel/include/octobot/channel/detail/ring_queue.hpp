// A FIFO on a circular buffer that doubles when full. std::deque would do, but it allocates a block
// every few elements for message-sized types; this allocates only when it grows, and a consumer queue
// that has reached its working size never allocates again.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace octobot::channel::detail {

template <typename T>
class RingQueue {
 public:
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  // Constructs the element in place from `value` (copied or moved): no intermediate object.
  template <typename U>
  void push_back(U&& value) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & (slots_.size() - 1)].emplace(std::forward<U>(value));
    ++size_;
  }

  // Precondition: !empty().
  T pop_front() {
    std::optional<T>& slot = slots_[head_];
    T value = std::move(*slot);
    slot.reset();
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
    return value;
  }

  // Precondition: !empty().
  [[nodiscard]] T& front() noexcept { return *slots_[head_]; }

  // Destroys the front element. Precondition: !empty().
  void drop_front() noexcept {
    slots_[head_].reset();
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
  }

  void clear() noexcept {
    while (size_ > 0) {
      slots_[head_].reset();
      head_ = (head_ + 1) & (slots_.size() - 1);
      --size_;
    }
    head_ = 0;
  }

 private:
  void grow() {
    std::vector<std::optional<T>> larger(std::max<std::size_t>(8, slots_.size() * 2));  // stays a power of 2
    for (std::size_t i = 0; i < size_; ++i) larger[i] = std::move(slots_[(head_ + i) & (slots_.size() - 1)]);
    slots_ = std::move(larger);
    head_ = 0;
  }

  std::vector<std::optional<T>> slots_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace octobot::channel::detail
