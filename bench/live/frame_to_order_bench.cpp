// Issue 8's live figure: a WebSocket kline frame that closes a candle -> the order request it causes,
// through the production path in one process:
//   FakeBinance (loopback REST + WebSocket, its clock moved by this program)
//   -> libbinance_exchange.so loaded by the real TentacleHost -> exchanges::ConnectorClient (the
//      connector's thread, events posted to the bot loop) -> bot::LiveBot in REAL trading (LiveGateway
//      and its SQLite order journal) -> BenchFlipEvaluator -> the bundled SimpleStrategyEvaluator ->
//      the bundled DailyTradingMode -> LiveGateway::create_order -> ConnectorClient -> the connector's
//      signed POST /api/v3/order written by libcurl.
// An order on every candle, honestly: the only TA evaluator is bench-only (flip_evaluator/, loaded as
// a .so from its own tree, never bundled). It alternates -1 and +1, so the real strategy passes a
// strong buy then a strong sell note and the real DailyTradingMode changes state (VERY_LONG <->
// VERY_SHORT) on every closed candle and sends one market order each time (stop orders off).
//
// What the interval is: the fake notes (steady_clock, same process) when it starts writing the closed
// kline frame, and when it has read the whole create-order request; the difference is the figure. It is
// an UPPER BOUND of "frame read by the connector -> request bytes written": it also holds two loopback
// crossings (frame out, request in), Beast's frame write and HTTP parse in the fake, and the fake's
// thread being scheduled. Stages (bot-loop times from TimedClient, a forwarding ExchangeClient):
//   frame_to_candle     frame write -> the closed candle reaches the bot loop (loopback, the stream
//                       client's read and parse, the connector's sink, the post to the bot loop);
//   candle_to_create    candle on the bot loop -> LiveGateway calls create_order: evaluator, strategy,
//                       mode, the gateway's checks AND the journal row committed (it is written first);
//   create_to_request   create_order -> the fake has read the request: the post to the connector
//                       thread, signing, libcurl, loopback, the fake's HTTP parse.
// The journal is measured as shipped (durability full: WAL + synchronous=FULL, an fsync per order) and
// with durability process (WAL + synchronous=NORMAL: survives kill -9 of the bot, not a power cut);
// see docs/live-gateway.md. Its file is under the system temp folder: put TMPDIR on the disk a bot
// would use (tmpfs makes fsync free and the full figure meaningless).
//
// The reference (reference_client.hpp), run first against a fresh fake of its own: a hand-written
// single-thread client doing only "closed kline frame -> signed order request" over the same loopback,
// timed by the same two fake timestamps. It is the machine's floor for this interval; the bot's figures
// are printed next to it and as ratios to it (".p50_vs_reference", ".p99_vs_reference").
//
// Per sample: the clock moves one minute (one closed 1m candle), the program waits for the order at the
// fake and for the gateway to have the exchange's answer, then pauses BENCH_LIVE_GAP_MS (default 2), so
// samples never overlap. 200 warm-up samples, then 2000 (BENCH_LIVE_COUNT changes them). BENCH_LIVE_CENSUS=1
// under callgrind counts each thread's instructions over the same window (socket_stamps.hpp,
// path_census.sh). BENCH_LIVE_SAMPLES=<prefix> also writes every
// sample's stages to a file per run (SampleFile).
//
// `bench_live burst`: candles/s ingested from the WebSocket through the whole bot (measure_burst). Only
// the candles whose evaluation runs before newer ones are stored make orders: the matrix's freshness
// rule (a note on tf made at t is usable while bot time < t + tf; matrix.hpp) makes the rest stale,
// which is what a live bot must do with a backlog.
#include <octobot/bot/live_bot.hpp>
#include <octobot/channel/run_loop.hpp>
#include <octobot/commons/background_log_writer.hpp>
#include <octobot/commons/log_file.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/exchanges/credentials_service.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/testing/fake_binance.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "census_executor.hpp"
#include "host_options.hpp"
#include "reference_client.hpp"
#include "socket_stamps.hpp"
#include "temp_dir.hpp"
#include "timed_client.hpp"

#ifndef OCTOBOT_BENCH_LIVE_WARMUP
#define OCTOBOT_BENCH_LIVE_WARMUP 200
#endif
#ifndef OCTOBOT_BENCH_LIVE_SAMPLES
#define OCTOBOT_BENCH_LIVE_SAMPLES 2000
#endif

