// A PEM secret checked when `octobot config set-key` stores it: a truncated or damaged paste, an
// encrypted key or a public key is refused there, not found hours later when the bot connects.
#pragma once

#include <string>
#include <string_view>

namespace octobot::app {

// The kind of private key `pem` holds ("Ed25519", "RSA", "EC", ...). Throws std::runtime_error saying
// what was expected and what was found; the message never holds the key's text. Never prompts: an
// encrypted key is refused (the bot has no one to ask for its passphrase).
[[nodiscard]] std::string pem_private_key_kind(std::string_view pem);

}  // namespace octobot::app
