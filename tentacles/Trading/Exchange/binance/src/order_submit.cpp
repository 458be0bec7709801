// The Binance connector's order lane (ABI 1.6 submit_order): the order signed and written on the
// caller's thread (the host's bot loop) on a kept-alive connection, its answer settled on the lane's
// thread with the REST path's own handling. See binance_connector.hpp for who touches what.
#include <chrono>
#include <thread>

#include "binance_connector.hpp"

namespace octobot::binance::connector {

namespace {

std::int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// How long start() waits for the lane's first connection, so the first order does not go the slow way.
constexpr std::int64_t kFirstConnectionWaitMs = 1000;

}  // namespace

void Binance::start_lane(ClientConfig config, const std::string& api_secret) {
  LaneConfig lane;
  lane.base_url = settings_.rest_url;
  lane.ca_file = settings_.ca_file;
  lane.connections = settings_.order_lane_connections;
  lane.connect_timeout_ms = settings_.connect_timeout_ms;
  lane.request_timeout_ms = settings_.request_timeout_ms;
  lane.reconnect_ms = std::max<std::int64_t>(settings_.reconnect_base_ms, 50);
  lane.log_warning = [this](std::string_view line) { log(sdk::LogLevel::warning, std::string(line)); };
  try {
    lane_ = std::make_unique<OrderLane>(std::move(lane));
  } catch (const std::exception& error) {  // a URL the lane cannot serve: orders keep the exchange thread's path
    log(sdk::LogLevel::warning, std::string("no order lane: ") + error.what());
    return;
  }
  lane_key_header_ = "X-MBX-APIKEY: " + config.api_key + "\r\n";
  lane_broker_id_ = settings_.broker_id;
  lane_recv_window_ms_ = settings_.recv_window_ms;
  lane_throttle_percent_ = settings_.throttle_percent;
  lane_time_offset_ms_ = rest_->time_offset_ms();
  lane_signer_ = std::make_unique<RequestSigner>(api_secret);
  lane_rest_ = std::make_unique<RestClient>(std::move(config));
  lane_rest_->adopt_time_offset(lane_time_offset_ms_);
  lane_->start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kFirstConnectionWaitMs);
  while (lane_->idle_connections() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void Binance::stop_lane() {
  if (!lane_) return;
  lane_->stop();  // every request in flight is completed (a failure if unanswered) before it returns
  lane_.reset();
  lane_rest_.reset();
  lane_signer_.reset();
  lane_key_header_.clear();
}

bool Binance::submit_order(const sdk::OrderRequest& request, const std::string& client_order_id,
                           sdk::OrderCompletion done) {
  if (!lane_ || !started_) return false;
  const std::int64_t server_now = system_now_ms() + lane_time_offset_ms_;
  // Banned, backed off after a 429, or at the weight threshold: the blocking path waits as it must.
  if (!limits_->may_send_now(1, server_now, lane_throttle_percent_)) return false;
  auto prepared = std::make_shared<const PreparedOrder>(
      prepare_order(binance_request(request, client_order_id), lane_broker_id_, [] { return std::string(); }));
  std::string body = encode_params(prepared->params);
  {
    const std::lock_guard lock(lane_sign_mutex_);
    sign_query(body, lane_recv_window_ms_, server_now, *lane_signer_);
  }
  const std::string text = lane_->request_text("POST", "/api/v3/order", lane_key_header_, body);
  return lane_->submit(text, [this, request, client_order_id, prepared, done](LaneAnswer answer) {
    finish_submitted(request, client_order_id, *prepared, std::move(answer), done);
  });
}

// The lane thread: the answer (or its absence) settled as create_order settles its own.
void Binance::finish_submitted(const sdk::OrderRequest& request, const std::string& client_order_id,
                               const PreparedOrder& prepared, LaneAnswer answer, const sdk::OrderCompletion& done) {
  if (answer.stopped) {
    const std::string message = "binance: " + prepared.text() + ": " + answer.failure +
                                "; its outcome is unknown here (the bot looks the order up when it starts again)";
    log(sdk::LogLevel::warning, message);
    done.fail(OB_ERROR_EXCHANGE_NETWORK, message);
    return;
  }
  try {
    const HttpResponse* response = answer.response ? &*answer.response : nullptr;
    const sdk::OrderView view = order_outcome(request, client_order_id, *lane_rest_, [&] {
      Order order = lane_rest_->settle_order(prepared, response, answer.failure);
      lane_time_offset_ms_ = lane_rest_->time_offset_ms();  // resynced after a -1021: later orders sign right
      return order;
    });
    done.succeed(view);
  } catch (const sdk::Error& error) {
    done.fail(error.status(), error.what());
  } catch (const std::exception& error) {
    done.fail(OB_ERROR_EXCEPTION, std::string("binance: ") + error.what());
  }
}

}  // namespace octobot::binance::connector