namespace {

namespace fs = std::filesystem;
using namespace octobot;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kMinute = 60'000;
// BENCH_LIVE_COUNT=<n>: n samples after max(20, n / 10) warm-up ones, instead of the defaults: the
// instruction census (path_census.sh) runs under callgrind, ~50x slower.
struct SamplePlan {
  int warmup = OCTOBOT_BENCH_LIVE_WARMUP;
  int samples = OCTOBOT_BENCH_LIVE_SAMPLES;
};

// The integer in environment variable `name`, nullopt when it is not set. Throws std::runtime_error
// "<name>: expected <expected>, found "<text>"" when it is not a whole number from `min` to `max`.
std::optional<long> env_integer(const char* name, long min, long max, const char* expected) {
  const char* text = std::getenv(name);
  if (text == nullptr) return std::nullopt;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < min || value > max) {
    throw std::runtime_error(std::string(name) + ": expected " + expected + ", found \"" + text + "\"");
  }
  return value;
}

SamplePlan read_sample_plan() {
  SamplePlan plan;
  const auto value = env_integer("BENCH_LIVE_COUNT", 1, 100'000, "a sample count from 1 to 100000");
  if (!value) return plan;
  plan.samples = static_cast<int>(*value);
  plan.warmup = std::max(20, plan.samples / 10);
  return plan;
}

const SamplePlan& sample_plan() {
  static const SamplePlan plan = read_sample_plan();
  return plan;
}

std::int64_t ns(Clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch()).count();
}

double percentile(const std::vector<double>& sorted, double q) {
  return sorted.empty() ? 0.0 : sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
}

// Prints p50/p99/p99.9 of `micros` under `name`; returns them sorted.
std::vector<double> report_percentiles(const std::string& name, std::vector<double> micros) {
  if (micros.empty()) return micros;
  std::sort(micros.begin(), micros.end());
  bench::report(name + ".p50", "us", percentile(micros, 0.50));
  bench::report(name + ".p99", "us", percentile(micros, 0.99));
  bench::report(name + ".p999", "us", percentile(micros, 0.999));
  return micros;
}

// The fake's wire times, written on its server thread.
struct WireTimes {
  std::mutex mutex;
  std::condition_variable changed;
  std::int64_t kline_write_ns = 0;  // the latest closed 1m kline frame
  std::int64_t order_read_ns = 0;   // the latest POST /api/v3/order
  std::uint64_t orders = 0;

  void on_wire(testing::FakeWireEvent event, std::string_view text, Clock::time_point at) {
    if (event == testing::FakeWireEvent::ws_frame_write) {
      if (text.find("@kline_1m") == std::string_view::npos || text.find("\"x\":true") == std::string_view::npos) return;
      const std::lock_guard lock(mutex);
      kline_write_ns = ns(at);
      return;
    }
    if (text.rfind("POST /api/v3/order", 0) != 0) return;
    const std::string_view rest = text.substr(std::string_view("POST /api/v3/order").size());
    if (!rest.empty() && rest.front() != '?') return;  // not /api/v3/order/test, /api/v3/orderList...
    const std::lock_guard lock(mutex);
    order_read_ns = ns(at);
    ++orders;
    changed.notify_all();
  }
};

