// tentacle_runner <tentacles-root> <class> <probe>: loads a tentacles tree the way the host does
// (probe first), creates the TA evaluator <class> and feeds it a synthetic series candle by candle.
// Prints each note; exits 0 when the class loaded and produced at least one note in [-1, 1].
#include <octobot/abi.h>
#include <octobot/tentacles/tentacle_host.hpp>

#include <cmath>
#include <iostream>
#include <vector>

int main(int argc, char** argv) {
  using namespace octobot::tentacles;
  if (argc != 4) {
    std::cerr << "usage: tentacle_runner <tentacles-root> <class> <probe>\n";
    return 2;
  }
  HostOptions options;
  options.tentacles_root = argv[1];
  options.probe_executable = argv[3];
  TentacleHost host(options);
  const auto& report = host.load();
  std::cout << format_report_text(report);
  if (host.find_class(argv[2]) == nullptr) {
    std::cerr << "class " << argv[2] << " did not load\n";
    return 1;
  }
  auto instance = host.create(argv[2], {"simulated", "BTC/USDT", "1h"});
  std::vector<std::int64_t> times;
  std::vector<double> open, high, low, close, volume;
  int notes = 0;
  for (int i = 0; i < 40; ++i) {
    const double price = 100.0 + 10.0 * std::sin(i / 5.0);
    times.push_back(static_cast<std::int64_t>(i) * 3'600'000);
    open.push_back(price);
    high.push_back(price + 1);
    low.push_back(price - 1);
    close.push_back(price);
    volume.push_back(10);
    const ob_candles candles = {OB_HEADER_INIT(ob_candles),
                                "simulated",
                                "BTC/USDT",
                                "1h",
                                close.size(),
                                times.data(),
                                open.data(),
                                high.data(),
                                low.data(),
                                close.data(),
                                volume.data()};
    const auto result = instance->evaluate(candles);
    if (!result.ready) continue;
    ++notes;
    std::cout << "candle " << i << " note=" << result.note << " " << result.description << "\n";
  }
  std::cout << notes << " notes\n";
  return notes > 0 ? 0 : 1;
}
