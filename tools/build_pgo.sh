#!/usr/bin/env bash
# A release build optimised with the profile of a training run: GCC's profile-guided optimisation
# (cmake/OctobotPgo.cmake). The build for running the bot on an exchange: the live path from a
# WebSocket frame to the order's bytes runs ~7% fewer instructions, and its median time was 6-11%
# lower than the plain release build's in alternated runs (docs/benchmarks.md, "A build optimised with
# a profile").
#
#   tools/build_pgo.sh [BUILD_DIR]      (default: build/pgo; after tools/setup.sh)
#
# 1. Builds the programs, the bundled tentacles and the benchmarks with counters (OCTOBOT_PGO=generate).
# 2. Trains them on what the bot does: the README's backtest (the default profile on the bundled data)
#    and `bench_live spin` (real trading against the fake Binance on loopback: the connector's streams,
#    the evaluators, the strategy, the trading mode, the order gateway and its journal, the signed
#    order request), in a temporary user folder.
# 3. Rebuilds the same tree with the counts (OCTOBOT_PGO=use).
# 4. Checks the optimised `octobot backtest` prints the same result as the trained one (the summary
#    without its timing and report lines), and fails with the difference if not.
# The programs are then in BUILD_DIR/bin, the tentacles in BUILD_DIR/share/octobot/tentacles, as in
# build/release. Without tests (`cmake --workflow --preset test` builds and runs them) and without
# ccache: ccache keys on paths relative to the project, and counted objects write their counts to the
# absolute path they were built at.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/pgo}"
mkdir -p "$build"
build="$(cd "$build" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step() { printf '\nbuild_pgo: %s\n' "$*"; }

build_phase() {  # configure and build BUILD_DIR for phase $1 (generate or use)
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOCTOBOT_BUILD_TESTS=OFF \
    -DOCTOBOT_USE_CCACHE=OFF -DOCTOBOT_PGO="$1"
  # The programs, the bundled tentacles and profiles, and the training's bench (Ninja's per-folder targets).
  cmake --build "$build" --target tools/all tentacles/all profiles/all bench_live
}

# The summary a backtest printed, without what changes from one run to the next (its speed, the
# report's folder).
backtest_result() {  # $1: a user folder of its own; prints to stdout
  "$build/bin/octobot" --user-dir "$1" backtest | grep -v -e '^Replayed ' -e '^Report: '
}

step "1/4 building with counters (OCTOBOT_PGO=generate) in $build"
build_phase generate

step "2/4 training: the default profile's backtest, then bench_live spin"
find "$build" -name '*.gcda' -delete  # a previous training's counts would add up with this one's
backtest_result "$work/user-generate" > "$work/backtest-generate.txt"
BENCH_LIVE_COUNT="${OCTOBOT_PGO_LIVE_SAMPLES:-1000}" "$build/bench/bench_live" spin > "$work/bench_live.json"
counts="$(find "$build" -name '*.gcda' | wc -l)"
if [[ "$counts" == 0 ]]; then
  echo "build_pgo: the training wrote no counts (.gcda files) under $build; expected one per object it ran" >&2
  exit 1
fi
echo "build_pgo: $counts object files counted"

step "3/4 rebuilding with the counts (OCTOBOT_PGO=use)"
build_phase use

step "4/4 checking the optimised backtest prints the trained one's result"
backtest_result "$work/user-use" > "$work/backtest-use.txt"
if ! diff -u "$work/backtest-generate.txt" "$work/backtest-use.txt"; then
  echo "build_pgo: the optimised octobot backtest printed a different result (above: - trained, + optimised); expected the same" >&2
  exit 1
fi
echo "build_pgo: done: $build/bin/octobot (same backtest result as the trained build)"
