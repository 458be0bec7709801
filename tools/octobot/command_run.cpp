// `octobot run`: the standalone bot on live market data (paper trading by default), on one bot loop
// (a Boost.Asio io_context on this thread). SIGINT/SIGTERM (or --for) stop it gracefully: the
// connection closes, the store is flushed, the status is 0. SIGHUP restarts it in process: config.json,
// the profile and the tentacles are read again and the bot is rebuilt. docs/live-trading.md.
#include <octobot/bot/live_bot.hpp>
#include <octobot/bot/live_settings.hpp>
#include <octobot/channel/run_loop.hpp>
#include <octobot/commons/background_log_writer.hpp>
#include <octobot/commons/log_file.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/commons/user_config.hpp>
#include <octobot/exchange.h>
#include <octobot/exchanges/ban_file.hpp>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/exchanges/credentials_service.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app_paths.hpp"
#include "commands.hpp"
#include "date_option.hpp"
#include "run_exchange_settings.hpp"
#include "run_services.hpp"
#include "tentacle_host_setup.hpp"

namespace octobot::app {
namespace {

using commons::LogLevel;
constexpr const char* kSource = "run";

struct RunOptions {
  std::string log_file;
  double for_seconds = 0;
  std::uint64_t history = 200;
  bool reset_paper = false;  // the first session starts from the starting portfolio (not on SIGHUP)
};

// What ended a session.
enum class Ending : std::uint8_t { none, stop, restart, failed };

// A session's store name: its UTC start to the millisecond, then this process's id and a count, so
// that two sessions started in the same millisecond (by two processes or a quick SIGHUP) never share
// a file. Names sort by start time (latest_paper_state relies on it).
std::string session_stamp() {
  static unsigned sessions = 0;
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%S", &tm);
  return fmt::format("{}.{:03}Z-{}-{}", text, millis, ::getpid(), ++sessions);
}

std::int64_t wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// One bot, from the files as they are now. Everything it owns goes when it goes (restart).
class Session {
 public:
  Session(const GlobalOptions& global, const RunOptions& options, bool reset_paper, boost::asio::io_context& io,
          std::function<void(Ending)> end)
      : io_(io), end_(std::move(end)) {
    const AppPaths paths = resolve_app_paths(global.tentacles_dir, global.user_dir);
    config_.emplace(commons::UserConfig::open(paths.user_dir));
    profile_ = commons::load_profile(commons::find_profile(global.profile, paths.profile_roots()));
    const bot::TradingKind kind = bot::trading_kind(profile_);
    for (const auto& exchange : profile_.exchanges) {
      if (exchange.enabled) {
        exchange_ = lower(exchange.name);
        break;
      }
    }
    if (exchange_.empty()) throw std::runtime_error("profile '" + profile_.name + "' enables no exchange");

    host_ = std::make_unique<tentacles::TentacleHost>(make_host_options(paths, profile_, global));
    host_->load();
    const auto connector = exchanges::find_connector_class(*host_, exchange_);
    if (!connector) {
      throw std::runtime_error("no exchange connector for '" + exchange_ +
                               "' is loaded, so the bot cannot reach the exchange: install or build its tentacle "
                               "(Trading/Exchange) and check `octobot tentacles`");
    }

    // The connector's own services: its settings from config.json, its credentials, the system clock.
    const ExchangeSettings settings = exchange_settings(*config_, exchange_, host_->resolve_config(*connector));
    for (const auto& name : settings.ignored) {
      commons::log(
          LogLevel::debug, kSource,
          fmt::format("config.json exchanges.{}.{} is not a setting of {}: ignored", exchange_, name, *connector));
    }
    connector_services_.set_config_overrides({{*connector, settings.overrides}});
    credentials_.emplace(*config_);
    credentials_->register_on(connector_services_);

    client_ = std::make_unique<exchanges::ConnectorClient>(*host_, exchange_, *connector, channel::make_executor(io_),
                                                           &connector_services_);
    bot::LiveBotConfig bot_config;
    bot_config.profile = profile_;
    bot_config.kind = kind;
    bot_config.history_candles = options.history;
    const std::string folder = profile_.id.empty() ? profile_.folder.filename().string() : profile_.id;
    bot_config.store_file = paths.user_dir / "trading" / folder /
                            ((kind == bot::TradingKind::paper ? "paper-" : "real-") + session_stamp() + ".sqlite");
    // Paper trading continues the previous paper session of this profile (its portfolio and open
    // orders), as OctoBot's simulator keeps its portfolio across restarts; --reset-paper starts afresh.
    if (kind == bot::TradingKind::paper && !reset_paper) {
      if (auto previous = bot::latest_paper_state(bot_config.store_file.parent_path(), bot_config.store_file)) {
        bot_config.resume_from = *previous;
      }
    } else if (kind == bot::TradingKind::paper) {
      commons::log(LogLevel::info, kSource, "--reset-paper: starting from the profile's starting portfolio");
    } else if (auto previous = bot::latest_real_state(bot_config.store_file.parent_path(), bot_config.store_file)) {
      // Real trading: the journal holds the orders; the previous session's store says which mode owns
      // each one still open (and what it chained to them).
      bot_config.resume_from = *previous;
    }
    // Real trading's order journal stays across runs (one per profile): restarts reconcile from it.
    bot_config.journal_file = paths.user_dir / "trading" / folder / "orders-journal.sqlite";
    // Per machine and exchange, not per profile: a ban is the IP's.
    ban_file_ = paths.user_dir / "trading" / "exchange-bans.json";
    bot_config.ban_file = ban_file_;
    bot::apply_live_settings(*config_, bot_config);  // config.json live_trading.*
    loop_wait_ = bot::bot_loop_wait(*config_);
    store_file_ = bot_config.store_file;
    if (kind == bot::TradingKind::real) {
      journal_note_ = fmt::format("order journal {} (durability {})", bot_config.journal_file.string(),
                                  exchanges::to_string(bot_config.journal_durability));
    }
    bot_ = std::make_unique<bot::LiveBot>(*host_, *client_, channel::make_executor(io_), std::move(bot_config));
    // Beside the exchange and evaluator producers: the profile auto-update and the web API.
    services_ = std::make_unique<RunServices>(
        io_, *config_, profile_, exchange_, *host_, *bot_,
        RunServices::Hooks{[this] { end_(Ending::restart); }, [this] { end_(Ending::stop); }});
  }

