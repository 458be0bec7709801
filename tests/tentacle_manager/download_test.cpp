// Downloads over real HTTP on loopback: the file arrives intact; statuses, size caps, timeouts,
// refused connections and non-http schemes each give a clear error naming the URL.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/tentacle_manager/download.hpp>

#include <boost/asio/ip/tcp.hpp>

#include "loopback_http_server.hpp"
#include "temp_dir.hpp"

namespace {

using Catch::Matchers::Contains;
using namespace octobot::tentacle_manager;
using namespace std::chrono_literals;

std::string download_error(const std::string& url, const std::filesystem::path& to, const DownloadLimits& limits) {
  try {
    download_file(url, to, limits);
  } catch (const DownloadError& e) {
    return e.what();
  }
  return "downloaded";
}

}  // namespace

TEST_CASE("a file downloads intact, redirects included", "[download]") {
  octobot::testing::TempDir dir;
  std::string content(300000, '\0');
  for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 7 + i / 13);
  dir.write("site/pkg.tar.gz", content);
  octobot::testing::LoopbackHttpServer server(dir / "site");
  download_file(server.url("pkg.tar.gz"), dir / "a", {});
  CHECK(octobot::commons::read_text_file(dir / "a") == content);
  download_file(server.url("redirect/pkg.tar.gz"), dir / "b", {});
  CHECK(octobot::commons::read_text_file(dir / "b") == content);
  download_file(server.url("chunked/pkg.tar.gz"), dir / "c", {});
  CHECK(octobot::commons::read_text_file(dir / "c") == content);
  CHECK(server.requests_served() == 4);
}

TEST_CASE("download failures say what happened", "[download]") {
  octobot::testing::TempDir dir;
  dir.write("site/big.bin", std::string(2 << 20, 'x'));
  octobot::testing::LoopbackHttpServer server(dir / "site");
  DownloadLimits limits;
  limits.max_bytes = 1 << 20;
  limits.timeout = 500ms;

  CHECK_THAT(download_error(server.url("missing.tar.gz"), dir / "o", limits), Contains("HTTP 404 Not Found"));
  CHECK_THAT(download_error(server.url("status/500"), dir / "o", limits), Contains("HTTP 500"));
  // Content-Length announces the size: refused before the body.
  CHECK_THAT(download_error(server.url("big.bin"), dir / "o", limits),
             Contains("larger than the 1 MiB download limit"));
  // No length up front: refused while streaming.
  CHECK_THAT(download_error(server.url("chunked/big.bin"), dir / "o", limits),
             Contains("larger than the 1 MiB download limit"));
  const auto slow = download_error(server.url("slow/1500/big.bin"), dir / "o", limits);
  CHECK_THAT(slow, Contains("timed out after 0.5 s"));
  CHECK_THAT(slow, Contains(server.url("slow/1500/big.bin")));

  CHECK_THAT(download_error("file:///etc/passwd", dir / "o", limits), Contains("not an http:// or https:// URL"));
  CHECK_FALSE(is_url("ftp://example.com/x"));
  CHECK(is_url("HTTPS://example.com/x"));
}

TEST_CASE("a closed port is a clear connection error", "[download]") {
  octobot::testing::TempDir dir;
  // Bind then close a socket: nobody listens on that port any more.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  acceptor.close();
  const auto message = download_error("http://127.0.0.1:" + std::to_string(port) + "/x.tar.gz", dir / "o", {});
  CHECK_THAT(message, Contains("download failed (curl: "));
  CHECK_THAT(message, Contains(std::to_string(port)));
}
