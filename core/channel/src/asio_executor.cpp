// The only translation unit of the bus that includes Boost.Asio.
#include <octobot/channel/executor.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <stdexcept>
#include <utility>

namespace octobot::channel {
namespace {

namespace asio = boost::asio;

class IoContextBackend final : public Executor::Backend {
 public:
  explicit IoContextBackend(asio::io_context& io) : executor_(io.get_executor()) {}
  void post(std::function<void()> task) const override { asio::post(executor_, std::move(task)); }
  bool running_in_this_thread() const noexcept override { return executor_.running_in_this_thread(); }

 private:
  asio::io_context::executor_type executor_;
};

class StrandBackend final : public Executor::Backend {
 public:
  explicit StrandBackend(asio::io_context& io) : strand_(asio::make_strand(io)) {}
  void post(std::function<void()> task) const override { asio::post(strand_, std::move(task)); }
  // Any thread running the io_context counts, not just the one inside the strand: on a one-thread
  // io_context, blocking that thread outside the strand starves the strand all the same.
  bool running_in_this_thread() const noexcept override {
    return strand_.get_inner_executor().running_in_this_thread();
  }

 private:
  asio::strand<asio::io_context::executor_type> strand_;
};

}  // namespace

Executor::Executor(std::shared_ptr<const Backend> backend) : backend_(std::move(backend)) {
  if (!backend_) throw std::invalid_argument("Executor needs a backend");
}

Executor make_executor(boost::asio::io_context& io) { return Executor(std::make_shared<IoContextBackend>(io)); }

Executor make_strand(boost::asio::io_context& io) { return Executor(std::make_shared<StrandBackend>(io)); }

}  // namespace octobot::channel
