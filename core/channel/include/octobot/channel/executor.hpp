// Where an asynchronous consumer's callback runs. A thin, type-erased handle over a Boost.Asio
// executor (an io_context or a strand), so that code which only publishes or subscribes never
// includes Asio: only the code that owns an io_context calls make_executor/make_strand, and it
// already includes Asio itself.
#pragma once

#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace octobot::channel {

class Executor {
 public:
  // What an executor must do. Implemented in this library for Asio; tests may implement it too.
  class Backend {
   public:
    virtual ~Backend() = default;
    // Queues `task` to run later, never inline. THREAD: any.
    virtual void post(std::function<void()> task) const = 0;
    // True when the calling thread is one of the threads that run this executor's tasks, so that
    // blocking it could keep those tasks from ever running (see WhenFull::block). THREAD: any.
    [[nodiscard]] virtual bool running_in_this_thread() const noexcept = 0;
  };

  explicit Executor(std::shared_ptr<const Backend> backend);

  void post(std::function<void()> task) const { backend_->post(std::move(task)); }
  [[nodiscard]] bool running_in_this_thread() const noexcept { return backend_->running_in_this_thread(); }

 private:
  std::shared_ptr<const Backend> backend_;
};

// Runs tasks on whichever thread runs `io` (the bot loop: one thread by default). The io_context must
// outlive every channel and consumer using the executor, as with any Asio executor.
[[nodiscard]] Executor make_executor(boost::asio::io_context& io);

// Runs tasks on a new strand of `io`: never two at once, even when several threads run `io`.
[[nodiscard]] Executor make_strand(boost::asio::io_context& io);

}  // namespace octobot::channel
