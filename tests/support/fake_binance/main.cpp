// fake-binance: the fake exchange as a standalone program, for trying the connector by hand and for
// tools that need an exchange process. Prints one JSON line with its base URL, then serves until
// SIGINT/SIGTERM; its clock runs at --speed times real time from the first candle. Test controls:
// SIGUSR1 stops the clock for good and cancels every open order (what a user may do on the exchange
// while a bot is down: the bot's restart must find it), SIGHUP stops the clock for good and fills every
// open order at its limit price (a trade crossing it while a bot is down: deterministic, where a candle
// may or may not cross it), SIGALRM pauses the clock or resumes it and prints the state (so a test can
// look at the book while nothing can fill: kill a bot with its order resting), SIGUSR2 prints the
// state (print_state). --fill-share-of-order /
// --fill-share-of-volume cap what a candle fills of a resting order (partial fills). --tls-cert and
// --tls-key serve https:// and wss:// instead of http:// and ws:// (the printed URLs say which).
#include <octobot/testing/fake_binance.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {
volatile std::sig_atomic_t g_stop = 0;
volatile std::sig_atomic_t g_freeze = 0;  // SIGUSR1
volatile std::sig_atomic_t g_report = 0;  // SIGUSR2
volatile std::sig_atomic_t g_fill = 0;    // SIGHUP
volatile std::sig_atomic_t g_pause = 0;   // SIGALRM
void on_signal(int) { g_stop = 1; }
void on_usr1(int) { g_freeze = 1; }
void on_hup(int) { g_fill = 1; }
void on_alrm(int) { g_pause = 1; }
void on_usr2(int) { g_report = 1; }

