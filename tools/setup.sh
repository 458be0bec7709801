#!/usr/bin/env bash
# Installs exactly the Debian 12 packages OctoBot C++ needs to build, test and run.
# Idempotent: packages already present are left alone. Run as root (or through sudo).
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config git
  # libraries (all found with find_package)
  libboost-dev            # Boost 1.74 headers: DLL, Asio, Beast
  rapidjson-dev           # JSON parsing + JSON Schema validation
  libfmt-dev              # formatting
  libcurl4-openssl-dev    # HTTP client (exchange REST, package downloads)
  libssl-dev              # OpenSSL 3: sha256, HMAC, Ed25519
  libsqlite3-dev          # persistence, backtesting data files
  libcli11-dev            # command line parsing with per-command --help
  catch2                  # unit tests (v2.13)
  libarchive-dev          # tentacle packages: safe .zip / .tar.gz reading and writing
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
