// TLS for the fake Binance, made per test: a throwaway CA in a temporary folder, a server certificate
// it signs for 127.0.0.1 and localhost (what the tests connect to), and the fake's options serving
// it. `options_for` serves another certificate (e.g. one issued for another host name).
#pragma once

#include <octobot/testing/fake_binance.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "harness.hpp"
#include "temp_dir.hpp"
#include "test_certificates.hpp"

namespace octobot::binance::testing {

struct TlsFixture {
  octobot::testing::TempDir dir;
  octobot::testing::TestCertificateAuthority ca{dir.path()};
  octobot::testing::ServerCertificate loopback = ca.issue("loopback", {"127.0.0.1", "localhost"});

  [[nodiscard]] std::string ca_file() const { return ca.ca_file().string(); }

  // The harness's default options, served over TLS with `certificate` (default: the loopback one).
  [[nodiscard]] octobot::testing::FakeBinanceOptions options_for(
      const octobot::testing::ServerCertificate& certificate) const {
    auto options = Harness::default_options();
    options.tls_certificate_file = certificate.certificate_file;
    options.tls_private_key_file = certificate.private_key_file;
    return options;
  }
  [[nodiscard]] octobot::testing::FakeBinanceOptions options() const { return options_for(loopback); }
};

// True once `condition` holds (polled for up to 5 s): the fake counts a refused handshake on its own
// thread, after the client has already given up.
inline bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace octobot::binance::testing
