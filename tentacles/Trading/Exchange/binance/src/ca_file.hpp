// The extra CA bundle a user trusts besides the system's (the connector's `ca_file`: a TLS-inspecting
// proxy's CA, a test server's). Checked before any connection, so a wrong path fails with a message
// naming the file and what it must hold, rather than as a certificate error at the first handshake.
#pragma once

#include <string>

namespace octobot::binance {

// Throws std::invalid_argument unless `path` is a readable file holding at least one PEM certificate.
void check_ca_file(const std::string& path);

}  // namespace octobot::binance
