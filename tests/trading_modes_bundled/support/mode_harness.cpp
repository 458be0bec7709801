#include "mode_harness.hpp"

#include <cstdio>

namespace octobot::test {

ModeDriver::ModeDriver(const ob_class_descriptor* descriptor, FakeAccount& account, const std::filesystem::path& folder,
                       const std::optional<std::filesystem::path>& profile, const std::string& symbol)
    : services_([this] { return now_ms_; }),
      log_{OB_HEADER_INIT(ob_log_service_v1), this, &ModeDriver::write_log, &ModeDriver::log_enabled},
      config_(tentacles::TentacleConfig::resolve(folder, descriptor->name, profile)),
      vtable_(static_cast<const ob_trading_mode_vtable*>(descriptor->vtable)),
      symbol_(symbol) {
  services_.register_service(OB_SERVICE_LOG_V1, &log_);
  services_.register_service(OB_SERVICE_ORDERS_V1, account.orders_service());
  services_.register_service(OB_SERVICE_PORTFOLIO_V1, account.portfolio_service());
  const ob_instance_args args{OB_HEADER_INIT(ob_instance_args),
                              services_.host(),
                              config_.handle(),
                              "binance",
                              symbol_.c_str(),
                              "1h",
                              account.account()};
  ob_error error{OB_HEADER_INIT(ob_error), {}};
  check(vtable_->lifecycle.create(&args, &instance_, &error), error, "create");
}

ModeDriver::~ModeDriver() {
  if (instance_ != nullptr) vtable_->lifecycle.destroy(instance_);
}

void ModeDriver::check(ob_status status, const ob_error& error, const char* what) const {
  if (status != OB_OK) throw std::runtime_error(std::string(what) + " failed: " + error.message);
}

ob_status ModeDriver::submit(void* context, const ob_trading_decision* decision, ob_error* /*error*/) {
  auto* self = static_cast<ModeDriver*>(context);
  self->pending_.push_back({decision->symbol != nullptr ? decision->symbol : "", decision->state, decision->final_note,
                            decision->data != nullptr ? decision->data : ""});
  return OB_OK;
}

void ModeDriver::write_log(void* context, uint32_t level, const char* source, const char* message) {
  auto* self = static_cast<ModeDriver*>(context);
  self->logs_.push_back({level, source != nullptr ? source : "", message != nullptr ? message : ""});
  if (std::getenv("OCTOBOT_TEST_LOG") != nullptr) std::fprintf(stderr, "[%u] %s: %s\n", level, source, message);
}

int32_t ModeDriver::log_enabled(void* /*context*/, uint32_t /*level*/) { return 1; }

bool ModeDriver::logged(std::uint32_t level, const std::string& fragment) const {
  for (const auto& line : logs_) {
    if (line.level == level && line.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

void ModeDriver::route_pending() {
  while (!pending_.empty()) {
    const RecordedDecision decision = pending_.front();
    pending_.erase(pending_.begin());
    decisions_.push_back(decision);
    const ob_trading_decision raw{OB_HEADER_INIT(ob_trading_decision), decision.symbol.c_str(), decision.state,
                                  decision.final_note, decision.data.empty() ? nullptr : decision.data.c_str()};
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    check(vtable_->on_decision(instance_, &raw, &error), error, "on_decision");
  }
}

void ModeDriver::signal(double note, const std::string& strategy, const std::string& description) {
  const ob_strategy_signal raw{OB_HEADER_INIT(ob_strategy_signal),
                               "binance",
                               strategy.c_str(),
                               "Bitcoin",
                               symbol_.c_str(),
                               note,
                               now_ms_,
                               description.c_str()};
  const ob_decision_sink sink{OB_HEADER_INIT(ob_decision_sink), this, &ModeDriver::submit};
  ob_error error{OB_HEADER_INIT(ob_error), {}};
  check(vtable_->on_strategy_signal(instance_, &raw, &sink, &error), error, "on_strategy_signal");
  route_pending();
}

void ModeDriver::service_feed(const std::string& body, const std::string& feed) {
  if (!OB_HAS_FIELD(vtable_, ob_trading_mode_vtable, on_service_feed) || vtable_->on_service_feed == nullptr) {
    throw std::logic_error("the mode does not take service feeds");
  }
  const ob_service_feed_message raw{OB_HEADER_INIT(ob_service_feed_message),
                                    "webhook",
                                    feed.c_str(),
                                    symbol_.c_str(),
                                    symbol_.c_str(),
                                    "",
                                    body.c_str(),
                                    body.size(),
                                    now_ms_};
  const ob_decision_sink sink{OB_HEADER_INIT(ob_decision_sink), this, &ModeDriver::submit};
  ob_error error{OB_HEADER_INIT(ob_error), {}};
  check(vtable_->on_service_feed(instance_, &raw, &sink, &error), error, "on_service_feed");
  route_pending();
}

void ModeDriver::candles(const std::vector<CandleRow>& rows, const std::string& symbol) {
  const std::string& candle_symbol = symbol.empty() ? symbol_ : symbol;
  std::vector<std::int64_t> time;
  std::vector<double> open, high, low, close, volume;
  for (const auto& row : rows) {
    time.push_back(row.open_time_ms);
    open.push_back(row.open);
    high.push_back(row.high);
    low.push_back(row.low);
    close.push_back(row.close);
    volume.push_back(row.volume);
  }
  const ob_candles raw{OB_HEADER_INIT(ob_candles),
                       "binance",
                       candle_symbol.c_str(),
                       "1h",
                       rows.size(),
                       time.data(),
                       open.data(),
                       high.data(),
                       low.data(),
                       close.data(),
                       volume.data()};
  const ob_decision_sink sink{OB_HEADER_INIT(ob_decision_sink), this, &ModeDriver::submit};
  ob_error error{OB_HEADER_INIT(ob_error), {}};
  check(vtable_->on_candle(instance_, &raw, &sink, &error), error, "on_candle");
  route_pending();
}

void ModeDriver::order_update(const ob_order_view& order) {
  const ob_decision_sink sink{OB_HEADER_INIT(ob_decision_sink), this, &ModeDriver::submit};
  ob_error error{OB_HEADER_INIT(ob_error), {}};
  check(vtable_->on_order_update(instance_, &order, &sink, &error), error, "on_order_update");
  route_pending();
}

ob_status ModeDriver::reconfigure(const std::string& json, std::string* message) {
  const auto config = tentacles::TentacleConfig::parse(json, "test config");
  ob_error error{OB_HEADER_INIT(ob_error), {}};
  const ob_status status = vtable_->lifecycle.configure(instance_, config.handle(), &error);
  if (message != nullptr) *message = error.message;
  return status;
}

}  // namespace octobot::test