  ~Session() {
    // The services (they read the bot), the bot (it stops the connection and flushes the store),
    // then what it used.
    services_.reset();
    bot_.reset();
    client_.reset();
    host_.reset();
  }

  void start() {
    services_->start();
    std::string time_frames;
    for (const auto time_frame : bot_->time_frames()) {
      time_frames += (time_frames.empty() ? "" : ", ") + std::string(commons::to_string(time_frame));
    }
    commons::log(LogLevel::info, kSource,
                 fmt::format("starting {} on {} {} ({}), {}; store {}", profile_.name, exchange_,
                             fmt::join(bot_->symbols(), ", "), time_frames,
                             profile_.trader_enabled ? "real trading" : "paper trading", store_file_.string()));
    if (!journal_note_.empty()) commons::log(LogLevel::info, kSource, journal_note_);
    if (loop_wait_ == channel::LoopWait::spin) {
      commons::log(LogLevel::info, kSource, "the bot loop spins (live_trading.bot_loop_wait): one core stays busy");
    }
    // An IP ban met by an earlier run: nothing is sent to the exchange before it ends (a request during
    // a ban makes Binance's next one longer), the web API answers meanwhile.
    const std::int64_t now_ms = wall_now_ms();
    if (const auto ban = exchanges::BanFile(ban_file_).active(exchange_, now_ms)) {
      const std::int64_t wait_ms = ban->until_ms - now_ms;
      commons::log(
          LogLevel::warning, kSource,
          fmt::format("{} banned this IP until {}{}: connecting in {} s, not before (remembered in {}; "
                      "SIGINT or SIGTERM stops)",
                      exchange_, format_utc(ban->until_ms), ban->reason.empty() ? "" : " (" + ban->reason + ")",
                      (wait_ms + 999) / 1000, ban_file_.string()));
      ban_wait_.emplace(io_, std::chrono::milliseconds(wait_ms));
      // Cancelled when the session stops; and a wait that ended in the same turn as a stop runs after
      // the session is gone (the next session's io.poll()): the token says so, `this` is not touched.
      ban_wait_->async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& error) {
        if (!error && !alive.expired()) connect();
      });
      return;
    }
    connect();
  }

