#include "ca_file.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace octobot::binance {

namespace {

constexpr const char* kExpected = "expected a PEM file of CA certificates (-----BEGIN CERTIFICATE-----)";

}  // namespace

void check_ca_file(const std::string& path) {
  const std::string named = "ca_file \"" + path + "\"";
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw std::invalid_argument(named + " is a folder: " + kExpected);
  const std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    throw std::invalid_argument(named + " cannot be read (" + std::strerror(errno) + "): " + kExpected);
  }
  int certificates = 0;
  while (X509* certificate = PEM_read_X509(file.get(), nullptr, nullptr, nullptr)) {
    X509_free(certificate);
    ++certificates;
  }
  ERR_clear_error();  // the end of the file reads as an error: not one for the next TLS call to find
  if (certificates == 0) throw std::invalid_argument(named + " holds no certificate: " + kExpected);
}

}  // namespace octobot::binance
