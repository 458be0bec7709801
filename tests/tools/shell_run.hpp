// Runs a shell command line the way a user types it and returns its exit status and output (stdout
// and stderr together when the command says `2>&1`).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace octobot::testing {

struct ShellRun {
  int status;  // the exit status, -1 when killed by a signal
  std::string output;
};

inline ShellRun shell_run(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
  std::string output;
  std::array<char, 4096> buffer{};
  while (const std::size_t count = std::fread(buffer.data(), 1, buffer.size(), pipe))
    output.append(buffer.data(), count);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace octobot::testing
