#include <catch2/catch.hpp>
#include <octobot/backtesting/report/backtest_report.hpp>

#include "synthetic_run.hpp"

using namespace octobot::backtesting::report;

namespace {
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
// Every element opened is closed, in order (void and self-closed elements aside). Text is escaped, so
// every '<' starts a tag.
bool tags_balance(const std::string& html, std::string& problem) {
  std::vector<std::string> open;
  for (auto at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    const auto end = html.find('>', at);
    if (end == std::string::npos) return problem = "unterminated tag", false;
    const auto tag = html.substr(at + 1, end - at - 1);
    if (tag.starts_with('!') || tag.ends_with('/')) continue;
    const bool closing = tag.starts_with('/');
    const auto name = tag.substr(closing ? 1 : 0, tag.find_first_of(" \n", closing ? 1 : 0) - (closing ? 1 : 0));
    if (name == "meta") continue;
    if (!closing) {
      open.push_back(name);
    } else if (open.empty() || open.back() != name) {
      return problem = "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">", false;
    } else {
      open.pop_back();
    }
  }
  if (!open.empty()) return problem = "<" + open.back() + "> never closed", false;
  return true;
}

}  // namespace

TEST_CASE("the HTML report is one self-contained page with the charts", "[report][html]") {
  const auto html = render_html(make_report(testing::synthetic_run(500)));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, "<svg ") == 3);  // equity vs buy and hold, drawdown, one candle chart
  CHECK(count(html, "</svg>") == 3);
  std::string problem;
  CHECK_FALSE(tags_balance("<div><span></div>", problem));  // the checker itself can fail
  problem.clear();
  CHECK(tags_balance(html, problem));
  INFO(problem);
  CHECK(problem.empty());
  CHECK(html.find("class=\"candles\"") != std::string::npos);
  CHECK(html.find("class=\"marker buy\"") != std::string::npos);
  CHECK(html.find("class=\"marker sell\"") != std::string::npos);
  CHECK(html.find("Sharpe ratio") != std::string::npos);
  CHECK(html.find("buy and hold") != std::string::npos);
  // Nothing loaded from elsewhere.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("href=") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("nan") == std::string::npos);
}

TEST_CASE("text from the run is escaped in the HTML", "[report][html]") {
  auto run = testing::synthetic_run(200, "<script>alert(1)</script>/USDT");
  run.metadata.profile = "a & b \"quoted\"";
  const auto html = render_html(make_report(std::move(run)));
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;/USDT") != std::string::npos);
  CHECK(html.find("a &amp; b &quot;quoted&quot;") != std::string::npos);
}

TEST_CASE("40,000 candles make a small page", "[report][html]") {
  const auto report = make_report(testing::synthetic_run(40'000));
  REQUIRE(report.run.candles[0].candles.size() == 40'000);
  const auto html = render_html(report);
  CHECK(html.size() < 1'500'000);
  CHECK(html.find("40000 candles drawn as") != std::string::npos);
  // Each drawn candle body is one closed subpath ("...Z") inside the candle group.
  const auto begin = html.find("<g class=\"candles\">");
  const auto end = html.find("</g>", begin);
  REQUIRE(begin != std::string::npos);
  const auto bodies = count(html.substr(begin, end - begin), "Z");
  CHECK(bodies <= 1500);
  CHECK(bodies >= 1000);
}
