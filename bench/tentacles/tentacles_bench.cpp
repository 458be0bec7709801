// Tentacle host benchmarks, printed as one JSON object per figure:
//  - discovery + metadata.json schema validation of a generated tree of 1,000 tentacle folders,
//    next to a bare walk-and-read of the same files (the floor any host pays), and their ratio;
//  - loading 100 real libraries: cold (each one probed in a child process), warm (probe cache
//    hit: sha256 + dlopen + init) and trusted (no probe at all, the reference).
#include <octobot/commons/files.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/tentacles/discovery.hpp>
#include <octobot/tentacles/metadata.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_report.hpp"

namespace fs = std::filesystem;
using octobot::bench::report;
using octobot::bench::Stopwatch;

namespace {

constexpr int kFolders = 1000;
constexpr int kLibraries = 100;

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "octobot-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// 10 types x 10 sub-types x 10 tentacles, the shape of a real tree.
void generate_tree(const fs::path& root) {
  for (int i = 0; i < kFolders; ++i) {
    const fs::path folder = root / ("Type" + std::to_string(i / 100)) / ("Sub" + std::to_string(i / 10 % 10)) /
                            ("tentacle_" + std::to_string(i));
    fs::create_directories(folder / "config");
    std::ofstream(folder / "metadata.json")
        << R"({"version": "1.)" << i << R"(.0", "origin_package": "Bench", "tentacles": ["Bench)" << i
        << R"(Evaluator", "Bench)" << i
        << R"(Helper"], "tentacles-requirements": ["tentacle_0"], "abi_version": "1.0",)"
        << R"( "libraries": {"linux-x86_64": {"file": "libtentacle_)" << i << R"(.so", "sha256": ")"
        << std::string(64, 'a') << R"("}}})";
    std::ofstream(folder / "config" / ("Bench" + std::to_string(i) + "Evaluator.json")) << R"({"period": 14})";
  }
}

// The floor: walk three levels and read every metadata.json, no parsing.
std::size_t bare_walk_and_read(const fs::path& root) {
  std::size_t bytes = 0;
  for (const auto& type : fs::directory_iterator(root)) {
    for (const auto& sub : fs::directory_iterator(type.path())) {
      for (const auto& tentacle : fs::directory_iterator(sub.path())) {
        bytes += octobot::commons::read_text_file(tentacle.path() / "metadata.json").size();
      }
    }
  }
  return bytes;
}

std::size_t discover_and_validate(const fs::path& root) {
  std::size_t classes = 0;
  for (const auto& folder : octobot::tentacles::discover_tentacle_folders(root).tentacles) {
    classes += octobot::tentacles::read_metadata(folder).classes.size();
  }
  return classes;
}

template <typename Work>
double best_rate(int items, int rounds, Work&& work) {
  double best = 0;
  for (int round = 0; round < rounds; ++round) {
    Stopwatch watch;
    octobot::bench::do_not_optimize(work());
    best = std::max(best, items / watch.seconds());
  }
  return best;
}

void bench_discovery() {
  const fs::path root = make_temp_dir();
  generate_tree(root);
  const double bare = best_rate(kFolders, 5, [&] { return bare_walk_and_read(root); });
  const double host = best_rate(kFolders, 5, [&] { return discover_and_validate(root); });
  report("tentacles.discovery.bare_walk_read_1000", "folders/s", bare);
  report("tentacles.discovery.validate_1000", "folders/s", host);
  report("tentacles.discovery.validate_vs_bare", "ratio", bare / host);
  fs::remove_all(root);
}

double load_seconds(octobot::tentacles::HostOptions options) {
  octobot::tentacles::TentacleHost host(std::move(options));
  Stopwatch watch;
  const auto& result = host.load();
  const double seconds = watch.seconds();
  if (result.count(octobot::tentacles::TentacleState::loaded) != kLibraries) {
    throw std::runtime_error("expected " + std::to_string(kLibraries) + " libraries to load");
  }
  return seconds;
}

void bench_loading() {
  const fs::path cache_dir = make_temp_dir();
  octobot::tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_BENCH_TREE;
  options.probe_executable = OCTOBOT_BENCH_PROBE;
  double cold = 1e9;
  double warm = 1e9;
  for (int round = 0; round < 3; ++round) {
    options.probe_cache_file = cache_dir / ("cache" + std::to_string(round) + ".json");
    cold = std::min(cold, load_seconds(options));  // empty cache: every library is probed
    warm = std::min(warm, load_seconds(options));  // same cache: every probe result is reused
  }
  options.probe = false;
  double trusted = 1e9;
  for (int round = 0; round < 3; ++round) trusted = std::min(trusted, load_seconds(options));
  report("tentacles.load100.cold_probe", "ms", cold * 1000);
  report("tentacles.load100.warm_cache", "ms", warm * 1000);
  report("tentacles.load100.no_probe_reference", "ms", trusted * 1000);
  report("tentacles.load100.cold_per_library", "ms", cold * 1000 / kLibraries);
  report("tentacles.load100.warm_per_library", "ms", warm * 1000 / kLibraries);
  report("tentacles.load100.warm_vs_no_probe", "ratio", warm / trusted);
  fs::remove_all(cache_dir);
}

}  // namespace

int main() {
  octobot::commons::set_log_level(octobot::commons::LogLevel::error);
  bench_discovery();
  bench_loading();
  return 0;
}