  void stop() {
    if (ban_wait_) ban_wait_->cancel();
    if (bot_) bot_->stop();
  }

  [[nodiscard]] bot::LiveBotStats stats() const { return bot_->stats(); }
  [[nodiscard]] channel::LoopWait loop_wait() const noexcept { return loop_wait_; }

 private:
  // The key's permissions, then the bot: the first requests to the exchange.
  void connect() {
    if (credentials_->has(exchange_)) {
      // A bot never needs to withdraw: a key that can is refused before anything else happens.
      client_->key_permissions([this](exchanges::Outcome<exchanges::KeyPermissions> outcome) {
        if (const auto* error = std::get_if<exchanges::ClientError>(&outcome)) {
          return fail("checking the API key's permissions failed: " + error->message);
        }
        const auto& permissions = std::get<exchanges::KeyPermissions>(outcome);
        if (permissions.known && permissions.can_withdraw) {
          return fail("the API key of " + exchange_ +
                      " can withdraw funds: refused. Create a key without withdrawal rights "
                      "(`octobot config set-key " +
                      exchange_ + "`)");
        }
        if (permissions.known && !permissions.can_trade) {
          commons::log(LogLevel::warning, kSource,
                       "the API key of " + exchange_ + " has no spot trading right: real orders would be refused");
        }
        start_bot();
      });
    } else {
      start_bot();
    }
  }

  void start_bot() {
    bot_->start([this](std::optional<std::string> error) {
      if (error) return fail(*error);
      commons::log(LogLevel::info, kSource, "running: SIGTERM or SIGINT stops, SIGHUP restarts");
      services_->on_live();
    });
  }

  void fail(const std::string& reason) {
    commons::log(LogLevel::error, kSource, reason);
    // A start refused by an IP ban (the bot remembered it as the connection reported it) is not the end
    // of the run: a new session waits for the ban's end, then connects. The daemon comes back by itself
    // and sends nothing meanwhile. Any other failure ends the run, as does this one once the ban is over.
    if (exchanges::BanFile(ban_file_).active(exchange_, wall_now_ms())) {
      commons::log(LogLevel::warning, kSource, "restarting, to connect once " + exchange_ + "'s ban ends");
      end_(Ending::restart);
      return;
    }
    end_(Ending::failed);
  }

  boost::asio::io_context& io_;
  std::function<void(Ending)> end_;
  std::optional<commons::UserConfig> config_;
  commons::Profile profile_;
  std::string exchange_;
  std::filesystem::path store_file_;
  std::filesystem::path ban_file_;
  std::optional<boost::asio::steady_timer> ban_wait_;      // while a remembered ban lasts
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // expires with the session (ban_wait_'s handler)
  std::string journal_note_;                               // real trading: where the order journal is and how durable
  channel::LoopWait loop_wait_ = channel::LoopWait::sleep;
  std::unique_ptr<tentacles::TentacleHost> host_;
  tentacles::HostServices connector_services_;
  std::optional<exchanges::CredentialsService> credentials_;
  std::unique_ptr<exchanges::ConnectorClient> client_;
  std::unique_ptr<bot::LiveBot> bot_;
  std::unique_ptr<RunServices> services_;
};

