#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacles/probe.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace octobot::tentacles {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_write() {
    ::close(write_end);
    write_end = -1;
  }
};

// Keeps the tail of a stream: enough to explain a crash, bounded so a chatty library can't grow us.
void append_bounded(std::string& out, const char* data, std::size_t size) {
  constexpr std::size_t kMax = 64 * 1024;
  out.append(data, size);
  if (out.size() > kMax) out.erase(0, out.size() - kMax);
}

std::string last_lines(const std::string& text, std::size_t count) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
  std::size_t start = end;
  for (std::size_t seen = 0; start > 0; --start) {
    if (text[start - 1] == '\n' && ++seen == count) break;
  }
  std::string tail = text.substr(start, end - start);
  for (char& c : tail) {
    if (c == '\n') c = '|';
  }
  return tail;
}

std::string signal_text(int signal_number) {
  const char* name = sigabbrev_np(signal_number);
  const char* description = strsignal(signal_number);
  return std::string("SIG") + (name != nullptr ? name : std::to_string(signal_number)) + " (" +
         (description != nullptr ? description : "unknown signal") + ")";
}

ProbeOutcome parse_result(const std::string& out, const std::string& err, int exit_code) {
  // The probe prints exactly one JSON line last; anything the library printed comes before it.
  const std::string line = last_lines(out, 1);
  ProbeOutcome outcome;
  try {
    const auto json = commons::parse_json(line, "probe output");
    if (json.IsObject() && json.HasMember("result") && json["result"].IsString()) {
      const std::string result = json["result"].GetString();
      if (result == "ok") {
        outcome.kind = ProbeOutcome::Kind::ok;
        return outcome;
      }
      outcome.kind = ProbeOutcome::Kind::failed;
      outcome.stage = json.HasMember("stage") && json["stage"].IsString() ? json["stage"].GetString() : "";
      outcome.reason = json.HasMember("message") && json["message"].IsString() ? json["message"].GetString() : "";
      return outcome;
    }
  } catch (const std::exception&) {
    // falls through: no result line means the probe died before finishing
  }
  outcome.kind = ProbeOutcome::Kind::crashed;
  outcome.reason = "probe exited with status " + std::to_string(exit_code) + " without a result";
  if (const auto tail = last_lines(err, 3); !tail.empty()) outcome.reason += "; stderr: " + tail;
  return outcome;
}

}  // namespace

ProbeOutcome run_probe(const std::filesystem::path& probe_executable, const std::filesystem::path& tentacle_folder,
                       std::chrono::milliseconds timeout) {
  Pipe out_pipe;
  Pipe err_pipe;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe.write_end, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe.write_end, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Own process group: a hung probe and anything it forked are killed together.
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);

  const std::string executable = probe_executable.string();
  const std::string folder = tentacle_folder.string();
  std::array<char*, 3> argv = {const_cast<char*>(executable.c_str()), const_cast<char*>(folder.c_str()), nullptr};
  pid_t pid = -1;
  const int spawn_error = posix_spawn(&pid, executable.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawn_error != 0) {
    return {ProbeOutcome::Kind::failed, "probe",
            "cannot start the probe process " + executable + ": " + std::strerror(spawn_error)};
  }
  out_pipe.close_write();
  err_pipe.close_write();

  std::string out;
  std::string err;
  bool timed_out = false;
  const auto deadline = Clock::now() + timeout;
  std::array<pollfd, 2> fds = {pollfd{out_pipe.read_end, POLLIN, 0}, pollfd{err_pipe.read_end, POLLIN, 0}};
  int open_streams = 2;
  std::array<char, 4096> buffer{};
  while (open_streams > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t count = ::read(fds[i].fd, buffer.data(), buffer.size());
      if (count > 0) {
        append_bounded(i == 0 ? out : err, buffer.data(), static_cast<std::size_t>(count));
      } else if (count == 0 || errno != EINTR) {
        fds[i].fd = -1;  // EOF: the stream is closed (the child may still be running)
        --open_streams;
      }
    }
  }
  // The streams may close before the process ends (a library can close its fds and then hang), so
  // the exit is awaited against the same deadline.
  int status = 0;
  while (!timed_out) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    if (Clock::now() >= deadline) {
      timed_out = true;
      break;
    }
    ::usleep(2000);
  }
  if (timed_out) {
    ::kill(-pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (timed_out) {
    return {ProbeOutcome::Kind::hung, "",
            "hung: the probe did not finish within " + std::to_string(timeout.count()) + " ms and was killed"};
  }
  if (WIFSIGNALED(status)) {
    ProbeOutcome outcome{ProbeOutcome::Kind::crashed, "", "crashed with " + signal_text(WTERMSIG(status))};
    if (const auto tail = last_lines(err, 2); !tail.empty()) outcome.reason += "; stderr: " + tail;
    return outcome;
  }
  return parse_result(out, err, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

}  // namespace octobot::tentacles
