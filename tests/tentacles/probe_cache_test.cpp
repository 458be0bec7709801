#include <catch2/catch.hpp>
#include <octobot/tentacles/probe.hpp>

#include "temp_dir.hpp"

using namespace octobot::tentacles;

TEST_CASE("the probe cache keys on size, mtime and sha256 and survives a restart", "[probe]") {
  octobot::testing::TempDir dir;
  const auto library = dir.write("lib.so", "version one");
  const auto identity = identify_file(library);
  CHECK(identity.size == 11);
  CHECK(identity.sha256.size() == 64);

  const auto cache_file = dir / "cache/probe-cache.json";
  {
    ProbeCache cache(cache_file);
    CHECK_FALSE(cache.lookup(library, identity));
    cache.store(library, identity, {ProbeOutcome::Kind::crashed, "", "crashed with SIGSEGV"});
    CHECK_FALSE(cache.save());
  }
  ProbeCache reloaded(cache_file);
  const auto hit = reloaded.lookup(library, identity);
  REQUIRE(hit);
  CHECK(hit->kind == ProbeOutcome::Kind::crashed);
  CHECK(hit->reason == "crashed with SIGSEGV");

  dir.write("lib.so", "version two");  // same size, new content: a different build
  const auto changed = identify_file(library);
  CHECK_FALSE(reloaded.lookup(library, changed));
}

TEST_CASE("plain probe failures are not cached and a corrupt cache is an empty cache", "[probe]") {
  octobot::testing::TempDir dir;
  const auto library = dir.write("lib.so", "x");
  const auto identity = identify_file(library);
  ProbeCache cache(dir / "cache.json");
  cache.store(library, identity, {ProbeOutcome::Kind::failed, "init", "needs a key"});
  CHECK_FALSE(cache.lookup(library, identity));

  dir.write("corrupt.json", "{ not json");
  ProbeCache corrupt(dir / "corrupt.json");
  CHECK_FALSE(corrupt.lookup(library, identity));
}

TEST_CASE("a probe program that cannot be started is a failure, not a quarantine", "[probe]") {
  octobot::testing::TempDir dir;
  const auto outcome = run_probe(dir / "no-such-probe", dir.path(), std::chrono::milliseconds(1000));
  CHECK(outcome.kind == ProbeOutcome::Kind::failed);
  CHECK_THAT(outcome.reason, Catch::Contains("cannot start the probe process"));
  CHECK_FALSE(outcome.quarantines());
}
