// `octobot config show|get|set|unset|set-key|encrypt`: the installation's config.json
// (commons/user_config.hpp). Credentials are only ever written encrypted and only ever shown
// redacted; set-key reads them with the terminal's echo off, or one per line from a pipe; a secret that
// is a PEM private key (Binance's Ed25519 keys) is read up to its END line, or taken from a file.
#include <octobot/commons/user_config.hpp>

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>

#include "app_paths.hpp"
#include "commands.hpp"
#include "pem_private_key.hpp"

namespace octobot::app {
namespace {

struct ConfigOptions {
  std::string path;
  std::string value;
  std::string exchange;
  std::string secret_file;
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

// Overwrites a buffer that held secret text before it is released (the stores cannot be dropped).
void wipe(std::string& text) noexcept {
  volatile char* bytes = text.data();
  for (std::size_t i = 0; i < text.size(); ++i) bytes[i] = '\0';
  text.clear();
}

// One line; or, when it opens a PEM block ("-----BEGIN PRIVATE KEY-----", an Ed25519 API key's
// private key), the lines up to and including its END line, each ended by '\n' as in the key's file.
commons::Secret read_secret_line(const std::string& prompt) {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  if (terminal) std::cerr << prompt << ": " << std::flush;
  std::string text;
  std::string line;
  line.reserve(256);  // a pasted line's characters stay in this buffer, wiped below
  bool complete = false;
  {
    const EchoOff echo_off;
    if (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      text = line;
      complete = !text.starts_with("-----BEGIN ");
      if (!complete) text.reserve(4096);  // grown in place: no copy of the key left behind (an RSA PEM is ~1.7 kB)
      while (!complete && std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        text += '\n';
        text += line;
        complete = line.starts_with("-----END ");
      }
      if (complete && text.starts_with("-----BEGIN ")) text += '\n';
    }
  }
  wipe(line);
  if (terminal) std::cerr << "\n";
  if (!complete) {
    const bool pem = !text.empty();
    wipe(text);
    throw std::runtime_error(pem ? "expected " + prompt +
                                       " as a PEM block up to its -----END line, found the end of input"
                                 : "expected " + prompt + " on standard input, found the end of input");
  }
  return commons::Secret(std::move(text));
}

// The whole file: a PEM private key as saved by Binance's key generator or `openssl genpkey`, or a
// one-line secret (its line end dropped).
commons::Secret read_secret_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("--secret-file " + path + " cannot be read");
  // Sized once and read in place: no reallocation leaves a partial copy of the key in freed memory.
  std::string text(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0);
  if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) {
    wipe(text);
    throw std::runtime_error("--secret-file " + path + " cannot be read");
  }
  if (text.find("-----BEGIN ") == std::string::npos) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  }
  return commons::Secret(std::move(text));
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
      "the key, the secret (and the passphrase with --passphrase) one per line from standard input. A secret "
      "that is a PEM private key (an Ed25519 API key) is read up to its -----END line, or given with --secret-file");
  set_key->add_option("EXCHANGE", options->exchange, "Exchange name as in the profile, e.g. binance")->required();
  set_key->add_flag("--passphrase", options->passphrase, "The exchange also needs an API passphrase");
  set_key->add_option(
      "--secret-file", options->secret_file,
      "Read the API secret from this file (e.g. an Ed25519 private key, PEM) instead of standard input");
  set_key->callback([&global, options] {
    auto config = open_config(global);
    commons::ExchangeCredentials credentials;
    credentials.api_key = read_secret_line("API key");
    credentials.api_secret =
        options->secret_file.empty() ? read_secret_line("API secret") : read_secret_file(options->secret_file);
    if (options->passphrase) credentials.api_password = read_secret_line("API passphrase");
    if (credentials.api_key.empty() || credentials.api_secret.empty()) {
      throw std::runtime_error("expected a non-empty API key and secret, found an empty line");
    }
    // A PEM secret is read now: a paste cut short fails here, not when the bot connects.
    const bool pem = credentials.api_secret.reveal().find("-----BEGIN ") != std::string_view::npos;
    const std::string secret_kind = pem ? pem_private_key_kind(credentials.api_secret.reveal()) + " private key, PEM"
                                        : credentials.api_secret.redacted();
    config.set_credentials(options->exchange, credentials);
    std::cout << "stored the " << options->exchange << " API key (" << credentials.api_key.redacted()
              << ") and secret (" << secret_kind << "), encrypted, in " << config.file().string() << "\n";
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
