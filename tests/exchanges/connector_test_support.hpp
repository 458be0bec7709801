// What the ConnectorClient tests over TestExchange (test_connector/) share: the test tree's host,
// TestExchange's record of calls, the bot loop run until a condition, and a fixture holding the
// services and loop a client is created on.
#pragma once

#include <catch2/catch.hpp>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "temp_dir.hpp"

namespace octobot::exchanges::testing {

using Overrides = std::map<std::string, std::string, std::less<>>;

// The test tree's host, loaded once for the whole test program.
inline tentacles::TentacleHost& connector_test_host() {
  static tentacles::TentacleHost instance([] {
    tentacles::HostOptions options;
    options.tentacles_root = OCTOBOT_EXCHANGES_TEST_TREE;
    options.probe = false;
    return options;
  }());
  static const bool loaded = (instance.load(), true);
  (void)loaded;
  return instance;
}

// The lines of a file (TestExchange's record_file: one line per call, ending "thread=<id>").
inline std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline std::string thread_of(const std::string& line) { return line.substr(line.rfind("thread=") + 7); }

// The calling thread's id as TestExchange records it.
inline std::string this_thread_id() { return std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())); }

// Runs the loop until `done` or 5 s.
template <typename Predicate>
void run_until(boost::asio::io_context& io, Predicate done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
}

template <typename T>
const T& value(const Outcome<T>& outcome) {
  if (const auto* error = std::get_if<ClientError>(&outcome)) FAIL("request failed: " << error->message);
  return std::get<T>(outcome);
}

// A bot loop and the connector's services, `overrides` (plus a record_file) its config for `class_name`.
struct ConnectorFixture {
  octobot::testing::TempDir dir;
  std::filesystem::path record = dir / "calls.txt";
  boost::asio::io_context io;
  tentacles::HostServices services;
  std::string class_name;

  explicit ConnectorFixture(Overrides overrides = {}, std::string class_name_ = "TestExchange")
      : class_name(std::move(class_name_)) {
    overrides.emplace("record_file", "\"" + record.string() + "\"");
    services.set_config_overrides({{class_name, overrides}});
  }
  [[nodiscard]] std::unique_ptr<ConnectorClient> client() {
    return std::make_unique<ConnectorClient>(connector_test_host(), "testexchange", class_name,
                                             channel::make_executor(io), &services);
  }
};

}  // namespace octobot::exchanges::testing