// The bundled tree plus the bench evaluator, in one root (as the backtest tests do).
fs::path make_tree(const testing::TempDir& dir) {
  const fs::path tree = dir / "tentacles";
  fs::create_directories(tree);
  fs::copy(OCTOBOT_BUNDLED_TENTACLES, tree, fs::copy_options::recursive);
  fs::copy(OCTOBOT_BENCH_LIVE_TREE, tree, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  return tree;
}

// DailyTrading on BTC/USDT 1m with the flip evaluator as its only TA evaluator, stop orders off, real trading.
commons::Profile make_profile(const testing::TempDir& dir) {
  const fs::path folder = dir / "profile";
  fs::copy(fs::path(OCTOBOT_SOURCE_DIR) / "profiles" / "daily_trading", folder, fs::copy_options::recursive);
  dir.write("profile/tentacles_config.json", R"({"tentacle_activation": {
      "Evaluator": {"BenchFlipEvaluator": true, "SimpleStrategyEvaluator": true},
      "Trading": {"DailyTradingMode": true}}})");
  dir.write("profile/specific_config/SimpleStrategyEvaluator.json",
            R"({"default_config": ["BenchFlipEvaluator"], "required_evaluators": ["*"],
                "required_time_frames": ["1m"], "social_evaluators_notification_timeout": 3600,
                "re_evaluate_TA_when_social_or_realtime_notification": true, "background_social_evaluators": []})");
  dir.write("profile/specific_config/DailyTradingMode.json",
            R"({"default_config": ["SimpleStrategyEvaluator"], "required_strategies": ["SimpleStrategyEvaluator"],
                "required_strategies_min_count": 1, "use_stop_orders": false,
                "use_prices_close_to_current_price": false, "close_to_current_price_difference": 0.005,
                "buy_with_maximum_size_orders": false, "sell_with_maximum_size_orders": false,
                "disable_buy_orders": false, "disable_sell_orders": false})");
  commons::Profile profile = commons::load_profile(folder);
  profile.trader_enabled = true;
  return profile;
}

constexpr std::int64_t kHistory = 100;

// A fresh fake: BTC/USDT 1m candles from kHistory minutes before its clock, funds for every sample.
std::unique_ptr<testing::FakeBinance> make_fake(WireTimes& wire) {
  testing::FakeBinanceOptions options;
  options.check_timestamps = false;  // the clock moves a minute per sample, far faster than real time
  options.wire_probe = [&wire](testing::FakeWireEvent event, std::string_view text, Clock::time_point at) {
    wire.on_wire(event, text, at);
  };
  options.start_time_ms = 1'700'000'000'000 + kHistory * kMinute;
  auto fake = std::make_unique<testing::FakeBinance>(options);
  testing::FakeMarket market;
  market.base = "BTC";
  market.quote = "USDT";
  const std::size_t candles = static_cast<std::size_t>(kHistory + sample_plan().warmup + sample_plan().samples + 100);
  market.candles = testing::generate_candles(1'700'000'000'000, kMinute, candles, "30000");
  fake->add_market(market);
  fake->set_balance("USDT", "10000000");
  fake->set_balance("BTC", "300");
  return fake;
}