int run(const GlobalOptions& global, const RunOptions& options) {
  boost::asio::io_context io;
  Ending ending = Ending::none;
  const auto end = [&](Ending why) {
    if (ending == Ending::none) ending = why;
    io.stop();
  };

  // Signals arrive on the bot loop, between two handlers: a stop never interrupts a callback.
  boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal = [&](const boost::system::error_code& error,
                                                                             int number) {
    if (error) return;
    if (number == SIGHUP) {
      commons::log(LogLevel::info, kSource, "SIGHUP: restarting (config.json and the profile are read again)");
      end(Ending::restart);
    } else {
      commons::log(LogLevel::info, kSource,
                   std::string(number == SIGINT ? "SIGINT" : "SIGTERM") + ": stopping gracefully");
      end(Ending::stop);
    }
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);
  std::optional<boost::asio::steady_timer> deadline;
  if (options.for_seconds > 0) {
    deadline.emplace(io, std::chrono::milliseconds(static_cast<std::int64_t>(options.for_seconds * 1000)));
    deadline->async_wait([&](const boost::system::error_code& error) {
      if (error) return;
      commons::log(LogLevel::info, kSource,
                   fmt::format("--for {} s elapsed: stopping gracefully", options.for_seconds));
      end(Ending::stop);
    });
  }

  for (unsigned session_number = 1;; ++session_number) {
    ending = Ending::none;
    {
      std::unique_ptr<Session> session;
      try {
        // --reset-paper applies to the first session; a SIGHUP restart continues the one before.
        session = std::make_unique<Session>(global, options, options.reset_paper && session_number == 1, io, end);
        session->start();
      } catch (const std::exception& e) {
        commons::log(LogLevel::error, kSource, e.what());
        return 1;
      }
      io.restart();
      channel::run_loop(io, session->loop_wait());
      session->stop();
      const bot::LiveBotStats stats = session->stats();
      commons::log(LogLevel::info, kSource,
                   fmt::format("stopped: {} live candles, {} strategy notes, {} orders ({} order updates), {} "
                               "tentacle errors",
                               stats.live_candles, stats.strategy_notes, stats.orders_created, stats.order_updates,
                               stats.tentacle_errors));
    }
    // Handlers of the old session still queued (channel deliveries, completions) find it gone and do nothing.
    io.restart();
    io.poll();
    if (ending == Ending::failed) return 1;
    if (ending != Ending::restart) return 0;
    commons::log(LogLevel::info, kSource, fmt::format("restart {}", session_number));
  }
}

}  // namespace

void register_run_command(CLI::App& app, const GlobalOptions& global, int& exit_status) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run the bot on live market data: the profile's evaluators, strategies and trading modes on the exchange's "
      "candles, paper trading by default (trader-simulator). SIGINT/SIGTERM stop it, SIGHUP restarts it.");
  command->add_option("--log-file", options->log_file, "Also write the log to this file (rotated at 10 MB, 5 kept)")
      ->type_name("FILE");
  command->add_option("--for", options->for_seconds, "Stop gracefully after this many seconds")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--history", options->history,
                   "Closed candles loaded per symbol and time frame to warm the evaluators up (default: 200)")
      ->type_name("N")
      ->check(CLI::Range(1, 1000));
  command->add_flag("--reset-paper", options->reset_paper,
                    "Paper trading: start from the profile's starting portfolio instead of continuing the "
                    "previous paper session (its portfolio and open orders)");
  command->callback([&app, &global, &exit_status, options] {
    // The daemon's log says what it does: info unless --log-level says otherwise.
    if (app.get_option("--log-level")->count() == 0) commons::set_log_level(LogLevel::info);
    std::optional<commons::RotatingLogFile> file;
    try {
      if (!options->log_file.empty()) file.emplace(options->log_file);
    } catch (const std::exception& e) {
      std::cerr << "octobot: run: " << e.what() << "\n";
      exit_status = 1;
      return;
    }
    {
      // The terminal and the file are written on the writer's thread: the bot loop never waits for
      // them (background_log_writer.hpp).
      commons::BackgroundLogWriter writer([&file](const commons::LogRecord& record) {
        // One write per line: std::cerr flushes after every insertion, so `<< line << "\n"` made two.
        std::string line = commons::format_log_line(record);
        line += '\n';
        std::cerr.write(line.data(), static_cast<std::streamsize>(line.size()));
        if (file) file->write(record);
      });
      commons::set_log_sink([&writer](const commons::LogRecord& record) { writer.write(record); });
      try {
        exit_status = run(global, *options);
      } catch (const std::exception& e) {
        commons::log(LogLevel::error, kSource, e.what());
        exit_status = 1;
      }
      commons::set_log_sink(nullptr);
    }  // the writer writes what is queued, then stops
  });
}

}  // namespace octobot::app
