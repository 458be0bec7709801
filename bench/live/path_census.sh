#!/usr/bin/env bash
# Instructions per candle on issue 8's in-process path, counted by callgrind: repeatable where the
# times of bench_live are not on a shared, noisy machine.
#
#   bench/live/path_census.sh [BENCH_LIVE [SAMPLES]]
#     BENCH_LIVE  the bench_live to count (default: build/release/bench/bench_live)
#     SAMPLES     samples per run (default 300, after max(20, SAMPLES / 10) warm-up ones)
#
# It runs `bench_live spin` under `valgrind --tool=callgrind --collect-atstart=no` with
# BENCH_LIVE_CENSUS=1: each thread on the path collects only over its part of a candle
# (socket_stamps.hpp): the reference client from the closed kline's bytes read to its order written;
# the bot's stream client from that read to the candle handed to the bot loop; the bot loop from the
# candle reaching it to the order's bytes written, without the other market events it handles
# meanwhile. Each thread's count is divided by its run's windows. Other threads (the fake exchange's,
# the driving main thread) never collect. One JSON object per figure.
#
# Besides instructions it counts, with callgrind's cache simulation (a 32 KiB L1 instruction cache,
# whatever the machine's), the instruction-cache lines each part misses per candle: the code the path
# touches. Time on this path follows that footprint more than the instruction count (docs/benchmarks.md).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="${1:-$root/build/release/bench/bench_live}"
samples="${2:-300}"

command -v valgrind > /dev/null || { echo "path_census.sh: valgrind is not installed (Debian package valgrind)" >&2; exit 1; }
[[ -x "$bench" ]] || { echo "path_census.sh: expected an executable bench_live, found '$bench'" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
BENCH_LIVE_CENSUS=1 BENCH_LIVE_COUNT="$samples" valgrind --tool=callgrind --cache-sim=yes --separate-threads=yes \
  --collect-atstart=no --callgrind-out-file="$work/cg.out" "$bench" spin > "$work/bench.json" 2> "$work/valgrind.log" ||
  { echo "path_census.sh: bench_live failed under callgrind; its output:" >&2; cat "$work/bench.json" "$work/valgrind.log" >&2; exit 1; }

windows_of() {  # a census figure a run reported
  sed -n "s/.*\"bench\":\"$1\",\"unit\":\"windows\",\"value\":\([0-9.]*\).*/\1/p" "$work/bench.json"
}
reference_windows="$(windows_of live.reference.census_windows)"
loop_windows="$(windows_of live.journal_process.spin.census_windows)"
read_windows="$(windows_of live.journal_process.spin.census_read_windows)"
for windows in "$reference_windows" "$loop_windows" "$read_windows"; do
  [[ -n "$windows" && "$windows" != 0 ]] ||
    { echo "path_census.sh: bench_live reported no census windows; its output:" >&2; cat "$work/bench.json" >&2; exit 1; }
done

declare -A count=([reference]=0 [loop]=0 [streams]=0 [other]=0)
declare -A misses=([reference]=0 [loop]=0 [streams]=0 [other]=0)
for file in "$work"/cg.out-*; do
  # The events line names the columns of the summary line: Ir ... I1mr ...
  read -r -a events <<< "$(sed -n 's/^events: *//p' "$file")"
  read -r -a summary <<< "$(sed -n 's/^summary: *//p' "$file")"
  total="${summary[0]:-0}"
  [[ "$total" == 0 ]] && continue
  missed=""
  for i in "${!events[@]}"; do [[ "${events[$i]}" == I1mr ]] && missed="${summary[$i]:-0}"; done
  [[ -n "$missed" ]] || { echo "path_census.sh: callgrind wrote no I1mr (instruction cache misses) in $file" >&2; exit 1; }
  if grep -q "ReferenceClient" "$file"; then role=reference
  elif grep -q "channel::run_loop" "$file"; then role=loop
  elif grep -q "StreamClient" "$file"; then role=streams
  else role=other
  fi
  count[$role]=$((count[$role] + total))
  misses[$role]=$((misses[$role] + missed))
done
if [[ "${count[other]}" != 0 ]]; then
  echo "path_census.sh: a thread that is not on the path collected ${count[other]} instructions" >&2
  exit 1
fi

report() { printf '{"bench":"%s","unit":"%s","value":%s}\n' "$1" "$2" "$3"; }
per() { awk -v n="$1" -v w="$2" 'BEGIN { printf "%.0f", n / w }'; }
# One figure per part of the path, the bot's total and its ratio to the reference, from the per-role
# totals in the associative array named $1: live.census.<part>.<what>_per_candle in <unit>.
report_per_candle() {
  local -n totals="$1"
  local what="$2" unit="$3" ratio_name="$4"
  local reference loop streams
  reference="$(per "${totals[reference]}" "$reference_windows")"
  loop="$(per "${totals[loop]}" "$loop_windows")"
  streams="$(per "${totals[streams]}" "$read_windows")"
  report "live.census.reference.${what}_per_candle" "$unit" "$reference"
  report "live.census.bot.stream.${what}_per_candle" "$unit" "$streams"
  report "live.census.bot.loop.${what}_per_candle" "$unit" "$loop"
  report "live.census.bot.${what}_per_candle" "$unit" "$((streams + loop))"
  report "live.census.bot.${ratio_name}" x "$(awk -v b="$((streams + loop))" -v r="$reference" 'BEGIN { printf "%.2f", b / r }')"
}
report_per_candle count instructions instructions vs_reference
report_per_candle misses icache_misses lines icache_vs_reference
report live.census.windows windows "$loop_windows"
