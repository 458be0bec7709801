// `octobot config show|get|set|unset|set-key|encrypt`: the installation's config.json
// (commons/user_config.hpp). Credentials are only ever written encrypted and only ever shown
// redacted; set-key reads them with the terminal's echo off, or one per line from a pipe.
#include <octobot/commons/user_config.hpp>

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include "app_paths.hpp"
#include "commands.hpp"

namespace octobot::app {
namespace {

struct ConfigOptions {
  std::string path;
  std::string value;
  std::string exchange;
  bool passphrase = false;
};

// Echo stays off while the line is read, and is restored even when reading fails.
class EchoOff {
 public:
  EchoOff() : active_(::isatty(STDIN_FILENO) == 1 && ::tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~EchoOff() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_;
};

commons::Secret read_secret_line(const std::string& prompt) {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  if (terminal) std::cerr << prompt << ": " << std::flush;
  std::string line;
  {
    const EchoOff echo_off;
    if (!std::getline(std::cin, line)) {
      throw std::runtime_error("expected " + prompt + " on standard input, found the end of input");
    }
  }
  if (terminal) std::cerr << "\n";
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return commons::Secret(std::move(line));
}

commons::UserConfig open_config(const GlobalOptions& global) {
  return commons::UserConfig::open(resolve_app_paths(global.tentacles_dir, global.user_dir).user_dir);
}

void warn_clear_credentials(const commons::UserConfig& config) {
  for (const auto& path : config.clear_credentials()) {
    std::cerr << "warning: " << path << " is stored in clear in " << config.file().string()
              << "; run `octobot config encrypt`\n";
  }
}

}  // namespace

void register_config_command(CLI::App& app, const GlobalOptions& global, int& exit_status) {
  auto* command = app.add_subcommand("config", "Show or change config.json (exchange keys, installation settings)");
  command->require_subcommand(1);
  auto options = std::make_shared<ConfigOptions>();

  command->add_subcommand("show", "Print config.json with every credential redacted")->callback([&global] {
    const auto config = open_config(global);
    std::cout << config.redacted_json();
    warn_clear_credentials(config);
  });

  auto* get = command->add_subcommand("get", "Print the JSON value at a dot path (credentials redacted)");
  get->add_option("PATH", options->path, "Dot path, e.g. exchanges.binance.enabled")->required();
  get->callback([&global, &exit_status, options] {
    const auto value = open_config(global).get(options->path);
    if (!value) {
      std::cerr << "octobot: config.json has no value at " << options->path << "\n";
      exit_status = 1;
      return;
    }
    std::cout << *value << "\n";
  });

  auto* set = command->add_subcommand(
      "set", "Set the value at a dot path (JSON, or text stored as a string); credential fields are encrypted");
  set->add_option("PATH", options->path, "Dot path, e.g. exchanges.binance.enabled")->required();
  set->add_option("VALUE", options->value, "true, 12, \"text\", {...} or plain text")->required();
  set->callback([&global, options] {
    auto config = open_config(global);
    config.set(options->path, options->value);
    std::cout << options->path << " = " << config.get(options->path).value_or("null") << "\n";
  });

  auto* unset = command->add_subcommand("unset", "Remove the value at a dot path");
  unset->add_option("PATH", options->path, "Dot path")->required();
  unset->callback([&global, &exit_status, options] {
    if (!open_config(global).remove(options->path)) {
      std::cerr << "octobot: config.json has no value at " << options->path << "\n";
      exit_status = 1;
    }
  });

  auto* set_key = command->add_subcommand(
      "set-key",
      "Store an exchange's API key and secret, encrypted. Prompts with echo off on a terminal; otherwise reads "
      "the key, the secret (and the passphrase with --passphrase) one per line from standard input");
  set_key->add_option("EXCHANGE", options->exchange, "Exchange name as in the profile, e.g. binance")->required();
  set_key->add_flag("--passphrase", options->passphrase, "The exchange also needs an API passphrase");
  set_key->callback([&global, options] {
    auto config = open_config(global);
    commons::ExchangeCredentials credentials;
    credentials.api_key = read_secret_line("API key");
    credentials.api_secret = read_secret_line("API secret");
    if (options->passphrase) credentials.api_password = read_secret_line("API passphrase");
    if (credentials.api_key.empty() || credentials.api_secret.empty()) {
      throw std::runtime_error("expected a non-empty API key and secret, found an empty line");
    }
    config.set_credentials(options->exchange, credentials);
    std::cout << "stored the " << options->exchange << " API key (" << credentials.api_key.redacted()
              << ") and secret (" << credentials.api_secret.redacted() << "), encrypted, in " << config.file().string()
              << "\n";
  });

  command->add_subcommand("encrypt", "Encrypt credentials stored in clear (e.g. an OctoBot config.json brought over)")
      ->callback([&global] {
        auto config = open_config(global);
        const auto paths = config.clear_credentials();
        config.encrypt_clear_credentials();
        std::cout << "encrypted " << paths.size() << " credential" << (paths.size() == 1 ? "" : "s") << " in "
                  << config.file().string() << "\n";
      });
}

}  // namespace octobot::app