// One JSON line: the clock, the orders (client id and status) and the balances of the given assets.
void print_state(const octobot::testing::FakeBinance& fake, const std::vector<std::string>& assets, bool frozen,
                 int cancelled, int filled = 0) {
  std::string orders, balances;
  for (const auto& state : fake.order_states()) orders += (orders.empty() ? "\"" : ",\"") + state + "\"";
  for (const auto& asset : assets) {
    balances += (balances.empty() ? "\"" : ",\"") + asset + "\":{\"free\":\"" + fake.free_balance(asset) +
                "\",\"locked\":\"" + fake.locked_balance(asset) + "\"}";
  }
  std::cout << "{\"state\":{\"now\":" << fake.now_ms() << ",\"frozen\":" << (frozen ? "true" : "false")
            << ",\"filled\":" << filled << ",\"cancelled\":" << cancelled
            << ",\"orders_created\":" << fake.orders_created() << ",\"orders\":[" << orders << "],\"balances\":{"
            << balances << "}}}" << std::endl;
}
// "STATUS:METHOD:PATH:COUNT[:SKIP[:BAN_S]]" (--fault). BAN_S: a 418's ban ends BAN_S seconds after the
// program started, on the system clock (Binance's own, which clients compare with theirs), not on the
// fake's accelerated market clock.
octobot::testing::Fault parse_fault(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t colon = text.find(':'); colon != std::string::npos; colon = text.find(':', from)) {
    parts.push_back(text.substr(from, colon - from));
    from = colon + 1;
  }
  parts.push_back(text.substr(from));
  octobot::testing::Fault fault;
  try {
    if (parts.size() < 4 || parts.size() > 6) throw std::invalid_argument("four to six fields");
    fault.http_status = std::stoi(parts[0]);
    fault.method = parts[1];
    fault.path = parts[2];
    fault.count = std::stoi(parts[3]);
    if (parts.size() >= 5) fault.skip = std::stoi(parts[4]);
    if (parts.size() == 6) {
      if (fault.http_status != 418) throw std::invalid_argument("BAN_S is for 418 only");
      const auto now = std::chrono::system_clock::now().time_since_epoch();
      fault.ban_until_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(now).count() + std::stoll(parts[5]) * 1000;
    }
  } catch (const std::exception&) {
    throw std::invalid_argument("--fault \"" + text +
                                "\": expected STATUS:METHOD:PATH:COUNT[:SKIP[:BAN_S]], e.g. "
                                "503:GET:/api/v3/account:20:1 or 418:GET::1:0:5");
  }
  return fault;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"A fake Binance spot REST API on 127.0.0.1, fed by a candle data file (tests and benchmarks only)"};
  std::string data_file;
  std::string symbol = "SOL/USDT";
  std::string time_frame = "1h";
  double speed = 60.0;
  octobot::testing::FakeBinanceOptions options;
  std::vector<std::string> balances = {"USDT=10000"};
  app.add_option("--data", data_file, "native data file (e.g. data/solusdt-1h-2024.sqlite)")->required();
  app.add_option("--symbol", symbol, "series to serve, BASE/QUOTE")->capture_default_str();
  app.add_option("--time-frame", time_frame, "its time frame")->capture_default_str();
  app.add_option("--speed", speed, "clock speed: simulated ms per real ms")->capture_default_str();
  app.add_option("--port", options.port, "port on 127.0.0.1 (0: any free port)")->capture_default_str();
  app.add_option("--api-key", options.api_key, "API key the fake accepts")->capture_default_str();
  std::string api_public_key_file;
  app.add_option("--api-public-key", api_public_key_file,
                 "an Ed25519 API key: its public key (PEM file); signatures are then verified with it, not HMAC")
      ->check(CLI::ExistingFile);
  app.add_option("--balance", balances, "ASSET=AMOUNT, repeatable")->capture_default_str();
  app.add_option("--weight-limit", options.weight_limit_1m, "request weight per minute")->capture_default_str();
  app.add_option("--fill-share-of-order", options.fill_share_of_order,
                 "liquidity: a candle fills at most this share (0-1] of a resting order's quantity (partial fills)");
  app.add_option("--fill-share-of-volume", options.fill_share_of_volume,
                 "liquidity: a candle fills at most this share (0-1] of its volume of a resting order");
  std::string tls_certificate;
  std::string tls_private_key;
  auto* tls_cert_option =
      app.add_option("--tls-cert", tls_certificate, "serve HTTPS and wss:// with this certificate chain (PEM file)");
  auto* tls_key_option =
      app.add_option("--tls-key", tls_private_key, "the certificate's private key (PEM file, unencrypted)");
  tls_cert_option->needs(tls_key_option);
  tls_key_option->needs(tls_cert_option);
  std::vector<std::string> faults;
  app.add_option("--fault", faults,
                 "STATUS:METHOD:PATH:COUNT[:SKIP[:BAN_S]], repeatable: after the first SKIP (default 0), COUNT "
                 "matching requests are answered STATUS (e.g. 503:GET:/api/v3/account:20:1); a 418's ban ends BAN_S "
                 "seconds after the start, system clock (e.g. 418:GET::1:0:5; an empty PATH matches any)");
  CLI11_PARSE(app, argc, argv);
  // The secret is never taken on the command line (it would show in `ps`): from the environment.
  if (const char* secret = std::getenv("FAKE_BINANCE_API_SECRET")) options.api_secret = secret;

  try {
    const auto slash = symbol.find('/');
    if (slash == std::string::npos) throw std::invalid_argument("--symbol must be BASE/QUOTE");
    octobot::testing::FakeMarket market;
    market.base = symbol.substr(0, slash);
    market.quote = symbol.substr(slash + 1);
    market.candles = octobot::testing::candles_from_data_file(data_file, symbol, time_frame);
    if (market.candles.size() < 2) throw std::invalid_argument("the series holds fewer than two candles");
    market.interval_ms = market.candles[1].open_time_ms - market.candles[0].open_time_ms;
    options.start_time_ms = market.candles.front().open_time_ms;
    options.clock_speed = speed;
    if (!api_public_key_file.empty()) {
      std::ifstream in(api_public_key_file);
      options.api_public_key_pem.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    options.tls_certificate_file = tls_certificate;
    options.tls_private_key_file = tls_private_key;
    octobot::testing::FakeBinance fake(options);
    fake.add_market(market);
    for (const auto& balance : balances) {
      const auto eq = balance.find('=');
      if (eq == std::string::npos) throw std::invalid_argument("--balance must be ASSET=AMOUNT");
      fake.set_balance(balance.substr(0, eq), balance.substr(eq + 1));
    }
    for (const auto& text : faults) fake.inject(parse_fault(text));
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::signal(SIGUSR1, on_usr1);
    std::signal(SIGUSR2, on_usr2);
    std::signal(SIGHUP, on_hup);
    std::signal(SIGALRM, on_alrm);
    std::vector<std::string> assets{market.base, market.quote};
    std::cout << "{\"base_url\":\"" << fake.base_url() << "\",\"ws_url\":\"" << fake.ws_url() << "\",\"ws_api_url\":\""
              << fake.ws_api_url() << "\",\"symbol\":\"" << market.base << market.quote
              << "\",\"candles\":" << market.candles.size() << "}" << std::endl;
    auto last = std::chrono::steady_clock::now();
    double carry = 0;
    bool frozen = false;
    bool paused = false;
    while (g_stop == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (g_freeze != 0 && !frozen) {
        frozen = true;
        print_state(fake, assets, frozen, fake.cancel_open_orders());
      }
      if (g_fill != 0) {
        g_fill = 0;
        frozen = true;
        print_state(fake, assets, frozen, 0, fake.fill_open_orders());
      }
      if (g_report != 0) {
        g_report = 0;
        print_state(fake, assets, frozen, 0);
      }
      if (g_pause != 0) {
        g_pause = 0;
        paused = !paused;
        print_state(fake, assets, frozen || paused, 0);
      }
      const auto now = std::chrono::steady_clock::now();
      if (frozen || paused) {
        last = now;  // resumed: the clock goes on from where it stopped
        continue;
      }
      carry += speed * static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(now - last).count()) /
               1000.0;
      last = now;
      const auto step = static_cast<std::int64_t>(carry);
      carry -= static_cast<double>(step);
      if (step > 0) fake.advance(step);
    }
  } catch (const std::exception& error) {
    std::cerr << "fake-binance: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