// The pause after a sample's answer before the next candle (BENCH_LIVE_GAP_MS, default 2 ms): it lets
// the sample's own after-work (the journal's settle, the checkpoint, the fill's events) finish first. A
// longer pause leaves the path colder (caches, branch predictors, an idle vCPU) when the candle comes:
// docs/benchmarks.md measures 0, 2 and 10 ms.
std::chrono::milliseconds sample_gap() {
  return std::chrono::milliseconds(
      env_integer("BENCH_LIVE_GAP_MS", 0, 60'000, "milliseconds from 0 to 60000").value_or(2));
}

// BENCH_LIVE_SAMPLES=<prefix>: every sample of a bot run, one line each, in <prefix>.<run name>.tsv:
// in_process (µs) and its three stages, from the closed kline's bytes received to the candle on the
// bot loop, to create_order, to the order's bytes written, then the bot loop's context switches and
// page faults between the candle and create_order (two getrusage calls more on the path). For finding
// where a slow sample spent its time; the printed figures stay the same kind.
class SampleFile {
 public:
  explicit SampleFile(const std::string& run_name) {
    const char* prefix = std::getenv("BENCH_LIVE_SAMPLES");
    if (prefix == nullptr) return;
    const std::string path = std::string(prefix) + "." + run_name + ".tsv";
    file_ = std::fopen(path.c_str(), "w");
    if (file_ == nullptr) {
      throw std::runtime_error("BENCH_LIVE_SAMPLES: cannot write " + path + ": expected a writable path prefix");
    }
    std::fputs(
        "in_process_us\treceived_to_candle_us\tcandle_to_create_us\tcreate_to_written_us\tloop_switches\t"
        "loop_faults\n",
        file_);
  }
  ~SampleFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  SampleFile(const SampleFile&) = delete;
  SampleFile& operator=(const SampleFile&) = delete;

  // Refuses a prefix whose folder cannot take the files, before any run (a run takes ~15 s).
  static void check_prefix() {
    const char* prefix = std::getenv("BENCH_LIVE_SAMPLES");
    if (prefix == nullptr) return;
    fs::path folder = fs::path(prefix).parent_path();
    if (folder.empty()) folder = ".";
    std::error_code error;
    if (!fs::is_directory(folder, error) || ::access(folder.c_str(), W_OK) != 0) {
      throw std::runtime_error(
          std::string("BENCH_LIVE_SAMPLES: expected a path prefix in a writable folder, found \"") + prefix + "\" (" +
          folder.string() + " is not a writable folder)");
    }
  }

  [[nodiscard]] bool open() const noexcept { return file_ != nullptr; }
  void write(std::int64_t in_process_ns, std::int64_t to_candle_ns, std::int64_t to_create_ns,
             std::int64_t to_written_ns, std::int64_t switches, std::int64_t faults) {
    std::fprintf(file_, "%.3f\t%.3f\t%.3f\t%.3f\t%lld\t%lld\n", static_cast<double>(in_process_ns) / 1000.0,
                 static_cast<double>(to_candle_ns) / 1000.0, static_cast<double>(to_create_ns) / 1000.0,
                 static_cast<double>(to_written_ns) / 1000.0, static_cast<long long>(switches),
                 static_cast<long long>(faults));
  }

 private:
  std::FILE* file_ = nullptr;
};

// Moves the fake's clock one minute per sample; for each sample after the warm-up whose order reached
// the fake, calls on_sample(kline frame write ns, order read ns, in-process ns) once `answered()` shows
// the client has the exchange's answer. The in-process figure (socket_stamps.hpp: the closed kline's
// bytes received -> the request's bytes written, both inside this sample) is -1 when a stamp is missing
// (a marker split across two reads); those are counted in `unstamped`. Returns the candles that caused
// no order (counted, not timed); calls fail() (which throws) after 20 of them.
template <class Answered, class OnSample, class Fail>
int drive_samples(const std::string& name, testing::FakeBinance& fake, WireTimes& wire, Answered answered,
                  OnSample on_sample, Fail fail, int& unstamped) {
  int missed = 0;
  bench::SocketStamps& stamps = bench::socket_stamps();
  const std::chrono::milliseconds gap = sample_gap();
  const int warmup = sample_plan().warmup;
  const std::uint64_t census_before = stamps.census_windows.load(std::memory_order_acquire);
  const std::uint64_t census_reads_before = stamps.census_read_windows.load(std::memory_order_acquire);
  for (int i = 0; i < warmup + sample_plan().samples; ++i) {
    std::uint64_t orders_before = 0;
    {
      const std::lock_guard lock(wire.mutex);
      orders_before = wire.orders;
    }
    const std::uint64_t frames_before = stamps.frames_received.load(std::memory_order_acquire);
    const std::uint64_t writes_before = stamps.orders_written.load(std::memory_order_acquire);
    const std::uint64_t answers_before = answered();
    fake.advance(kMinute);
    std::int64_t kline_ns = 0, order_ns = 0;
    {
      std::unique_lock lock(wire.mutex);
      if (!wire.changed.wait_for(lock, std::chrono::seconds(2), [&] { return wire.orders > orders_before; })) {
        // The mode or the gateway made no order for this candle (it happens about once in a few
        // thousand, e.g. an order refused locally while the balances catch up): counted, not timed.
        ++missed;
        if (missed > 20) {
          lock.unlock();
          fail("no order for 20 candles");
        }
        continue;
      }
      kline_ns = wire.kline_write_ns;
      order_ns = wire.order_read_ns;
    }
    // The client has the exchange's answer (the bot: and the fill's user-data events a moment later).
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (answered() == answers_before && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::this_thread::sleep_for(gap);
    std::int64_t in_process_ns = -1;
    if (stamps.frames_received.load(std::memory_order_acquire) > frames_before &&
        stamps.orders_written.load(std::memory_order_acquire) > writes_before) {
      in_process_ns = stamps.order_written_ns.load(std::memory_order_acquire) -
                      stamps.frame_received_ns.load(std::memory_order_acquire);
    }
    if (in_process_ns < 0 && i >= warmup) ++unstamped;
    if (i >= warmup) on_sample(kline_ns, order_ns, in_process_ns);
  }
  if (bench::census_requested()) {
    // The windows of this run, warm-up included: path_census.sh divides each thread's count by them.
    bench::report(name + ".census_windows", "windows",
                  static_cast<double>(stamps.census_windows.load(std::memory_order_acquire) - census_before));
    bench::report(
        name + ".census_read_windows", "windows",
        static_cast<double>(stamps.census_read_windows.load(std::memory_order_acquire) - census_reads_before));
  }
  return missed;
}

// One run's samples, µs. total: the fake's wire figure (kline frame write -> order request read);
// in_process: socket_stamps.hpp's (the frame's bytes received -> the request's bytes written); the
// stages are the bot's only (TimedClient).
struct Figures {
  std::vector<double> total, in_process, frame_to_candle, candle_to_create, create_to_request;
};

// The floor: the hand-written single-thread client against a fresh fake. Returns its sorted figures.
Figures run_reference(const std::string& name) {
  WireTimes wire;
  auto fake = make_fake(wire);
  const std::string& url = fake->base_url();
  const auto port = static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));
  const testing::FakeBinanceOptions defaults;  // make_fake's key and secret
  bench::ReferenceClient client(port, "btcusdt@kline_1m", {"BTCUSDT", "0.001", defaults.api_key, defaults.api_secret});
  Figures figures;
  const auto fail = [&](const std::string& why) {
    const std::string failure = client.failure();
    throw std::runtime_error(name + ": " + why + (failure.empty() ? "" : " (" + failure + ")"));
  };
  int unstamped = 0;
  const int missed = drive_samples(
      name, *fake, wire, [&] { return client.answers(); },
      [&](std::int64_t kline_ns, std::int64_t order_ns, std::int64_t in_process_ns) {
        figures.total.push_back(static_cast<double>(order_ns - kline_ns) / 1000.0);
        if (in_process_ns >= 0) figures.in_process.push_back(static_cast<double>(in_process_ns) / 1000.0);
      },
      fail, unstamped);
  bench::report(name + ".candles_without_order", "candles", missed);
  bench::report(name + ".samples_without_socket_stamps", "samples", unstamped);
  figures.in_process = report_percentiles(name + ".in_process", std::move(figures.in_process));
  figures.total = report_percentiles(name + ".frame_to_order", std::move(figures.total));
  return figures;
}

constexpr std::int64_t kBurst = 2000;

// Candles/s through the whole bot: kBurst 1m candles close in one clock move (as after a stall or a
// reconnect's backlog) and the program waits until every one reached the bot loop and the orders they
// caused stopped coming (none for 2 s). Prints the rate, the candles received and the orders.
void measure_burst(const std::string& name, testing::FakeBinance& fake, WireTimes& wire, bench::TimedClient& timed) {
  const auto orders_at_wire = [&] {
    const std::lock_guard lock(wire.mutex);
    return wire.orders;
  };
  const std::uint64_t candles_before = timed.closed_candles.load(std::memory_order_acquire);
  const std::uint64_t orders_before = orders_at_wire();
  const std::uint64_t creates_before = timed.creates.load(std::memory_order_acquire);
  const auto started = Clock::now();
  fake.advance(kBurst * kMinute);
  const auto received = [&] { return timed.closed_candles.load(std::memory_order_acquire) - candles_before; };
  const auto deadline = started + std::chrono::seconds(120);
  while (received() < static_cast<std::uint64_t>(kBurst) && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const bool all = received() >= static_cast<std::uint64_t>(kBurst);
  std::uint64_t orders = orders_at_wire();
  for (auto quiet_since = Clock::now(); Clock::now() - quiet_since < std::chrono::seconds(2);) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (const std::uint64_t now = orders_at_wire(); now != orders) {
      orders = now;
      quiet_since = Clock::now();
    }
  }
  bench::report(name + ".burst.candles_per_s", "candles/s", all ? static_cast<double>(kBurst) / seconds : 0.0);
  bench::report(name + ".burst.candles_received", "candles", static_cast<double>(received()));
  bench::report(name + ".burst.create_calls", "orders",
                static_cast<double>(timed.creates.load(std::memory_order_acquire) - creates_before));
  bench::report(name + ".burst.orders_at_exchange", "orders", static_cast<double>(orders - orders_before));
}

// One bot on a fresh fake, journal durability `durability`, its loop's thread waiting as `wait` says;
// prints its figures under `name`: the frame -> order samples, or with `burst` the burst's figures
// (measure_burst) instead.
Figures run_live(const std::string& name, const tentacles::HostOptions& host_options, const commons::Profile& profile,
                 bool process_durability, channel::LoopWait wait = channel::LoopWait::sleep, bool burst = false) {
  testing::TempDir dir;
  WireTimes wire;
  auto fake = make_fake(wire);
  const testing::FakeBinanceOptions options;  // the key and secret make_fake's fake has: the defaults

  // Logs as `octobot run` writes them: info and up, to a file, on a writer thread.
  commons::RotatingLogFile log_file(dir / "octobot.log");
  commons::BackgroundLogWriter log_writer([&log_file](const commons::LogRecord& record) { log_file.write(record); });
  commons::set_log_sink([&log_writer](const commons::LogRecord& record) { log_writer.write(record); });

  tentacles::TentacleHost host(host_options);
  host.load();
  const auto connector = exchanges::find_connector_class(host, "binance");
  if (!connector) throw std::runtime_error("the Binance connector tentacle did not load");
  tentacles::HostServices services;
  const std::string ws = "ws://" + fake->base_url().substr(std::string("http://").size());
  // BENCH_LIVE_ORDER_LANE=0: every order through the connector thread's create_order, as before ABI
  // 1.6's submit_order, for a comparison in the same binary (default: the connector's 2 connections).
  const char* order_lane = std::getenv("BENCH_LIVE_ORDER_LANE");
  services.set_config_overrides(
      {{*connector,
        {{"rest_url", "\"" + fake->base_url() + "\""},
         {"ws_url", "\"" + ws + "\""},
         {"ws_api_url", "\"" + fake->ws_api_url() + "\""},  // the user data: the fake's WebSocket API
         {"order_lane_connections", order_lane != nullptr ? order_lane : "2"}}}});
  exchanges::CredentialsService credentials(std::map<std::string, commons::ExchangeCredentials>{
      {"binance", {commons::Secret(options.api_key), commons::Secret(options.api_secret), {}}}});
  credentials.register_on(services);

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  exchanges::ConnectorClient client(host, "binance", *connector, bench::connector_executor(channel::make_executor(io)),
                                    &services);
  SampleFile samples(name);
  bench::TimedClient timed(client, "1m", samples.open());
  bot::LiveBotConfig config;
  config.profile = profile;
  config.kind = bot::TradingKind::real;
  config.time_frames = {commons::TimeFrame::one_minute};
  config.history_candles = kHistory;
  config.store_file = dir / "real.sqlite";
  config.journal_durability =
      process_durability ? exchanges::JournalDurability::process : exchanges::JournalDurability::full;
  auto live = std::make_unique<bot::LiveBot>(host, timed, channel::make_executor(io), std::move(config));
  std::promise<std::optional<std::string>> started;
  boost::asio::post(io, [&] { live->start([&](std::optional<std::string> error) { started.set_value(error); }); });
  std::thread loop([&io, wait] { channel::run_loop(io, wait); });
  const auto fail = [&](const std::string& why) {
    boost::asio::post(io, [&] { live->stop(); });
    work.reset();
    loop.join();
    commons::set_log_sink(nullptr);
    throw std::runtime_error(name + ": " + why + " (log: " + (dir / "octobot.log").string() + ")");
  };
  auto start_result = started.get_future();
  if (start_result.wait_for(std::chrono::seconds(30)) != std::future_status::ready) fail("the bot did not start");
  if (const auto error = start_result.get()) fail("start failed: " + *error);

  // The bot trades on the latest history candle at start: let that order settle first.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  Figures figures;
  if (burst) {
    measure_burst(name, *fake, wire, timed);
  } else {
    int unstamped = 0;
    const int missed = drive_samples(
        name, *fake, wire, [&] { return timed.create_answers.load(std::memory_order_acquire); },
        [&](std::int64_t kline_ns, std::int64_t order_ns, std::int64_t in_process_ns) {
          const std::int64_t candle_ns = timed.last_closed_candle_ns.load(std::memory_order_acquire);
          const std::int64_t create_ns = timed.last_create_ns.load(std::memory_order_acquire);
          figures.total.push_back(static_cast<double>(order_ns - kline_ns) / 1000.0);
          if (in_process_ns >= 0) figures.in_process.push_back(static_cast<double>(in_process_ns) / 1000.0);
          figures.frame_to_candle.push_back(static_cast<double>(candle_ns - kline_ns) / 1000.0);
          figures.candle_to_create.push_back(static_cast<double>(create_ns - candle_ns) / 1000.0);
          figures.create_to_request.push_back(static_cast<double>(order_ns - create_ns) / 1000.0);
          if (samples.open() && in_process_ns >= 0) {
            const std::int64_t received_ns = bench::socket_stamps().frame_received_ns.load(std::memory_order_acquire);
            const std::int64_t written_ns = bench::socket_stamps().order_written_ns.load(std::memory_order_acquire);
            samples.write(in_process_ns, candle_ns - received_ns, create_ns - candle_ns, written_ns - create_ns,
                          timed.last_path_switches.load(std::memory_order_relaxed),
                          timed.last_path_faults.load(std::memory_order_relaxed));
          }
        },
        fail, unstamped);
    bench::report(name + ".candles_without_order", "candles", missed);
    bench::report(name + ".samples_without_socket_stamps", "samples", unstamped);
    figures.in_process = report_percentiles(name + ".in_process", std::move(figures.in_process));
    figures.total = report_percentiles(name + ".frame_to_order", std::move(figures.total));
    report_percentiles(name + ".frame_to_candle", figures.frame_to_candle);
    report_percentiles(name + ".candle_to_create", figures.candle_to_create);
    report_percentiles(name + ".create_to_request", figures.create_to_request);
  }

  std::promise<void> stopped;
  boost::asio::post(io, [&] {
    live->stop();
    live.reset();
    stopped.set_value();
  });
  stopped.get_future().wait();
  work.reset();
  loop.join();
  commons::set_log_sink(nullptr);
  log_writer.flush();
  if (const char* keep = std::getenv("BENCH_LIVE_KEEP_LOG"))
    fs::copy_file(dir / "octobot.log", keep, fs::copy_options::overwrite_existing);
  return figures;
}

// The bot's figures as multiples of the reference's, at the same percentile: the wire figure and the
// in-process one.
void report_against(const std::string& name, const Figures& bot, const Figures& reference) {
  for (const auto& [suffix, q] : {std::pair{".p50_vs_reference", 0.50}, std::pair{".p99_vs_reference", 0.99}}) {
    if (const double floor = percentile(reference.total, q); floor > 0) {
      bench::report(name + ".frame_to_order" + suffix, "x", percentile(bot.total, q) / floor);
    }
    if (const double floor = percentile(reference.in_process, q); floor > 0) {
      bench::report(name + ".in_process" + suffix, "x", percentile(bot.in_process, q) / floor);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Optional argument: "full" or "process" runs the reference and that durability only, "spin" the
  // reference and `process` with a spinning bot loop; "reference" the reference alone.
  const std::string only = argc > 1 ? argv[1] : "";
  try {
    SampleFile::check_prefix();
    (void)sample_plan();  // a bad BENCH_LIVE_COUNT is refused before any run
    if (bench::census_requested() && !bench::census_available()) {
      throw std::runtime_error(
          "BENCH_LIVE_CENSUS: this bench_live was built without valgrind's callgrind.h (Debian package "
          "valgrind); expected a build that has it");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_live: %s\n", e.what());
    return 1;
  }
  testing::TempDir dir;
  const fs::path tree = make_tree(dir);
  const commons::Profile profile = make_profile(dir);
  const tentacles::HostOptions options = testing::host_options(tree, profile);
  try {
    if (only == "burst") {
      run_live("live.journal_process", options, profile, true, channel::LoopWait::sleep, true);
      return 0;
    }
    const Figures reference = run_reference("live.reference");
    if (reference.in_process.empty()) {
      throw std::runtime_error(bench::socket_stamps().interposed.load()
                                   ? "the socket stamps never saw a closed kline received and an order written"
                                   : "the socket calls are not interposed (bench_live must export its symbols)");
    }
    if (only.empty() || only == "full") report_against("live", run_live("live", options, profile, false), reference);
    if (only.empty() || only == "process") {
      report_against("live.journal_process", run_live("live.journal_process", options, profile, true), reference);
    }
    if (only.empty() || only == "spin") {  // live_trading.bot_loop_wait "spin"
      report_against("live.journal_process.spin",
                     run_live("live.journal_process.spin", options, profile, true, channel::LoopWait::spin), reference);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_live: %s\n", e.what());
    return 1;
  }
  return 0;
}
