// octobot-tentacle-probe <tentacle-folder>
//
// Opens and initialises one tentacle library in this throw-away process, so that a library that
// crashes, aborts or hangs in its static constructors or init takes down only the probe. Prints
// exactly one JSON line last on stdout:
//   {"result":"ok"}   or   {"result":"error","stage":"<stage>","message":"<why>"}
// and exits 0. Any other ending (a signal, no line) tells the host the library is unsafe.
#include <octobot/commons/json_error.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/library.hpp>
#include <octobot/tentacles/metadata.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <iostream>

namespace {

void print_result(const char* result, const std::string& stage = {}, const std::string& message = {}) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("result");
  writer.String(result);
  if (!stage.empty()) {
    writer.Key("stage");
    writer.String(stage.c_str());
    writer.Key("message");
    writer.String(message.c_str());
  }
  writer.EndObject();
  // A newline first: a library may have printed a partial line before us.
  std::fflush(stdout);
  std::cout << "\n" << buffer.GetString() << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace octobot;
  if (argc != 2) {
    std::cerr << "usage: octobot-tentacle-probe <tentacle-folder>\n"
                 "Opens and initialises the tentacle's library in this process and reports the outcome as JSON.\n";
    return 2;
  }
  // The probe's own logs go to stderr, where the host keeps the tail to explain crashes.
  commons::set_log_level(commons::LogLevel::warning);
  const std::filesystem::path folder = argv[1];
  try {
    const auto metadata = tentacles::read_metadata(folder);
    const auto* library = metadata.library_for(tentacles::current_platform());
    if (library == nullptr) {
      print_result("error", "metadata", "no library for platform " + tentacles::current_platform());
      return 0;
    }
    tentacles::HostServices services;
    auto opened = tentacles::TentacleLibrary::open(folder / library->file, metadata);
    opened->init(services.host());
    opened->shutdown();
    print_result("ok");
  } catch (const tentacles::LoadError& e) {
    print_result("error", e.stage(), e.what());
  } catch (const commons::JsonError& e) {
    print_result("error", "metadata", e.what());
  } catch (const std::exception& e) {
    print_result("error", "probe", e.what());
  }
  return 0;
}
