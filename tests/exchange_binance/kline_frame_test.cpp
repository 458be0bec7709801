// The direct kline read (octobot_binance/kline_frame.hpp) against the JSON document path it stands in
// for: the same StreamClient fed the same frames, once with StreamConfig::read_klines_directly and once
// without, must deliver the same events and count the same errors. Frames: Binance's documented one,
// a corpus of edge cases, and 20,000 seeded single-byte mutations of a kline frame.
#include <octobot_binance/kline_frame.hpp>
#include <octobot_binance/stream_client.hpp>
#include <random>
#include <string>
#include <vector>

#include "stream_recorder.hpp"

namespace {

using octobot::binance::KlineEvent;
using octobot::binance::read_kline_frame;
using octobot::binance::StreamClient;
using octobot::binance::StreamConfig;
using octobot::binance::StreamStats;
using octobot::binance::testing::Recorder;

// Binance's documented <symbol>@kline_<interval> payload, in a combined stream's envelope.
const std::string kDocumented =
    R"({"stream":"bnbbtc@kline_1m","data":{"e":"kline","E":1672515782136,"s":"BNBBTC","k":{"t":1672515780000,)"
    R"("T":1672515839999,"s":"BNBBTC","i":"1m","f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025",)"
    R"("l":"0.0015","v":"1000","n":100,"x":false,"q":"1.0000","V":"500","Q":"0.500","B":"123456"}}})";

struct Outcome {
  std::vector<KlineEvent> klines;
  StreamStats stats;
};

// Frames fed to one client that never connects (nothing reaches a network: no closed candle jumps
// ahead of another, so no gap is fetched).
Outcome feed(bool direct, const std::vector<std::string>& frames) {
  Recorder recorder;
  StreamConfig config;
  config.ws_base_url = "ws://127.0.0.1:1";
  config.rest.base_url = "http://127.0.0.1:1";
  config.streams = {"bnbbtc@kline_1m"};
  config.read_klines_directly = direct;
  recorder.wire(config);
  StreamClient client(config);
  for (const auto& frame : frames) client.handle_frame(frame);
  const std::lock_guard lock(recorder.mutex);
  return {recorder.klines, client.stats()};
}

bool same(const KlineEvent& a, const KlineEvent& b) {
  return a.symbol == b.symbol && a.interval == b.interval && a.closed == b.closed && a.from_rest == b.from_rest &&
         a.event_time_ms == b.event_time_ms && a.kline.open_time_ms == b.kline.open_time_ms &&
         a.kline.close_time_ms == b.kline.close_time_ms && a.kline.open == b.kline.open &&
         a.kline.high == b.kline.high && a.kline.low == b.kline.low && a.kline.close == b.kline.close &&
         a.kline.volume == b.kline.volume && a.kline.quote_volume == b.kline.quote_volume &&
         a.kline.trades == b.kline.trades;
}

// Both paths on `frames`; returns how many frames the direct path read.
std::int64_t check_same_outcome(const std::vector<std::string>& frames) {
  const Outcome document = feed(false, frames);
  const Outcome direct = feed(true, frames);
  CHECK(document.stats.klines_read_directly == 0);
  CHECK(direct.stats.messages == document.stats.messages);
  CHECK(direct.stats.parse_errors == document.stats.parse_errors);
  CHECK(direct.stats.duplicates_dropped == document.stats.duplicates_dropped);
  REQUIRE(direct.klines.size() == document.klines.size());
  for (std::size_t i = 0; i < direct.klines.size(); ++i) {
    INFO("event " << i);
    CHECK(same(direct.klines[i], document.klines[i]));
  }
  return direct.stats.klines_read_directly;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("kline frame: Binance's documented frame is read directly, field for field") {
  const auto event = read_kline_frame(kDocumented);
  REQUIRE(event);
  CHECK(event->symbol == "BNBBTC");
  CHECK(event->event_time_ms == 1672515782136);
  CHECK(event->interval == "1m");
  CHECK_FALSE(event->closed);
  CHECK_FALSE(event->from_rest);
  CHECK(event->kline.open_time_ms == 1672515780000);
  CHECK(event->kline.close_time_ms == 1672515839999);
  CHECK(event->kline.open == "0.0010");
  CHECK(event->kline.high == "0.0025");
  CHECK(event->kline.low == "0.0015");
  CHECK(event->kline.close == "0.0020");
  CHECK(event->kline.volume == "1000");
  CHECK(event->kline.quote_volume == "1.0000");
  CHECK(event->kline.trades == 100);
  CHECK(check_same_outcome({kDocumented}) == 1);
}

TEST_CASE("kline frame: the direct read and the document agree on edge cases, and it declines what it is unsure of") {
  const std::string closed = replaced(kDocumented, R"("x":false)", R"("x":true)");
  const std::string raw =
      kDocumented.substr(kDocumented.find(R"({"e")"), kDocumented.size() - 1 - kDocumented.find(R"({"e")"));
  // Read directly: the same event as the document gives.
  const std::vector<std::string> direct = {
      kDocumented,
      closed,
      raw,                                                                                  // a raw stream's frame
      " \n" + replaced(kDocumented, R"("e":"kline",)", "\t\"e\" : \"kline\" ,\r\n") + " ",  // spaces
      replaced(kDocumented, R"("E":1672515782136)", R"("E":"1672515782136")"),              // an integer as text
      replaced(kDocumented, R"("o":"0.0010")", R"("o":0.0010)"),                            // a price as a number
      replaced(kDocumented, R"("o":"0.0010")", R"("o":1.5e-3)"),                            // ... with an exponent
      replaced(kDocumented, R"("s":"BNBBTC","k")", R"("s":null,"k")"),                      // null text: ""
      replaced(kDocumented, R"("n":100,)", R"("n":100,"n":7,"o":"9",)"),                    // equal keys: the first
      replaced(kDocumented, R"("B":"123456")", R"("B":"123456","z":[1,{"a":[true,null,-2.5E+3]},"A"],"y":{})"),
      replaced(kDocumented, R"("s":"BNBBTC","i")", "\"s\":\"BNB\xC3\xA9\",\"i\""),  // UTF-8 bytes
      replaced(kDocumented, R"("stream":"bnbbtc@kline_1m")", R"("stream":null)"),
      replaced(kDocumented, R"("n":100)", R"("n":-0)"),
  };
  for (const auto& frame : direct) {
    INFO(frame);
    CHECK(read_kline_frame(frame).has_value());
    CHECK(check_same_outcome({frame}) == 1);
  }
  // Declined: the document path reads them (or refuses them) as it always did.
  const std::vector<std::string> declined = {
      "not json",
      "",
      kDocumented + "x",                                                         // trailing text
      kDocumented.substr(0, kDocumented.size() - 1),                             // cut short
      replaced(kDocumented, R"("s":"BNBBTC","i")", R"("s":"BNB\u0042TC","i")"),  // an escape
      replaced(kDocumented, R"("i":"1m")", "\"i\":\"1\x01m\""),                  // a control character
      replaced(kDocumented, R"("x":false)", R"("x":"false")"),                   // not a boolean
      replaced(kDocumented, R"("E":1672515782136)", R"("E":1.5)"),               // not an integer
      replaced(kDocumented, R"("E":1672515782136)", R"("E":null)"),
      replaced(kDocumented, R"("E":1672515782136)", R"("E":"+5")"),
      replaced(kDocumented, R"("E":1672515782136)", R"("E":01)"),  // not a JSON number
      replaced(kDocumented, R"("o":"0.0010")", R"("o":true)"),
      replaced(kDocumented, R"("o":"0.0010")", R"("o":{})"),
      replaced(kDocumented, R"("e":"kline")", R"("e":"24hrTicker")"),
      replaced(kDocumented, R"("stream":"bnbbtc@kline_1m")", R"("stream":{})"),
      replaced(kDocumented, R"(,"x":false)", ""),  // a field missing
      R"({"stream":"bnbbtc@kline_1m","data":[]})",
      R"({"id":"1","status":200,"result":{"e":"kline"}})",  // a WS API answer
      R"({"subscriptionId":0,"event":{"e":"kline"}})",
      std::string(kDocumented).insert(20, 1, '\0'),  // a NUL byte
  };
  for (const auto& frame : declined) {
    INFO(frame);
    CHECK_FALSE(read_kline_frame(frame).has_value());
    CHECK(check_same_outcome({frame}) == 0);
  }
}

TEST_CASE("kline frame: the direct read and the document agree on 20,000 mutated frames") {
  // Single-byte deletions, insertions and replacements of a candle in progress, with the characters
  // that matter to JSON and to numbers. Never a closed candle (no mutation of "false" reads "true"),
  // so no gap fill is attempted and every frame's event is delivered.
  const std::string alphabet = "\"\\{}[]:,.-+eE0123456789 \ttrufalsn\x01\x7f\xC3";
  std::mt19937 random(20261201);
  std::vector<std::string> frames;
  frames.reserve(20'000);
  for (int i = 0; i < 20'000; ++i) {
    std::string frame = kDocumented;
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, frame.size() - 1)(random);
    const char c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(random)];
    switch (i % 3) {
      case 0:
        frame.erase(at, 1);
        break;
      case 1:
        frame.insert(at, 1, c);
        break;
      default:
        frame[at] = c;
        break;
    }
    frames.push_back(std::move(frame));
  }
  const std::int64_t direct = check_same_outcome(frames);
  // Most mutations land in a value or a key the event does not use: those frames are still read directly.
  CHECK(direct > 2'000);
  CHECK(direct < 20'000);
}
